import type { Database } from 'better-sqlite3';
import type { Channel } from '../../../shared/domain/guest-record.js';
import type { StoredRevisionStatus } from '../../../shared/domain/record-workflow.js';
import { prepared } from '../db/statement-cache.js';

/** A revision's state as stored: the state machine's, plus CANCELLED_REVISION (an abandoned correction). */
export type StoredRevisionState = StoredRevisionStatus;

export interface RecordRow {
  record_id: string;
  channel: Channel | null;
  working_revision: number;
  in_force_revision: number | null;
  received_at: number | null;
  claimed_by: string | null;
  claimed_at: number | null;
  updated_at: number;
  created_by: string;
  erased_at: number | null;
  erased_by: string | null;
}

export interface RevisionRow {
  record_id: string;
  revision: number;
  state: StoredRevisionState;
  entrant_id: string | null;
  vip: 0 | 1;
  doubtful: 0 | 1;
  entry_started_at: number;
  entry_due_at: number | null;
  first_submitted_at: number | null;
  submitted_at: number | null;
  cross_review_due_at: number | null;
  assigned_reviewer_id: string | null;
  assigned_by: string | null;
  assigned_at: number | null;
  cross_reviewer_id: string | null;
  cross_reviewed_at: number | null;
  final_reviewer_id: string | null;
  final_reviewed_at: number | null;
  valid_at: number | null;
  reason_sealed: Buffer | null;
  updated_at: number;
}

export interface RoundRow {
  record_id: string;
  round: number;
  revision: number;
  stage: 'cross' | 'final';
  reviewer_id: string;
  reviewer_name: string;
  outcome: 'approved' | 'escalated' | 'returned';
  fields: string;
  sealed: Buffer | null;
  submitted_at: number;
  decided_at: number;
}

export interface ContactRow {
  id: number;
  record_id: string;
  staff_id: string;
  staff_name: string;
  attempted_at: number;
  method: string;
  outcome: string;
  note_sealed: Buffer | null;
}

export interface ErasureRow {
  id: string;
  record_id: string;
  requested_by: string;
  requester_name: string;
  requested_at: number;
  reason_sealed: Buffer | null;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: number | null;
}

/** A queue line: the record, its working revision, and the names of the people on it. */
export interface QueueRow extends RevisionRow {
  channel: Channel | null;
  working_revision: number;
  in_force_revision: number | null;
  received_at: number | null;
  claimed_by: string | null;
  entrant_name: string | null;
  assigned_name: string | null;
  claimed_name: string | null;
  erasure_pending: number;
  contact_attempts: number;
}

export type QueueFilter =
  | { kind: 'mine'; staffId: string }
  | { kind: 'cross'; staffId: string; seeAssigned: boolean }
  | { kind: 'final'; staffId: string }
  | { kind: 'online' }
  | { kind: 'open' };

const REVISION_COLUMNS = new Set<keyof RevisionRow>([
  'state',
  'entrant_id',
  'vip',
  'doubtful',
  'entry_due_at',
  'first_submitted_at',
  'submitted_at',
  'cross_review_due_at',
  'assigned_reviewer_id',
  'assigned_by',
  'assigned_at',
  'cross_reviewer_id',
  'cross_reviewed_at',
  'final_reviewer_id',
  'final_reviewed_at',
  'valid_at',
  'reason_sealed',
]);

const RECORD_COLUMNS = new Set<keyof RecordRow>([
  'channel',
  'working_revision',
  'in_force_revision',
  'claimed_by',
  'claimed_at',
]);

const QUEUE_SELECT = `
  SELECT r.*, w.channel, w.working_revision, w.in_force_revision, w.received_at, w.claimed_by,
         se.name AS entrant_name, sa.name AS assigned_name, sc.name AS claimed_name,
         EXISTS (SELECT 1 FROM erasure_requests e WHERE e.record_id = w.record_id AND e.status = 'pending')
           AS erasure_pending,
         (SELECT count(*) FROM contact_attempts c WHERE c.record_id = w.record_id) AS contact_attempts
    FROM record_workflow w
    JOIN guest_records g ON g.id = w.record_id AND g.erased_at IS NULL
    JOIN revision_workflow r ON r.record_id = w.record_id AND r.revision = w.working_revision
    LEFT JOIN staff se ON se.id = r.entrant_id
    LEFT JOIN staff sa ON sa.id = r.assigned_reviewer_id
    LEFT JOIN staff sc ON sc.id = w.claimed_by`;

const QUEUE_ORDER = `
   ORDER BY coalesce(CASE WHEN r.state = 'awaiting_cross_review' THEN r.cross_review_due_at
                          WHEN r.state IN ('draft', 'returned') THEN r.entry_due_at END, 9e18),
            r.entry_started_at, r.record_id`;

/** SQL for the workflow tables of migration 0005 and nothing else: the rules live in the service. */
export class RecordWorkflowRepository {
  constructor(private readonly db: Database) {}

  record(recordId: string): RecordRow | undefined {
    return prepared<[string], RecordRow>(
      this.db,
      `SELECT w.*, g.created_by, g.erased_at, g.erased_by FROM record_workflow w
           JOIN guest_records g ON g.id = w.record_id WHERE w.record_id = ?`,
    ).get(recordId);
  }

  /** Every revision of the record, cancelled ones included, oldest first. */
  revisions(recordId: string): RevisionRow[] {
    return prepared<[string], RevisionRow>(
      this.db,
      'SELECT * FROM revision_workflow WHERE record_id = ? ORDER BY revision',
    ).all(recordId);
  }

  insertRecord(row: { recordId: string; channel: Channel; receivedAt: number | null; now: number }): void {
    prepared(
      this.db,
      `INSERT INTO record_workflow (record_id, channel, working_revision, received_at, updated_at)
         VALUES (?, ?, 1, ?, ?)`,
    ).run(row.recordId, row.channel, row.receivedAt, row.now);
  }

  insertRevision(row: {
    recordId: string;
    revision: number;
    entrantId: string | null;
    vip: boolean;
    doubtful: boolean;
    entryStartedAt: number;
    entryDueAt: number | null;
    reasonSealed: Buffer | null;
    now: number;
  }): void {
    prepared(
      this.db,
      `INSERT INTO revision_workflow (record_id, revision, state, entrant_id, vip, doubtful, entry_started_at,
           entry_due_at, reason_sealed, updated_at)
         VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.recordId,
      row.revision,
      row.entrantId,
      row.vip ? 1 : 0,
      row.doubtful ? 1 : 0,
      row.entryStartedAt,
      row.entryDueAt,
      row.reasonSealed,
      row.now,
    );
  }

  updateRevision(recordId: string, revision: number, changes: Partial<RevisionRow>, now: number): void {
    const keys = Object.keys(changes) as (keyof RevisionRow)[];
    for (const key of keys)
      if (!REVISION_COLUMNS.has(key)) throw new Error(`not an updatable column: ${key}`);
    const sets = [...keys.map((k) => `${k} = @${k}`), 'updated_at = @updated_at'].join(', ');
    const changed = prepared(
      this.db,
      `UPDATE revision_workflow SET ${sets} WHERE record_id = @record_id AND revision = @revision`,
    ).run({ ...changes, updated_at: now, record_id: recordId, revision }).changes;
    if (changed !== 1) throw new Error(`no revision ${recordId}#${String(revision)}`);
  }

  updateRecord(recordId: string, changes: Partial<RecordRow>, now: number): void {
    const keys = Object.keys(changes) as (keyof RecordRow)[];
    for (const key of keys) if (!RECORD_COLUMNS.has(key)) throw new Error(`not an updatable column: ${key}`);
    const sets = [...keys.map((k) => `${k} = @${k}`), 'updated_at = @updated_at'].join(', ');
    const changed = prepared(this.db, `UPDATE record_workflow SET ${sets} WHERE record_id = @record_id`).run({
      ...changes,
      updated_at: now,
      record_id: recordId,
    }).changes;
    if (changed !== 1) throw new Error(`no record ${recordId}`);
  }

  queue(filter: QueueFilter): QueueRow[] {
    switch (filter.kind) {
      case 'mine':
        return prepared<[string], QueueRow>(
          this.db,
          `${QUEUE_SELECT} WHERE r.entrant_id = ? AND r.state IN ('draft', 'returned') ${QUEUE_ORDER}`,
        ).all(filter.staffId);
      case 'cross':
        return prepared<[string, string, number], QueueRow>(
          this.db,
          `${QUEUE_SELECT} WHERE r.state = 'awaiting_cross_review' AND r.entrant_id <> ?
               AND (r.assigned_reviewer_id IS NULL OR r.assigned_reviewer_id = ? OR ?) ${QUEUE_ORDER}`,
        ).all(filter.staffId, filter.staffId, filter.seeAssigned ? 1 : 0);
      case 'final':
        return prepared<[string], QueueRow>(
          this.db,
          `${QUEUE_SELECT} WHERE r.state = 'awaiting_final_review' AND r.entrant_id <> ? ${QUEUE_ORDER}`,
        ).all(filter.staffId);
      case 'online':
        return prepared<[], QueueRow>(
          this.db,
          `${QUEUE_SELECT} WHERE w.received_at IS NOT NULL AND r.revision = 1 AND r.state = 'draft' ${QUEUE_ORDER}`,
        ).all();
      case 'open':
        return prepared<[], QueueRow>(
          this.db,
          `${QUEUE_SELECT} WHERE r.state IN ('draft', 'returned', 'awaiting_cross_review', 'awaiting_final_review')
             ${QUEUE_ORDER}`,
        ).all();
    }
  }

  queueRow(recordId: string): QueueRow | undefined {
    return prepared<[string], QueueRow>(this.db, `${QUEUE_SELECT} WHERE w.record_id = ?`).get(recordId);
  }

  /** (record, working revision, in-force revision) of every record not erased, for the name index. */
  liveRecords(): IterableIterator<{
    record_id: string;
    working_revision: number;
    in_force_revision: number | null;
  }> {
    return prepared<[], { record_id: string; working_revision: number; in_force_revision: number | null }>(
      this.db,
      `SELECT w.record_id, w.working_revision, w.in_force_revision FROM record_workflow w
           JOIN guest_records g ON g.id = w.record_id AND g.erased_at IS NULL`,
    ).iterate();
  }

  rounds(recordId: string): RoundRow[] {
    return prepared<[string], RoundRow>(
      this.db,
      `SELECT r.*, s.name AS reviewer_name FROM review_rounds r JOIN staff s ON s.id = r.reviewer_id
          WHERE r.record_id = ? ORDER BY r.round`,
    ).all(recordId);
  }

  insertRound(row: Omit<RoundRow, 'round' | 'reviewer_name'>): number {
    const round =
      prepared<[string], number>(
        this.db,
        'SELECT coalesce(max(round), 0) + 1 FROM review_rounds WHERE record_id = ?',
      )
        .pluck()
        .get(row.record_id) ?? 1;
    prepared(
      this.db,
      `INSERT INTO review_rounds (record_id, round, revision, stage, reviewer_id, outcome, fields, sealed,
           submitted_at, decided_at)
         VALUES (@record_id, @round, @revision, @stage, @reviewer_id, @outcome, @fields, @sealed, @submitted_at,
           @decided_at)`,
    ).run({ ...row, round });
    return round;
  }

  setRoundSealed(recordId: string, round: number, sealed: Buffer): void {
    prepared(this.db, 'UPDATE review_rounds SET sealed = ? WHERE record_id = ? AND round = ?').run(
      sealed,
      recordId,
      round,
    );
  }

  contactAttempts(recordId: string): ContactRow[] {
    return prepared<[string], ContactRow>(
      this.db,
      `SELECT c.*, s.name AS staff_name FROM contact_attempts c JOIN staff s ON s.id = c.staff_id
          WHERE c.record_id = ? ORDER BY c.attempted_at, c.id`,
    ).all(recordId);
  }

  insertContactAttempt(row: {
    recordId: string;
    staffId: string;
    at: number;
    method: string;
    outcome: string;
  }): number {
    return Number(
      prepared(
        this.db,
        'INSERT INTO contact_attempts (record_id, staff_id, attempted_at, method, outcome) VALUES (?, ?, ?, ?, ?)',
      ).run(row.recordId, row.staffId, row.at, row.method, row.outcome).lastInsertRowid,
    );
  }

  setContactNote(id: number, sealed: Buffer): void {
    prepared(this.db, 'UPDATE contact_attempts SET note_sealed = ? WHERE id = ?').run(sealed, id);
  }

  pendingErasure(recordId: string): ErasureRow | undefined {
    return prepared<[string], ErasureRow>(
      this.db,
      `SELECT e.*, s.name AS requester_name FROM erasure_requests e JOIN staff s ON s.id = e.requested_by
          WHERE e.record_id = ? AND e.status = 'pending'`,
    ).get(recordId);
  }

  pendingErasures(): ErasureRow[] {
    return prepared<[], ErasureRow>(
      this.db,
      `SELECT e.*, s.name AS requester_name FROM erasure_requests e JOIN staff s ON s.id = e.requested_by
          WHERE e.status = 'pending' ORDER BY e.requested_at, e.id`,
    ).all();
  }

  insertErasureRequest(row: {
    id: string;
    recordId: string;
    requestedBy: string;
    at: number;
    reasonSealed: Buffer;
  }): void {
    prepared(
      this.db,
      `INSERT INTO erasure_requests (id, record_id, requested_by, requested_at, reason_sealed)
         VALUES (?, ?, ?, ?, ?)`,
    ).run(row.id, row.recordId, row.requestedBy, row.at, row.reasonSealed);
  }

  decideErasure(
    id: string,
    decision: { status: 'approved' | 'rejected'; by: string; at: number; reasonSealed: Buffer | null },
  ): void {
    const changed = prepared(
      this.db,
      `UPDATE erasure_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason_sealed = ?
          WHERE id = ? AND status = 'pending'`,
    ).run(decision.status, decision.by, decision.at, decision.reasonSealed, id).changes;
    if (changed !== 1) throw new Error(`no pending erasure request ${id}`);
  }

  /** Erasure: every state 'erased', and every note about the record destroyed with its payloads. */
  eraseWorkflow(recordId: string, now: number): void {
    prepared(
      this.db,
      "UPDATE revision_workflow SET state = 'erased', reason_sealed = NULL, updated_at = ? WHERE record_id = ?",
    ).run(now, recordId);
    prepared(
      this.db,
      'UPDATE record_workflow SET in_force_revision = NULL, updated_at = ? WHERE record_id = ?',
    ).run(now, recordId);
    prepared(this.db, 'UPDATE review_rounds SET sealed = NULL WHERE record_id = ?').run(recordId);
    prepared(this.db, 'UPDATE contact_attempts SET note_sealed = NULL WHERE record_id = ?').run(recordId);
    // the supervisor's notes of a sampling audit (R26) quote values too
    prepared(this.db, 'UPDATE audit_sample_checks SET note_sealed = NULL WHERE record_id = ?').run(recordId);
    prepared(
      this.db,
      'UPDATE erasure_requests SET reason_sealed = NULL, decision_reason_sealed = NULL WHERE record_id = ?',
    ).run(recordId);
  }

  /** A cancelled correction no longer answers exact lookups. */
  dropIndexOf(recordId: string, revision: number): void {
    prepared(this.db, 'DELETE FROM blind_index WHERE record_id = ? AND revision = ?').run(recordId, revision);
  }

  staffName(id: string): string | undefined {
    return prepared<[string], string>(this.db, 'SELECT name FROM staff WHERE id = ?').pluck().get(id);
  }
}
