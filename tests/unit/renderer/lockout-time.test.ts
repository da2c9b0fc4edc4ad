import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatCountdown,
  retryClockTime,
  secondsToWait,
} from '../../../renderer/src/session/lockout-time.js';

const at = (iso: string) => Date.parse(iso);

describe('lockout time', () => {
  it('rounds the retry time up to the minute, never down', () => {
    expect(retryClockTime(at('2026-11-23T02:04:01Z')).toISOString()).toBe('2026-11-23T02:05:00.000Z');
    expect(retryClockTime(at('2026-11-23T02:04:00Z')).toISOString()).toBe('2026-11-23T02:04:00.000Z');
    expect(retryClockTime(at('2026-11-23T23:59:30Z')).toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('formats a 24-hour clock time in the page language', () => {
    const date = new Date(at('2026-11-23T14:05:00Z'));
    expect(formatClockTime(date, 'zh-CN')).toBe(
      new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date),
    );
    expect(formatClockTime(date, 'en')).toMatch(/^\d{2}:\d{2}$/);
  });

  it('counts whole seconds down to zero', () => {
    const now = at('2026-11-23T02:00:00Z');
    expect(secondsToWait(now + 60_000, now)).toBe(60);
    expect(secondsToWait(now + 59_001, now)).toBe(60);
    expect(secondsToWait(now + 1, now)).toBe(1);
    expect(secondsToWait(now, now)).toBe(0);
    expect(secondsToWait(now - 5_000, now)).toBe(0);
  });

  it('gives no countdown when the clocks cannot agree (further off than any lockout)', () => {
    const now = at('2026-11-23T06:00:00Z');
    expect(secondsToWait(now + 60 * 60_000, now)).toBe(3600);
    expect(secondsToWait(now + 2 * 60 * 60_000, now)).toBeNull();
    expect(secondsToWait(now - 4 * 60 * 60_000, now)).toBeNull();
  });

  it('writes the countdown as m:ss', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(65)).toBe('1:05');
    expect(formatCountdown(3600)).toBe('60:00');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
