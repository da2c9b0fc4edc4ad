/**
 * Calendar dates as the desk means them: a day in China, written 'YYYY-MM-DD' (ISO 8601).
 *
 * Birth dates, "today" and ages are calendar dates, not instants: a JavaScript Date would drag a
 * time zone into every comparison (a birth date parsed as UTC midnight is the previous evening in
 * some zones). So the domain passes dates around as strings and does its arithmetic on numbers.
 * The only place an instant becomes a date is `calendarDateAt`, with an explicit UTC offset.
 */

/** 'YYYY-MM-DD'; checked by `isIsoDate`, never trusted from a type alone. */
export type IsoDate = string;

/** China Standard Time: UTC+8 all year, no daylight saving since 1991. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real day of the Gregorian calendar (so 31 February and month 13 are not). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The parts of a well-formed, real 'YYYY-MM-DD' date, or null. */
export function parseIsoDate(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

export function formatIsoDate(parts: DateParts): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** Like `parseIsoDate` but for dates the caller vouches for; a malformed one is a programming error. */
export function requireIsoDate(value: string, what = 'date'): DateParts {
  const parts = parseIsoDate(value);
  if (!parts) throw new RangeError(`${what} is not a real YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return parts;
}

/** Well-formed ISO dates compare correctly as strings; this says so in one place. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The calendar date at an instant, in a fixed UTC offset (default: China). A fixed offset is exact
 * for China and needs no time-zone database, which a kiosk image may lack.
 */
export function calendarDateAt(instant: number | Date, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): IsoDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('calendarDateAt needs a finite instant');
  const shifted = new Date(ms + utcOffsetMinutes * 60_000);
  return formatIsoDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}
