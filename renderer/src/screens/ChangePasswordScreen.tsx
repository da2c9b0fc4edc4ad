import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState, StaffView } from '../../../shared/ipc/schemas.js';
import { missing, repeatProblem } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { localRefusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useCoreSubmit } from '../forms/use-core-submit.js';
import { api } from '../snowdesk.js';

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
  const { busy, refusal, setRefusal, submit } = useCoreSubmit();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const local = missing({ current, next, repeat });
    const mismatch = repeatProblem(next, repeat);
    if (mismatch) local.repeat = mismatch;
    const refusedHere = localRefusal(local);
    if (refusedHere) {
      setRefusal(refusedHere);
      return;
    }
    const result = await submit(
      () => api().call('session.changePassword', { current, next }),
      { current: 'current', next: 'next' },
      { wrong_credentials: { key: 'errors.wrongCurrentPassword' } },
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
