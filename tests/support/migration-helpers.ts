import Database from 'better-sqlite3';
import { migrate } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';

/**
 * A database file built by the real migrations up to `version` and no further: what an older
 * Snowdesk left on disk. Each migration's test fills it the way that version would, then
 * upgrades it.
 */
export function buildDatabaseAt(
  path: string,
  version: number,
  now = () => 1_700_000_000_000,
): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, now, version);
  return db;
}
