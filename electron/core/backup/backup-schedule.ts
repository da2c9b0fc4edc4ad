import { CHINA_UTC_OFFSET_MINUTES } from '../../../shared/domain/calendar.js';
import type { DeviceSettings } from '../../../shared/domain/device-settings.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { BackupError } from './backup-error.js';
import type { BackupService } from './backup-service.js';
import type { BackupResult } from './create-backup.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A scheduled backup that failed (a USB drive not plugged in, a share not mounted) is tried again
 * an hour after the failure, until one succeeds or the next daily slot begins: the medium is often
 * put back the next morning, and nobody should have to remember to press "back up now". Each
 * attempt is a history row and an audit entry, so a drive missing all day costs 24 of each.
 */
export const RETRY_AFTER_FAILURE_MS = HOUR;

function parseTime(time: string): number {
  const match = /^(\d{2}):(\d{2})$/u.exec(time);
  if (!match) throw new RangeError('the backup time is HH:MM');
  return Number(match[1]) * HOUR + Number(match[2]) * MINUTE;
}

/**
 * The latest daily slot at or before `now`: today's `time` (China time: UTC+8 all year, no daylight
 * saving, as deadlines.ts explains) when it has passed, else yesterday's.
 */
export function latestSlot(now: number, time: string, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  const offset = utcOffsetMinutes * MINUTE;
  const local = now + offset;
  let slot = Math.floor(local / DAY) * DAY + parseTime(time);
  if (slot > local) slot -= DAY;
  return slot - offset;
}

/** The first daily slot after `now`. */
export function nextSlot(now: number, time: string, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  return latestSlot(now, time, utcOffsetMinutes) + DAY;
}

export interface BackupHistoryFacts {
  /** when the last good backup finished (a scheduled one or one on demand) */
  lastSuccessAt: number | null;
  /** when the last failed attempt finished */
  lastFailureAt: number | null;
}

/**
 * When the scheduled backup is due; at or before `now` means now. Each daily slot wants one good
 * backup finished at or after it, from the schedule or on demand:
 *
 * - one finished since the latest slot: due at the next slot (never twice for one slot);
 * - none, and the latest attempt since the slot failed: due an hour after that failure (or at the
 *   next slot, if that comes first);
 * - none at all since the slot: due now. This is the catch-up of a kiosk that was off at the set
 *   time, and also the first backup right after a folder is configured.
 */
export function nextBackupAt(now: number, time: string, facts: BackupHistoryFacts): number {
  const slot = latestSlot(now, time);
  const next = slot + DAY;
  const { lastSuccessAt, lastFailureAt } = facts;
  if (lastSuccessAt !== null && lastSuccessAt >= slot) return next;
  if (
    lastFailureAt !== null &&
    lastFailureAt >= slot &&
    (lastSuccessAt === null || lastFailureAt > lastSuccessAt)
  ) {
    return Math.min(lastFailureAt + RETRY_AFTER_FAILURE_MS, next);
  }
  return now;
}

export type BackupTrigger = 'schedule' | 'demand';

export interface BackupScheduleOptions {
  /** the open store's backup service; null while the store is closed (unavailable, being restored) */
  service: () => BackupService | null;
  settings: () => DeviceSettings;
  clock: Clock;
  log: Logger;
  /** after every attempt, good or failed (the UI's warning follows) */
  onAttempt: () => void;
}

/**
 * The daily backup (R16), driven by the core's timer (`core.tick()`), needing no session: it runs
 * while the kiosk is locked or nobody is signed in, because a backup is sealed to the backup public
 * key. Backups never overlap: one on demand while the scheduled one runs waits for that one and
 * answers its result; a second one on demand while one on demand runs is `busy`.
 */
export class BackupSchedule {
  private inFlight: { trigger: BackupTrigger; done: Promise<BackupResult> } | null = null;
  private paused = false;
  /**
   * This process's own last attempts, besides the history: should the history row not be written
   * (the data folder's disk full), the timer must still not start a backup every five seconds.
   */
  private lastOkAt: number | null = null;
  private lastFailedAt: number | null = null;

  constructor(private readonly options: BackupScheduleOptions) {}

  /** a backup is running */
  get running(): boolean {
    return this.inFlight !== null;
  }

  /** When the next scheduled backup is due (null: no folder configured, or the store is closed). */
  nextRunAt(): number | null {
    const service = this.options.service();
    const settings = this.options.settings();
    if (!service || settings.backupFolder === null) return null;
    const status = service.status();
    const later = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
    return nextBackupAt(this.options.clock.now(), settings.backupTime, {
      lastSuccessAt: later(status.lastSuccess?.at ?? null, this.lastOkAt),
      lastFailureAt: later(status.lastFailure?.at ?? null, this.lastFailedAt),
    });
  }

  /**
   * The timer's check: starts the scheduled backup when it is due. Returns the attempt it started
   * (tests await it), or null. Never throws and never rejects: a failure is in the history.
   */
  check(): Promise<void> | null {
    if (this.paused || this.inFlight) return null;
    const due = this.safeNextRunAt();
    if (due === null || due > this.options.clock.now()) return null;
    const folder = this.options.settings().backupFolder;
    if (folder === null) return null;
    return this.start('schedule', folder, null).then(
      () => undefined,
      () => undefined,
    );
  }

  /** A backup on demand (the maintainer's button), into the configured `folder`. */
  runNow(folder: string, actorId: string | null): Promise<BackupResult> {
    if (this.paused) return Promise.reject(new BackupError('busy', 'A restore is in progress'));
    if (this.inFlight) {
      if (this.inFlight.trigger === 'schedule') return this.inFlight.done;
      return Promise.reject(new BackupError('busy', 'A backup is already running'));
    }
    return this.start('demand', folder, actorId);
  }

  /** Resolves when no backup is running. */
  async settled(): Promise<void> {
    while (this.inFlight) await this.inFlight.done.catch(() => undefined);
  }

  /**
   * Stops new backups (a restore is about to close the store). Returns false when a backup is
   * running or a restore already paused the schedule: the restore then refuses with `busy`.
   */
  pause(): boolean {
    if (this.inFlight || this.paused) return false;
    this.paused = true;
    return true;
  }

  resume(): void {
    this.paused = false;
  }

  private safeNextRunAt(): number | null {
    try {
      return this.nextRunAt();
    } catch {
      // a store being closed under us, a settings file being rewritten: the next tick looks again
      return null;
    }
  }

  private start(trigger: BackupTrigger, folder: string, actorId: string | null): Promise<BackupResult> {
    const service = this.options.service();
    if (!service)
      return Promise.reject(new BackupError('io_error', 'The kiosk cannot reach its data folder'));
    const keepDays = this.options.settings().backupKeepDays;
    const run = service.run({ folder, keepDays, actorId }).then(
      (result) => {
        this.lastOkAt = this.options.clock.now();
        return result;
      },
      (error: unknown) => {
        this.lastFailedAt = this.options.clock.now();
        throw error;
      },
    );
    const done = run.finally(() => {
      this.inFlight = null;
      try {
        this.options.onAttempt();
      } catch {
        // telling the screen is a courtesy; the attempt is in the history either way
      }
    });
    this.inFlight = { trigger, done };
    if (trigger === 'schedule') this.options.log.info('backup.scheduled_start', {});
    return done;
  }
}
