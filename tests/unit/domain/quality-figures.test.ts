import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECOMMENDED_FIELDS } from '../../../shared/domain/guest-record.js';
import {
  computeQualityFigures,
  MAX_PERIOD_DAYS,
  percent,
  periodBounds,
  type QualityEntry,
  type QualityInput,
} from '../../../shared/domain/quality-figures.js';

const HOUR = 3_600_000;
/** 2026-11-02 00:00 in China */
const NOV_2 = Date.UTC(2026, 10, 1, 16, 0);

const ALICE = { id: 'a', name: 'Alice Li', role: 'specialist' } as const;
const BOB = { id: 'b', name: 'Bob Zhou', role: 'specialist' } as const;
const CAROL = { id: 'c', name: 'Carol Wu', role: 'lead' } as const;

function entry(staffId: string, overrides: Partial<QualityEntry> = {}): QualityEntry {
  return {
    staffId,
    correction: false,
    firstSubmittedAt: NOV_2 + 10 * HOUR,
    entryDueAt: NOV_2 + 11 * HOUR,
    firstCrossOutcome: 'approved',
    recommendedFilled: RECOMMENDED_FIELDS.length,
    ...overrides,
  };
}

describe('the period of a quality report', () => {
  it('covers whole China days, both ends included', () => {
    const bounds = periodBounds('2026-11-02', '2026-11-03');
    expect(bounds).toEqual({ ok: true, value: { start: NOV_2, end: NOV_2 + 48 * HOUR, days: 2 } });
    expect(periodBounds('2026-11-02', '2026-11-02')).toMatchObject({ ok: true, value: { days: 1 } });
  });

  it('refuses reversed, over-long and impossible periods, naming the field', () => {
    expect(periodBounds('2026-11-03', '2026-11-02')).toEqual({ ok: false, problems: { to: 'reversed' } });
    expect(periodBounds('2024-01-01', '2024-12-31')).toMatchObject({ ok: true, value: { days: 366 } });
    expect(periodBounds('2025-01-01', '2026-01-02')).toEqual({ ok: false, problems: { to: 'too_long' } });
    expect(periodBounds('2026-02-30', '2026-13-01')).toEqual({
      ok: false,
      problems: { from: 'invalid_date', to: 'invalid_date' },
    });
    expect(periodBounds('', '2026-11-01')).toEqual({ ok: false, problems: { from: 'invalid_date' } });
    expect(MAX_PERIOD_DAYS).toBe(366);
  });
});

describe('quality figures per staff member (R28)', () => {
  it('computes a hand-checked scenario', () => {
    const input: QualityInput = {
      staff: [ALICE, BOB, CAROL],
      entries: [
        // Alice: 4 entries; one returned at cross-review, one late, one still awaiting review,
        // one correction (no deadline); completeness 4 + 2 + 0 + (erased: unknown)
        entry('a', { recommendedFilled: 4 }),
        entry('a', { firstCrossOutcome: 'returned', recommendedFilled: 2 }),
        entry('a', { firstSubmittedAt: NOV_2 + 12 * HOUR, firstCrossOutcome: null, recommendedFilled: 0 }),
        entry('a', {
          correction: true,
          entryDueAt: null,
          firstCrossOutcome: 'escalated',
          recommendedFilled: null,
        }),
        // Bob: 2 entries, both first-pass, on time, complete
        entry('b'),
        entry('b', { firstSubmittedAt: NOV_2 + 11 * HOUR }),
        // someone not shown: ignored
        entry('zz'),
      ],
      returns: [
        { staffId: 'a', fields: ['contact.phone', 'homeAddress'] },
        { staffId: 'a', fields: ['contact.phone', 'contact.phone'] },
        { staffId: 'zz', fields: ['name'] },
      ],
      checks: [
        { staffId: 'a', verdict: 'correct' },
        { staffId: 'a', verdict: 'wrong' },
        { staffId: 'b', verdict: 'missing' },
        { staffId: 'b', verdict: 'correct' },
        { staffId: 'b', verdict: 'correct' },
      ],
    };
    const { staff, returnsByField } = computeQualityFigures(input);
    expect(staff.map((s) => s.staffId)).toEqual(['a', 'b', 'c']);
    const [alice, bob, carol] = staff;
    expect(alice).toEqual({
      staffId: 'a',
      name: 'Alice Li',
      role: 'specialist',
      entered: 4,
      corrections: 1,
      crossReviewed: 3,
      firstPass: 2,
      accuracy: 2 / 3,
      completenessMeasured: 3,
      recommendedFilled: 6,
      recommendedPossible: 12,
      completeness: 0.5,
      withDeadline: 3,
      onTime: 2,
      timeliness: 2 / 3,
      returns: 2,
      returnedFields: [
        { field: 'contact.phone', count: 2 },
        { field: 'homeAddress', count: 1 },
      ],
      sampleChecks: 2,
      sampleFindings: 1,
    });
    expect(bob).toMatchObject({
      entered: 2,
      accuracy: 1,
      completeness: 1,
      timeliness: 1,
      returns: 0,
      returnedFields: [],
      sampleChecks: 3,
      sampleFindings: 1,
    });
    // nobody's share is 0 % for having done nothing
    expect(carol).toMatchObject({ entered: 0, accuracy: null, completeness: null, timeliness: null });
    expect(returnsByField).toEqual([
      { field: 'contact.phone', count: 2 },
      { field: 'homeAddress', count: 1 },
    ]);
    expect([alice, bob, carol].map((s) => percent(s?.accuracy ?? null))).toEqual([67, 100, null]);
  });

  it('counts an entry submitted exactly at its deadline as on time', () => {
    const due = NOV_2 + 10 * HOUR;
    const { staff } = computeQualityFigures({
      staff: [ALICE],
      entries: [
        entry('a', { firstSubmittedAt: due, entryDueAt: due }),
        entry('a', { firstSubmittedAt: due + 1, entryDueAt: due }),
      ],
      returns: [],
      checks: [],
    });
    expect(staff[0]).toMatchObject({ withDeadline: 2, onTime: 1, timeliness: 0.5 });
  });

  const arbitraryInput = fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 0, maxLength: 4 })
    .chain((ids) => {
      const staffId = fc.constantFrom('a', 'b', 'c', 'd', 'x');
      return fc.record({
        staff: fc.constant(ids.map((id) => ({ id, name: `N${id}`, role: 'specialist' as const }))),
        entries: fc.array(
          fc.record({
            staffId,
            correction: fc.boolean(),
            firstSubmittedAt: fc.integer({ min: 0, max: 10_000 }),
            entryDueAt: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
            firstCrossOutcome: fc.option(fc.constantFrom('approved', 'escalated', 'returned' as const), {
              nil: null,
            }),
            recommendedFilled: fc.option(fc.integer({ min: 0, max: RECOMMENDED_FIELDS.length }), {
              nil: null,
            }),
          }),
          { maxLength: 60 },
        ),
        returns: fc.array(
          fc.record({
            staffId,
            fields: fc.array(fc.constantFrom('name', 'contact.phone', '_'), { minLength: 1 }),
          }),
          { maxLength: 30 },
        ),
        checks: fc.array(
          fc.record({ staffId, verdict: fc.constantFrom('correct', 'wrong', 'missing' as const) }),
          { maxLength: 30 },
        ),
      });
    });

  it('keeps every share in [0, 1] and every part within its whole', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        for (const s of computeQualityFigures(input).staff) {
          for (const rate of [s.accuracy, s.completeness, s.timeliness]) {
            if (rate !== null) expect(rate >= 0 && rate <= 1).toBe(true);
          }
          expect(s.firstPass).toBeLessThanOrEqual(s.crossReviewed);
          expect(s.crossReviewed).toBeLessThanOrEqual(s.entered);
          expect(s.onTime).toBeLessThanOrEqual(s.withDeadline);
          expect(s.withDeadline).toBeLessThanOrEqual(s.entered);
          expect(s.corrections).toBeLessThanOrEqual(s.entered);
          expect(s.sampleFindings).toBeLessThanOrEqual(s.sampleChecks);
          expect(s.recommendedFilled).toBeLessThanOrEqual(s.recommendedPossible);
          expect(s.accuracy === null).toBe(s.crossReviewed === 0);
        }
      }),
    );
  });

  it('adds up: the people shown hold exactly their rows, and the field totals are the sum of theirs', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const shown = new Set<string>(input.staff.map((s) => s.id));
        const figures = computeQualityFigures(input);
        const sum = (f: (s: (typeof figures.staff)[number]) => number) =>
          figures.staff.reduce((total, s) => total + f(s), 0);
        expect(sum((s) => s.entered)).toBe(input.entries.filter((e) => shown.has(e.staffId)).length);
        expect(sum((s) => s.returns)).toBe(input.returns.filter((r) => shown.has(r.staffId)).length);
        expect(sum((s) => s.sampleChecks)).toBe(input.checks.filter((c) => shown.has(c.staffId)).length);
        const perPerson = new Map<string, number>();
        for (const s of figures.staff)
          for (const f of s.returnedFields) perPerson.set(f.field, (perPerson.get(f.field) ?? 0) + f.count);
        expect(new Map(figures.returnsByField.map((f) => [f.field, f.count]))).toEqual(perPerson);
      }),
    );
  });
});
