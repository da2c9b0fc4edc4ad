/**
 * When a locked-out account may try again, in the words a person at the desk reads: a clock
 * time, rounded *up* to the minute (a time that is early would invite a refused attempt), and,
 * while the renderer's own clock can tell, how long is left.
 */
const MINUTE_MS = 60_000;
/** The core's longest lockout is an hour; anything further off means the clocks disagree. */
const LONGEST_PLAUSIBLE_WAIT_MS = 61 * MINUTE_MS;

export function retryClockTime(retryAt: number): Date {
  return new Date(Math.ceil(retryAt / MINUTE_MS) * MINUTE_MS);
}

export function formatClockTime(date: Date, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    date,
  );
}

/**
 * Whole seconds left until `retryAt`, 0 once it has passed, or null when the renderer's clock
 * cannot be trusted for it (the wait would be longer than any lockout the core sets).
 */
export function secondsToWait(retryAt: number, now: number): number | null {
  const left = retryAt - now;
  if (left > LONGEST_PLAUSIBLE_WAIT_MS) return null;
  if (left <= 0) return left > -LONGEST_PLAUSIBLE_WAIT_MS ? 0 : null;
  return Math.ceil(left / 1000);
}

/** 65 -> "1:05", 3600 -> "60:00". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}
