import { calendarDateAt } from '../../../shared/domain/calendar.js';
import { deadlineStatus, type Deadline } from '../../../shared/domain/deadlines.js';
import { completeness, missingRequiredFields, type GuestDraft } from '../../../shared/domain/guest-record.js';
import {
  allowedActions,
  CANCELLED_REVISION,
  canEdit,
  inCrossReview,
  inEntry,
  isReturned,
  type Actor,
} from '../../../shared/domain/record-workflow.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import type {
  DeadlineView,
  DraftSaved,
  QueueItem,
  RecordDetail,
  ReviewComment,
  TransitionDone,
} from '../../../shared/ipc/record-schemas.js';
import { CoreError } from '../core-error.js';
import { asDraft, guestNameOf } from './guest-payload.js';
import type {
  ErasureRow,
  QueueFilter,
  QueueRow,
  RecordRow,
  RecordWorkflowRepository,
  RevisionRow,
} from './record-workflow-repository.js';
import type { RecordWorkflowDeps } from './workflow-deps.js';
import type { Loaded, WorkflowRows } from './workflow-rows.js';

/**
 * The read side of the workflow: queues, a record's detail, and the answers the commands give
 * (saved, done). Opens payloads and sealed notes with the session's key; writes nothing (the
 * audit entry of an opening is the caller's).
 */
export class RecordViews {
  private readonly repo: RecordWorkflowRepository;

  constructor(
    private readonly deps: RecordWorkflowDeps,
    private readonly rows: WorkflowRows,
  ) {
    this.repo = rows.repo;
  }

  saved(recordId: string, revision: number, now: number, changed: string[], draft: GuestDraft): DraftSaved {
    const row = this.requireQueueRow(recordId);
    const done = completeness(draft);
    return {
      practice: this.deps.practice,
      recordId,
      revision,
      savedAt: now,
      changedFields: changed,
      missingRequired: missingRequiredFields(draft, calendarDateAt(now)),
      completeness: { filled: [...done.filled], missing: [...done.missing], share: done.share },
      deadline: this.deadlineOf(row, row),
    };
  }

  done(recordId: string): TransitionDone {
    const { record, working } = this.rows.load(recordId);
    return {
      practice: this.deps.practice,
      recordId,
      revision: working.revision,
      state: this.publicState(working),
      inForceRevision: record.in_force_revision,
    };
  }

  publicState(row: RevisionRow): QueueItem['state'] {
    if (row.state === CANCELLED_REVISION) throw new Error('a cancelled revision is never shown as working');
    return row.state;
  }

  requireQueueRow(recordId: string): QueueRow {
    const row = this.repo.queueRow(recordId);
    if (!row) throw new CoreError('not_found', 'No such record');
    return row;
  }

  /** The deadline that runs for the record's working revision now, if the policy sets one. */
  deadlineOf(
    row: Pick<
      RevisionRow,
      'state' | 'entry_started_at' | 'entry_due_at' | 'submitted_at' | 'cross_review_due_at'
    >,
    record: { received_at: number | null },
  ): DeadlineView | null {
    let deadline: Deadline | null = null;
    if (inEntry(row.state) && row.entry_due_at !== null) {
      deadline =
        record.received_at === null
          ? { kind: 'onsite_entry', startsAt: row.entry_started_at, dueAt: row.entry_due_at }
          : { kind: 'online_entry', startsAt: record.received_at, dueAt: row.entry_due_at };
    } else if (inCrossReview(row.state) && row.submitted_at !== null && row.cross_review_due_at !== null) {
      deadline = { kind: 'cross_review', startsAt: row.submitted_at, dueAt: row.cross_review_due_at };
    }
    if (!deadline) return null;
    return { ...deadline, ...deadlineStatus(deadline, this.deps.clock.now()) };
  }

  private staffRef(id: string | null, name: string | null | undefined): { id: string; name: string } | null {
    if (id === null) return null;
    return { id, name: name ?? this.repo.staffName(id) ?? '' };
  }

  openWorking(recordId: string, revision: number): GuestDraft {
    return asDraft(this.deps.records.openRevision({ recordId, revision }), recordId);
  }

  /** The data people see for a record: the revision in force, else the one being entered. */
  openDisplay(record: Pick<RecordRow, 'record_id' | 'working_revision' | 'in_force_revision'>): GuestDraft {
    return this.openWorking(record.record_id, record.in_force_revision ?? record.working_revision);
  }

  queueItem(row: QueueRow, withComments: boolean): QueueItem {
    const item: QueueItem = {
      recordId: row.record_id,
      revision: row.revision,
      state: this.publicState(row),
      channel: row.channel,
      vip: row.vip === 1,
      doubtful: row.doubtful === 1,
      guestName: guestNameOf(this.openWorking(row.record_id, row.revision)),
      correction: row.revision > 1,
      entrant: this.staffRef(row.entrant_id, row.entrant_name),
      assignedReviewer: this.staffRef(row.assigned_reviewer_id, row.assigned_name),
      claimedBy: this.staffRef(row.claimed_by, row.claimed_name),
      entryStartedAt: row.entry_started_at,
      receivedAt: row.received_at,
      submittedAt: row.submitted_at,
      deadline: this.deadlineOf(row, row),
      erasurePending: row.erasure_pending === 1,
    };
    if (row.received_at !== null) item.contactAttempts = row.contact_attempts;
    if (withComments && isReturned(row.state)) {
      const last = this.repo
        .rounds(row.record_id)
        .filter((r) => r.revision === row.revision && r.outcome === 'returned')
        .at(-1);
      item.comments = last ? this.roundNote(last).comments : [];
    }
    return item;
  }

  private roundNote(row: { record_id: string; round: number; sealed: Buffer | null }): {
    comments: ReviewComment[];
    escalateReason: string | null;
  } {
    if (row.sealed === null) return { comments: [], escalateReason: null };
    const note = this.deps.records.openNote(
      { recordId: row.record_id, slot: 'review-round', key: String(row.round) },
      row.sealed,
    ) as { comments?: ReviewComment[]; escalateReason?: string | null };
    return { comments: note.comments ?? [], escalateReason: note.escalateReason ?? null };
  }

  contactView(
    row: ReturnType<RecordWorkflowRepository['contactAttempts']>[number],
  ): RecordDetail['contactAttempts'][number] {
    return {
      id: row.id,
      at: row.attempted_at,
      staff: { id: row.staff_id, name: row.staff_name },
      method: row.method as RecordDetail['contactAttempts'][number]['method'],
      outcome: row.outcome as RecordDetail['contactAttempts'][number]['outcome'],
      note:
        row.note_sealed === null
          ? null
          : (this.deps.records.openNote(
              { recordId: row.record_id, slot: 'contact-note', key: String(row.id) },
              row.note_sealed,
            ) as string),
    };
  }

  erasureView(row: ErasureRow): NonNullable<RecordDetail['erasureRequest']> {
    const note =
      row.reason_sealed === null
        ? null
        : (this.deps.records.openNote(
            { recordId: row.record_id, slot: 'erasure-reason', key: row.id },
            row.reason_sealed,
          ) as {
            reason?: string;
          });
    return {
      id: row.id,
      requestedBy: { id: row.requested_by, name: row.requester_name },
      requestedAt: row.requested_at,
      reason: note?.reason ?? '',
    };
  }

  detail(loaded: Loaded, actor: Actor): RecordDetail {
    const { record, working } = loaded;
    const recordId = record.record_id;
    const erased = record.erased_at !== null;
    const draft = erased ? null : this.openWorking(recordId, working.revision);
    const inForce =
      !erased && record.in_force_revision !== null && record.in_force_revision !== working.revision
        ? this.openWorking(recordId, record.in_force_revision)
        : null;
    const correctionNote =
      working.revision > 1 && working.reason_sealed !== null
        ? (this.deps.records.openNote(
            { recordId, slot: 'correction-reason', key: String(working.revision) },
            working.reason_sealed,
          ) as { reason?: string })
        : null;
    return {
      practice: this.deps.practice,
      recordId,
      revision: working.revision,
      inForceRevision: record.in_force_revision,
      state: this.publicState(working),
      channel: record.channel,
      vip: working.vip === 1,
      doubtful: working.doubtful === 1,
      correction: working.revision > 1,
      correctionReason: correctionNote?.reason ?? null,
      draft,
      inForce,
      entrant: this.staffRef(working.entrant_id, null),
      assignedReviewer: this.staffRef(working.assigned_reviewer_id, null),
      crossReviewer: this.staffRef(working.cross_reviewer_id, null),
      finalReviewer: this.staffRef(working.final_reviewer_id, null),
      claimedBy: this.staffRef(record.claimed_by, null),
      entryStartedAt: working.entry_started_at,
      receivedAt: record.received_at,
      submittedAt: working.submitted_at,
      validAt: working.valid_at,
      deadline: this.deadlineOf(working, record),
      allowedActions: allowedActions(loaded.state, actor).filter(
        (action) => action !== 'discard_draft' || record.received_at === null,
      ),
      canEdit: canEdit(loaded.state, actor),
      missingRequired: draft ? missingRequiredFields(draft, calendarDateAt(this.deps.clock.now())) : [],
      rounds: this.repo.rounds(recordId).map((row) => {
        const note = this.roundNote(row);
        return {
          round: row.round,
          revision: row.revision,
          stage: row.stage,
          outcome: row.outcome,
          reviewer: { id: row.reviewer_id, name: row.reviewer_name },
          submittedAt: row.submitted_at,
          decidedAt: row.decided_at,
          comments: note.comments,
          escalateReason: note.escalateReason,
        };
      }),
      contactAttempts: this.repo.contactAttempts(recordId).map((row) => this.contactView(row)),
      erasureRequest: loaded.pending ? this.erasureView(loaded.pending) : null,
      erasedAt: record.erased_at,
    };
  }

  erasureQueue(): {
    recordId: string;
    request: NonNullable<RecordDetail['erasureRequest']>;
    guestName: string;
    state: QueueItem['state'];
  }[] {
    return this.repo.pendingErasures().map((row) => {
      const loaded = this.rows.load(row.record_id);
      return {
        recordId: row.record_id,
        request: this.erasureView(row),
        guestName: guestNameOf(this.openDisplay(loaded.record)),
        state: this.publicState(loaded.working),
      };
    });
  }

  queue(filter: QueueFilter, withComments = false): QueueItem[] {
    return this.repo.queue(filter).map((row) => this.queueItem(row, withComments));
  }

  /** The cross-review queue for `session`: never their own records (R13), nor ones assigned to others unless they assign. */
  crossQueue(actor: Actor): QueueItem[] {
    return this.queue({
      kind: 'cross',
      staffId: actor.id,
      seeAssigned: roleAllows(actor.role, 'review.assign', actor.certified),
    });
  }
}
