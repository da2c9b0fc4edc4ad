import type { Migration } from '../migration.js';

/**
 * Backups (R16, DESIGN.md "Backups, supervision, reports"; file format in docs/backup-format.md).
 *
 * - backup_keys: the store's backup key pair (crypto_box). The public key is in clear, because the
 *   unattended daily backup runs while the kiosk is locked and needs nothing else. The secret key
 *   is stored twice: wrapped by the DK sub-key SubKeyId.keyWrapping (`dk_wrapped_sk`) and by the
 *   recovery key's wrapping key (`recovery_wrapped_sk`).
 *
 *   When the pair is made: a new store makes it at first setup, with both copies (DK and the
 *   recovery key are both in hand then). A store set up before this migration has no pair: the
 *   next person to sign in or unlock (anyone holding DK) makes it, with the DK copy only, because
 *   the recovery key is not in hand; `recovery_wrapped_sk` stays NULL until the recovery key is
 *   next entered (recovery at the kiosk), which fills it in. Until then a backup still restores
 *   with the recovery key, through the recovery copy of DK that every backup carries
 *   (recovery key -> DK -> DK copy of the backup secret key).
 *
 * - backup_history: one row per attempt, for the status the UI shows (last good backup, last
 *   failure). Where is the folder path, what the file name; no guest data. `error_code` is one of
 *   BackupErrorCode (electron/core/backup/backup-error.ts).
 */
export const migration0007: Migration = {
  version: 7,
  name: 'backup-keys',
  up(db) {
    db.exec(`
      CREATE TABLE backup_keys (
        singleton           INTEGER PRIMARY KEY CHECK (singleton = 1),
        public_key          BLOB NOT NULL CHECK (length(public_key) = 32),
        dk_wrapped_sk       TEXT NOT NULL,
        recovery_wrapped_sk TEXT,
        created_at          INTEGER NOT NULL,
        recovery_added_at   INTEGER
      ) STRICT;
      CREATE TABLE backup_history (
        id          INTEGER PRIMARY KEY,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        folder      TEXT NOT NULL,
        file_name   TEXT,
        size_bytes  INTEGER CHECK (size_bytes IS NULL OR size_bytes >= 0),
        outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        error_code  TEXT,
        CHECK ((outcome = 'ok') = (error_code IS NULL)),
        CHECK (outcome = 'failed' OR (file_name IS NOT NULL AND size_bytes IS NOT NULL))
      ) STRICT;
      CREATE INDEX backup_history_outcome ON backup_history (outcome, finished_at);
    `);
  },
};
