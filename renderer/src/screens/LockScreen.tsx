import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState, StaffView } from '../../../shared/ipc/schemas.js';
import { missing } from '../forms/local-checks.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';
import { callOrThrow } from '../snowdesk.js';

interface Props {
  staff: StaffView;
  onUnlocked: (session: SessionState) => void;
  onSwitchUser: () => void;
}

/**
 * The locked kiosk: who is signed in, a password to come back, and a way for a colleague to
 * sign in instead. Nothing of the screen that was open is kept on the page.
 */
export function LockScreen({ staff, onUnlocked, onSwitchUser }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const { busy, refusal, write } = useWrite();
  // the device's own status: kept through lock and sign-out, so this costs no call
  const idleLockMinutes = useQuery({
    queryKey: ['app.info'],
    queryFn: () => callOrThrow('app.info', {}),
  }).data?.idleLockMinutes;

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'session.unlock',
      { password },
      {
        check: missing({ password }),
        shown: { password: 'password' },
        wording: { wrong_credentials: { key: 'errors.wrongPassword' } },
      },
    );
    if (result) {
      onUnlocked(result);
      return;
    }
    setPassword('');
    passwordRef.current?.focus();
  }

  return (
    <div className="screen screen-narrow">
      <section className="panel lock-panel" aria-labelledby="lock-title">
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p className="lock-who">{t('lock.who', { name: staff.name, role: t(`roles.${staff.role}`) })}</p>
        <p className="muted">{t('lock.intro')}</p>
        {idleLockMinutes !== undefined && (
          <p className="muted">{t('maintainer.idleLock', { minutes: idleLockMinutes })}</p>
        )}
        <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label={t('fields.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            autoFocus
            inputRef={passwordRef}
            problem={refusal?.fields.password}
          />
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            <button type="button" onClick={onSwitchUser}>
              {t('lock.switchUser')}
            </button>
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('lock.unlock')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
