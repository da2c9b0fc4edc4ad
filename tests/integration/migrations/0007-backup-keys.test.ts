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

describe('migration 0007 backup-keys', () => {
  it('upgrades a version-6 store with its keyring and staff intact, and no backup key yet', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 6);
    db.prepare(
      "INSERT INTO keyring (singleton, recovery_wrapped_dk, created_at) VALUES (1, 'sdwk1.key.a.b', 1)",
    ).run();
    db.prepare(
      "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('m1', 'Zhao', 'zhao', 'maintainer', 'k', 1)",
    ).run();

    migrate(db, MIGRATIONS, () => 9, 7);

    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT name FROM staff').pluck().all()).toEqual(['Zhao']);
    expect(db.prepare('SELECT recovery_wrapped_dk FROM keyring').pluck().get()).toBe('sdwk1.key.a.b');
    // an older store gets its pair at the next unlock (backup-keys.ts), not from the migration
    expect(db.prepare('SELECT count(*) FROM backup_keys').pluck().get()).toBe(0);
    db.close();
  });

  it('holds one key pair with a 32-byte public key, and a history whose rows say ok or why not', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 7);
    const key = db.prepare(
      'INSERT INTO backup_keys (singleton, public_key, dk_wrapped_sk, recovery_wrapped_sk, created_at) VALUES (?, ?, ?, ?, 1)',
    );
    expect(() => key.run(1, Buffer.alloc(31), 'k', null)).toThrow(/CHECK/);
    key.run(1, Buffer.alloc(32), 'k', null);
    expect(() => key.run(2, Buffer.alloc(32), 'k', null)).toThrow(/CHECK/);
    expect(() => key.run(1, Buffer.alloc(32), 'k', null)).toThrow(/UNIQUE|PRIMARY/);

    const history = db.prepare(
      `INSERT INTO backup_history (started_at, finished_at, folder, file_name, size_bytes, outcome, error_code)
       VALUES (1, 2, '/media/usb', ?, ?, ?, ?)`,
    );
    history.run('a.sdbak', 10, 'ok', null);
    history.run(null, null, 'failed', 'folder_missing');
    expect(() => history.run('a.sdbak', 10, 'ok', 'folder_full')).toThrow(/CHECK/);
    expect(() => history.run(null, null, 'failed', null)).toThrow(/CHECK/);
    expect(() => history.run(null, null, 'ok', null)).toThrow(/CHECK/);
    expect(() => history.run('a.sdbak', -1, 'ok', null)).toThrow(/CHECK/);
    expect(() => history.run('a.sdbak', 10, 'maybe', null)).toThrow(/CHECK/);
    db.close();
  });
});
