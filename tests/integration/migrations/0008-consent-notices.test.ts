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

describe('migration 0008 consent-notices', () => {
  it('upgrades a version-7 database: the notice the desk used so far is version 2026-10, and notices never change', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = buildDatabaseAt(join(dir.path, 'snowdesk.db'), 7);
    db.prepare(
      "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('m1', 'Sun', 'sun', 'manager', 'k', 1)",
    ).run();

    migrate(db, MIGRATIONS, () => 9, 8);

    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT count(*) FROM staff').pluck().get()).toBe(1);
    const notice = db.prepare('SELECT version, text_zh, text_en FROM consent_notices').get() as Record<
      string,
      string
    >;
    expect(notice.version).toBe('2026-10');
    expect(notice.text_zh).toMatch(/敏感个人信息/);
    expect(notice.text_en).toMatch(/sensitive personal information/);
    expect(() => db.prepare("UPDATE consent_notices SET text_zh = 'x'").run()).toThrow(/never changed/);
    db.close();
  });
});
