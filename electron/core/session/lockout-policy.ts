/**
 * Five wrong passwords in a row lock the account, first for a minute, then twice as long with
 * each further failure, up to an hour: slow enough to stop guessing at a shared kiosk, short
 * enough that a colleague who fumbles is not stuck for the shift (a maintainer can also reset).
 */
export const FREE_ATTEMPTS = 4;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

export function lockoutDelayMs(failedAttempts: number): number {
  if (failedAttempts <= FREE_ATTEMPTS) return 0;
  const doublings = Math.min(failedAttempts - FREE_ATTEMPTS - 1, 10);
  return Math.min(FIRST_LOCK_MS * 2 ** doublings, MAX_LOCK_MS);
}
