/**
 * Inputs and answers of the quality methods (R28). Answers carry staff names and figures only:
 * field paths are names from the record catalogue, never values.
 */
import { z } from 'zod';
import { periodBounds } from '../domain/quality-figures.js';
import { ROLES } from '../domain/roles.js';
import type { ProblemCode } from './problem-codes.js';

const StaffId = z.string().min(1).max(64);

/**
 * A period of whole China calendar days, both ends included, at most a year. Problems come back
 * as `fields: {from|to: 'quality.period_<problem>'}` so the form can put them next to its dates.
 */
export const QualityPeriodInput = z
  .object({
    from: z.string().max(10),
    to: z.string().max(10),
    /** one person; without it, everyone the caller may see */
    staffId: StaffId.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const bounds = periodBounds(value.from, value.to);
    if (bounds.ok) return;
    for (const [path, problem] of Object.entries(bounds.problems)) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: `quality.period_${problem}` satisfies ProblemCode,
      });
    }
  });
export type QualityPeriodInput = z.infer<typeof QualityPeriodInput>;

const Share = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);
const FieldCount = z.object({ field: z.string(), count: Count });

export const StaffQuality = z.object({
  staffId: StaffId,
  name: z.string(),
  role: z.enum(ROLES),
  entered: Count,
  corrections: Count,
  crossReviewed: Count,
  firstPass: Count,
  accuracy: Share,
  completenessMeasured: Count,
  recommendedFilled: Count,
  recommendedPossible: Count,
  completeness: Share,
  withDeadline: Count,
  onTime: Count,
  timeliness: Share,
  returns: Count,
  returnedFields: z.array(FieldCount),
  sampleChecks: Count,
  sampleFindings: Count,
});
export type StaffQuality = z.infer<typeof StaffQuality>;

export const QualityReport = z.object({
  from: z.string(),
  to: z.string(),
  /** when the figures were computed (core clock) */
  generatedAt: z.number(),
  /** true when the caller may only see their own figures (quality.own) */
  ownOnly: z.boolean(),
  staff: z.array(StaffQuality),
  returnsByField: z.array(FieldCount),
});
export type QualityReport = z.infer<typeof QualityReport>;

export const QualityCsv = z.object({
  /** a suggested file name: snowdesk-quality-<from>-<to>.csv */
  fileName: z.string(),
  /** RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese names */
  csv: z.string(),
});
export type QualityCsv = z.infer<typeof QualityCsv>;
