import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { calendarDateAt } from '../../../shared/domain/calendar.js';
import type { ProblemCode } from '../../../shared/ipc/problem-codes.js';
import {
  crossReviewDeadline,
  deadlineStatus,
  onlineDeadline,
  onsiteDeadline,
  type Deadline,
} from '../../../shared/domain/deadlines.js';
import type { DeviceSettings } from '../../../shared/domain/device-settings.js';
import {
  completeness,
  GuestRecord,
  isOnlineChannel,
  missingRequiredFields,
  validateGuestForSubmit,
  type Channel,
  type GuestDraft,
} from '../../../shared/domain/guest-record.js';
import { usesPracticeStore } from '../../../shared/domain/practice-mode.js';
import {
  allowedActions,
  canEdit,
  setWorkingFlags,
  transition,
  type Actor,
  type RecordState,
  type RevisionState,
  type WorkflowAction,
  type WorkflowRefusal,
} from '../../../shared/domain/record-workflow.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { ErrorCode } from '../../../shared/ipc/errors.js';
import type {
  DeadlineView,
  DraftSaved,
  QueueItem,
  RecordDetail,
  ReviewComment,
  TransitionDone,
} from '../../../shared/ipc/record-schemas.js';
import type { StaffRepository } from '../accounts/staff-repository.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import type { ActiveSession } from '../session/session-store.js';
import { asDraft, changedFieldPaths, guestNameOf, indexValuesOf } from './guest-payload.js';
import { NameIndex } from './name-index.js';
import type { RecordChangeSink } from './record-change-sink.js';
import {
  RecordWorkflowRepository,
  type ErasureRow,
  type QueueFilter,
  type QueueRow,
  type RecordRow,
  type RevisionRow,
} from './record-workflow-repository.js';
import type { SealedRecordStore } from './sealed-record-store.js';

export interface RecordWorkflowDeps {
  /** the store's database: the real snowdesk.db or the practice store */
  db: Database;
  /** that database's audit log */
  audit: AuditLog;
  records: SealedRecordStore;
  clock: Clock;
  settings: () => DeviceSettings;
  /** the sync outbox (real store); always the no-op for the practice store */
  sink: RecordChangeSink;
  practice: boolean;
  /** the real staff table: who exists, their role, certificate and whether disabled */
  staff: StaffRepository;
  /** makes a staff member known to this store's staff table before a row points at them */
  mirrorStaff: (id: string) => void;
  /** whether this kiosk published the consent notice of that version (R8) */
  noticePublished: (version: string) => boolean;
}

/** A refusal that is audited (outside the rolled-back transaction) before it reaches the caller. */
class AuditedRefusal extends CoreError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly auditReason: string,
    fields?: Record<string, ProblemCode>,
    readonly auditFields?: readonly string[],
  ) {
    super(code, message, fields);
  }
}

const REFUSAL_CODES: Readonly<Record<WorkflowRefusal, ErrorCode>> = {
  erased: 'conflict',
  wrong_state: 'conflict',
  forbidden: 'forbidden',
  not_certified: 'forbidden',
  not_entrant: 'forbidden',
  reviewer_is_entrant: 'forbidden',
  checklist_incomplete: 'invalid_input',
  comments_required: 'invalid_input',
  reason_required: 'invalid_input',
  erasure_pending: 'conflict',
  no_erasure_request: 'conflict',
  requester_cannot_approve: 'forbidden',
  not_a_correction: 'conflict',
  online_submission: 'conflict',
};

const REFUSAL_FIELD: Partial<Record<WorkflowRefusal, string>> = {
  checklist_incomplete: 'checklist',
  comments_required: 'comments',
  reason_required: 'reason',
};

function refused(reason: WorkflowRefusal): AuditedRefusal {
  return new AuditedRefusal(REFUSAL_CODES[reason], `Refused: ${reason}`, reason, {
    [REFUSAL_FIELD[reason] ?? '_']: `workflow.${reason}`,
  });
}

interface Loaded {
  record: RecordRow;
  /** revisions in the workflow (cancelled corrections left out), oldest first */
  live: RevisionRow[];
  working: RevisionRow;
  state: RecordState;
  pending: ErasureRow | undefined;
}

function revisionState(row: RevisionRow): RevisionState {
  if (row.state === 'cancelled') throw new Error('a cancelled revision is not part of the workflow');
  const state: RevisionState = {
    number: row.revision,
    status: row.state,
    entrantId: row.entrant_id ?? '',
    vip: row.vip === 1,
    doubtful: row.doubtful === 1,
  };
  return row.cross_reviewer_id === null ? state : { ...state, crossReviewerId: row.cross_reviewer_id };
}

function parseWorkdayEnd(value: string): { hour: number; minute: number } {
  const [hour, minute] = value.split(':').map(Number);
  return { hour: hour ?? 22, minute: minute ?? 0 };
}

/**
 * The review workflow of DESIGN "Records and the review workflow" on one store (the real one or
 * the practice one): intake and drafts, self-review and submit, cross and final review, online
 * submissions, guest corrections and erasure.
 *
 * Every transition goes through the pure `transition()`; the change, its audit entry (who, what,
 * which field names — never values) and, for the real store, the sync outbox row (through the
 * change sink) commit in one IMMEDIATE transaction. A refused transition changes nothing and is
 * audited as refused.
 */
export class RecordWorkflowService {
  readonly names = new NameIndex();
  readonly repo: RecordWorkflowRepository;

  constructor(readonly deps: RecordWorkflowDeps) {
    this.repo = new RecordWorkflowRepository(deps.db);
  }

  get practice(): boolean {
    return this.deps.practice;
  }

  actor(session: ActiveSession): Actor {
    return {
      id: session.staff.id,
      role: session.staff.role,
      certified: this.deps.practice || session.staff.certified,
    };
  }

  // ---- intake and drafts --------------------------------------------------------------------

  startIntake(session: ActiveSession, channel: Channel, typed: GuestDraft = {}): DraftSaved {
    const actor = this.actor(session);
    const now = this.now();
    const deadline = onsiteDeadline(now, this.deps.settings().onsiteDeadlineMinutes);
    const draft: GuestDraft = { ...typed, channel };
    const recordId = this.write('record.start', null, actor, () => {
      this.deps.mirrorStaff(actor.id);
      const ref = this.deps.records.createRecord(actor.id, draft, indexValuesOf(draft));
      this.repo.insertRecord({ recordId: ref.recordId, channel, receivedAt: null, now });
      this.repo.insertRevision({
        recordId: ref.recordId,
        revision: 1,
        entrantId: actor.id,
        vip: draft.vip ?? false,
        doubtful: draft.doubtful ?? false,
        entryStartedAt: now,
        entryDueAt: deadline.dueAt,
        reasonSealed: null,
        now,
      });
      this.audit(actor, 'record.start', ref.recordId, { fields: changedFieldPaths({}, draft) });
      return ref.recordId;
    });
    this.refreshNames(recordId);
    return this.saved(recordId, 1, now, changedFieldPaths({}, draft), draft);
  }

  saveDraft(session: ActiveSession, recordId: string, input: GuestDraft): DraftSaved {
    const actor = this.actor(session);
    const now = this.now();
    const result = this.write('record.save', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.requireEditable(loaded, actor);
      const { record, working } = loaded;
      const draft = this.withChannel(record, input);
      const ref = { recordId, revision: working.revision };
      const before = asDraft(this.deps.records.openRevision(ref), recordId);
      const changed = changedFieldPaths(before, draft);
      if (changed.length === 0) return { revision: working.revision, changed, draft };
      this.deps.records.replaceRevision(ref, draft, indexValuesOf(draft));
      const flags = setWorkingFlags(loaded.state, {
        vip: draft.vip ?? false,
        doubtful: draft.doubtful ?? false,
      });
      const current = flags.revisions.at(-1);
      this.repo.updateRevision(
        recordId,
        working.revision,
        { vip: current?.vip ? 1 : 0, doubtful: current?.doubtful ? 1 : 0 },
        now,
      );
      if (draft.channel !== record.channel && draft.channel !== undefined) {
        this.repo.updateRecord(recordId, { channel: draft.channel }, now);
      }
      this.audit(actor, 'record.save', recordId, { revision: working.revision, fields: changed });
      return { revision: working.revision, changed, draft };
    });
    if (result.changed.length > 0) this.refreshNames(recordId);
    return this.saved(recordId, result.revision, now, result.changed, result.draft);
  }

  /** The whole record for the screen that shows it; every opening is audited (R20). */
  open(session: ActiveSession, recordId: string): RecordDetail {
    const actor = this.actor(session);
    const loaded = this.load(recordId);
    const detail = this.detail(loaded, actor);
    this.audit(actor, 'record.open', recordId, { revision: loaded.working.revision });
    return detail;
  }

  // ---- submit (R12) -----------------------------------------------------------------------

  submit(
    session: ActiveSession,
    recordId: string,
    checklist: Partial<Record<string, boolean>>,
  ): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.submit', recordId, actor, () => {
      const loaded = this.load(recordId);
      const { record, working } = loaded;
      const type = working.state === 'returned' ? 'resubmit' : 'submit';
      // guard first (state, entrant, checklist), so a reviewer poking at someone's draft learns nothing
      this.apply(loaded, { type, checklist }, actor);
      const ref = { recordId, revision: working.revision };
      const draft = this.withChannel(record, asDraft(this.deps.records.openRevision(ref), recordId));
      const checked = validateGuestForSubmit(draft, calendarDateAt(now));
      if (!checked.ok) {
        const fields = Object.fromEntries(Object.entries(checked.errors).map(([path, e]) => [path, e.code]));
        throw new AuditedRefusal(
          'invalid_input',
          'The record cannot be submitted: some fields need attention',
          'invalid_data',
          fields,
          Object.keys(fields),
        );
      }
      const { value } = checked;
      // an on-site guest was shown this kiosk's notice; an online guest the central's, which the
      // kiosk need not have
      if (!isOnlineChannel(value.channel) && !this.deps.noticePublished(value.consent.noticeVersion)) {
        throw new AuditedRefusal(
          'invalid_input',
          'The record cites a consent notice this kiosk never published',
          'invalid_data',
          { 'consent.noticeVersion': 'consent.notice_unknown' },
          ['consent.noticeVersion'],
        );
      }
      const flagged = setWorkingFlags(loaded.state, { vip: value.vip, doubtful: value.doubtful });
      const result = this.apply({ ...loaded, state: flagged }, { type, checklist }, actor);
      // the record keeps the normalised values the entrant checked (E.164 phones, canonical numbers)
      this.deps.records.replaceRevision(ref, value, indexValuesOf(value));
      this.repo.updateRevision(
        recordId,
        working.revision,
        {
          state: 'awaiting_cross_review',
          vip: value.vip ? 1 : 0,
          doubtful: value.doubtful ? 1 : 0,
          submitted_at: now,
          first_submitted_at: working.first_submitted_at ?? now,
          cross_review_due_at: crossReviewDeadline(now, parseWorkdayEnd(this.deps.settings().workdayEnd))
            .dueAt,
          cross_reviewer_id: null,
          cross_reviewed_at: null,
          final_reviewer_id: null,
          final_reviewed_at: null,
        },
        now,
      );
      this.audit(actor, `record.${type}`, recordId, {
        revision: result.audit.revision,
        fields: changedFieldPaths(draft, value),
      });
    });
    this.refreshNames(recordId);
    return this.done(recordId);
  }

  // ---- cross-review (R13) -------------------------------------------------------------------

  /** A lead or manager assigns (or, with null, unassigns) the cross-reviewer of a record in review. */
  assignReviewer(session: ActiveSession, recordId: string, reviewerId: string | null): QueueItem {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.assign_reviewer', recordId, actor, () => {
      const { working } = this.load(recordId);
      if (working.state !== 'awaiting_cross_review') throw refused('wrong_state');
      if (reviewerId !== null) {
        if (reviewerId === working.entrant_id) throw refused('reviewer_is_entrant');
        if (!this.eligibleReviewer(reviewerId)) {
          throw new AuditedRefusal('invalid_input', 'That person cannot cross-review', 'not_eligible', {
            reviewerId: 'workflow.forbidden',
          });
        }
        this.deps.mirrorStaff(reviewerId);
      }
      this.deps.mirrorStaff(actor.id);
      this.repo.updateRevision(
        recordId,
        working.revision,
        {
          assigned_reviewer_id: reviewerId,
          assigned_by: reviewerId === null ? null : actor.id,
          assigned_at: reviewerId === null ? null : now,
        },
        now,
      );
      this.audit(actor, 'record.assign_reviewer', recordId, {
        revision: working.revision,
        // a staff id, not something a person typed
        reason: reviewerId === null ? 'unassigned' : `reviewer:${reviewerId}`,
      });
    });
    return this.queueItem(this.requireQueueRow(recordId), false);
  }

  /** Staff who may be assigned to cross-review this record. */
  reviewerChoices(recordId: string): { id: string; name: string; role: ActiveSession['staff']['role'] }[] {
    const { working } = this.load(recordId);
    return this.deps.staff
      .list()
      .filter((row) => row.id !== working.entrant_id && this.eligibleReviewer(row.id))
      .map((row) => ({ id: row.id, name: row.name, role: row.role }));
  }

  approveCross(session: ActiveSession, recordId: string, escalate?: { reason: string }): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.approve_cross', recordId, actor, () => {
      const loaded = this.load(recordId);
      const result = this.apply(
        loaded,
        escalate ? { type: 'approve_cross', escalate } : { type: 'approve_cross' },
        actor,
      );
      this.requireAssignedTo(loaded.working, actor);
      const next = result.next.revisions.at(-1);
      if (!next) throw new Error('no working revision');
      const { working } = loaded;
      const round = this.repo.insertRound({
        record_id: recordId,
        revision: working.revision,
        stage: 'cross',
        reviewer_id: actor.id,
        outcome: escalate ? 'escalated' : 'approved',
        fields: '[]',
        sealed: null,
        submitted_at: working.submitted_at ?? now,
        decided_at: now,
      });
      if (escalate) {
        const key = { recordId, slot: 'review-round' as const, key: String(round) };
        this.repo.setRoundSealed(
          recordId,
          round,
          this.deps.records.sealNote(key, { comments: [], escalateReason: escalate.reason }),
        );
      }
      const valid = next.status === 'valid';
      this.repo.updateRevision(
        recordId,
        working.revision,
        {
          state: next.status,
          doubtful: next.doubtful ? 1 : 0,
          cross_reviewer_id: actor.id,
          cross_reviewed_at: now,
          ...(valid ? { valid_at: now } : {}),
        },
        now,
      );
      this.audit(actor, 'record.approve_cross', recordId, {
        revision: working.revision,
        fields: result.audit.fields ?? [],
        reason: valid ? 'valid' : 'to_final_review',
      });
      if (valid) this.becameValid(loaded, now);
    });
    return this.done(recordId);
  }

  returnCross(session: ActiveSession, recordId: string, comments: readonly ReviewComment[]): TransitionDone {
    return this.returnRecord(session, recordId, comments, 'cross');
  }

  // ---- final review (R14) -------------------------------------------------------------------

  approveFinal(session: ActiveSession, recordId: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.approve_final', recordId, actor, () => {
      const loaded = this.load(recordId);
      const result = this.apply(loaded, { type: 'approve_final' }, actor);
      const { working } = loaded;
      this.repo.insertRound({
        record_id: recordId,
        revision: working.revision,
        stage: 'final',
        reviewer_id: actor.id,
        outcome: 'approved',
        fields: '[]',
        sealed: null,
        submitted_at: working.submitted_at ?? now,
        decided_at: now,
      });
      this.repo.updateRevision(
        recordId,
        working.revision,
        { state: 'valid', final_reviewer_id: actor.id, final_reviewed_at: now, valid_at: now },
        now,
      );
      this.audit(actor, 'record.approve_final', recordId, {
        revision: result.audit.revision,
        reason: 'valid',
      });
      this.becameValid(loaded, now);
    });
    return this.done(recordId);
  }

  returnFinal(session: ActiveSession, recordId: string, comments: readonly ReviewComment[]): TransitionDone {
    return this.returnRecord(session, recordId, comments, 'final');
  }

  private returnRecord(
    session: ActiveSession,
    recordId: string,
    comments: readonly ReviewComment[],
    stage: 'cross' | 'final',
  ): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    const type = stage === 'cross' ? 'return_cross' : 'return_final';
    this.write(`record.${type}`, recordId, actor, () => {
      const loaded = this.load(recordId);
      const result = this.apply(loaded, { type, comments }, actor);
      if (stage === 'cross') this.requireAssignedTo(loaded.working, actor);
      const { working } = loaded;
      const fields = result.audit.fields ?? [];
      const round = this.repo.insertRound({
        record_id: recordId,
        revision: working.revision,
        stage,
        reviewer_id: actor.id,
        outcome: 'returned',
        fields: JSON.stringify(fields),
        sealed: null,
        submitted_at: working.submitted_at ?? now,
        decided_at: now,
      });
      const note = {
        comments: comments.map((c) => ({ path: c.path, text: c.text.trim() })),
        escalateReason: null,
      };
      this.repo.setRoundSealed(
        recordId,
        round,
        this.deps.records.sealNote({ recordId, slot: 'review-round', key: String(round) }, note),
      );
      this.repo.updateRevision(
        recordId,
        working.revision,
        stage === 'cross'
          ? { state: 'returned' }
          : { state: 'returned', final_reviewer_id: actor.id, final_reviewed_at: now },
        now,
      );
      this.audit(actor, `record.${type}`, recordId, { revision: working.revision, fields });
    });
    return this.done(recordId);
  }

  // ---- online submissions (R9, R11) --------------------------------------------------------------

  addOnline(
    session: ActiveSession,
    channel: Channel,
    submission: GuestDraft,
    receivedAt?: number,
  ): QueueItem {
    const actor = this.actor(session);
    const now = this.now();
    const received = receivedAt ?? now;
    if (!isOnlineChannel(channel)) {
      throw new CoreError('invalid_input', 'Not an online channel', { channel: 'workflow.wrong_state' });
    }
    if (received > now)
      throw new CoreError('invalid_input', 'Received in the future', { receivedAt: 'common.date_future' });
    const draft: GuestDraft = { ...submission, channel };
    const recordId = this.write('online.receive', null, actor, () => {
      this.deps.mirrorStaff(actor.id);
      const ref = this.deps.records.createRecord(actor.id, draft, indexValuesOf(draft));
      this.repo.insertRecord({ recordId: ref.recordId, channel, receivedAt: received, now });
      this.repo.insertRevision({
        recordId: ref.recordId,
        revision: 1,
        entrantId: null,
        vip: draft.vip ?? false,
        doubtful: draft.doubtful ?? false,
        entryStartedAt: received,
        entryDueAt: onlineDeadline(received).dueAt,
        reasonSealed: null,
        now,
      });
      this.audit(actor, 'online.receive', ref.recordId, {
        fields: changedFieldPaths({}, draft),
        reason: 'manual',
      });
      return ref.recordId;
    });
    this.refreshNames(recordId);
    return this.queueItem(this.requireQueueRow(recordId), false);
  }

  /** A specialist takes an online submission: they become its entrant and finish it. */
  claimOnline(session: ActiveSession, recordId: string): QueueItem {
    const actor = this.actor(session);
    const now = this.now();
    this.write('online.claim', recordId, actor, () => {
      const { record, working } = this.load(recordId);
      if (record.received_at === null || working.revision !== 1 || working.state !== 'draft') {
        throw refused('wrong_state');
      }
      if (record.claimed_by === actor.id) return;
      if (record.claimed_by !== null) {
        throw new AuditedRefusal('conflict', 'A colleague has claimed it already', 'already_claimed', {
          _: 'workflow.wrong_state',
        });
      }
      this.deps.mirrorStaff(actor.id);
      this.repo.updateRecord(recordId, { claimed_by: actor.id, claimed_at: now }, now);
      this.repo.updateRevision(recordId, 1, { entrant_id: actor.id }, now);
      this.audit(actor, 'online.claim', recordId, { revision: 1 });
    });
    return this.queueItem(this.requireQueueRow(recordId), false);
  }

  logContact(
    session: ActiveSession,
    recordId: string,
    attempt: { method: string; outcome: string; note?: string | undefined },
  ): RecordDetail['contactAttempts'][number] {
    const actor = this.actor(session);
    const now = this.now();
    const id = this.write('online.contact', recordId, actor, () => {
      const { record } = this.load(recordId);
      if (record.received_at === null || record.erased_at !== null) throw refused('wrong_state');
      this.deps.mirrorStaff(actor.id);
      const id = this.repo.insertContactAttempt({ recordId, staffId: actor.id, at: now, ...attempt });
      if (attempt.note !== undefined) {
        this.repo.setContactNote(
          id,
          this.deps.records.sealNote({ recordId, slot: 'contact-note', key: String(id) }, attempt.note),
        );
      }
      this.audit(actor, 'online.contact', recordId, { reason: `${attempt.method}:${attempt.outcome}` });
      return id;
    });
    const row = this.repo.contactAttempts(recordId).find((c) => c.id === id);
    if (!row) throw new Error('contact attempt vanished');
    return this.contactView(row);
  }

  // ---- corrections (R19) --------------------------------------------------------------------------

  startCorrection(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.start_correction', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.apply(loaded, { type: 'start_correction' }, actor);
      const inForce = loaded.working;
      const payload = asDraft(
        this.deps.records.openRevision({ recordId, revision: inForce.revision }),
        recordId,
      );
      this.deps.mirrorStaff(actor.id);
      const ref = this.deps.records.addRevision(recordId, actor.id, payload, indexValuesOf(payload));
      this.repo.insertRevision({
        recordId,
        revision: ref.revision,
        entrantId: actor.id,
        vip: inForce.vip === 1,
        doubtful: false,
        entryStartedAt: now,
        entryDueAt: null,
        reasonSealed: this.deps.records.sealNote(
          { recordId, slot: 'correction-reason', key: String(ref.revision) },
          { reason },
        ),
        now,
      });
      this.repo.updateRecord(recordId, { working_revision: ref.revision }, now);
      this.audit(actor, 'record.start_correction', recordId, { revision: ref.revision });
    });
    this.refreshNames(recordId);
    return this.done(recordId);
  }

  cancelCorrection(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.cancel_correction', recordId, actor, () => {
      const loaded = this.load(recordId);
      const result = this.apply(loaded, { type: 'cancel_correction', reason }, actor);
      const { working } = loaded;
      const back = result.next.revisions.at(-1);
      if (!back) throw new Error('a record keeps at least one revision');
      const key = { recordId, slot: 'correction-reason' as const, key: String(working.revision) };
      const earlier = working.reason_sealed
        ? (this.deps.records.openNote(key, working.reason_sealed) as object)
        : {};
      this.repo.updateRevision(
        recordId,
        working.revision,
        {
          state: 'cancelled',
          reason_sealed: this.deps.records.sealNote(key, { ...earlier, cancelReason: reason }),
        },
        now,
      );
      this.repo.dropIndexOf(recordId, working.revision);
      this.repo.updateRecord(recordId, { working_revision: back.number }, now);
      this.audit(actor, 'record.cancel_correction', recordId, { revision: working.revision });
    });
    this.refreshNames(recordId);
    return this.done(recordId);
  }

  /**
   * A guest who walks away before the entry is submitted: what was typed is destroyed now (the
   * payload, its indexes and notes, as an erasure does) and the record stays as a tombstone. It never
   * reached the central system (only valid revisions sync), so nothing is sent.
   */
  discardDraft(session: ActiveSession, recordId: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.discard_draft', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.apply(loaded, { type: 'discard_draft' }, actor);
      if (loaded.record.received_at !== null) throw refused('online_submission');
      this.deps.records.erase(recordId, actor.id);
      this.repo.eraseWorkflow(recordId, now);
      this.audit(actor, 'record.discard_draft', recordId, { revision: loaded.working.revision });
    });
    this.names.remove(recordId);
    return this.done(recordId);
  }

  // ---- erasure (R19, PIPL Art. 47) ---------------------------------------------------------------

  requestErasure(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.request_erasure', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.apply(loaded, { type: 'request_erasure', reason }, actor);
      this.deps.mirrorStaff(actor.id);
      const id = randomUUID();
      this.repo.insertErasureRequest({
        id,
        recordId,
        requestedBy: actor.id,
        at: now,
        reasonSealed: this.deps.records.sealNote({ recordId, slot: 'erasure-reason', key: id }, { reason }),
      });
      this.audit(actor, 'record.request_erasure', recordId, { revision: loaded.working.revision });
    });
    return this.done(recordId);
  }

  approveErasure(session: ActiveSession, recordId: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.approve_erasure', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.apply(loaded, { type: 'approve_erasure' }, actor);
      const pending = loaded.pending;
      if (!pending) throw refused('no_erasure_request');
      this.deps.mirrorStaff(actor.id);
      this.repo.decideErasure(pending.id, { status: 'approved', by: actor.id, at: now, reasonSealed: null });
      this.deps.records.erase(recordId, actor.id);
      this.repo.eraseWorkflow(recordId, now);
      this.audit(actor, 'record.approve_erasure', recordId, { revision: loaded.working.revision });
      this.deps.sink.recordChanged(this.deps.db, {
        recordId,
        revision: loaded.working.revision,
        kind: 'erased',
        occurredAt: now,
        payload: { erasedAt: now, requestedBy: pending.requested_by, approvedBy: actor.id },
      });
    });
    this.names.remove(recordId);
    return this.done(recordId);
  }

  rejectErasure(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    const actor = this.actor(session);
    const now = this.now();
    this.write('record.reject_erasure', recordId, actor, () => {
      const loaded = this.load(recordId);
      this.apply(loaded, { type: 'reject_erasure', reason }, actor);
      const pending = loaded.pending;
      if (!pending) throw refused('no_erasure_request');
      this.deps.mirrorStaff(actor.id);
      this.repo.decideErasure(pending.id, {
        status: 'rejected',
        by: actor.id,
        at: now,
        reasonSealed: this.deps.records.sealNote(
          { recordId, slot: 'erasure-decision', key: pending.id },
          { reason },
        ),
      });
      this.audit(actor, 'record.reject_erasure', recordId, { revision: loaded.working.revision });
    });
    return this.done(recordId);
  }

  erasureQueue(): {
    recordId: string;
    request: NonNullable<RecordDetail['erasureRequest']>;
    guestName: string;
    state: QueueItem['state'];
  }[] {
    return this.repo.pendingErasures().map((row) => {
      const loaded = this.load(row.record_id);
      return {
        recordId: row.record_id,
        request: this.erasureView(row),
        guestName: guestNameOf(this.openDisplay(loaded.record)),
        state: this.publicState(loaded.working),
      };
    });
  }

  // ---- demo data ----------------------------------------------------------------------------

  /**
   * Demo data and benchmarks (maintainer CLI `seed`), never reachable from the renderer: a record
   * that went through the workflow, entered by `entrantId` at `enteredAt`, approved at cross-review by
   * `reviewerId` (and at final review by `finalReviewerId` when VIP or doubtful), valid at `validAt`.
   * Workflow rows, review rounds and audit entries (reason 'demo_seed') are written as for a real
   * record, inside the caller's transaction when there is one; the change sink is not told (demo
   * guests are not for the central system).
   */
  seedValid(input: {
    guest: GuestRecord;
    entrantId: string;
    reviewerId: string;
    finalReviewerId?: string;
    enteredAt: number;
    validAt: number;
  }): string {
    const { guest, entrantId, reviewerId, enteredAt, validAt } = input;
    const final = guest.vip || guest.doubtful;
    if (
      reviewerId === entrantId ||
      (final && (!input.finalReviewerId || input.finalReviewerId === entrantId))
    ) {
      throw new CoreError('invalid_input', 'A seeded record needs reviewers other than its entrant');
    }
    const online = isOnlineChannel(guest.channel);
    const seed = (): string => {
      this.deps.mirrorStaff(entrantId);
      this.deps.mirrorStaff(reviewerId);
      if (input.finalReviewerId) this.deps.mirrorStaff(input.finalReviewerId);
      const { recordId } = this.deps.records.createRecord(entrantId, guest, indexValuesOf(guest));
      this.repo.insertRecord({
        recordId,
        channel: guest.channel,
        receivedAt: online ? enteredAt : null,
        now: enteredAt,
      });
      this.repo.insertRevision({
        recordId,
        revision: 1,
        entrantId,
        vip: guest.vip,
        doubtful: guest.doubtful,
        entryStartedAt: enteredAt,
        entryDueAt: online
          ? onlineDeadline(enteredAt).dueAt
          : onsiteDeadline(enteredAt, this.deps.settings().onsiteDeadlineMinutes).dueAt,
        reasonSealed: null,
        now: enteredAt,
      });
      const submittedAt = Math.min(enteredAt + 5 * 60_000, validAt);
      const rounds: ['cross' | 'final', string][] = [['cross', reviewerId]];
      if (final && input.finalReviewerId) rounds.push(['final', input.finalReviewerId]);
      for (const [stage, reviewer] of rounds) {
        this.repo.insertRound({
          record_id: recordId,
          revision: 1,
          stage,
          reviewer_id: reviewer,
          outcome: 'approved',
          fields: '[]',
          sealed: null,
          submitted_at: submittedAt,
          decided_at: validAt,
        });
      }
      this.repo.updateRevision(
        recordId,
        1,
        {
          state: 'valid',
          submitted_at: submittedAt,
          first_submitted_at: submittedAt,
          cross_review_due_at: crossReviewDeadline(
            submittedAt,
            parseWorkdayEnd(this.deps.settings().workdayEnd),
          ).dueAt,
          cross_reviewer_id: reviewerId,
          cross_reviewed_at: validAt,
          ...(final ? { final_reviewer_id: input.finalReviewerId ?? null, final_reviewed_at: validAt } : {}),
          valid_at: validAt,
        },
        validAt,
      );
      this.repo.updateRecord(
        recordId,
        online
          ? { in_force_revision: 1, claimed_by: entrantId, claimed_at: enteredAt }
          : { in_force_revision: 1 },
        validAt,
      );
      const who = (id: string): Actor => ({ id, role: 'specialist', certified: true });
      this.audit(who(entrantId), 'record.start', recordId, { reason: 'demo_seed' });
      this.audit(who(entrantId), 'record.submit', recordId, { reason: 'demo_seed' });
      for (const [stage, reviewer] of rounds) {
        this.audit(who(reviewer), `record.approve_${stage}`, recordId, { reason: 'demo_seed' });
      }
      return recordId;
    };
    const recordId = this.deps.db.inTransaction ? seed() : this.deps.db.transaction(seed).immediate();
    this.refreshNames(recordId);
    return recordId;
  }

  // ---- queues -----------------------------------------------------------------------------------

  queue(filter: QueueFilter, withComments = false): QueueItem[] {
    return this.repo.queue(filter).map((row) => this.queueItem(row, withComments));
  }

  /** The cross-review queue for `session`: never their own records (R13), nor ones assigned to others unless they assign. */
  crossQueue(session: ActiveSession): QueueItem[] {
    const actor = this.actor(session);
    return this.queue({
      kind: 'cross',
      staffId: actor.id,
      seeAssigned: roleAllows(actor.role, 'review.assign', actor.certified),
    });
  }

  // ---- internals ------------------------------------------------------------------------------

  load(recordId: string): Loaded {
    const record = this.repo.record(recordId);
    if (!record) throw new CoreError('not_found', 'No such record');
    const live = this.repo.revisions(recordId).filter((r) => r.state !== 'cancelled');
    const working = live.at(-1);
    if (working?.revision !== record.working_revision) {
      throw new CoreError('record_damaged', `The workflow of record ${recordId} does not hold together`);
    }
    const pending = this.repo.pendingErasure(recordId);
    const state: RecordState = pending
      ? {
          revisions: live.map(revisionState),
          erasureRequest: { requestedBy: pending.requested_by, reason: 'sealed' },
        }
      : { revisions: live.map(revisionState) };
    return { record, live, working, state, pending };
  }

  private apply(loaded: Loaded, action: WorkflowAction, actor: Actor) {
    const result = transition(loaded.state, action, actor);
    if (!result.ok) throw refused(result.reason);
    return result;
  }

  private requireEditable(loaded: Loaded, actor: Actor): void {
    if (canEdit(loaded.state, actor)) return;
    const { working } = loaded;
    if (working.state === 'erased') throw refused('erased');
    if (working.state !== 'draft' && working.state !== 'returned') throw refused('wrong_state');
    throw refused('not_entrant');
  }

  /** Cross-review by the assigned reviewer only, once a lead has assigned one. */
  private requireAssignedTo(working: RevisionRow, actor: Actor): void {
    if (working.assigned_reviewer_id !== null && working.assigned_reviewer_id !== actor.id) {
      throw new AuditedRefusal('forbidden', 'Another reviewer is assigned to this record', 'not_assigned', {
        _: 'workflow.forbidden',
      });
    }
  }

  /** In this store, may the person cross-review? Real store: certified; practice store: in practice. */
  private eligibleReviewer(staffId: string): boolean {
    const row = this.deps.staff.byId(staffId);
    if (!row || row.disabled_at !== null) return false;
    const certified = row.certified_at !== null;
    if (this.deps.practice !== usesPracticeStore({ role: row.role, certified })) return false;
    return roleAllows(row.role, 'review.cross', this.deps.practice || certified);
  }

  /** The draft with the record's channel: on-site records may switch between the on-site channels. */
  private withChannel(record: RecordRow, draft: GuestDraft): GuestDraft {
    const channel = record.channel;
    if (draft.channel === undefined || channel === null)
      return channel === null ? draft : { ...draft, channel };
    if (draft.channel === channel) return draft;
    if (!isOnlineChannel(channel) && !isOnlineChannel(draft.channel)) return draft;
    throw new CoreError(
      'invalid_input',
      'The channel of an online submission or on-site entry cannot change',
      {
        channel: 'workflow.wrong_state',
      },
    );
  }

  private becameValid(loaded: Loaded, now: number): void {
    const { record, working } = loaded;
    this.repo.updateRecord(loaded.record.record_id, { in_force_revision: working.revision }, now);
    if (this.deps.practice) return;
    const recordId = record.record_id;
    const guest = GuestRecord.safeParse(
      this.deps.records.openRevision({ recordId, revision: working.revision }),
    );
    if (!guest.success)
      throw new CoreError('record_damaged', `The data of record ${recordId} is not a valid record`);
    const row = this.repo.revisions(recordId).find((r) => r.revision === working.revision);
    if (!row?.entrant_id || !row.cross_reviewer_id || row.submitted_at === null) {
      throw new Error('a valid revision has an entrant, a cross reviewer and a submission time');
    }
    this.deps.sink.recordChanged(this.deps.db, {
      recordId,
      revision: working.revision,
      kind: 'revision_valid',
      occurredAt: now,
      payload: {
        guest: guest.data,
        workflow: {
          revision: working.revision,
          supersedes: record.in_force_revision,
          channel: guest.data.channel,
          vip: row.vip === 1,
          doubtful: row.doubtful === 1,
          entrantId: row.entrant_id,
          crossReviewerId: row.cross_reviewer_id,
          finalReviewerId: row.final_reviewer_id,
          entryStartedAt: row.entry_started_at,
          receivedAt: record.received_at,
          submittedAt: row.submitted_at,
          validAt: now,
        },
      },
    });
  }

  /**
   * Runs `work` in an IMMEDIATE transaction. An AuditedRefusal rolls it back and is then audited as
   * refused in a transaction of its own, so every refused attempt leaves its trace (R20).
   */
  private write<T>(action: string, recordId: string | null, actor: Actor, work: () => T): T {
    try {
      return this.deps.db
        .transaction(() => {
          // the practice store's rows point at staff like the real ones: make the actor known there
          this.deps.mirrorStaff(actor.id);
          return work();
        })
        .immediate();
    } catch (error) {
      if (error instanceof AuditedRefusal) {
        this.deps.mirrorStaff(actor.id);
        this.deps.audit.append({
          actorId: actor.id,
          action,
          outcome: 'refused',
          reason: error.auditReason,
          ...(recordId === null ? {} : { targetType: 'record', targetId: recordId }),
          ...(error.auditFields ? { fields: error.auditFields } : {}),
        });
      }
      throw error;
    }
  }

  private audit(
    actor: Actor,
    action: string,
    recordId: string,
    extra: { revision?: number; fields?: readonly string[]; reason?: string } = {},
  ): void {
    this.deps.audit.append({
      actorId: actor.id,
      action,
      targetType: 'record',
      targetId: recordId,
      ...(extra.fields && extra.fields.length > 0 ? { fields: extra.fields } : {}),
      ...(extra.reason === undefined
        ? extra.revision === undefined
          ? {}
          : { reason: `revision:${String(extra.revision)}` }
        : { reason: extra.reason }),
    });
  }

  private now(): number {
    return this.deps.clock.now();
  }

  private saved(
    recordId: string,
    revision: number,
    now: number,
    changed: string[],
    draft: GuestDraft,
  ): DraftSaved {
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

  private done(recordId: string): TransitionDone {
    const { record, working } = this.load(recordId);
    return {
      practice: this.deps.practice,
      recordId,
      revision: working.revision,
      state: this.publicState(working),
      inForceRevision: record.in_force_revision,
    };
  }

  private publicState(row: RevisionRow): QueueItem['state'] {
    if (row.state === 'cancelled') throw new Error('a cancelled revision is never shown as working');
    return row.state;
  }

  requireQueueRow(recordId: string): QueueRow {
    const row = this.repo.queueRow(recordId);
    if (!row) throw new CoreError('not_found', 'No such record');
    return row;
  }

  /** The deadline that runs for the record's working revision now, if the policy sets one. */
  private deadlineOf(
    row: Pick<
      RevisionRow,
      'state' | 'entry_started_at' | 'entry_due_at' | 'submitted_at' | 'cross_review_due_at'
    >,
    record: { received_at: number | null },
  ): DeadlineView | null {
    let deadline: Deadline | null = null;
    if ((row.state === 'draft' || row.state === 'returned') && row.entry_due_at !== null) {
      deadline =
        record.received_at === null
          ? { kind: 'onsite_entry', startsAt: row.entry_started_at, dueAt: row.entry_due_at }
          : { kind: 'online_entry', startsAt: record.received_at, dueAt: row.entry_due_at };
    } else if (
      row.state === 'awaiting_cross_review' &&
      row.submitted_at !== null &&
      row.cross_review_due_at !== null
    ) {
      deadline = { kind: 'cross_review', startsAt: row.submitted_at, dueAt: row.cross_review_due_at };
    }
    if (!deadline) return null;
    return { ...deadline, ...deadlineStatus(deadline, this.now()) };
  }

  private staffRef(id: string | null, name: string | null | undefined): { id: string; name: string } | null {
    if (id === null) return null;
    return { id, name: name ?? this.repo.staffName(id) ?? '' };
  }

  private openWorking(recordId: string, revision: number): GuestDraft {
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
    if (withComments && row.state === 'returned') {
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

  private contactView(
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

  private erasureView(row: ErasureRow): NonNullable<RecordDetail['erasureRequest']> {
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

  private detail(loaded: Loaded, actor: Actor): RecordDetail {
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
      missingRequired: draft ? missingRequiredFields(draft, calendarDateAt(this.now())) : [],
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

  // ---- the name index ---------------------------------------------------------------------------

  /** Builds the in-memory name index if it is not built (after unlock, on first use). */
  ensureNames(): NameIndex {
    this.names.ensureBuilt(() => this.nameEntries());
    return this.names;
  }

  private *nameEntries(): Generator<readonly [string, readonly string[]]> {
    // read the list first: opening payloads while iterating a statement is fine, but keep it simple
    const rows = [...this.repo.liveRecords()];
    for (const row of rows) yield [row.record_id, this.namesOf(row)] as const;
  }

  private namesOf(row: {
    record_id: string;
    working_revision: number;
    in_force_revision: number | null;
  }): string[] {
    const names = [guestNameOf(this.openWorking(row.record_id, row.working_revision))];
    if (row.in_force_revision !== null && row.in_force_revision !== row.working_revision) {
      names.push(guestNameOf(this.openWorking(row.record_id, row.in_force_revision)));
    }
    return names;
  }

  private refreshNames(recordId: string): void {
    if (!this.names.built) return;
    const record = this.repo.record(recordId);
    if (!record || record.erased_at !== null) this.names.remove(recordId);
    else this.names.update(recordId, this.namesOf(record));
  }
}
