import type { Channel, GuestDraft } from '../../../shared/domain/guest-record.js';
import type { Actor } from '../../../shared/domain/record-workflow.js';
import type {
  DraftSaved,
  QueueItem,
  RecordDetail,
  ReviewComment,
  TransitionDone,
} from '../../../shared/ipc/record-schemas.js';
import type { Clock } from '../clock.js';
import { seedValidRecord, type ValidSeed } from '../demo/demo-record.js';
import type { ActiveSession } from '../session/session-store.js';
import { cancelCorrection, startCorrection } from './commands/correction.js';
import { approveErasure, rejectErasure, requestErasure } from './commands/erasure.js';
import { discardDraft, saveDraft, startIntake, submit } from './commands/intake.js';
import { addOnline, claimOnline, logContact } from './commands/online.js';
import { approve, assignReviewer, returnRecord, reviewerChoices } from './commands/review.js';
import { asDraft } from './guest-payload.js';
import { NameHook } from './name-hook.js';
import type { NameIndex } from './name-index.js';
import { NO_RECORD_CHANGE_SINK } from './record-change-sink.js';
import { RecordViews } from './record-views.js';
import {
  RecordWorkflowRepository,
  type QueueFilter,
  type QueueRow,
  type RecordRow,
} from './record-workflow-repository.js';
import { TransitionRunner } from './transition-runner.js';
import type { RecordWorkflowDeps, WorkflowParts } from './workflow-deps.js';
import { WorkflowRows, type Loaded } from './workflow-rows.js';

export type { RecordWorkflowDeps } from './workflow-deps.js';

/**
 * The review workflow of DESIGN "Records and the review workflow" on one store (the real one or
 * the practice one), as the handlers call it: a session becomes an actor and each method hands
 * over to its command (records/commands/*) or to the read side (record-views.ts). Every change
 * goes through the one transition runner (transition-runner.ts) and the one row mapper
 * (workflow-rows.ts).
 */
export class RecordWorkflowService {
  readonly repo: RecordWorkflowRepository;
  private readonly parts: WorkflowParts;
  private readonly nameHook: NameHook;

  constructor(readonly deps: RecordWorkflowDeps) {
    this.repo = new RecordWorkflowRepository(deps.db);
    this.nameHook = new NameHook(this.repo, (recordId, revision) =>
      asDraft(deps.records.openRevision({ recordId, revision }), recordId),
    );
    this.parts = this.partsOn(deps);
  }

  private partsOn(deps: RecordWorkflowDeps): WorkflowParts {
    const rows = new WorkflowRows(this.repo);
    return {
      deps,
      rows,
      runner: new TransitionRunner(deps, rows, this.nameHook),
      views: new RecordViews(deps, rows),
    };
  }

  get practice(): boolean {
    return this.deps.practice;
  }

  /** the store's in-memory name index (built on first use, dropped at lock) */
  get names(): NameIndex {
    return this.nameHook.index;
  }

  actor(session: ActiveSession): Actor {
    return {
      id: session.staff.id,
      role: session.staff.role,
      certified: this.deps.practice || session.staff.certified,
    };
  }

  // ---- commands -------------------------------------------------------------------------------

  startIntake(session: ActiveSession, channel: Channel, typed: GuestDraft = {}): DraftSaved {
    return startIntake(this.parts, this.actor(session), channel, typed);
  }
  saveDraft(session: ActiveSession, recordId: string, input: GuestDraft): DraftSaved {
    return saveDraft(this.parts, this.actor(session), recordId, input);
  }
  submit(
    session: ActiveSession,
    recordId: string,
    checklist: Partial<Record<string, boolean>>,
  ): TransitionDone {
    return submit(this.parts, this.actor(session), recordId, checklist);
  }
  discardDraft(session: ActiveSession, recordId: string): TransitionDone {
    return discardDraft(this.parts, this.actor(session), recordId);
  }
  assignReviewer(session: ActiveSession, recordId: string, reviewerId: string | null): QueueItem {
    return assignReviewer(this.parts, this.actor(session), recordId, reviewerId);
  }
  reviewerChoices(recordId: string): ReturnType<typeof reviewerChoices> {
    return reviewerChoices(this.parts, recordId);
  }
  approveCross(session: ActiveSession, recordId: string, escalate?: { reason: string }): TransitionDone {
    return approve(this.parts, this.actor(session), recordId, 'cross', escalate);
  }
  returnCross(session: ActiveSession, recordId: string, comments: readonly ReviewComment[]): TransitionDone {
    return returnRecord(this.parts, this.actor(session), recordId, comments, 'cross');
  }
  approveFinal(session: ActiveSession, recordId: string): TransitionDone {
    return approve(this.parts, this.actor(session), recordId, 'final');
  }
  returnFinal(session: ActiveSession, recordId: string, comments: readonly ReviewComment[]): TransitionDone {
    return returnRecord(this.parts, this.actor(session), recordId, comments, 'final');
  }
  addOnline(
    session: ActiveSession,
    channel: Channel,
    submission: GuestDraft,
    receivedAt?: number,
  ): QueueItem {
    return addOnline(this.parts, this.actor(session), channel, submission, receivedAt);
  }
  claimOnline(session: ActiveSession, recordId: string): QueueItem {
    return claimOnline(this.parts, this.actor(session), recordId);
  }
  logContact(
    session: ActiveSession,
    recordId: string,
    attempt: { method: string; outcome: string; note?: string | undefined },
  ): RecordDetail['contactAttempts'][number] {
    return logContact(this.parts, this.actor(session), recordId, attempt);
  }
  startCorrection(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    return startCorrection(this.parts, this.actor(session), recordId, reason);
  }
  cancelCorrection(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    return cancelCorrection(this.parts, this.actor(session), recordId, reason);
  }
  requestErasure(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    return requestErasure(this.parts, this.actor(session), recordId, reason);
  }
  approveErasure(session: ActiveSession, recordId: string): TransitionDone {
    return approveErasure(this.parts, this.actor(session), recordId);
  }
  rejectErasure(session: ActiveSession, recordId: string, reason: string): TransitionDone {
    return rejectErasure(this.parts, this.actor(session), recordId, reason);
  }

  /**
   * Demo data and benchmarks (maintainer CLI `seed`), never reachable from the renderer: a valid
   * record made by the real commands on a clock of its own (demo/demo-record.ts), inside the
   * caller's transaction when there is one; the change sink is not told.
   */
  seedValid(input: ValidSeed): string {
    const seed = () =>
      seedValidRecord(
        (clock: Clock) => this.partsOn({ ...this.deps, clock, sink: NO_RECORD_CHANGE_SINK }),
        input,
      );
    return this.deps.db.inTransaction ? seed() : this.deps.db.transaction(seed).immediate();
  }

  // ---- the read side --------------------------------------------------------------------------

  /** The whole record for the screen that shows it; every opening is audited (R20). */
  open(session: ActiveSession, recordId: string): RecordDetail {
    const actor = this.actor(session);
    const loaded = this.load(recordId);
    const detail = this.parts.views.detail(loaded, actor);
    this.deps.audit.append({
      actorId: actor.id,
      action: 'record.open',
      targetType: 'record',
      targetId: recordId,
      reason: `revision:${String(loaded.working.revision)}`,
    });
    return detail;
  }
  load(recordId: string): Loaded {
    return this.parts.rows.load(recordId);
  }
  queue(filter: QueueFilter, withComments = false): QueueItem[] {
    return this.parts.views.queue(filter, withComments);
  }
  /** The cross-review queue for `session`: never their own records (R13), nor ones assigned to others unless they assign. */
  crossQueue(session: ActiveSession): QueueItem[] {
    return this.parts.views.crossQueue(this.actor(session));
  }
  erasureQueue(): ReturnType<RecordViews['erasureQueue']> {
    return this.parts.views.erasureQueue();
  }
  queueItem(row: QueueRow, withComments: boolean): QueueItem {
    return this.parts.views.queueItem(row, withComments);
  }
  requireQueueRow(recordId: string): QueueRow {
    return this.parts.views.requireQueueRow(recordId);
  }
  /** The data people see for a record: the revision in force, else the one being entered. */
  openDisplay(record: Pick<RecordRow, 'record_id' | 'working_revision' | 'in_force_revision'>): GuestDraft {
    return this.parts.views.openDisplay(record);
  }
  /** Builds the in-memory name index if it is not built (after unlock, on first use). */
  ensureNames(): NameIndex {
    return this.nameHook.ensure();
  }

  /** Builds the name index in slices (the core's thread keeps answering); ensureNames is then free. */
  prepareNames(): Promise<void> {
    return this.nameHook.prepare();
  }
}
