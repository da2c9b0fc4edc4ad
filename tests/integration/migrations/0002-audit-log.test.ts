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

describe('migration 0002 audit-log', () => {
  it('upgrades a version-1 database with its device row intact, and the log refuses edits', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 1);
    db.prepare('INSERT INTO device (singleton, device_id, created_at) VALUES (1, ?, 5)').run('dev-1');

    migrate(db, MIGRATIONS, () => 7, 2);

    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT device_id FROM device').pluck().get()).toBe('dev-1');
    db.prepare(
      "INSERT INTO audit_log (seq, at, actor_id, action, outcome, prev_hash, hash) VALUES (1, 1, NULL, 'x', 'ok', x'00', x'01')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO audit_log (seq, at, action, outcome, prev_hash, hash) VALUES (2, 1, 'x', 'maybe', x'00', x'01')",
        )
        .run(),
    ).toThrow();
    db.close();
  });
});
