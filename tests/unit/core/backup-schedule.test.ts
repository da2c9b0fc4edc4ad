import { describe, expect, it } from 'vitest';
import {
  latestSlot,
  nextBackupAt,
  nextSlot,
  RETRY_AFTER_FAILURE_MS,
} from '../../../electron/core/backup/backup-schedule.js';

const MINUTE = 60_000;
/** China time (UTC+8) as an instant */
const china = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 8, minute);

describe('daily backup slots (China time)', () => {
  it('is today at the set time once it has passed, else yesterday', () => {
    expect(latestSlot(china(23, 23, 30), '23:30')).toBe(china(23, 23, 30));
    expect(latestSlot(china(23, 23, 29), '23:30')).toBe(china(22, 23, 30));
    expect(latestSlot(china(24, 0, 10), '23:30')).toBe(china(23, 23, 30));
    // 07:30 China time is still the previous UTC day at 23:30
    expect(latestSlot(china(23, 7, 0), '07:30')).toBe(china(22, 7, 30));
    expect(latestSlot(china(23, 7, 45), '07:30')).toBe(china(23, 7, 30));
    expect(latestSlot(china(23, 0, 0), '00:00')).toBe(china(23, 0, 0));
    expect(nextSlot(china(23, 23, 30), '23:30')).toBe(china(24, 23, 30));
    expect(() => latestSlot(0, '7:30')).toThrow(RangeError);
  });
});

describe('when the scheduled backup is due', () => {
  const none = { lastSuccessAt: null, lastFailureAt: null };

  it('is due at once when the latest slot has no good backup (catch-up, first configuration)', () => {
    const now = china(24, 8, 0); // the kiosk was off at 23:30 last night
    expect(nextBackupAt(now, '23:30', none)).toBe(now);
    expect(nextBackupAt(now, '23:30', { lastSuccessAt: china(22, 23, 31), lastFailureAt: null })).toBe(now);
  });

  it('is not due again for a slot that has a good backup, scheduled or on demand', () => {
    const after = { lastSuccessAt: china(23, 23, 31), lastFailureAt: null };
    expect(nextBackupAt(china(23, 23, 40), '23:30', after)).toBe(china(24, 23, 30));
    expect(nextBackupAt(china(24, 23, 29), '23:30', after)).toBe(china(24, 23, 30));
    expect(nextBackupAt(china(24, 23, 30), '23:30', after)).toBe(china(24, 23, 30));
    // a backup on demand at 14:00 does not stand for the 23:30 one: it is before the slot
    const midday = { lastSuccessAt: china(24, 14, 0), lastFailureAt: null };
    expect(nextBackupAt(china(24, 23, 30), '23:30', midday)).toBe(china(24, 23, 30));
  });

  it('retries an hour after a failure, until the next slot', () => {
    const failedAt = china(23, 23, 31);
    const facts = { lastSuccessAt: china(22, 23, 31), lastFailureAt: failedAt };
    expect(nextBackupAt(china(23, 23, 40), '23:30', facts)).toBe(failedAt + RETRY_AFTER_FAILURE_MS);
    const later = failedAt + RETRY_AFTER_FAILURE_MS + MINUTE;
    expect(nextBackupAt(later, '23:30', facts)).toBe(failedAt + RETRY_AFTER_FAILURE_MS);
    // a failure just before the next slot: the slot comes first
    const lateFailure = { lastSuccessAt: null, lastFailureAt: china(24, 23, 0) };
    expect(nextBackupAt(china(24, 23, 10), '23:30', lateFailure)).toBe(china(24, 23, 30));
    // a failure of yesterday's slot does not delay today's
    expect(nextBackupAt(china(24, 23, 30), '23:30', facts)).toBe(china(24, 23, 30));
    // a success after the failure settles the slot
    const healed = { lastSuccessAt: failedAt + 10 * MINUTE, lastFailureAt: failedAt };
    expect(nextBackupAt(china(23, 23, 50), '23:30', healed)).toBe(china(24, 23, 30));
  });

  it('follows a changed time', () => {
    const facts = { lastSuccessAt: china(23, 23, 31), lastFailureAt: null };
    // moved to 02:00: the 02:00 slot of the 24th has no backup yet at 02:05
    expect(nextBackupAt(china(24, 2, 5), '02:00', facts)).toBe(china(24, 2, 5));
    expect(nextBackupAt(china(24, 1, 0), '02:00', facts)).toBe(china(24, 2, 0));
  });
});
