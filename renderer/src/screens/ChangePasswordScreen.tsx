import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState, StaffView } from '../../../shared/ipc/schemas.js';
import { passwordFormProblems } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

interface Props {
  staff: StaffView;
  onChanged: (session: SessionState) => void;
  onSignOut: () => void;
}

/** A first (or reset) password is replaced before anything else; signing out is the only other way. */
export function ChangePasswordScreen({ staff, onChanged, onSignOut }: Props) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'session.changePassword',
      { current, next },
      {
        check: passwordFormProblems({ current, next }, next, repeat),
        shown: { current: 'current', next: 'next' },
        wording: { wrong_credentials: { key: 'errors.wrongCurrentPassword' } },
      },
    );
    if (result) onChanged(result);
  }

  return (
    <div className="screen">
      <section className="panel panel-wide" aria-labelledby="change-password-title">
        <h1 id="change-password-title">{t('changePassword.title')}</h1>
        <p>{t('changePassword.intro', { name: staff.name })}</p>
        <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label={t('fields.currentPassword')}
            type="password"
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
            autoFocus
            problem={refusal?.fields.current}
          />
          <NewPasswordFields
            kind="change"
            password={next}
            repeat={repeat}
            onPassword={setNext}
            onRepeat={setRepeat}
            problems={{ password: refusal?.fields.next, repeat: refusal?.fields.repeat }}
          />
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            <button type="button" onClick={onSignOut}>
              {t('session.signOut')}
            </button>
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('changePassword.submit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
