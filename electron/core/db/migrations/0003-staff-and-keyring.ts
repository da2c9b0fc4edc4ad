import type { Migration } from '../migration.js';

/**
 * Staff accounts, each holding the data key wrapped under its own password, and the keyring's
 * recovery copy. Names are staff names (not guest data) and stay in clear: the sign-in screen
 * needs them before anything is unlocked.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'staff-and-keyring',
  up(db) {
    db.exec(`
      CREATE TABLE keyring (
        singleton             INTEGER PRIMARY KEY CHECK (singleton = 1),
        recovery_wrapped_dk   TEXT NOT NULL,
        recovery_confirmed_at INTEGER,
        created_at            INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE staff (
        id                   TEXT PRIMARY KEY,
        name                 TEXT NOT NULL,
        name_key             TEXT NOT NULL UNIQUE,
        role                 TEXT NOT NULL
                             CHECK (role IN ('specialist', 'lead', 'manager', 'supervisor', 'maintainer')),
        wrapped_dk           TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        certified_at         INTEGER,
        certified_by         TEXT REFERENCES staff (id),
        disabled_at          INTEGER,
        failed_attempts      INTEGER NOT NULL DEFAULT 0,
        locked_until         INTEGER,
        created_at           INTEGER NOT NULL,
        created_by           TEXT REFERENCES staff (id)
      ) STRICT;
    `);
  },
};
