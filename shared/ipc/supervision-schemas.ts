/**
 * Inputs and answers of the supervisor's methods (R26): the sampling audit and the report of
 * permission use. Field problems are codes the supervision screens word
 * (shared/i18n/supervision.*.ts, `problems`).
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar.js';
import { GuestDraft } from '../domain/guest-record.js';
import {
  AUDIT_VERDICTS,
  SAMPLE_MAX_COUNT,
  SAMPLE_STATUSES,
  SHARE_MAX_PERCENT,
  SHARE_MIN_PERCENT,
} from '../domain/sampling-audit.js';
import { RecordId, REVIEW_FIELD_PATHS, StaffRef } from './record-schemas.js';
import { problem } from './problem-codes.js';

export const SampleId = z.uuid();

const Day = z.string().refine(isIsoDate, { message: problem('sampling.date_invalid') });

/** A field of the record a check points at: a path of the catalogue (kept in clear, so never free text). */
export const AUDIT_FIELD_PATHS: readonly string[] = Object.freeze(
  REVIEW_FIELD_PATHS.filter((p) => p !== '_'),
);
export const AuditFieldPath = z.string().refine((path) => AUDIT_FIELD_PATHS.includes(path), {
  message: problem('input.not_a_field'),
});

export const NOTE_MAX_LENGTH = 1000;

const Period = { from: Day, to: Day };

function periodInOrder(value: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (isIsoDate(value.from) && isIsoDate(value.to) && value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: problem('sampling.period_reversed') });
  }
}

export const SampleDrawInput = z
  .strictObject({
    ...Period,
    sharePercent: z
      .number()
      .min(SHARE_MIN_PERCENT, { message: problem('sampling.share_out_of_range') })
      .max(SHARE_MAX_PERCENT, { message: problem('sampling.share_out_of_range') })
      .optional(),
    count: z
      .number()
      .int({ message: problem('sampling.count_out_of_range') })
      .min(1, { message: problem('sampling.count_out_of_range') })
      .max(SAMPLE_MAX_COUNT, { message: problem('sampling.count_out_of_range') })
      .optional(),
  })
  .superRefine((value, ctx) => {
    periodInOrder(value, ctx);
    if ((value.sharePercent === undefined) === (value.count === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['sharePercent'], message: problem('sampling.share_or_count') });
    }
  });
export type SampleDrawInput = z.infer<typeof SampleDrawInput>;

export const SampleRefInput = z.strictObject({ sampleId: SampleId });
export const SampleRecordInput = z.strictObject({ sampleId: SampleId, recordId: RecordId });

export const SampleCheckInput = z.strictObject({
  sampleId: SampleId,
  recordId: RecordId,
  field: AuditFieldPath,
  verdict: z.enum(AUDIT_VERDICTS),
  /** supervisors quote values ("should be 139…"): sealed with the record's sub-key */
  note: z.string().trim().min(1).max(NOTE_MAX_LENGTH).optional(),
});

const Counts = z.object({
  correct: z.number().int().nonnegative(),
  wrong: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
});

export const SampleSummary = z.object({
  sampleId: SampleId,
  drawnAt: z.number(),
  drawnBy: StaffRef,
  /** the period as the supervisor chose it (days in China) and as instants of valid_at */
  from: z.string(),
  to: z.string(),
  periodFrom: z.number(),
  periodTo: z.number(),
  sharePercent: z.number().nullable(),
  requestedCount: z.number().int().nullable(),
  /** what anyone needs to draw the same sample again */
  seed: z.string(),
  populationCount: z.number().int().positive(),
  populationDigest: z.string(),
  size: z.number().int().positive(),
  status: z.enum(SAMPLE_STATUSES),
  completedAt: z.number().nullable(),
  checkedRecords: z.number().int().nonnegative(),
  checks: Counts,
});
export type SampleSummary = z.infer<typeof SampleSummary>;

export const SampleList = z.object({ samples: z.array(SampleSummary) });

export const SampleItemView = z.object({
  position: z.number().int().positive(),
  recordId: RecordId,
  revision: z.number().int().positive(),
  entrant: StaffRef.nullable(),
  validAt: z.number().nullable(),
  /** erased since the draw: nothing left to check */
  erased: z.boolean(),
  checks: Counts,
});
export type SampleItemView = z.infer<typeof SampleItemView>;

export const SampleDetail = z.object({
  sample: SampleSummary,
  items: z.array(SampleItemView),
  /**
   * Drawing again from the recorded seed over today's population of the period: 'same' items,
   * or the population has changed since (a record erased or corrected), so the digest differs.
   */
  reproduction: z.enum(['same', 'population_changed', 'items_differ']),
});
export type SampleDetail = z.infer<typeof SampleDetail>;

export const SampleCheckView = z.object({
  field: z.string(),
  verdict: z.enum(AUDIT_VERDICTS),
  note: z.string().nullable(),
  checkedBy: StaffRef,
  checkedAt: z.number(),
});
export type SampleCheckView = z.infer<typeof SampleCheckView>;

export const SampleRecord = z.object({
  sampleId: SampleId,
  status: z.enum(SAMPLE_STATUSES),
  position: z.number().int().positive(),
  recordId: RecordId,
  revision: z.number().int().positive(),
  entrant: StaffRef.nullable(),
  entryStartedAt: z.number(),
  entryDueAt: z.number().nullable(),
  submittedAt: z.number().nullable(),
  validAt: z.number().nullable(),
  /** timeliness (R4, R11): first submitted by the entry deadline; null when no deadline ran */
  enteredOnTime: z.boolean().nullable(),
  /** the drawn revision's data in full; null once the record was erased */
  guest: GuestDraft.nullable(),
  checks: z.array(SampleCheckView),
});
export type SampleRecord = z.infer<typeof SampleRecord>;

export const SampleReport = z.object({
  sample: SampleSummary,
  totals: Counts.extend({
    records: z.number().int().nonnegative(),
    checkedRecords: z.number().int().nonnegative(),
    /** records whose entry was late (R4) */
    late: z.number().int().nonnegative(),
  }),
  byField: z.array(Counts.extend({ field: z.string() })),
  byEntrant: z.array(
    Counts.extend({
      entrant: StaffRef.nullable(),
      records: z.number().int().nonnegative(),
      late: z.number().int().nonnegative(),
    }),
  ),
  /** every wrong or missing field, and every note, for the supervisor to follow up */
  findings: z.array(
    SampleCheckView.extend({
      position: z.number().int().positive(),
      recordId: RecordId,
      entrant: StaffRef.nullable(),
    }),
  ),
});
export type SampleReport = z.infer<typeof SampleReport>;

// ---- permission use (R20, R26) ------------------------------------------------------------------

export const PERMISSION_USE_KINDS = ['reveal', 'export', 'password_reset', 'refused'] as const;
export type PermissionUseKind = (typeof PERMISSION_USE_KINDS)[number];

export const PermissionUseInput = z.strictObject(Period).superRefine(periodInOrder);

export const PermissionUseRow = z.object({
  kind: z.enum(PERMISSION_USE_KINDS),
  /** null: nobody was signed in (a refused call while locked, a recovery-key reset that failed) */
  actor: StaffRef.nullable(),
  count: z.number().int().nonnegative(),
  /** attempts the core refused (a wrong recovery key, a reveal without the right) */
  refused: z.number().int().nonnegative(),
  first: z.number(),
  last: z.number(),
  /** reveals: how many for each reason code (verify_identity, supervision_audit …) */
  reasons: z.record(z.string(), z.number().int().nonnegative()),
});
export type PermissionUseRow = z.infer<typeof PermissionUseRow>;

export const PermissionUse = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(PermissionUseRow),
  totals: z.record(z.enum(PERMISSION_USE_KINDS), z.number().int().nonnegative()),
});
export type PermissionUse = z.infer<typeof PermissionUse>;
