/**
 * The policy's deadlines (R11, R13) as pure arithmetic on instants (milliseconds since the epoch,
 * what Date.now() returns and the store keeps):
 *
 * - on-site record: finished before the guest leaves, i.e. N minutes after the entry started
 *   (N from the device settings, default 15);
 * - online submission: entered within 2 hours of its receipt;
 * - cross-review: within the working day on which the record was submitted.
 *
 * "The working day" is a local notion, so the cross-review deadline needs the day's end as a wall
 * clock time {hour, minute} and the desk's UTC offset. The kiosk runs in China: UTC+8 all year,
 * no daylight saving since 1991, so a fixed offset is exact and needs no time-zone database (which
 * a minimal kiosk image or a test machine in another zone might lack or have set differently).
 */
import { CHINA_UTC_OFFSET_MINUTES } from './calendar.js';
import { DeviceSettings } from './device-settings.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_ONSITE_DEADLINE_MINUTES: number =
  DeviceSettings.shape.onsiteDeadlineMinutes.parse(undefined);
export const ONLINE_DEADLINE_MS = 2 * HOUR;
/** The last 20 % of the allowed time counts as "due soon". */
export const DUE_SOON_SHARE = 0.2;

export type DeadlineKind = 'onsite_entry' | 'online_entry' | 'cross_review';

export interface Deadline {
  readonly kind: DeadlineKind;
  /** when the clock started */
  readonly startsAt: number;
  readonly dueAt: number;
}

export interface WallClockTime {
  readonly hour: number;
  readonly minute: number;
}

function requireInstant(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number of milliseconds`);
}

/** On-site entry: the guest is at the desk; finish within `minutes` of starting the entry. */
export function onsiteDeadline(entryStartedAt: number, minutes = DEFAULT_ONSITE_DEADLINE_MINUTES): Deadline {
  requireInstant(entryStartedAt, 'entryStartedAt');
  if (!Number.isInteger(minutes) || minutes < 1) throw new RangeError('minutes must be a positive integer');
  return { kind: 'onsite_entry', startsAt: entryStartedAt, dueAt: entryStartedAt + minutes * MINUTE };
}

/** Online submission: enter it within 2 hours of its arrival at the desk. */
export function onlineDeadline(receivedAt: number): Deadline {
  requireInstant(receivedAt, 'receivedAt');
  return { kind: 'online_entry', startsAt: receivedAt, dueAt: receivedAt + ONLINE_DEADLINE_MS };
}

/**
 * Cross-review: by the end of the working day on which the record was submitted. A record
 * submitted after that day's end (an evening shift, a late paper form) is due at the end of the
 * next day; the resort's desk works every day of the season, so there are no weekends to skip.
 */
export function crossReviewDeadline(
  submittedAt: number,
  dayEnd: WallClockTime,
  utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES,
): Deadline {
  requireInstant(submittedAt, 'submittedAt');
  const { hour, minute } = dayEnd;
  if (!Number.isInteger(hour) || hour < 0 || hour > 24) throw new RangeError('dayEnd.hour must be 0–24');
  if (!Number.isInteger(minute) || minute < 0 || minute > 59)
    throw new RangeError('dayEnd.minute must be 0–59');
  if (hour === 24 && minute !== 0) throw new RangeError('dayEnd 24:mm is only allowed as 24:00');
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new RangeError('utcOffsetMinutes must be a whole number of minutes within ±14 h');
  }
  const offset = utcOffsetMinutes * MINUTE;
  // Work in "local milliseconds": the same arithmetic as UTC, shifted by the fixed offset.
  const local = submittedAt + offset;
  const localMidnight = Math.floor(local / DAY) * DAY;
  let dueLocal = localMidnight + hour * HOUR + minute * MINUTE;
  if (local >= dueLocal) dueLocal += DAY;
  return { kind: 'cross_review', startsAt: submittedAt, dueAt: dueLocal - offset };
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue';

export interface DeadlineStatus {
  readonly status: DeadlineState;
  /** dueAt - now: negative once overdue (by that much) */
  readonly remainingMs: number;
}

/**
 * Where a deadline stands at `now`: overdue after dueAt; due soon in the last 20 % of the allowed
 * time (dueAt itself included); on time before that.
 */
export function deadlineStatus(deadline: Deadline, now: number): DeadlineStatus {
  requireInstant(now, 'now');
  const remainingMs = deadline.dueAt - now;
  if (remainingMs < 0) return { status: 'overdue', remainingMs };
  const window = Math.max(0, deadline.dueAt - deadline.startsAt);
  return { status: remainingMs <= window * DUE_SOON_SHARE ? 'due_soon' : 'on_time', remainingMs };
}
