/**
 * Quality per staff member (R28, with R2 completeness, R4/R11 timeliness, R13 cross-review and
 * R26 sampling): the arithmetic, from plain rows the core reads. Definitions are in
 * docs/quality-figures.md; in short, every figure is about the *entries* a person made in the
 * period: the revisions they first submitted between the period's first and last day.
 *
 * - accuracy: share of those entries whose first cross-review round approved (or escalated) them
 *   instead of returning them; entries not cross-reviewed yet are left out of the share.
 * - completeness: recommended fields filled (`RECOMMENDED_FIELDS`) over all recommended fields of
 *   the entries whose data could be read (an erased record has none left).
 * - timeliness: share of the entries with an entry deadline that were first submitted at or
 *   before it (corrections have no policy deadline and are left out of the share).
 * - returns by field: each field path named in a returned review round (cross or final) counts once.
 * - sampling findings: the supervisor's 'wrong' and 'missing' verdicts on those entries.
 *
 * A share with nothing to measure is null ("no data"), never 0: 0 % would be a verdict.
 */
import { CHINA_UTC_OFFSET_MINUTES, parseIsoDate, type IsoDate } from './calendar.js';
import { RECOMMENDED_FIELDS } from './guest-record.js';
import type { Role } from './roles.js';

const DAY_MS = 86_400_000;
/** The longest period a report covers: a year, a leap year included. */
export const MAX_PERIOD_DAYS = 366;

export type PeriodProblem = 'invalid_date' | 'reversed' | 'too_long';

export interface PeriodBounds {
  /** the first instant of the first day (China time) */
  readonly start: number;
  /** the first instant after the last day: the period is [start, end) */
  readonly end: number;
  readonly days: number;
}

/** Midnight at the start of a China calendar day, as an instant. */
function dayStart(date: IsoDate): number | null {
  const parts = parseIsoDate(date);
  if (!parts) return null;
  return Date.UTC(parts.year, parts.month - 1, parts.day) - CHINA_UTC_OFFSET_MINUTES * 60_000;
}

/**
 * A period of whole China calendar days, both ends included, or what is wrong with it, keyed by
 * the field to point at ('from' or 'to').
 */
export function periodBounds(
  from: IsoDate,
  to: IsoDate,
):
  { ok: true; value: PeriodBounds } | { ok: false; problems: Partial<Record<'from' | 'to', PeriodProblem>> } {
  const start = dayStart(from);
  const last = dayStart(to);
  if (start === null || last === null) {
    const problems: Partial<Record<'from' | 'to', PeriodProblem>> = {};
    if (start === null) problems.from = 'invalid_date';
    if (last === null) problems.to = 'invalid_date';
    return { ok: false, problems };
  }
  if (last < start) return { ok: false, problems: { to: 'reversed' } };
  const days = Math.round((last - start) / DAY_MS) + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, problems: { to: 'too_long' } };
  return { ok: true, value: { start, end: last + DAY_MS, days } };
}

// ---------------------------------------------------------------------------------------------
// Rows in

export type CrossOutcome = 'approved' | 'escalated' | 'returned';
export type SampleVerdict = 'correct' | 'wrong' | 'missing';

export interface QualityStaff {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** One entry: a revision first submitted in the period by `staffId`. */
export interface QualityEntry {
  readonly staffId: string;
  /** revision > 1: a guest correction (R19) */
  readonly correction: boolean;
  readonly firstSubmittedAt: number;
  /** null: no entry deadline (a correction) */
  readonly entryDueAt: number | null;
  /** the outcome of the revision's first cross-review round; null while none was decided */
  readonly firstCrossOutcome: CrossOutcome | null;
  /** how many recommended fields the entry's data fills; null when the data cannot be read */
  readonly recommendedFilled: number | null;
}

/** A returned review round (cross or final) of one of the entries. */
export interface QualityReturn {
  readonly staffId: string;
  readonly fields: readonly string[];
}

/** A sampling-audit verdict on one field of one of the entries. */
export interface QualitySampleCheck {
  readonly staffId: string;
  readonly verdict: SampleVerdict;
}

export interface QualityInput {
  readonly staff: readonly QualityStaff[];
  readonly entries: readonly QualityEntry[];
  readonly returns: readonly QualityReturn[];
  readonly checks: readonly QualitySampleCheck[];
}

// ---------------------------------------------------------------------------------------------
// Figures out

export interface FieldCount {
  readonly field: string;
  readonly count: number;
}

export interface StaffQuality {
  readonly staffId: string;
  readonly name: string;
  readonly role: Role;
  /** revisions first submitted in the period, corrections included */
  readonly entered: number;
  readonly corrections: number;
  /** entries whose first cross-review round is decided */
  readonly crossReviewed: number;
  /** of those, approved or escalated at the first round */
  readonly firstPass: number;
  readonly accuracy: number | null;
  /** entries whose data was read for completeness */
  readonly completenessMeasured: number;
  readonly recommendedFilled: number;
  readonly recommendedPossible: number;
  readonly completeness: number | null;
  /** entries with an entry deadline */
  readonly withDeadline: number;
  readonly onTime: number;
  readonly timeliness: number | null;
  /** returned review rounds */
  readonly returns: number;
  /** field paths named in those rounds, most returned first */
  readonly returnedFields: readonly FieldCount[];
  /** sampling-audit verdicts on the entries */
  readonly sampleChecks: number;
  /** of those, 'wrong' or 'missing' */
  readonly sampleFindings: number;
}

export interface QualityFigures {
  readonly staff: readonly StaffQuality[];
  /** every returned field of the people shown, most returned first */
  readonly returnsByField: readonly FieldCount[];
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function sortedCounts(counts: ReadonlyMap<string, number>): FieldCount[] {
  return [...counts]
    .map(([field, count]) => ({ field, count }))
    .sort((a, b) => b.count - a.count || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

interface Tally {
  entered: number;
  corrections: number;
  crossReviewed: number;
  firstPass: number;
  completenessMeasured: number;
  recommendedFilled: number;
  withDeadline: number;
  onTime: number;
  returns: number;
  returnedFields: Map<string, number>;
  sampleChecks: number;
  sampleFindings: number;
}

function emptyTally(): Tally {
  return {
    entered: 0,
    corrections: 0,
    crossReviewed: 0,
    firstPass: 0,
    completenessMeasured: 0,
    recommendedFilled: 0,
    withDeadline: 0,
    onTime: 0,
    returns: 0,
    returnedFields: new Map(),
    sampleChecks: 0,
    sampleFindings: 0,
  };
}

/**
 * Figures for every person in `input.staff`, in that order. Rows about anyone else are ignored
 * (the caller decides who is shown); a person with no rows gets zeros and null shares.
 */
export function computeQualityFigures(input: QualityInput): QualityFigures {
  const tallies = new Map<string, Tally>(input.staff.map((s) => [s.id, emptyTally()]));
  const fieldsPerEntry = RECOMMENDED_FIELDS.length;

  for (const entry of input.entries) {
    const t = tallies.get(entry.staffId);
    if (!t) continue;
    t.entered += 1;
    if (entry.correction) t.corrections += 1;
    if (entry.firstCrossOutcome !== null) {
      t.crossReviewed += 1;
      if (entry.firstCrossOutcome !== 'returned') t.firstPass += 1;
    }
    if (entry.recommendedFilled !== null) {
      t.completenessMeasured += 1;
      t.recommendedFilled += Math.min(Math.max(0, entry.recommendedFilled), fieldsPerEntry);
    }
    if (entry.entryDueAt !== null) {
      t.withDeadline += 1;
      if (entry.firstSubmittedAt <= entry.entryDueAt) t.onTime += 1;
    }
  }

  const allFields = new Map<string, number>();
  for (const round of input.returns) {
    const t = tallies.get(round.staffId);
    if (!t) continue;
    t.returns += 1;
    for (const field of new Set(round.fields)) {
      t.returnedFields.set(field, (t.returnedFields.get(field) ?? 0) + 1);
      allFields.set(field, (allFields.get(field) ?? 0) + 1);
    }
  }

  for (const check of input.checks) {
    const t = tallies.get(check.staffId);
    if (!t) continue;
    t.sampleChecks += 1;
    if (check.verdict !== 'correct') t.sampleFindings += 1;
  }

  const staff = input.staff.map((person): StaffQuality => {
    const t = tallies.get(person.id) ?? emptyTally();
    const recommendedPossible = t.completenessMeasured * fieldsPerEntry;
    return {
      staffId: person.id,
      name: person.name,
      role: person.role,
      entered: t.entered,
      corrections: t.corrections,
      crossReviewed: t.crossReviewed,
      firstPass: t.firstPass,
      accuracy: share(t.firstPass, t.crossReviewed),
      completenessMeasured: t.completenessMeasured,
      recommendedFilled: t.recommendedFilled,
      recommendedPossible,
      completeness: share(t.recommendedFilled, recommendedPossible),
      withDeadline: t.withDeadline,
      onTime: t.onTime,
      timeliness: share(t.onTime, t.withDeadline),
      returns: t.returns,
      returnedFields: sortedCounts(t.returnedFields),
      sampleChecks: t.sampleChecks,
      sampleFindings: t.sampleFindings,
    };
  });
  return { staff, returnsByField: sortedCounts(allFields) };
}

/** A share as a whole percentage for people to read (0.6667 -> 67); null stays null. */
export function percent(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100);
}
