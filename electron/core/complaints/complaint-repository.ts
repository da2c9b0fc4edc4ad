import type { Database } from 'better-sqlite3';
import type { ComplaintDetail, ComplaintSummary } from '../../../shared/ipc/complaint-schemas.js';

export interface ComplaintRow {
  id: string;
  number: number;
  kind: ComplaintSummary['kind'];
  received_via: ComplaintSummary['receivedVia'];
  record_id: string | null;
  status: ComplaintSummary['status'];
  text_sealed: Buffer;
  registered_by: string;
  registered_at: number;
  assigned_to: string | null;
  assigned_by: string | null;
  assigned_at: number | null;
  resolved_by: string | null;
  resolved_at: number | null;
  outcome: ComplaintSummary['outcome'];
  answered_via: ComplaintDetail['answeredVia'];
  answer_sealed: Buffer | null;
  updated_at: number;
  registered_name: string;
  assigned_name: string | null;
  resolved_name: string | null;
  record_erased: 0 | 1;
}

export interface EventRow {
  seq: number;
  kind: ComplaintDetail['events'][number]['kind'];
  staff_id: string;
  staff_name: string;
  at: number;
  assignee_id: string | null;
  assignee_name: string | null;
  note_sealed: Buffer | null;
}

const SELECT = `
  SELECT c.*, sr.name AS registered_name, sa.name AS assigned_name, sv.name AS resolved_name,
         coalesce(g.erased_at IS NOT NULL, 0) AS record_erased
    FROM complaints c
    JOIN staff sr ON sr.id = c.registered_by
    LEFT JOIN staff sa ON sa.id = c.assigned_to
    LEFT JOIN staff sv ON sv.id = c.resolved_by
    LEFT JOIN guest_records g ON g.id = c.record_id`;

/** Unresolved first, suspected leaks first among them, then the longest waiting; resolved last, newest first. */
const ORDER = `
   ORDER BY c.status = 'resolved', CASE WHEN c.status <> 'resolved' THEN c.kind <> 'suspected_leak' END,
            CASE WHEN c.status <> 'resolved' THEN c.registered_at END,
            c.resolved_at DESC, c.number DESC`;

/** SQL for the complaint tables of migration 0010 and nothing else: the rules live in the service. */
export class ComplaintRepository {
  constructor(private readonly db: Database) {}

  byId(id: string): ComplaintRow | undefined {
    return this.db.prepare<[string], ComplaintRow>(`${SELECT} WHERE c.id = ?`).get(id);
  }

  list(registeredBy: string | null): ComplaintRow[] {
    return registeredBy === null
      ? this.db.prepare<[], ComplaintRow>(`${SELECT} ${ORDER}`).all()
      : this.db
          .prepare<[string], ComplaintRow>(`${SELECT} WHERE c.registered_by = ? ${ORDER}`)
          .all(registeredBy);
  }

  events(id: string): EventRow[] {
    return this.db
      .prepare<[string], EventRow>(
        `SELECT e.seq, e.kind, e.staff_id, s.name AS staff_name, e.at, e.assignee_id, a.name AS assignee_name,
                e.note_sealed
           FROM complaint_events e JOIN staff s ON s.id = e.staff_id LEFT JOIN staff a ON a.id = e.assignee_id
          WHERE e.complaint_id = ? ORDER BY e.seq`,
      )
      .all(id);
  }

  nextNumber(): number {
    return (
      this.db.prepare<[], number>('SELECT coalesce(max(number), 0) + 1 FROM complaints').pluck().get() ?? 1
    );
  }

  insert(row: {
    id: string;
    number: number;
    kind: string;
    receivedVia: string;
    recordId: string | null;
    textSealed: Buffer;
    by: string;
    at: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO complaints (id, number, kind, received_via, record_id, text_sealed, registered_by,
           registered_at, updated_at)
         VALUES (@id, @number, @kind, @receivedVia, @recordId, @textSealed, @by, @at, @at)`,
      )
      .run(row);
  }

  assign(id: string, assignee: string, by: string, at: number): void {
    this.db
      .prepare(
        `UPDATE complaints SET status = 'assigned', assigned_to = ?, assigned_by = ?, assigned_at = ?, updated_at = ?
          WHERE id = ? AND status <> 'resolved'`,
      )
      .run(assignee, by, at, at, id);
  }

  resolve(
    id: string,
    row: { by: string; at: number; outcome: string; answeredVia: string; answerSealed: Buffer },
  ): void {
    const changed = this.db
      .prepare(
        `UPDATE complaints SET status = 'resolved', resolved_by = @by, resolved_at = @at, outcome = @outcome,
           answered_via = @answeredVia, answer_sealed = @answerSealed, updated_at = @at
          WHERE id = @id AND status = 'assigned'`,
      )
      .run({ ...row, id }).changes;
    if (changed !== 1) throw new Error(`complaint ${id} is not assigned`);
  }

  addEvent(row: {
    complaintId: string;
    kind: EventRow['kind'];
    staffId: string;
    at: number;
    assigneeId?: string;
    noteSealed?: (seq: number) => Buffer;
  }): number {
    const seq =
      this.db
        .prepare<[string], number>(
          'SELECT coalesce(max(seq), 0) + 1 FROM complaint_events WHERE complaint_id = ?',
        )
        .pluck()
        .get(row.complaintId) ?? 1;
    this.db
      .prepare(
        `INSERT INTO complaint_events (complaint_id, seq, kind, staff_id, at, assignee_id, note_sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.complaintId,
        seq,
        row.kind,
        row.staffId,
        row.at,
        row.assigneeId ?? null,
        row.noteSealed ? row.noteSealed(seq) : null,
      );
    return seq;
  }

  /** Does the guest record exist here (erased ones included: their tombstone stays)? */
  recordExists(recordId: string): boolean {
    return this.db.prepare('SELECT 1 FROM guest_records WHERE id = ?').get(recordId) !== undefined;
  }

  /** Everyone who entered any revision of the record. */
  entrantsOf(recordId: string): Set<string> {
    return new Set(
      this.db
        .prepare<[string], string>(
          'SELECT DISTINCT entrant_id FROM revision_workflow WHERE record_id = ? AND entrant_id IS NOT NULL',
        )
        .pluck()
        .all(recordId),
    );
  }
}
