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

function atVersion4(): Database.Database {
  const dir = tempDir();
  dirs.push(dir);
  const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 4);
  const staff = db.prepare(
    "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES (?, ?, ?, 'specialist', 'k', 1)",
  );
  staff.run('s1', 'Li', 'li');
  staff.run('s2', 'Wang', 'wang');
  const record = db.prepare(
    'INSERT INTO guest_records (id, created_at, created_by, erased_at, erased_by) VALUES (?, ?, ?, ?, ?)',
  );
  const revision = db.prepare(
    'INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  );
  // r1: one revision; r2: two revisions written by different people; r3: erased
  record.run('r1', 10, 's1', null, null);
  revision.run('r1', 1, Buffer.from([1, 2, 3]), 10, 's1');
  record.run('r2', 20, 's1', null, null);
  revision.run('r2', 1, Buffer.from([4]), 20, 's1');
  revision.run('r2', 2, Buffer.from([5]), 30, 's2');
  record.run('r3', 40, 's1', 50, 's2');
  revision.run('r3', 1, null, 40, 's1');
  db.prepare(
    "INSERT INTO blind_index (kind, digest, record_id, revision) VALUES ('phone', x'0102', 'r1', 1)",
  ).run();
  return db;
}

describe('migration 0005 record-workflow', () => {
  it('keeps version-4 records and brings them into the workflow as unreviewed drafts', () => {
    const db = atVersion4();
    migrate(db, MIGRATIONS, () => 99, 5);

    expect(schemaVersion(db)).toBe(5);
    // data of version 4 untouched
    expect(db.prepare('SELECT id FROM guest_records ORDER BY id').pluck().all()).toEqual(['r1', 'r2', 'r3']);
    expect(db.prepare("SELECT sealed FROM record_revisions WHERE record_id = 'r1'").pluck().get()).toEqual(
      Buffer.from([1, 2, 3]),
    );
    expect(db.prepare('SELECT count(*) FROM blind_index').pluck().get()).toBe(1);

    expect(
      db.prepare('SELECT record_id, revision, state, entrant_id FROM revision_workflow ORDER BY 1, 2').all(),
    ).toEqual([
      { record_id: 'r1', revision: 1, state: 'draft', entrant_id: 's1' },
      { record_id: 'r2', revision: 1, state: 'cancelled', entrant_id: 's1' },
      { record_id: 'r2', revision: 2, state: 'draft', entrant_id: 's2' },
      { record_id: 'r3', revision: 1, state: 'erased', entrant_id: 's1' },
    ]);
    expect(
      db
        .prepare(
          'SELECT record_id, channel, working_revision, in_force_revision FROM record_workflow ORDER BY 1',
        )
        .all(),
    ).toEqual([
      { record_id: 'r1', channel: null, working_revision: 1, in_force_revision: null },
      { record_id: 'r2', channel: null, working_revision: 2, in_force_revision: null },
      { record_id: 'r3', channel: null, working_revision: 1, in_force_revision: null },
    ]);
    // nothing is valid that nobody reviewed
    expect(db.prepare("SELECT count(*) FROM revision_workflow WHERE state = 'valid'").pluck().get()).toBe(0);
    db.close();
  });

  it('enforces the workflow constraints', () => {
    const db = atVersion4();
    migrate(db, MIGRATIONS, () => 99, 5);

    const setState = (state: string, extra = '') =>
      db
        .prepare(`UPDATE revision_workflow SET state = ? ${extra} WHERE record_id = 'r1' AND revision = 1`)
        .run(state);
    expect(() => setState('approved')).toThrow(/CHECK/);
    // a record in review must have been submitted; a valid one must say when it became valid
    expect(() => setState('awaiting_cross_review')).toThrow(/CHECK/);
    expect(() => setState('valid', ', submitted_at = 5')).toThrow(/CHECK/);
    setState('valid', ', submitted_at = 5, valid_at = 6');
    // four eyes, also in the schema
    expect(() =>
      db.prepare("UPDATE revision_workflow SET cross_reviewer_id = 's1' WHERE record_id = 'r1'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE revision_workflow SET assigned_reviewer_id = 's1' WHERE record_id = 'r1'").run(),
    ).toThrow(/CHECK/);
    db.prepare("UPDATE revision_workflow SET cross_reviewer_id = 's2' WHERE record_id = 'r1'").run();
    expect(() =>
      db.prepare("UPDATE revision_workflow SET final_reviewer_id = 'nobody' WHERE record_id = 'r1'").run(),
    ).toThrow(/FOREIGN KEY/);

    // only online channels have an arrival time; a claim needs an arrival
    expect(() =>
      db
        .prepare(
          "UPDATE record_workflow SET channel = 'on_site_paper_form', received_at = 1 WHERE record_id = 'r1'",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      "UPDATE record_workflow SET channel = 'online_wechat', received_at = 1 WHERE record_id = 'r1'",
    ).run();
    expect(() =>
      db.prepare("UPDATE record_workflow SET claimed_by = 's2' WHERE record_id = 'r1'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE record_workflow SET channel = 'fax' WHERE record_id = 'r1'").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db.prepare("UPDATE record_workflow SET in_force_revision = 2 WHERE record_id = 'r1'").run(),
    ).toThrow(/CHECK/);

    // review rounds: a return names at least one field; rounds belong to an existing revision
    const round = db.prepare(
      `INSERT INTO review_rounds (record_id, round, revision, stage, reviewer_id, outcome, fields, submitted_at, decided_at)
       VALUES (?, ?, ?, 'cross', 's2', ?, ?, 1, 2)`,
    );
    expect(() => round.run('r1', 1, 1, 'returned', '[]')).toThrow(/CHECK/);
    expect(() => round.run('r1', 1, 1, 'returned', 'not json')).toThrow(/CHECK/);
    expect(() => round.run('r1', 1, 7, 'approved', '[]')).toThrow(/FOREIGN KEY/);
    round.run('r1', 1, 1, 'returned', '["contact.phone"]');
    expect(() => round.run('r1', 1, 1, 'approved', '[]')).toThrow(/UNIQUE|PRIMARY/);

    // erasure: one pending request per record; the requester cannot approve
    const request = db.prepare(
      "INSERT INTO erasure_requests (id, record_id, requested_by, requested_at) VALUES (?, 'r1', 's1', 1)",
    );
    request.run('e1');
    expect(() => request.run('e2')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "UPDATE erasure_requests SET status = 'approved', decided_by = 's1', decided_at = 2 WHERE id = 'e1'",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE erasure_requests SET status = 'approved' WHERE id = 'e1'").run()).toThrow(
      /CHECK/,
    );
    db.prepare(
      "UPDATE erasure_requests SET status = 'rejected', decided_by = 's2', decided_at = 2 WHERE id = 'e1'",
    ).run();
    request.run('e3');

    const attempt = db.prepare(
      "INSERT INTO contact_attempts (record_id, staff_id, attempted_at, method, outcome) VALUES ('r1', 's1', 1, ?, ?)",
    );
    attempt.run('phone', 'no_answer');
    expect(() => attempt.run('pigeon', 'no_answer')).toThrow(/CHECK/);
    db.close();
  });

  it('has no column that could hold guest values in clear', () => {
    const db = atVersion4();
    migrate(db, MIGRATIONS, () => 99, 5);
    const textColumns = [
      'record_workflow',
      'revision_workflow',
      'review_rounds',
      'contact_attempts',
      'erasure_requests',
    ]
      .flatMap((table) =>
        (db.pragma(`table_info(${table})`) as { name: string; type: string }[])
          .filter((c) => c.type === 'TEXT')
          .map((c) => `${table}.${c.name}`),
      )
      .sort();
    // ids, enums and field paths only; free text goes to *_sealed BLOBs
    expect(textColumns).toEqual(
      [
        'contact_attempts.method',
        'contact_attempts.outcome',
        'contact_attempts.record_id',
        'contact_attempts.staff_id',
        'erasure_requests.decided_by',
        'erasure_requests.id',
        'erasure_requests.record_id',
        'erasure_requests.requested_by',
        'erasure_requests.status',
        'record_workflow.channel',
        'record_workflow.claimed_by',
        'record_workflow.record_id',
        'review_rounds.fields',
        'review_rounds.outcome',
        'review_rounds.record_id',
        'review_rounds.reviewer_id',
        'review_rounds.stage',
        'revision_workflow.assigned_by',
        'revision_workflow.assigned_reviewer_id',
        'revision_workflow.cross_reviewer_id',
        'revision_workflow.entrant_id',
        'revision_workflow.final_reviewer_id',
        'revision_workflow.record_id',
        'revision_workflow.state',
      ].sort(),
    );
    db.close();
  });
});
