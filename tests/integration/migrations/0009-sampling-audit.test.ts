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

/** A version-8 database with one valid record entered by s1 and reviewed by s2. */
function atVersion8(): Database.Database {
  const dir = tempDir();
  dirs.push(dir);
  const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 8);
  const staff = db.prepare(
    'INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES (?, ?, ?, ?, ?, 1)',
  );
  staff.run('s1', 'Li', 'li', 'specialist', 'k');
  staff.run('s2', 'Wang', 'wang', 'lead', 'k');
  staff.run('v1', 'Zhao', 'zhao', 'supervisor', 'k');
  db.prepare("INSERT INTO guest_records (id, created_at, created_by) VALUES ('r1', 10, 's1')").run();
  db.prepare(
    "INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES ('r1', 1, x'01', 10, 's1')",
  ).run();
  db.prepare(
    `INSERT INTO revision_workflow (record_id, revision, state, entrant_id, entry_started_at, submitted_at,
       final_reviewer_id, final_reviewed_at, valid_at, updated_at)
     VALUES ('r1', 1, 'valid', 's1', 10, 20, 's2', 30, 30, 30)`,
  ).run();
  db.prepare(
    "INSERT INTO record_workflow (record_id, channel, working_revision, in_force_revision, updated_at) VALUES ('r1', 'on_site_face_to_face', 1, 1, 30)",
  ).run();
  return db;
}

const insertSample = `INSERT INTO audit_samples (id, drawn_by, drawn_at, period_from, period_to, share_percent,
  requested_count, seed, population_count, population_digest, status, completed_at)
  VALUES (@id, 'v1', 100, 0, 50, @share, @count, 'seed', 1, 'digest', @status, @completedAt)`;

describe('migration 0009 sampling-audit', () => {
  it('upgrades a version-8 database and keeps a sample, its items and the checks of its fields', () => {
    const db = atVersion8();
    migrate(db, MIGRATIONS, () => 99, 9);

    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare("SELECT state FROM revision_workflow WHERE record_id = 'r1'").pluck().get()).toBe(
      'valid',
    );
    // a period's population is found by valid_at, not by scanning every valid revision
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT record_id FROM revision_workflow INDEXED BY revision_workflow_valid_at
          WHERE state = 'valid' AND valid_at BETWEEN 0 AND 50`,
      )
      .all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(
      /INDEX revision_workflow_valid_at \(valid_at>\? AND valid_at<\?\)/,
    );

    db.prepare(insertSample).run({ id: 'a1', share: 10, count: null, status: 'open', completedAt: null });
    db.prepare(
      "INSERT INTO audit_sample_items (sample_id, position, record_id, revision, entrant_id) VALUES ('a1', 1, 'r1', 1, 's1')",
    ).run();
    db.prepare(
      `INSERT INTO audit_sample_checks (sample_id, record_id, revision, field, verdict, note_sealed, checked_by, checked_at)
       VALUES ('a1', 'r1', 1, 'guest.phone', 'wrong', x'0203', 'v1', 110)`,
    ).run();

    // what the quality report reads: findings per entrant
    expect(
      db
        .prepare(
          `SELECT w.entrant_id AS entrant, c.field, c.verdict FROM audit_sample_checks c
             JOIN revision_workflow w ON w.record_id = c.record_id AND w.revision = c.revision`,
        )
        .all(),
    ).toEqual([{ entrant: 's1', field: 'guest.phone', verdict: 'wrong' }]);
    db.close();
  });

  it('enforces the sampling constraints', () => {
    const db = atVersion8();
    migrate(db, MIGRATIONS, () => 99, 9);
    const sample = db.prepare(insertSample);

    // exactly one of share and count; a share within (0, 100]
    expect(() =>
      sample.run({ id: 'x', share: null, count: null, status: 'open', completedAt: null }),
    ).toThrow(/CHECK/);
    expect(() => sample.run({ id: 'x', share: 10, count: 3, status: 'open', completedAt: null })).toThrow(
      /CHECK/,
    );
    expect(() => sample.run({ id: 'x', share: 0, count: null, status: 'open', completedAt: null })).toThrow(
      /CHECK/,
    );
    expect(() => sample.run({ id: 'x', share: 101, count: null, status: 'open', completedAt: null })).toThrow(
      /CHECK/,
    );
    // completed iff it has a completion instant
    expect(() =>
      sample.run({ id: 'x', share: null, count: 2, status: 'completed', completedAt: null }),
    ).toThrow(/CHECK/);
    sample.run({ id: 'a1', share: null, count: 2, status: 'open', completedAt: null });

    // an item must be a real revision; a record is drawn once per sample
    const item = db.prepare(
      'INSERT INTO audit_sample_items (sample_id, position, record_id, revision, entrant_id) VALUES (?, ?, ?, ?, ?)',
    );
    expect(() => item.run('a1', 1, 'r1', 7, 's1')).toThrow(/FOREIGN KEY/);
    item.run('a1', 1, 'r1', 1, 's1');
    expect(() => item.run('a1', 2, 'r1', 1, 's1')).toThrow(/UNIQUE/);

    // a check belongs to a drawn record and has one of three verdicts
    const check = db.prepare(
      `INSERT INTO audit_sample_checks (sample_id, record_id, revision, field, verdict, checked_by, checked_at)
       VALUES (?, ?, 1, 'guest.phone', ?, 'v1', 1)`,
    );
    expect(() => check.run('a1', 'r1', 'maybe')).toThrow(/CHECK/);
    expect(() => check.run('nope', 'r1', 'correct')).toThrow(/FOREIGN KEY/);
    check.run('a1', 'r1', 'missing');
    expect(() => check.run('a1', 'r1', 'correct')).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
