import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crossReviewDeadline,
  deadlineStatus,
  DEFAULT_ONSITE_DEADLINE_MINUTES,
  onlineDeadline,
  onsiteDeadline,
} from '../../../shared/domain/deadlines.js';

const MINUTE = 60_000;
/** 2025-01-15 10:00 in China (UTC+8) */
const T0 = Date.UTC(2025, 0, 15, 2, 0);
const DAY_END = { hour: 18, minute: 0 };

describe('on-site and online deadlines', () => {
  it('gives an on-site entry 15 minutes by default, or the device setting', () => {
    expect(DEFAULT_ONSITE_DEADLINE_MINUTES).toBe(15);
    expect(onsiteDeadline(T0)).toEqual({ kind: 'onsite_entry', startsAt: T0, dueAt: T0 + 15 * MINUTE });
    expect(onsiteDeadline(T0, 30).dueAt).toBe(T0 + 30 * MINUTE);
    expect(() => onsiteDeadline(T0, 0)).toThrow(RangeError);
    expect(() => onsiteDeadline(T0, 1.5)).toThrow(RangeError);
  });

  it('gives an online submission 2 hours from receipt', () => {
    expect(onlineDeadline(T0)).toEqual({ kind: 'online_entry', startsAt: T0, dueAt: T0 + 120 * MINUTE });
    expect(() => onlineDeadline(Number.NaN)).toThrow(RangeError);
  });
});

describe('crossReviewDeadline', () => {
  it('is the end of the working day in China', () => {
    // 10:00 China -> 18:00 China = 10:00 UTC
    expect(crossReviewDeadline(T0, DAY_END)).toEqual({
      kind: 'cross_review',
      startsAt: T0,
      dueAt: Date.UTC(2025, 0, 15, 10, 0),
    });
  });

  it('uses the China date, not the UTC date: 07:00 China is still the previous UTC day', () => {
    const early = Date.UTC(2025, 0, 14, 23, 0); // 2025-01-15 07:00 in China
    expect(crossReviewDeadline(early, DAY_END).dueAt).toBe(Date.UTC(2025, 0, 15, 10, 0));
  });

  it('moves to the next day for a record submitted after the day’s end', () => {
    const evening = Date.UTC(2025, 0, 15, 12, 30); // 20:30 in China
    expect(crossReviewDeadline(evening, DAY_END).dueAt).toBe(Date.UTC(2025, 0, 16, 10, 0));
    const atTheEnd = Date.UTC(2025, 0, 15, 10, 0); // exactly 18:00
    expect(crossReviewDeadline(atTheEnd, DAY_END).dueAt).toBe(Date.UTC(2025, 0, 16, 10, 0));
  });

  it('honours other day ends and offsets', () => {
    expect(crossReviewDeadline(T0, { hour: 17, minute: 30 }).dueAt).toBe(Date.UTC(2025, 0, 15, 9, 30));
    expect(crossReviewDeadline(T0, { hour: 24, minute: 0 }).dueAt).toBe(Date.UTC(2025, 0, 15, 16, 0));
    expect(crossReviewDeadline(T0, DAY_END, 0).dueAt).toBe(Date.UTC(2025, 0, 15, 18, 0));
  });

  it('refuses impossible day ends and offsets', () => {
    expect(() => crossReviewDeadline(T0, { hour: 25, minute: 0 })).toThrow(RangeError);
    expect(() => crossReviewDeadline(T0, { hour: 18, minute: 60 })).toThrow(RangeError);
    expect(() => crossReviewDeadline(T0, { hour: 24, minute: 30 })).toThrow(RangeError);
    expect(() => crossReviewDeadline(T0, DAY_END, 15 * 60)).toThrow(RangeError);
  });

  it('is always after submission and at most a day later', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (submittedAt, hour, minute) => {
          const { dueAt } = crossReviewDeadline(submittedAt, { hour, minute });
          expect(dueAt).toBeGreaterThan(submittedAt);
          expect(dueAt - submittedAt).toBeLessThanOrEqual(24 * 60 * MINUTE);
          // and it falls on the wall-clock time asked for, in China
          const local = new Date(dueAt + 8 * 60 * MINUTE);
          expect([local.getUTCHours(), local.getUTCMinutes()]).toEqual([hour, minute]);
        },
      ),
    );
  });
});

describe('deadlineStatus', () => {
  const deadline = onsiteDeadline(T0, 10); // 10 minutes: due soon in the last 2

  it('is on time before the last 20 %', () => {
    expect(deadlineStatus(deadline, T0)).toEqual({ status: 'on_time', remainingMs: 10 * MINUTE });
    expect(deadlineStatus(deadline, T0 + 8 * MINUTE - 1)).toEqual({
      status: 'on_time',
      remainingMs: 2 * MINUTE + 1,
    });
  });

  it('is due soon in the last 20 %, up to and including the deadline', () => {
    expect(deadlineStatus(deadline, T0 + 8 * MINUTE)).toEqual({
      status: 'due_soon',
      remainingMs: 2 * MINUTE,
    });
    expect(deadlineStatus(deadline, T0 + 10 * MINUTE)).toEqual({ status: 'due_soon', remainingMs: 0 });
  });

  it('is overdue after, with the negative remaining time', () => {
    expect(deadlineStatus(deadline, T0 + 10 * MINUTE + 1)).toEqual({ status: 'overdue', remainingMs: -1 });
    expect(deadlineStatus(deadline, T0 + 70 * MINUTE)).toEqual({
      status: 'overdue',
      remainingMs: -60 * MINUTE,
    });
  });
});
