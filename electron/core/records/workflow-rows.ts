import {
  CANCELLED_REVISION,
  isErased,
  revisionInForce,
  workingRevision,
  type RecordState,
  type RevisionState,
} from '../../../shared/domain/record-workflow.js';
import { CoreError } from '../core-error.js';
import type {
  ErasureRow,
  RecordRow,
  RecordWorkflowRepository,
  RevisionRow,
} from './record-workflow-repository.js';

/** A record as the workflow sees it: its rows and the state machine's view of them. */
export interface Loaded {
  record: RecordRow;
  /** revisions in the workflow (cancelled corrections left out), oldest first */
  live: RevisionRow[];
  working: RevisionRow;
  state: RecordState;
  pending: ErasureRow | undefined;
}

/** What a new revision's row holds beyond its RevisionState. */
export interface NewRevisionRow {
  /**
   * Its number, from the payload store: a cancelled correction keeps its number, so the next one
   * may be higher than the state machine's count of live revisions.
   */
  revision: number;
  entryStartedAt: number;
  entryDueAt: number | null;
  reasonSealed: Buffer | null;
}

function revisionState(row: RevisionRow): RevisionState {
  if (row.state === CANCELLED_REVISION) throw new Error('a cancelled revision is not part of the workflow');
  const state: RevisionState = {
    number: row.revision,
    status: row.state,
    entrantId: row.entrant_id ?? '',
    vip: row.vip === 1,
    doubtful: row.doubtful === 1,
  };
  return row.cross_reviewer_id === null ? state : { ...state, crossReviewerId: row.cross_reviewer_id };
}

/** The clear columns a RevisionState maps to. */
function stateColumns(revision: RevisionState): Partial<RevisionRow> {
  return {
    state: revision.status,
    vip: revision.vip ? 1 : 0,
    doubtful: revision.doubtful ? 1 : 0,
    cross_reviewer_id: revision.crossReviewerId ?? null,
  };
}

/**
 * The one row mapper of the workflow: rows to RecordState on the way in, a next RecordState (and
 * a command's own columns) to rows on the way out. Every write of a `revision_workflow` row goes
 * through `insertRevision` or `writeRevision`, so a MAC over a row's clear columns belongs there and
 * nowhere else.
 */
export class WorkflowRows {
  constructor(readonly repo: RecordWorkflowRepository) {}

  load(recordId: string): Loaded {
    const record = this.repo.record(recordId);
    if (!record) throw new CoreError('not_found', 'No such record');
    const live = this.repo.revisions(recordId).filter((r) => r.state !== CANCELLED_REVISION);
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

  /** A revision row as it is first written (a new record, a correction). */
  insertRevision(
    recordId: string,
    revision: RevisionState,
    row: Omit<NewRevisionRow, 'revision'>,
    now: number,
  ): void {
    this.repo.insertRevision({
      recordId,
      revision: revision.number,
      entrantId: revision.entrantId === '' ? null : revision.entrantId,
      vip: revision.vip,
      doubtful: revision.doubtful,
      ...row,
      now,
    });
  }

  /** Every later change of a revision row. */
  writeRevision(recordId: string, revision: number, changes: Partial<RevisionRow>, now: number): void {
    this.repo.updateRevision(recordId, revision, changes, now);
  }

  /**
   * Writes what `transition()` decided: an erasure, a correction cancelled or started, or the
   * working revision's new state; `columns` are the command's own (timestamps, reviewers) and
   * are written with it. Unchanged columns are not written.
   */
  persist(
    loaded: Loaded,
    next: RecordState,
    columns: Partial<RevisionRow>,
    now: number,
    added?: NewRevisionRow,
  ): void {
    const { record, live, working } = loaded;
    const recordId = record.record_id;
    if (isErased(next)) {
      this.repo.eraseWorkflow(recordId, now);
      return;
    }
    const nextWorking = workingRevision(next);
    if (next.revisions.length < live.length) {
      this.writeRevision(recordId, working.revision, { ...columns, state: CANCELLED_REVISION }, now);
      this.repo.dropIndexOf(recordId, working.revision);
      this.repo.updateRecord(recordId, { working_revision: nextWorking.number }, now);
      return;
    }
    if (next.revisions.length > live.length) {
      if (!added) throw new Error('a new revision needs its row');
      const { revision, ...row } = added;
      this.insertRevision(recordId, { ...nextWorking, number: revision }, row, now);
      this.repo.updateRecord(recordId, { working_revision: revision }, now);
      return;
    }
    const wanted: Partial<RevisionRow> = { ...stateColumns(nextWorking), ...columns };
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([key, value]) => working[key as keyof RevisionRow] !== value),
    ) as Partial<RevisionRow>;
    if (Object.keys(changed).length > 0) this.writeRevision(recordId, working.revision, changed, now);
    const inForce = revisionInForce(next)?.number ?? null;
    if (inForce !== record.in_force_revision) {
      this.repo.updateRecord(recordId, { in_force_revision: inForce }, now);
    }
  }
}
