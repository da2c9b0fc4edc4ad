import { calendarDateAt, type IsoDate } from '../../../shared/domain/calendar.js';

/**
 * The core's clock as the page knows it: every answer that carries the core's "now" (a draft's
 * savedAt, a deadline's remaining time) sets the offset, so consent times, "today" for the age
 * rule and countdowns agree with the core even when the machine's clock and the core's differ.
 */
let offsetMs = 0;

export function noteCoreTime(coreNow: number): void {
  offsetMs = coreNow - Date.now();
}

export function coreNow(): number {
  return Date.now() + offsetMs;
}

export function coreToday(): IsoDate {
  return calendarDateAt(coreNow());
}
