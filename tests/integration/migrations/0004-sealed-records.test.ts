import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { buildDatabaseAt } from '../../support/migration-helpers.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('migration 0004 sealed-records', () => {
  it('upgrades a version-3 database with its staff intact and ties records to staff', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 3);
    db.prepare(
      "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('s1', 'Li', 'li', 'specialist', 'k', 1)",
    ).run();

    migrate(db, MIGRATIONS, () => 9, 4);

    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT name FROM staff').pluck().all()).toEqual(['Li']);
    db.prepare("INSERT INTO guest_records (id, created_at, created_by) VALUES ('r1', 1, 's1')").run();
    expect(() =>
      db.prepare("INSERT INTO guest_records (id, created_at, created_by) VALUES ('r2', 1, 'nobody')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES ('r1', 0, x'00', 1, 's1')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
