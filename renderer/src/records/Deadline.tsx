import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineView } from '../../../shared/ipc/record-schemas.js';
import { formatDuration } from './draft-model.js';

/** Ticks every second while shown. */
export function useSecondTicks(): number {
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

/**
 * A deadline's countdown. The core said how much was left when it answered (`fetchedAt`, the
 * page's clock then); the page counts down from there, so a core with another clock still agrees.
 */
export function DeadlineBadge({ deadline, fetchedAt }: { deadline: DeadlineView | null; fetchedAt: number }) {
  const { t } = useTranslation();
  const now = useSecondTicks();
  if (!deadline) return <span className="muted">—</span>;
  const remaining = deadline.remainingMs - Math.max(0, now - fetchedAt);
  const window = Math.max(0, deadline.dueAt - deadline.startsAt);
  const status = remaining < 0 ? 'overdue' : remaining <= window * 0.2 ? 'due_soon' : 'on_time';
  const time = formatDuration(remaining);
  return (
    <span className={`deadline deadline-${status}`}>
      {t(`records.deadline.${deadline.kind}`)}{' '}
      {status === 'overdue' ? t('records.deadline.overdue', { time }) : t('records.deadline.left', { time })}
      {status === 'due_soon' && <> · {t('records.deadline.dueSoon')}</>}
    </span>
  );
}
