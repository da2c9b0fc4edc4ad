import { calendarDateAt, type IsoDate } from '../../../shared/domain/calendar.js';
import { roleAllows, type Role } from '../../../shared/domain/roles.js';

/** Whoever has any quality capability: a specialist sees their own, leads and up everyone (R28). */
export function canSeeQuality(role: Role): boolean {
  return (['quality.own', 'quality.team', 'quality.all'] as const).some((c) => roleAllows(role, c, true));
}

/** This month so far, in China days: what a lead asks about most often. */
export function defaultPeriod(now: number): { from: IsoDate; to: IsoDate } {
  const to = calendarDateAt(now);
  return { from: `${to.slice(0, 8)}01`, to };
}
