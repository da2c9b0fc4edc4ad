import type { Migration } from '../migration.js';

/** The device's identity: the first thing every later table (outbox, audit) refers to. */
export const migration0001: Migration = {
  version: 1,
  name: 'device-metadata',
  up(db) {
    db.exec(`
      CREATE TABLE device (
        singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
        device_id  TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE migration_log (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
