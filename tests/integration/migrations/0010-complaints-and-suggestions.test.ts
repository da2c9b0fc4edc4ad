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

/** A version-9 database with staff and one guest record, as the previous build left it. */
function atVersion9(): Database.Database {
  const dir = tempDir();
  dirs.push(dir);
  const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 9);
  const staff = db.prepare(
    'INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES (?, ?, ?, ?, ?, 1)',
  );
  staff.run('s1', 'Li', 'li', 'specialist', 'k');
  staff.run('m1', 'Sun', 'sun', 'manager', 'k');
  db.prepare("INSERT INTO guest_records (id, created_at, created_by) VALUES ('r1', 10, 's1')").run();
  return db;
}

const insertComplaint = `INSERT INTO complaints (id, number, kind, received_via, record_id, status, text_sealed,
  registered_by, registered_at, assigned_to, assigned_by, assigned_at, resolved_by, resolved_at, outcome,
  answered_via, answer_sealed, updated_at)
  VALUES (@id, @number, @kind, 'hotline', @recordId, @status, x'01', 's1', 100, @assignedTo, @assignedBy,
          @assignedAt, @resolvedBy, @resolvedAt, @outcome, @answeredVia, @answer, 100)`;

const open = {
  recordId: 'r1',
  kind: 'suspected_leak',
  status: 'open',
  assignedTo: null,
  assignedBy: null,
  assignedAt: null,
  resolvedBy: null,
  resolvedAt: null,
  outcome: null,
  answeredVia: null,
  answer: null,
};

describe('migration 0010 complaints-and-suggestions', () => {
  it('upgrades a version-9 database: complaints link to records, walk open → assigned → resolved, suggestions keep their reader', () => {
    const db = atVersion9();
    migrate(db, MIGRATIONS, () => 99, 10);

    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT count(*) FROM staff').pluck().get()).toBe(2);

    db.prepare(insertComplaint).run({ ...open, id: 'c1', number: 1 });
    db.prepare(
      "INSERT INTO complaint_events (complaint_id, seq, kind, staff_id, at) VALUES ('c1', 1, 'registered', 's1', 100)",
    ).run();
    db.prepare(
      "UPDATE complaints SET status = 'assigned', assigned_to = 'm1', assigned_by = 'm1', assigned_at = 110 WHERE id = 'c1'",
    ).run();
    db.prepare(
      `UPDATE complaints SET status = 'resolved', resolved_by = 'm1', resolved_at = 120, outcome = 'upheld',
         answered_via = 'phone', answer_sealed = x'02' WHERE id = 'c1'`,
    ).run();
    expect(db.prepare("SELECT status FROM complaints WHERE id = 'c1'").pluck().get()).toBe('resolved');

    db.prepare(
      "INSERT INTO suggestions (id, topic, text_sealed, sent_by, sent_at) VALUES ('g1', 'entry_process', x'03', 's1', 100)",
    ).run();
    db.prepare("UPDATE suggestions SET read_by = 'm1', read_at = 130 WHERE id = 'g1'").run();
    expect(db.prepare("SELECT read_by FROM suggestions WHERE id = 'g1'").pluck().get()).toBe('m1');
    db.close();
  });

  it('refuses what the register must never hold: an unknown record, a resolution without an answer, a second number', () => {
    const db = atVersion9();
    migrate(db, MIGRATIONS, () => 99, 10);
    db.prepare(insertComplaint).run({ ...open, id: 'c1', number: 1 });

    expect(() => db.prepare(insertComplaint).run({ ...open, id: 'c2', number: 2, recordId: 'nope' })).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => db.prepare(insertComplaint).run({ ...open, id: 'c3', number: 1 })).toThrow(/UNIQUE/);
    expect(() => db.prepare(insertComplaint).run({ ...open, id: 'c4', number: 4, kind: 'rude' })).toThrow(
      /CHECK/,
    );
    // resolved without being assigned, or without the answer given to the guest
    expect(() =>
      db
        .prepare(
          "UPDATE complaints SET status = 'resolved', resolved_by = 'm1', resolved_at = 5 WHERE id = 'c1'",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      "UPDATE complaints SET status = 'assigned', assigned_to = 'm1', assigned_by = 'm1', assigned_at = 110 WHERE id = 'c1'",
    ).run();
    expect(() =>
      db
        .prepare(
          "UPDATE complaints SET status = 'resolved', resolved_by = 'm1', resolved_at = 5, outcome = 'upheld', answered_via = 'phone' WHERE id = 'c1'",
        )
        .run(),
    ).toThrow(/CHECK/);
    // a note event always carries its sealed note; an unknown topic is refused
    expect(() =>
      db
        .prepare(
          "INSERT INTO complaint_events (complaint_id, seq, kind, staff_id, at) VALUES ('c1', 1, 'note', 'm1', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO suggestions (id, topic, text_sealed, sent_by, sent_at) VALUES ('g', 'pay', x'03', 's1', 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
