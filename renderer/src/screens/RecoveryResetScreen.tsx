import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/ipc/schemas.js';
import { passwordFormProblems } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

/** Every maintainer password lost: the recovery key of first setup sets a new one. */
export function RecoveryResetScreen({
  onSignedIn,
  onBack,
}: {
  onSignedIn: (session: SessionState) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'recovery.resetPassword',
      { recoveryKey, name, newPassword: password },
      {
        check: passwordFormProblems({ recoveryKey, name, password }, password, repeat),
        shown: { recoveryKey: 'recoveryKey', name: 'name', newPassword: 'password' },
      },
    );
    if (result) onSignedIn(result);
  }

  return (
    <div className="screen">
      <section className="panel panel-wide" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('recovery.title')}</h1>
        <p>{t('recovery.intro')}</p>
        <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label={t('fields.recoveryKey')}
            className="key-input key-input-full"
            value={recoveryKey}
            onChange={setRecoveryKey}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            autoFocus
            problem={refusal?.fields.recoveryKey}
          />
          <TextField
            label={t('fields.maintainerName')}
            value={name}
            onChange={setName}
            autoComplete="username"
            problem={refusal?.fields.name}
          />
          <NewPasswordFields
            kind="change"
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            problems={{ password: refusal?.fields.password, repeat: refusal?.fields.repeat }}
          />
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            <button type="button" onClick={onBack}>
              {t('recovery.back')}
            </button>
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('recovery.submit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
