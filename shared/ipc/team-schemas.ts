/**
 * The team lead's day (R25 日常监督): today's entries per person, the queues with their ages,
 * what is overdue now, and the returns of the day with their reasons.
 */
import { z } from 'zod';
import { isIsoDate } from '../domain/calendar.js';
import { ROLES } from '../domain/roles.js';
import { RecordId, ReviewComment, StaffRef } from './record-schemas.js';
import { problem } from './problem-codes.js';

export const TeamDayInput = z.strictObject({
  /** the desk's local day (China time), 'YYYY-MM-DD'; today when omitted */
  date: z
    .string()
    .refine(isIsoDate, { message: problem('desk.date_invalid') })
    .optional(),
});

export const TEAM_QUEUES = ['online', 'entry', 'returned', 'cross_review', 'final_review'] as const;
export const TeamQueueName = z.enum(TEAM_QUEUES);
export type TeamQueueName = z.infer<typeof TeamQueueName>;

export const PersonDay = z.object({
  staff: StaffRef.extend({ role: z.enum(ROLES) }),
  /** entries this person began that day (an online submission: when they claimed it) */
  started: z.number().int().nonnegative(),
  /** entries submitted for cross-review the first time that day */
  submitted: z.number().int().nonnegative(),
  /** of those, submitted after the entry deadline (R11) */
  late: z.number().int().nonnegative(),
  /** their entries that became valid that day */
  valid: z.number().int().nonnegative(),
  /** returns of their entries that day (cross or final review) */
  returned: z.number().int().nonnegative(),
  /** review decisions they made that day */
  reviewed: z.number().int().nonnegative(),
  /** items in their hands overdue now */
  overdueNow: z.number().int().nonnegative(),
});
export type PersonDay = z.infer<typeof PersonDay>;

export const QueueAge = z.object({
  queue: TeamQueueName,
  count: z.number().int().nonnegative(),
  /** since when the oldest item has waited in this queue; null when empty */
  oldestSince: z.number().nullable(),
  oldestAgeMs: z.number().nullable(),
  overdue: z.number().int().nonnegative(),
});
export type QueueAge = z.infer<typeof QueueAge>;

export const OverdueItem = z.object({
  recordId: RecordId,
  queue: TeamQueueName,
  guestName: z.string(),
  /** who must act: the entrant, or the assigned cross-reviewer; null when it is the team's */
  responsible: StaffRef.nullable(),
  deadlineKind: z.enum(['onsite_entry', 'online_entry', 'cross_review']),
  since: z.number(),
  dueAt: z.number(),
  overdueMs: z.number().positive(),
});
export type OverdueItem = z.infer<typeof OverdueItem>;

export const DayReturn = z.object({
  recordId: RecordId,
  round: z.number().int().positive(),
  stage: z.enum(['cross', 'final']),
  guestName: z.string(),
  reviewer: StaffRef,
  entrant: StaffRef.nullable(),
  decidedAt: z.number(),
  /** field paths (clear) and the reviewer's reasons (sealed, opened for the lead) */
  comments: z.array(ReviewComment),
  /** the entrant has fixed and resubmitted it since (or it was otherwise moved on) */
  handled: z.boolean(),
});
export type DayReturn = z.infer<typeof DayReturn>;

export const TeamDay = z.object({
  practice: z.boolean(),
  date: z.string(),
  /** the core's clock when it answered; queues and overdue are as of now, whatever the date */
  now: z.number(),
  today: z.boolean(),
  people: z.array(PersonDay),
  queues: z.array(QueueAge),
  overdue: z.array(OverdueItem),
  returns: z.array(DayReturn),
});
export type TeamDay = z.infer<typeof TeamDay>;
