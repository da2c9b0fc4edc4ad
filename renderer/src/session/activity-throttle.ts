/** At most one `session.activity` per this interval: the idle lock counts in minutes. */
export const ACTIVITY_INTERVAL_MS = 15_000;

/**
 * Lets one call through, then none until `intervalMs` has passed: the core's idle timer needs to
 * hear that someone is at the kiosk, not about every key they press.
 */
export function createThrottle(intervalMs: number): (now: number) => boolean {
  let last: number | null = null;
  return (now) => {
    if (last !== null && now - last < intervalMs) return false;
    last = now;
    return true;
  };
}
