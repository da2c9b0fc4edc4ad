import type { Database } from 'better-sqlite3';
import type { CrossOutcome, SampleVerdict } from '../../../shared/domain/quality-figures.js';
import type { Role } from '../../../shared/domain/roles.js';

/** An entry as stored: workflow columns in clear, and the sealed payload for completeness. */
export interface EntryRow {
  staff_id: string;
  record_id: string;
  revision: number;
  first_submitted_at: number;
  entry_due_at: number | null;
  first_cross_outcome: CrossOutcome | null;
  /** null once the record was erased */
  sealed: Buffer | null;
}

export interface ReturnRow {
  staff_id: string;
  fields: string;
}

export interface CheckRow {
  staff_id: string;
  verdict: SampleVerdict;
}

export interface StaffRowLite {
  id: string;
  name: string;
  role: Role;
}

/**
 * "The entries of the period": revisions first submitted in [start, end) by their entrant, the
 * cancelled ones (an abandoned correction, never counted again) left out. One place, so every
 * figure is about the same set. `@staff` is the one staff member asked for, or NULL for everyone.
 */
const IN_PERIOD = `r.first_submitted_at >= @start AND r.first_submitted_at < @end
   AND r.state <> 'cancelled' AND r.entrant_id IS NOT NULL`;
const ENTRIES = `${IN_PERIOD} AND (@staff IS NULL OR r.entrant_id = @staff)`;

type PeriodParams = [{ start: number; end: number; staff: string | null }];

/**
 * SQL for the quality figures (R28). Everything but completeness comes from clear workflow
 * columns (migration 0005: revision_workflow, review_rounds; 0009: audit_sample_checks), so no
 * data key is needed for them; the payloads are read here and opened by the caller.
 */
export class QualityRepository {
  constructor(private readonly db: Database) {}

  entries(start: number, end: number, staffId: string | null): EntryRow[] {
    return this.db
      .prepare<PeriodParams, EntryRow>(
        `SELECT r.entrant_id AS staff_id, r.record_id, r.revision, r.first_submitted_at, r.entry_due_at,
                (SELECT x.outcome FROM review_rounds x
                  WHERE x.record_id = r.record_id AND x.revision = r.revision AND x.stage = 'cross'
                  ORDER BY x.round LIMIT 1) AS first_cross_outcome,
                v.sealed
           FROM revision_workflow r
           JOIN record_revisions v ON v.record_id = r.record_id AND v.revision = r.revision
          WHERE ${ENTRIES}
          ORDER BY r.first_submitted_at, r.record_id, r.revision`,
      )
      .all({ start, end, staff: staffId });
  }

  /** Returned review rounds (cross and final) of the period's entries, with the paths they named. */
  returns(start: number, end: number, staffId: string | null): ReturnRow[] {
    return this.db
      .prepare<PeriodParams, ReturnRow>(
        `SELECT r.entrant_id AS staff_id, x.fields
           FROM revision_workflow r
           JOIN review_rounds x ON x.record_id = r.record_id AND x.revision = r.revision
          WHERE ${ENTRIES}
            AND x.outcome = 'returned'
          ORDER BY x.record_id, x.round`,
      )
      .all({ start, end, staff: staffId });
  }

  /** The supervisor's sampling verdicts (R26) on the period's entries. */
  checks(start: number, end: number, staffId: string | null): CheckRow[] {
    return this.db
      .prepare<PeriodParams, CheckRow>(
        `SELECT r.entrant_id AS staff_id, c.verdict
           FROM revision_workflow r
           JOIN audit_sample_checks c ON c.record_id = r.record_id AND c.revision = r.revision
          WHERE ${ENTRIES}`,
      )
      .all({ start, end, staff: staffId });
  }

  /**
   * Whom a team report lists: every enabled account in a desk role, and anyone (a disabled
   * account, a supervisor) who made an entry in the period, so no entry goes unshown.
   */
  staff(start: number, end: number): StaffRowLite[] {
    return this.db
      .prepare<[{ start: number; end: number }], StaffRowLite>(
        `SELECT s.id, s.name, s.role FROM staff s
          WHERE (s.role IN ('specialist', 'lead', 'manager') AND s.disabled_at IS NULL)
             OR s.id IN (SELECT r.entrant_id FROM revision_workflow r WHERE ${IN_PERIOD})
          ORDER BY s.name_key, s.id`,
      )
      .all({ start, end });
  }

  person(id: string): StaffRowLite | undefined {
    return this.db.prepare<[string], StaffRowLite>('SELECT id, name, role FROM staff WHERE id = ?').get(id);
  }
}
