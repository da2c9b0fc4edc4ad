/**
 * Time for the sync loop, injectable so tests drive it without sleeping: a clock (the core's)
 * and a scheduler for the waits between rounds (backoff, Retry-After, the poll interval).
 * A round that should start "now" does not go through the scheduler: it starts on the next
 * turn of the event loop, so a test only ever fires the waits it means to skip.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Scheduler {
  /** runs `task` once, `ms` from now (by the scheduler's own idea of now) */
  after(ms: number, task: () => void): TimerHandle;
}

/** Real timers, unref'd: a pending sync round never keeps a process alive on its own. */
export const systemScheduler: Scheduler = {
  after(ms, task) {
    const timer = setTimeout(task, Math.max(0, ms));
    timer.unref();
    return {
      cancel: () => {
        clearTimeout(timer);
      },
    };
  },
};

/** docs/sync-protocol.md 6.3: before attempt n after a failure, wait up to min(300 s, 1 s × 2^n). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 300_000;

/**
 * Exponential backoff with full jitter: a uniformly random wait in [0, min(cap, base × 2^n)).
 * `failures` counts the failed attempts in a row (1 after the first failure); `random` is
 * Math.random in production and fixed in tests.
 */
export function backoffDelayMs(failures: number, random: () => number): number {
  const exponent = Math.min(Math.max(1, failures), 30);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** The wait after a failure: at least the backoff, and at least what Retry-After asked (6.4). */
export function retryDelayMs(failures: number, retryAfterMs: number | null, random: () => number): number {
  return Math.max(backoffDelayMs(failures, random), retryAfterMs ?? 0);
}
