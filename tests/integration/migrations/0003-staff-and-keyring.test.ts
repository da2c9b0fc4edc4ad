import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log.js';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { buildDatabaseAt } from '../../support/migration-helpers.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

describe('migration 0003 staff-and-keyring', () => {
  it('upgrades a version-2 database and keeps its audit chain valid', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 2);
    const audit = new AuditLog(db, 'dev-1', () => 1);
    audit.append({ actorId: null, action: 'app.start' });

    migrate(db, MIGRATIONS, () => 9, 3);

    expect(schemaVersion(db)).toBe(3);
    expect(audit.verify()).toMatchObject({ ok: true, entries: 1 });
    const insert = db.prepare(
      `INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES (?, ?, ?, ?, 'k', 1)`,
    );
    insert.run('s1', 'Li Na', 'li na', 'specialist');
    // names are unique regardless of case (the key is computed by the service)
    expect(() => insert.run('s2', 'LI NA', 'li na', 'lead')).toThrow(/UNIQUE/);
    expect(() => insert.run('s3', 'X', 'x', 'janitor')).toThrow(/CHECK/);
    db.prepare("INSERT INTO keyring (singleton, recovery_wrapped_dk, created_at) VALUES (1, 'r', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO keyring (singleton, recovery_wrapped_dk, created_at) VALUES (2, 'r', 1)").run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
