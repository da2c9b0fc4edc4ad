import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClockTime, formatCountdown, retryClockTime, secondsToWait } from '../session/lockout-time.js';
import { type Refusal, say } from './refusal.js';

/** The form's one-line answer when the core (or the form) refused. */
export function RefusalNotice({ refusal }: { refusal: Refusal | null }) {
  const { t } = useTranslation();
  if (!refusal?.summary) return null;
  return (
    <div role="alert" className="notice notice-problem">
      {refusal.retryAt === undefined ? (
        <p>{say(t, refusal.summary)}</p>
      ) : (
        <LockoutMessage retryAt={refusal.retryAt} />
      )}
    </div>
  );
}

function LockoutMessage({ retryAt }: { retryAt: number }) {
  const { t, i18n } = useTranslation();
  const now = useSecondTicks();
  const time = formatClockTime(retryClockTime(retryAt), i18n.language);
  const wait = secondsToWait(retryAt, now);
  return (
    <>
      <p>{t('errors.account_locked_out', { time })}</p>
      {wait !== null && (
        <p className="countdown" aria-live="off">
          {wait > 0
            ? t('errors.lockoutCountdown', { countdown: formatCountdown(wait) })
            : t('errors.lockoutOver')}
        </p>
      )}
    </>
  );
}

function useSecondTicks(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, []);
  return now;
}
