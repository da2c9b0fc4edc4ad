import type { Database } from 'better-sqlite3';
import type { AuditVerdict, SampleStatus } from '../../../shared/domain/sampling-audit.js';

export interface SampleRow {
  id: string;
  drawn_by: string;
  drawn_by_name: string;
  drawn_at: number;
  period_from: number;
  period_to: number;
  share_percent: number | null;
  requested_count: number | null;
  seed: string;
  population_count: number;
  population_digest: string;
  status: SampleStatus;
  completed_at: number | null;
  size: number;
  checked_records: number;
  correct: number;
  wrong: number;
  missing: number;
}

export interface PopulationMember {
  record_id: string;
  revision: number;
}

export interface ItemRow {
  position: number;
  record_id: string;
  revision: number;
  entrant_id: string | null;
  entrant_name: string | null;
  valid_at: number | null;
  entry_started_at: number;
  entry_due_at: number | null;
  first_submitted_at: number | null;
  submitted_at: number | null;
  erased: 0 | 1;
  correct: number;
  wrong: number;
  missing: number;
}

export interface CheckRow {
  record_id: string;
  revision: number;
  field: string;
  verdict: AuditVerdict;
  note_sealed: Buffer | null;
  checked_by: string;
  checked_by_name: string;
  checked_at: number;
}

const SAMPLE_SELECT = `
  SELECT s.*, st.name AS drawn_by_name,
         (SELECT count(*) FROM audit_sample_items i WHERE i.sample_id = s.id) AS size,
         (SELECT count(DISTINCT c.record_id) FROM audit_sample_checks c WHERE c.sample_id = s.id) AS checked_records,
         (SELECT count(*) FROM audit_sample_checks c WHERE c.sample_id = s.id AND c.verdict = 'correct') AS correct,
         (SELECT count(*) FROM audit_sample_checks c WHERE c.sample_id = s.id AND c.verdict = 'wrong') AS wrong,
         (SELECT count(*) FROM audit_sample_checks c WHERE c.sample_id = s.id AND c.verdict = 'missing') AS missing
    FROM audit_samples s JOIN staff st ON st.id = s.drawn_by`;

/** The sampling audit's tables (migration 0009); SQL only, no rules. */
export class SamplingRepository {
  constructor(private readonly db: Database) {}

  /**
   * The population of a period: per record not erased, its newest revision that became valid in
   * [from, to]. One revision per record (an older valid revision of a corrected record is the
   * same guest), ordered by record id then revision so the order never depends on the query plan.
   */
  population(from: number, to: number): PopulationMember[] {
    return this.db
      .prepare<[number, number], PopulationMember>(
        `SELECT w.record_id, max(w.revision) AS revision
           FROM revision_workflow w INDEXED BY revision_workflow_valid_at
           JOIN guest_records g ON g.id = w.record_id
          WHERE w.state = 'valid' AND w.valid_at BETWEEN ? AND ? AND g.erased_at IS NULL
          GROUP BY w.record_id
          ORDER BY w.record_id, revision`,
      )
      .all(from, to);
  }

  insertSample(row: {
    id: string;
    drawnBy: string;
    drawnAt: number;
    periodFrom: number;
    periodTo: number;
    sharePercent: number | null;
    requestedCount: number | null;
    seed: string;
    populationCount: number;
    populationDigest: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO audit_samples (id, drawn_by, drawn_at, period_from, period_to, share_percent, requested_count,
                                    seed, population_count, population_digest, status)
         VALUES (@id, @drawnBy, @drawnAt, @periodFrom, @periodTo, @sharePercent, @requestedCount,
                 @seed, @populationCount, @populationDigest, 'open')`,
      )
      .run(row);
  }

  insertItem(sampleId: string, position: number, member: PopulationMember): void {
    this.db
      .prepare(
        `INSERT INTO audit_sample_items (sample_id, position, record_id, revision, entrant_id)
         SELECT ?, ?, record_id, revision, entrant_id FROM revision_workflow WHERE record_id = ? AND revision = ?`,
      )
      .run(sampleId, position, member.record_id, member.revision);
  }

  sample(id: string): SampleRow | undefined {
    return this.db.prepare<[string], SampleRow>(`${SAMPLE_SELECT} WHERE s.id = ?`).get(id);
  }

  samples(): SampleRow[] {
    return this.db.prepare<[], SampleRow>(`${SAMPLE_SELECT} ORDER BY s.drawn_at DESC, s.id`).all();
  }

  items(sampleId: string): ItemRow[] {
    return this.db
      .prepare<[string], ItemRow>(
        `SELECT i.position, i.record_id, i.revision, i.entrant_id, st.name AS entrant_name,
                w.valid_at, w.entry_started_at, w.entry_due_at, w.first_submitted_at, w.submitted_at,
                (g.erased_at IS NOT NULL) AS erased,
                (SELECT count(*) FROM audit_sample_checks c
                  WHERE c.sample_id = i.sample_id AND c.record_id = i.record_id AND c.verdict = 'correct') AS correct,
                (SELECT count(*) FROM audit_sample_checks c
                  WHERE c.sample_id = i.sample_id AND c.record_id = i.record_id AND c.verdict = 'wrong') AS wrong,
                (SELECT count(*) FROM audit_sample_checks c
                  WHERE c.sample_id = i.sample_id AND c.record_id = i.record_id AND c.verdict = 'missing') AS missing
           FROM audit_sample_items i
           JOIN revision_workflow w ON w.record_id = i.record_id AND w.revision = i.revision
           JOIN guest_records g ON g.id = i.record_id
           LEFT JOIN staff st ON st.id = i.entrant_id
          WHERE i.sample_id = ?
          ORDER BY i.position`,
      )
      .all(sampleId);
  }

  checks(sampleId: string, recordId?: string): CheckRow[] {
    return this.db
      .prepare<{ sample: string; record: string | null }, CheckRow>(
        `SELECT c.record_id, c.revision, c.field, c.verdict, c.note_sealed, c.checked_by,
                st.name AS checked_by_name, c.checked_at
           FROM audit_sample_checks c JOIN staff st ON st.id = c.checked_by
           JOIN audit_sample_items i ON i.sample_id = c.sample_id AND i.record_id = c.record_id
          WHERE c.sample_id = @sample AND (@record IS NULL OR c.record_id = @record)
          ORDER BY i.position, c.field`,
      )
      .all({ sample: sampleId, record: recordId ?? null });
  }

  /** A field checked again replaces its earlier verdict and note: the audit log keeps the history. */
  saveCheck(row: {
    sampleId: string;
    recordId: string;
    revision: number;
    field: string;
    verdict: AuditVerdict;
    noteSealed: Buffer | null;
    checkedBy: string;
    checkedAt: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO audit_sample_checks (sample_id, record_id, revision, field, verdict, note_sealed, checked_by, checked_at)
         VALUES (@sampleId, @recordId, @revision, @field, @verdict, @noteSealed, @checkedBy, @checkedAt)
         ON CONFLICT (sample_id, record_id, field) DO UPDATE SET
           verdict = excluded.verdict, note_sealed = excluded.note_sealed,
           checked_by = excluded.checked_by, checked_at = excluded.checked_at`,
      )
      .run(row);
  }

  complete(sampleId: string, at: number): void {
    this.db
      .prepare(
        "UPDATE audit_samples SET status = 'completed', completed_at = ? WHERE id = ? AND status = 'open'",
      )
      .run(at, sampleId);
  }
}
