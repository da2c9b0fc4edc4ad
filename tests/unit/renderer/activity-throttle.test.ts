import { describe, expect, it } from 'vitest';
import { ACTIVITY_INTERVAL_MS, createThrottle } from '../../../renderer/src/session/activity-throttle.js';

describe('activity throttle', () => {
  it('lets the first call through, then one per interval', () => {
    const allowed = createThrottle(15_000);
    expect(allowed(1_000)).toBe(true);
    expect(allowed(1_001)).toBe(false);
    expect(allowed(15_999)).toBe(false);
    expect(allowed(16_000)).toBe(true);
    expect(allowed(20_000)).toBe(false);
    expect(allowed(31_000)).toBe(true);
  });

  it('counts from the last call let through, not from the last one refused', () => {
    const allowed = createThrottle(10);
    expect(allowed(0)).toBe(true);
    for (let t = 1; t < 10; t++) expect(allowed(t)).toBe(false);
    expect(allowed(10)).toBe(true);
  });

  it('reports at most every 15 seconds', () => {
    expect(ACTIVITY_INTERVAL_MS).toBe(15_000);
  });
});
