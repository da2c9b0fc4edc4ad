/**
 * Guest complaints (R27 客户反馈监督): registered at the desk, linked to a record, assigned,
 * investigated and answered. What the guest said and the answer are sealed in the core.
 */
import { z } from 'zod';
import { RecordId, StaffRef } from './record-schemas.js';
import { problem } from './problem-codes.js';

export const COMPLAINT_TEXT_MAX = 2000;
export const COMPLAINT_NOTE_MAX = 1000;

/** Problems in `fields` are words of the one vocabulary ('desk.required', 'desk.text_too_long', …). */
const Prose = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: problem('desk.required') })
    .max(max, { message: problem('desk.text_too_long') });

export const COMPLAINT_KINDS = ['wrong_information', 'suspected_leak', 'other'] as const;
export const ComplaintKind = z.enum(COMPLAINT_KINDS);
export type ComplaintKind = z.infer<typeof ComplaintKind>;
/** how it reached the resort: the policy names the hotline and e-mail (客服热线、电子邮箱) */
export const COMPLAINT_CHANNELS = ['desk', 'hotline', 'email', 'other'] as const;
export const COMPLAINT_STATUSES = ['open', 'assigned', 'resolved'] as const;
export const COMPLAINT_OUTCOMES = ['upheld', 'not_upheld'] as const;
/** how the answer reached the guest (处理结果反馈给客户) */
export const ANSWER_CHANNELS = ['in_person', 'phone', 'email', 'message', 'letter'] as const;

export const ComplaintId = z.uuid();

export const RegisterComplaintInput = z.strictObject({
  kind: ComplaintKind,
  receivedVia: z.enum(COMPLAINT_CHANNELS),
  recordId: z.uuid({ message: problem('desk.record_number_form') }).optional(),
  text: Prose(COMPLAINT_TEXT_MAX),
});

export const ComplaintRefInput = z.strictObject({ complaintId: ComplaintId });
export const AssignComplaintInput = z.strictObject({
  complaintId: ComplaintId,
  assigneeId: z.string().min(1).max(64),
});
export const ComplaintNoteInput = z.strictObject({
  complaintId: ComplaintId,
  note: Prose(COMPLAINT_NOTE_MAX),
});
export const ResolveComplaintInput = z.strictObject({
  complaintId: ComplaintId,
  outcome: z.enum(COMPLAINT_OUTCOMES),
  answeredVia: z.enum(ANSWER_CHANNELS),
  /** the answer given to the guest, in the words it was given */
  answer: Prose(COMPLAINT_TEXT_MAX),
});

export const ComplaintSummary = z.object({
  id: ComplaintId,
  number: z.number().int().positive(),
  kind: ComplaintKind,
  /** a suspected leak (R21, PIPL Art. 57) is handled before anything else */
  urgent: z.boolean(),
  receivedVia: z.enum(COMPLAINT_CHANNELS),
  recordId: RecordId.nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  registeredBy: StaffRef,
  registeredAt: z.number(),
  assignedTo: StaffRef.nullable(),
  assignedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  /** open: how long it has waited; resolved: how long it took */
  ageMs: z.number().nonnegative(),
});
export type ComplaintSummary = z.infer<typeof ComplaintSummary>;

export const ComplaintList = z.object({
  items: z.array(ComplaintSummary),
  /** suspected leaks not yet resolved */
  openLeaks: z.number().int().nonnegative(),
  /** true when the caller sees only the complaints they registered (complaint.record alone) */
  ownOnly: z.boolean(),
});
export type ComplaintList = z.infer<typeof ComplaintList>;

export const ComplaintEvent = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['registered', 'assigned', 'note', 'resolved']),
  staff: StaffRef,
  at: z.number(),
  assignee: StaffRef.nullable(),
  note: z.string().nullable(),
});

export const ComplaintDetail = ComplaintSummary.extend({
  text: z.string(),
  recordErased: z.boolean(),
  resolvedBy: StaffRef.nullable(),
  answeredVia: z.enum(ANSWER_CHANNELS).nullable(),
  answer: z.string().nullable(),
  events: z.array(ComplaintEvent),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

export const ComplaintAssignees = z.object({ people: z.array(StaffRef) });
