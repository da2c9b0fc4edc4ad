/**
 * Inputs and answers of the guest-record methods (R7–R14, R19): intake and drafts, the three
 * reviews, online submissions, search and reveal, corrections and erasure. Every answer says
 * whether it came from the practice store (R6) so the UI can never show practice data as real.
 */
import { z } from 'zod';
import { Channel, GuestDraft } from '../domain/guest-record.js';
import { REVISION_STATUSES, SELF_REVIEW_CHECKS, WORKFLOW_ACTIONS } from '../domain/record-workflow.js';
import { ROLES } from '../domain/roles.js';
import { problem } from './problem-codes.js';

export const RecordId = z.uuid();
const StaffId = z.string().min(1).max(64);

export const ONSITE_CHANNELS = ['on_site_face_to_face', 'on_site_paper_form'] as const;
export const OnsiteChannel = z.enum(ONSITE_CHANNELS);
export const ONLINE_CHANNELS = ['online_website', 'online_wechat', 'online_app'] as const;
export const OnlineChannel = z.enum(ONLINE_CHANNELS);

/** Every field path of a guest draft, sections included ("ski", "ski.rental.heightCm"). */
function draftFieldPaths(schema: z.ZodType, prefix: string): string[] {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    return [path, ...draftFieldPaths(child, path)];
  });
}

/**
 * What a review comment may point at: a field or section of the record, or "_" for the record as
 * a whole. A closed list, because the paths are kept in clear (quality reports count returns by
 * field) and a free string could carry a value.
 */
export const REVIEW_FIELD_PATHS: readonly string[] = Object.freeze(['_', ...draftFieldPaths(GuestDraft, '')]);
export const ReviewFieldPath = z.string().refine((path) => REVIEW_FIELD_PATHS.includes(path), {
  message: problem('input.not_a_field'),
});

export const COMMENT_MAX_LENGTH = 1000;
export const REASON_MAX_LENGTH = 1000;
const FreeText = (max: number) => z.string().trim().min(1).max(max);
export const Reason = FreeText(REASON_MAX_LENGTH);

export const ReviewComment = z.strictObject({ path: ReviewFieldPath, text: FreeText(COMMENT_MAX_LENGTH) });
export type ReviewComment = z.infer<typeof ReviewComment>;

export const SelfReviewChecklist = z.strictObject(
  Object.fromEntries(SELF_REVIEW_CHECKS.map((check) => [check, z.boolean().optional()])) as Record<
    (typeof SELF_REVIEW_CHECKS)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const RecordStateName = z.enum(REVISION_STATUSES);
export const StaffRef = z.object({ id: z.string(), name: z.string() });

/** A deadline (shared/domain/deadlines.ts) and where it stands now. */
export const DeadlineView = z.object({
  kind: z.enum(['onsite_entry', 'online_entry', 'cross_review']),
  startsAt: z.number(),
  dueAt: z.number(),
  status: z.enum(['on_time', 'due_soon', 'overdue']),
  /** negative once overdue */
  remainingMs: z.number(),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

/** Every answer about records carries where it came from. */
const Practice = z.boolean().describe('true when the data is the practice store’s (R6)');

// ---- intake, drafts, submit --------------------------------------------------------------------

export const StartIntakeInput = z.strictObject({
  channel: OnsiteChannel,
  /** anything already typed before the record existed (the first keystrokes) */
  draft: GuestDraft.optional(),
});

export const DraftSaved = z.object({
  practice: Practice,
  recordId: RecordId,
  revision: z.number().int().positive(),
  savedAt: z.number(),
  /** field paths changed by this save (names only) */
  changedFields: z.array(z.string()),
  /** required fields still blank today */
  missingRequired: z.array(z.string()),
  completeness: z.object({
    filled: z.array(z.string()),
    missing: z.array(z.string()),
    share: z.number(),
  }),
  deadline: DeadlineView.nullable(),
});
export type DraftSaved = z.infer<typeof DraftSaved>;

export const SaveDraftInput = z.strictObject({ recordId: RecordId, draft: GuestDraft });
export const RecordRefInput = z.strictObject({ recordId: RecordId });
export const SubmitInput = z.strictObject({ recordId: RecordId, checklist: SelfReviewChecklist });

/** The record after a transition. */
export const TransitionDone = z.object({
  practice: Practice,
  recordId: RecordId,
  revision: z.number().int().positive(),
  state: RecordStateName,
  inForceRevision: z.number().int().positive().nullable(),
});
export type TransitionDone = z.infer<typeof TransitionDone>;

// ---- queues ----------------------------------------------------------------------------------

export const QueueItem = z.object({
  recordId: RecordId,
  revision: z.number().int().positive(),
  state: RecordStateName,
  channel: Channel.nullable(),
  vip: z.boolean(),
  doubtful: z.boolean(),
  /** the guest's name as typed in the working revision ('' while nothing is typed) */
  guestName: z.string(),
  /** revision 2 or later: a guest correction (R19) */
  correction: z.boolean(),
  entrant: StaffRef.nullable(),
  assignedReviewer: StaffRef.nullable(),
  claimedBy: StaffRef.nullable(),
  entryStartedAt: z.number(),
  receivedAt: z.number().nullable(),
  submittedAt: z.number().nullable(),
  deadline: DeadlineView.nullable(),
  erasurePending: z.boolean(),
  /** returned records (the entrant's list): the reviewer's comments */
  comments: z.array(ReviewComment).optional(),
  /** online submissions: contact attempts logged so far */
  contactAttempts: z.number().int().nonnegative().optional(),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const Queue = z.object({ practice: Practice, items: z.array(QueueItem) });
export type Queue = z.infer<typeof Queue>;

// ---- one record --------------------------------------------------------------------------------

export const ReviewRoundView = z.object({
  round: z.number().int().positive(),
  revision: z.number().int().positive(),
  stage: z.enum(['cross', 'final']),
  outcome: z.enum(['approved', 'escalated', 'returned']),
  reviewer: StaffRef,
  submittedAt: z.number(),
  decidedAt: z.number(),
  comments: z.array(ReviewComment),
  escalateReason: z.string().nullable(),
});

export const CONTACT_METHODS = ['phone', 'sms', 'wechat', 'email', 'other'] as const;
export const CONTACT_OUTCOMES = [
  'reached',
  'no_answer',
  'busy',
  'wrong_number',
  'left_message',
  'declined',
  'other',
] as const;

export const ContactAttemptView = z.object({
  id: z.number().int(),
  at: z.number(),
  staff: StaffRef,
  method: z.enum(CONTACT_METHODS),
  outcome: z.enum(CONTACT_OUTCOMES),
  note: z.string().nullable(),
});

export const ErasureRequestView = z.object({
  id: z.uuid(),
  requestedBy: StaffRef,
  requestedAt: z.number(),
  reason: z.string(),
});

export const RecordDetail = z.object({
  practice: Practice,
  recordId: RecordId,
  revision: z.number().int().positive(),
  inForceRevision: z.number().int().positive().nullable(),
  state: RecordStateName,
  channel: Channel.nullable(),
  vip: z.boolean(),
  doubtful: z.boolean(),
  correction: z.boolean(),
  correctionReason: z.string().nullable(),
  /** the working revision's data; null once erased */
  draft: GuestDraft.nullable(),
  /** a correction under way: the data still in force, to compare with */
  inForce: GuestDraft.nullable(),
  entrant: StaffRef.nullable(),
  assignedReviewer: StaffRef.nullable(),
  crossReviewer: StaffRef.nullable(),
  finalReviewer: StaffRef.nullable(),
  claimedBy: StaffRef.nullable(),
  entryStartedAt: z.number(),
  receivedAt: z.number().nullable(),
  submittedAt: z.number().nullable(),
  validAt: z.number().nullable(),
  deadline: DeadlineView.nullable(),
  /** what the caller may do now (the pure state machine's answer), and whether they may edit */
  allowedActions: z.array(z.enum(WORKFLOW_ACTIONS)),
  canEdit: z.boolean(),
  missingRequired: z.array(z.string()),
  rounds: z.array(ReviewRoundView),
  contactAttempts: z.array(ContactAttemptView),
  erasureRequest: ErasureRequestView.nullable(),
  erasedAt: z.number().nullable(),
});
export type RecordDetail = z.infer<typeof RecordDetail>;

// ---- duplicates, search, reveal ----------------------------------------------------------------

export const GuestHit = z.object({
  recordId: RecordId,
  guestName: z.string(),
  maskedIdNumber: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  state: RecordStateName,
  inForceRevision: z.number().int().positive().nullable(),
  channel: Channel.nullable(),
  matchedOn: z.array(z.enum(['idNumber', 'phone', 'name'])),
});
export type GuestHit = z.infer<typeof GuestHit>;

export const GuestHits = z.object({ practice: Practice, hits: z.array(GuestHit) });

export const DuplicateCheckInput = z
  .strictObject({
    /** the record being typed, so it does not find itself */
    recordId: RecordId.optional(),
    idNumber: z.string().max(100).optional(),
    phone: z.string().max(100).optional(),
  })
  .refine((v) => v.idNumber !== undefined || v.phone !== undefined, { message: problem('input.invalid') });

export const SearchInput = z.union([
  z.strictObject({ idNumber: z.string().min(1).max(100) }),
  z.strictObject({ phone: z.string().min(1).max(100) }),
  z.strictObject({ name: z.string().trim().min(1).max(100) }),
]);

export const REVEAL_FIELDS = [
  'idDocument.number',
  'contact.phone',
  'emergencyContact.phone',
  'guardian.phone',
] as const;
/**
 * Why a full value is shown (R20). A code, not free text: the audit log keeps it as the entry's
 * reason, and the audit log never holds what a person typed.
 */
export const REVEAL_REASONS = [
  'verify_identity',
  'contact_guest',
  'guest_request',
  'complaint',
  'supervision_audit',
] as const;

export const RevealInput = z.strictObject({
  recordId: RecordId,
  field: z.enum(REVEAL_FIELDS),
  reason: z.enum(REVEAL_REASONS),
});
export const Revealed = z.object({ practice: Practice, value: z.string().nullable() });

// ---- reviews ---------------------------------------------------------------------------------

export const AssignReviewerInput = z.strictObject({ recordId: RecordId, reviewerId: StaffId.nullable() });
export const ReviewerChoices = z.object({
  practice: Practice,
  reviewers: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
export const ApproveCrossInput = z.strictObject({
  recordId: RecordId,
  /** the reviewer has a doubt: the record goes to the manager whatever its flags */
  escalate: z.strictObject({ reason: Reason }).optional(),
});
export const ReturnInput = z.strictObject({
  recordId: RecordId,
  comments: z.array(ReviewComment).min(1).max(100),
});

// ---- online submissions (R9) ---------------------------------------------------------------------

export const AddOnlineInput = z.strictObject({
  channel: OnlineChannel,
  /** when it arrived at the desk's side; the 2-hour clock starts here (now when omitted) */
  receivedAt: z.number().int().nonnegative().optional(),
  submission: GuestDraft,
});
export const LogContactInput = z.strictObject({
  recordId: RecordId,
  method: z.enum(CONTACT_METHODS),
  outcome: z.enum(CONTACT_OUTCOMES),
  note: FreeText(REASON_MAX_LENGTH).optional(),
});
export const ContactLogged = z.object({ practice: Practice, attempt: ContactAttemptView });

// ---- corrections and erasure (R19) --------------------------------------------------------------

export const ReasonInput = z.strictObject({ recordId: RecordId, reason: Reason });
export const ErasureQueue = z.object({
  practice: Practice,
  items: z.array(
    z.object({
      recordId: RecordId,
      request: ErasureRequestView,
      guestName: z.string(),
      state: RecordStateName,
    }),
  ),
});

export const Workspace = z.object({ practice: Practice });
