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

describe('migration 0001 device-metadata', () => {
  it('upgrades an empty database (version 0) to version 1', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 0);
    expect(schemaVersion(db)).toBe(0);

    migrate(db, MIGRATIONS, () => 42, 1);

    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['device', 'migration_log']));
    expect(db.prepare('SELECT version, name, applied_at FROM migration_log').all()).toEqual([
      { version: 1, name: 'device-metadata', applied_at: 42 },
    ]);
    // one device row at most: the identity cannot fork
    db.prepare('INSERT INTO device (singleton, device_id, created_at) VALUES (1, ?, 1)').run('a');
    expect(() =>
      db.prepare('INSERT INTO device (singleton, device_id, created_at) VALUES (2, ?, 1)').run('b'),
    ).toThrow();
    db.close();
  });

  it('rolls back entirely when a migration fails half-way', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 0);
    const broken = [
      {
        version: 1,
        name: 'broken',
        up: (d: typeof db) => {
          d.exec(
            'CREATE TABLE device (x INTEGER) STRICT; CREATE TABLE migration_log (version INTEGER, name TEXT, applied_at INTEGER)',
          );
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrate(db, broken, () => 1)).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});
