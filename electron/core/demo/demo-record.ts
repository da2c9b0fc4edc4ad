import type { GuestRecord } from '../../../shared/domain/guest-record.js';
import { isOnlineChannel } from '../../../shared/domain/guest-record.js';
import { SELF_REVIEW_CHECKS, type Actor } from '../../../shared/domain/record-workflow.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { submit } from '../records/commands/intake.js';
import { addOnline, claimOnline } from '../records/commands/online.js';
import { approve } from '../records/commands/review.js';
import { startIntake } from '../records/commands/intake.js';
import type { WorkflowParts } from '../records/workflow-deps.js';

const CHECKLIST = Object.fromEntries(SELF_REVIEW_CHECKS.map((check) => [check, true]));

/** A clock the seeding moves by hand: each step of a demo record happens at its own time. */
class SteppedClock implements Clock {
  constructor(private at: number) {}
  now(): number {
    return this.at;
  }
  set(at: number): void {
    this.at = at;
  }
}

export interface ValidSeed {
  guest: GuestRecord;
  entrantId: string;
  reviewerId: string;
  finalReviewerId?: string;
  enteredAt: number;
  validAt: number;
}

/**
 * A demo record that went through the workflow: the real commands (entry, or an online submission
 * and its claim; submit; cross-review; final review when VIP or doubtful), each at its moment on a
 * clock of the seed's own, by the staff named. `workflow(clock)` gives the store's commands on that
 * clock with no change sink: demo guests are not for the central system.
 */
export function seedValidRecord(workflow: (clock: Clock) => WorkflowParts, input: ValidSeed): string {
  const { entrantId, reviewerId, finalReviewerId, enteredAt, validAt } = input;
  const final = input.guest.vip || input.guest.doubtful;
  if (reviewerId === entrantId || (final && (!finalReviewerId || finalReviewerId === entrantId))) {
    throw new CoreError('invalid_input', 'A seeded record needs reviewers other than its entrant');
  }
  const clock = new SteppedClock(enteredAt);
  const w = workflow(clock);
  const actor = (id: string): Actor => {
    const row = w.deps.staff.byId(id);
    if (!row) throw new CoreError('invalid_input', `No staff member ${id}`);
    return { id, role: row.role, certified: w.deps.practice || row.certified_at !== null };
  };
  // consent is given when the guest is entered, not when the seed runs
  const at = new Date(enteredAt).toISOString();
  const { guardian } = input.guest;
  const guest: GuestRecord = {
    ...input.guest,
    consent: { ...input.guest.consent, at },
    ...(guardian?.consent ? { guardian: { ...guardian, consent: { ...guardian.consent, at } } } : {}),
  };
  const entrant = actor(entrantId);
  const recordId = isOnlineChannel(guest.channel)
    ? addOnline(w, entrant, guest.channel, guest, enteredAt).recordId
    : startIntake(w, entrant, guest.channel, guest).recordId;
  if (isOnlineChannel(guest.channel)) claimOnline(w, entrant, recordId);
  clock.set(Math.min(enteredAt + 5 * 60_000, validAt));
  submit(w, entrant, recordId, CHECKLIST);
  clock.set(validAt);
  approve(w, actor(reviewerId), recordId, 'cross');
  if (final && finalReviewerId) approve(w, actor(finalReviewerId), recordId, 'final');
  return recordId;
}
