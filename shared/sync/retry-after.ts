import { SYNC_LIMITS } from './protocol.js';

/**
 * Reads a Retry-After header (RFC 9110: delay-seconds or an HTTP-date) as milliseconds to wait
 * from `nowMs`. Null when absent or unreadable, so the caller falls back to its own backoff; a
 * date in the past is 0; anything beyond SYNC_LIMITS.maxRetryAfterSeconds is cut to it, so a
 * wrong header cannot park the desk's sync for days.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  const capMs = SYNC_LIMITS.maxRetryAfterSeconds * 1000;
  if (/^\d{1,10}$/.test(text)) return Math.min(Number(text) * 1000, capMs);
  // an HTTP-date always names the weekday and GMT; Date.parse alone accepts too much
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - nowMs), capMs);
}
