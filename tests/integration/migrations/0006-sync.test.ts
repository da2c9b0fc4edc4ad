import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { buildDatabaseAt } from '../../support/migration-helpers.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

const R1 = '9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d';

function atVersion5(): Database.Database {
  const dir = tempDir();
  dirs.push(dir);
  const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 5);
  db.prepare(
    "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('s1', 'Li', 'li', 'specialist', 'k', 1)",
  ).run();
  db.prepare('INSERT INTO guest_records (id, created_at, created_by) VALUES (?, 10, ?)').run(R1, 's1');
  db.prepare(
    'INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES (?, 1, ?, 10, ?)',
  ).run(R1, Buffer.from([1, 2, 3]), 's1');
  return db;
}

function outboxRow(db: Database.Database, values: Record<string, unknown>): void {
  db.prepare(
    `INSERT INTO sync_outbox (id, record_id, seq, kind, revision, created_at, sealed_to, sealed, state, problem)
     VALUES (@id, @record_id, @seq, @kind, 1, 5, 'central', @sealed, @state, @problem)`,
  ).run({
    id: randomUUID(),
    record_id: R1,
    seq: 1,
    kind: 'record.revision',
    sealed: Buffer.from([9]),
    state: 'pending',
    problem: null,
    ...values,
  });
}

describe('migration 0006 sync', () => {
  it('upgrades a version-5 database: its records untouched, sync empty and not enrolled', () => {
    const db = atVersion5();
    const tablesBefore = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();

    migrate(db, MIGRATIONS, () => 99, 6);

    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT id FROM guest_records').pluck().all()).toEqual([R1]);
    expect(db.prepare('SELECT sealed FROM record_revisions').pluck().get()).toEqual(Buffer.from([1, 2, 3]));
    const added = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
      .filter((name) => !tablesBefore.includes(name) && name !== 'sqlite_sequence');
    expect(added).toEqual([
      'sync_enrolment',
      'sync_inbox',
      'sync_key_pairs',
      'sync_outbox',
      'sync_record_seq',
      'sync_state',
    ]);
    expect(db.prepare('SELECT count(*) FROM sync_enrolment').pluck().get()).toBe(0);
    expect(db.prepare('SELECT * FROM sync_state').get()).toMatchObject({
      singleton: 1,
      held_audit_seq: null,
      inbox_cursor: null,
      failures: 0,
      stopped: 0,
      last_success_at: null,
      last_error: null,
    });
    db.close();
  });

  it('holds the outbox to its rules: a real record, one item per position, stuck items with a reason', () => {
    const db = atVersion5();
    migrate(db, MIGRATIONS, () => 99, 6);

    outboxRow(db, { seq: 1 });
    expect(() => outboxRow(db, { seq: 1 })).toThrow(/UNIQUE/);
    expect(() => outboxRow(db, { seq: 2, record_id: 'no-such-record' })).toThrow(/FOREIGN KEY/);
    expect(() => outboxRow(db, { seq: 0 })).toThrow(/CHECK/);
    expect(() => outboxRow(db, { seq: 3, kind: 'record.deleted' })).toThrow(/CHECK/);
    // only a delivered item may lose its sealed copy; quarantined <=> a problem is named
    expect(() => outboxRow(db, { seq: 4, sealed: null })).toThrow(/CHECK/);
    outboxRow(db, { seq: 5, sealed: null, state: 'delivered' });
    expect(() => outboxRow(db, { seq: 6, state: 'quarantined' })).toThrow(/CHECK/);
    expect(() => outboxRow(db, { seq: 7, problem: 'unsealable' })).toThrow(/CHECK/);
    outboxRow(db, { seq: 8, state: 'quarantined', problem: 'unsealable' });

    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_key_pairs (role, public_key, wrapped_secret_key, created_at) VALUES ('device', ?, 'w', 1)",
        )
        .run(Buffer.alloc(31)),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_key_pairs (role, public_key, wrapped_secret_key, created_at) VALUES ('central', ?, 'w', 1)",
        )
        .run(Buffer.alloc(32)),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO sync_state (singleton) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sync_inbox (id, channel, received_at, received_text, pulled_at, sealed) VALUES ('i1', 'fax', 1, 'x', 1, x'00')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
