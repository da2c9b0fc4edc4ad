import type { Clock } from '../clock.js';

/**
 * A clock two threads share: whoever owns the buffer moves time (a test's ManualClock) and the
 * core's thread reads it. Atomics, so a read never sees half of a write.
 */
export function sharedClockBuffer(at: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(8);
  setSharedTime(buffer, at);
  return buffer;
}

export function setSharedTime(buffer: SharedArrayBuffer, at: number): void {
  Atomics.store(new BigInt64Array(buffer), 0, BigInt(Math.round(at)));
}

export function sharedClock(buffer: SharedArrayBuffer): Clock {
  const view = new BigInt64Array(buffer);
  return { now: () => Number(Atomics.load(view, 0)) };
}
