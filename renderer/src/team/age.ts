import type { Translate } from '../forms/refusal.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long something has waited, as a person says it ("2 小时 5 分", "3 d 4 h"). */
export function formatAge(t: Translate, ms: number): string {
  const total = Math.max(0, ms);
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  if (days > 0) return t('deskOps.duration.days', { days, hours });
  if (hours > 0) return t('deskOps.duration.hours', { hours, minutes });
  return t('deskOps.duration.minutes', { minutes });
}
