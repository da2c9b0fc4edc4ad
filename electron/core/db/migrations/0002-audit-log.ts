import type { Migration } from '../migration.js';

/**
 * The append-only, hash-chained audit log (R20, R21). Triggers refuse UPDATE and DELETE through
 * SQL; what bypasses SQL (editing the file) breaks the chain, which `doctor` and the verifier
 * report, and the chain's head travels to the central system with every sync batch.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          INTEGER NOT NULL,
        actor_id    TEXT,
        action      TEXT NOT NULL,
        target_type TEXT,
        target_id   TEXT,
        fields      TEXT,
        outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
        reason      TEXT,
        prev_hash   BLOB NOT NULL,
        hash        BLOB NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
      CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
