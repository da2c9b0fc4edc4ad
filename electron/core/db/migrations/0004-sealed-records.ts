import type { Migration } from '../migration.js';

/**
 * Guest records: every identifying value lives in `record_revisions.sealed` (XChaCha20-Poly1305,
 * bound to record id and revision); the blind index holds truncated keyed hashes for exact
 * lookups. Workflow columns in clear (state, deadlines, who) arrive with the review workflow.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'sealed-records',
  up(db) {
    db.exec(`
      CREATE TABLE guest_records (
        id         TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        erased_at  INTEGER,
        erased_by  TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE TABLE record_revisions (
        record_id  TEXT NOT NULL REFERENCES guest_records (id),
        revision   INTEGER NOT NULL CHECK (revision >= 1),
        sealed     BLOB,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff (id),
        PRIMARY KEY (record_id, revision)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE blind_index (
        kind      TEXT NOT NULL CHECK (kind IN ('id-number', 'phone')),
        digest    BLOB NOT NULL,
        record_id TEXT NOT NULL REFERENCES guest_records (id),
        revision  INTEGER NOT NULL,
        PRIMARY KEY (kind, digest, record_id, revision)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX blind_index_record ON blind_index (record_id);
    `);
  },
};
