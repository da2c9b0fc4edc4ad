import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, isMinorUnder14 } from '../../../shared/domain/age.js';
import {
  calendarDateAt,
  daysInMonth,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
} from '../../../shared/domain/calendar.js';

describe('ageOn', () => {
  it('counts completed years', () => {
    expect(ageOn('1990-06-15', '2025-06-14')).toBe(34);
    expect(ageOn('1990-06-15', '2025-06-15')).toBe(35);
    expect(ageOn('1990-06-15', '2025-12-31')).toBe(35);
    expect(ageOn('2025-01-15', '2025-01-15')).toBe(0);
  });

  it('a 14th birthday today is 14, not a minor under 14', () => {
    expect(ageOn('2011-01-15', '2025-01-15')).toBe(14);
    expect(isMinorUnder14('2011-01-15', '2025-01-15')).toBe(false);
    expect(isMinorUnder14('2011-01-16', '2025-01-15')).toBe(true);
  });

  it('a 29 February birthday is reached on 1 March in common years', () => {
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(isMinorUnder14('2012-02-29', '2026-02-28')).toBe(true);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
    expect(isMinorUnder14('2012-02-29', '2026-03-01')).toBe(false);
    // and on 29 February itself in leap years
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
  });

  it('throws for malformed dates or a birth after the reference date', () => {
    expect(() => ageOn('2012-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('2012-01-01', '2025/01/01')).toThrow(RangeError);
    expect(() => ageOn('2025-01-02', '2025-01-01')).toThrow(RangeError);
  });

  it('never decreases as time passes and grows by exactly one on each birthday', () => {
    const day = fc
      .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        const [birth, first, second] = [a, b, c].sort();
        if (birth === undefined || first === undefined || second === undefined) return;
        expect(ageOn(birth, second)).toBeGreaterThanOrEqual(ageOn(birth, first));
        expect(ageOn(birth, first)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('calendar', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025].map(isLeapYear)).toEqual([false, true, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-2-1')).toBe(false);
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false);
  });

  it('gives the date in China for an instant, whatever the machine’s time zone', () => {
    expect(calendarDateAt(Date.UTC(2025, 0, 1, 15, 59, 59))).toBe('2025-01-01');
    expect(calendarDateAt(Date.UTC(2025, 0, 1, 16, 0, 0))).toBe('2025-01-02');
    expect(calendarDateAt(new Date(Date.UTC(2024, 11, 31, 16)), 0)).toBe('2024-12-31');
    expect(() => calendarDateAt(Number.NaN)).toThrow(RangeError);
  });
});
