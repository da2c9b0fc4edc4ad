/**
 * Age in completed years (周岁) on a calendar date, and the under-14 rule of PIPL Art. 31: the
 * personal information of a minor under fourteen needs a guardian's consent.
 *
 * Birthdays: a person is N on their N-th birthday (a guest whose 14th birthday is today is 14 and
 * no longer needs a guardian's consent).
 *
 * 29 February: in a common year the birthday is taken as 1 March. Until 28 February ends, the
 * anniversary of a 29 February birth has not been reached (there is no 29th to reach), so a full
 * year has not yet passed; 1 March is the first day on which it has. This is the reading that
 * never makes a child older than they are, which is the safe side for a rule that protects minors
 * (a day early would drop the guardian requirement for a 13-year-old), and it is what comparing
 * (month, day) pairs gives without any special case: (2, 28) < (2, 29) < (3, 1).
 */
import { requireIsoDate, type IsoDate } from './calendar.js';

/** PIPL Art. 31: under fourteen, a guardian consents. */
export const GUARDIAN_CONSENT_AGE = 14;

/**
 * Completed years between `birthDate` and `on` (both 'YYYY-MM-DD'). Throws RangeError for a
 * malformed date or a birth date after `on`: callers validate first.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const birth = requireIsoDate(birthDate, 'birthDate');
  const day = requireIsoDate(on, 'on');
  if (birthDate > on) throw new RangeError('birthDate is after the reference date');
  const birthdayPassed = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (birthdayPassed ? 0 : 1);
}

/** Under fourteen on `today`: the record needs a guardian and the guardian's consent. */
export function isMinorUnder14(birthDate: IsoDate, today: IsoDate): boolean {
  return ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE;
}
