import type { Migration } from '../migration.js';

/**
 * The supervisor's sampling audit (R26): a random sample of valid records, checked field by field.
 *
 * - audit_samples: one row per draw. The seed, the period and the population (its size and a
 *   sha256 over the ordered population ids) are kept so anyone can re-draw and get the same items:
 *   a sample nobody can reproduce proves nothing about how it was chosen.
 * - audit_sample_items: the drawn record revisions in draw order. The revision is pinned: a later
 *   correction of the record does not change what was audited. The entrant is copied so findings
 *   can be counted per staff member without joining the workflow every time.
 * - audit_sample_checks: the supervisor's verdict per field path of the catalogue (a name, clear).
 *   The note is sealed with the record's sub-key like review comments: supervisors quote values
 *   ("the phone should be 139…"), and erasure destroys it with the payloads.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'sampling-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_samples (
        id                TEXT PRIMARY KEY,
        drawn_by          TEXT NOT NULL REFERENCES staff (id),
        drawn_at          INTEGER NOT NULL,
        period_from       INTEGER NOT NULL,
        period_to         INTEGER NOT NULL,
        share_percent     REAL CHECK (share_percent IS NULL OR (share_percent > 0 AND share_percent <= 100)),
        requested_count   INTEGER CHECK (requested_count IS NULL OR requested_count >= 1),
        seed              TEXT NOT NULL,
        population_count  INTEGER NOT NULL CHECK (population_count >= 1),
        population_digest TEXT NOT NULL,
        status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
        completed_at      INTEGER,
        CHECK (period_from <= period_to),
        CHECK ((share_percent IS NULL) <> (requested_count IS NULL)),
        CHECK ((status = 'completed') = (completed_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX audit_samples_drawn_at ON audit_samples (drawn_at);

      CREATE TABLE audit_sample_items (
        sample_id  TEXT NOT NULL REFERENCES audit_samples (id),
        position   INTEGER NOT NULL CHECK (position >= 1),
        record_id  TEXT NOT NULL,
        revision   INTEGER NOT NULL,
        entrant_id TEXT REFERENCES staff (id),
        PRIMARY KEY (sample_id, position),
        UNIQUE (sample_id, record_id),
        FOREIGN KEY (record_id, revision) REFERENCES record_revisions (record_id, revision)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_sample_checks (
        sample_id   TEXT NOT NULL REFERENCES audit_samples (id),
        record_id   TEXT NOT NULL,
        revision    INTEGER NOT NULL,
        field       TEXT NOT NULL,
        verdict     TEXT NOT NULL CHECK (verdict IN ('correct', 'wrong', 'missing')),
        note_sealed BLOB,
        checked_by  TEXT NOT NULL REFERENCES staff (id),
        checked_at  INTEGER NOT NULL,
        PRIMARY KEY (sample_id, record_id, field),
        FOREIGN KEY (sample_id, record_id) REFERENCES audit_sample_items (sample_id, record_id),
        FOREIGN KEY (record_id, revision) REFERENCES record_revisions (record_id, revision)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audit_sample_checks_record ON audit_sample_checks (record_id, revision);

      -- the population of a period: valid revisions by the instant they became valid
      CREATE INDEX revision_workflow_valid_at ON revision_workflow (valid_at) WHERE state = 'valid';
    `);
  },
};
