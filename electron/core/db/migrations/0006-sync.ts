import type { Migration } from '../migration.js';

/**
 * Sync with the central system (docs/sync-protocol.md; R24, R29).
 *
 * - sync_enrolment: where and as whom the kiosk syncs. The device token sits here in clear on
 *   purpose: the sender runs while the kiosk is locked and DK is gone; the token can only
 *   sync this device and the central side can revoke it, and nothing it reaches opens
 *   without keys the kiosk does not hold.
 * - sync_key_pairs: the device key pair (inbox items are sealed to it) and the holding key
 *   pair (outbox items written before enrolment are sealed to it, then resealed to the
 *   central key at enrolment). Public keys in clear; secret keys wrapped by a DK sub-key.
 * - sync_record_seq: the last per-record sequence number handed out, kept apart from the
 *   outbox so pruning delivered rows never reuses a number.
 * - sync_outbox: one row per record change, written in the change's transaction, its content
 *   sealed (crypto_box_seal) at write time. pending -> delivered | quarantined.
 * - sync_inbox: online submissions as they arrived, sealed to the device key, with the clear
 *   wrapper (channel, receivedAt: the 2-hour clock) so a locked kiosk can count them.
 * - sync_state: the inbox cursor, the audit head the central side holds, the backoff, the last
 *   success and the last error: what lets a restarted kiosk carry on where it stopped.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_enrolment (
        singleton           INTEGER PRIMARY KEY CHECK (singleton = 1),
        central_url         TEXT NOT NULL,
        device_token        TEXT NOT NULL,
        central_public_key  TEXT NOT NULL,
        tls_pins            TEXT NOT NULL DEFAULT '[]',
        device_name         TEXT NOT NULL,
        enrolled_at         INTEGER NOT NULL,
        central_enrolled_at TEXT NOT NULL,
        enrolled_by         TEXT REFERENCES staff (id)
      ) STRICT;

      CREATE TABLE sync_key_pairs (
        role               TEXT PRIMARY KEY CHECK (role IN ('device', 'holding')),
        public_key         BLOB NOT NULL CHECK (length(public_key) = 32),
        wrapped_secret_key TEXT NOT NULL,
        created_at         INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sync_record_seq (
        record_id TEXT PRIMARY KEY,
        last_seq  INTEGER NOT NULL CHECK (last_seq >= 1)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_outbox (
        n               INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        record_id       TEXT NOT NULL REFERENCES guest_records (id),
        seq             INTEGER NOT NULL CHECK (seq >= 1),
        kind            TEXT NOT NULL CHECK (kind IN ('record.revision', 'record.erasure')),
        revision        INTEGER NOT NULL CHECK (revision >= 1),
        created_at      INTEGER NOT NULL,
        sealed_to       TEXT NOT NULL CHECK (sealed_to IN ('central', 'holding')),
        sealed          BLOB,
        state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'quarantined')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        gaps            INTEGER NOT NULL DEFAULT 0,
        delivered_at    INTEGER,
        problem         TEXT,
        problem_message TEXT,
        quarantined_at  INTEGER,
        UNIQUE (record_id, seq),
        CHECK (sealed IS NOT NULL OR state = 'delivered'),
        CHECK ((state = 'quarantined') = (problem IS NOT NULL))
      ) STRICT;
      CREATE INDEX sync_outbox_state ON sync_outbox (state, n);

      CREATE TABLE sync_inbox (
        n              INTEGER PRIMARY KEY AUTOINCREMENT,
        id             TEXT NOT NULL UNIQUE,
        channel        TEXT NOT NULL CHECK (channel IN ('website', 'wechat', 'app')),
        received_at    INTEGER NOT NULL,
        received_text  TEXT NOT NULL,
        pulled_at      INTEGER NOT NULL,
        sealed         BLOB,
        state          TEXT NOT NULL DEFAULT 'sealed'
                       CHECK (state IN ('sealed', 'opened', 'handed_off', 'quarantined')),
        problem        TEXT CHECK (problem IN ('unsealable', 'invalid_content', 'sealed_mismatch')),
        problem_detail TEXT,
        quarantined_at INTEGER,
        reported_at    INTEGER,
        handed_off_at  INTEGER,
        CHECK (sealed IS NOT NULL OR state = 'handed_off'),
        CHECK ((state = 'quarantined') = (problem IS NOT NULL))
      ) STRICT;
      CREATE INDEX sync_inbox_state ON sync_inbox (state, n);

      CREATE TABLE sync_state (
        singleton         INTEGER PRIMARY KEY CHECK (singleton = 1),
        held_audit_seq    INTEGER,
        held_audit_hash   TEXT,
        inbox_cursor      TEXT,
        inbox_acked       TEXT,
        failures          INTEGER NOT NULL DEFAULT 0,
        not_before        INTEGER,
        stopped           INTEGER NOT NULL DEFAULT 0 CHECK (stopped IN (0, 1)),
        last_attempt_at   INTEGER,
        last_success_at   INTEGER,
        last_error        TEXT,
        last_error_detail TEXT,
        last_error_at     INTEGER,
        clock_skew_ms     INTEGER
      ) STRICT;
      INSERT INTO sync_state (singleton) VALUES (1);
    `);
  },
};
