import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState, StaffView } from '../../../shared/ipc/schemas.js';
import { missing } from '../forms/local-checks.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

interface Props {
  onSignedIn: (session: SessionState) => void;
  /** signed out: the maintainer's way back when the password is lost */
  onForgot?: () => void;
  /** switch user: whose locked session the new sign-in ends, and the way back to unlock */
  switchingFrom?: StaffView;
  onBack?: () => void;
}

/** Name and password; also the "switch user" form over a locked session (quick switch). */
export function SignInScreen({ onSignedIn, onForgot, switchingFrom, onBack }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'session.signIn',
      { name, password },
      {
        check: missing({ name, password }),
        shown: {
          name: 'name',
          password: 'password',
        },
      },
    );
    if (result) {
      onSignedIn(result);
      return;
    }
    // a refused password is typed again from the start
    setPassword('');
    passwordRef.current?.focus();
  }

  const title = switchingFrom ? t('signIn.switchTitle') : t('signIn.title');
  return (
    <div className="screen screen-narrow">
      <section className="panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{title}</h1>
        <p>{switchingFrom ? t('signIn.switchIntro', { name: switchingFrom.name }) : t('signIn.intro')}</p>
        <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label={t('fields.name')}
            value={name}
            onChange={setName}
            autoComplete="username"
            autoFocus
            problem={refusal?.fields.name}
          />
          <TextField
            label={t('fields.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            inputRef={passwordRef}
            problem={refusal?.fields.password}
          />
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            {onBack && (
              <button type="button" onClick={onBack}>
                {t('signIn.back')}
              </button>
            )}
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('signIn.submit')}
            </button>
          </div>
        </form>
        {onForgot && (
          <p className="secondary-path">
            <button type="button" className="link-button" onClick={onForgot}>
              {t('signIn.forgot')}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}
