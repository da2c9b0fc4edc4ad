import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageProblemCode } from '../../../shared/ipc/schemas.js';
import type { Logger } from '../logger.js';
import { makePrivateFile, makePrivateDir } from '../private-files.js';
import { DatabaseNewerError, migrate, schemaVersion } from './migrate.js';
import type { Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';

export const DATABASE_FILE = 'snowdesk.db';
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenedStore {
  ok: true;
  db: Database.Database;
  deviceId: string;
  schemaVersion: number;
}

export interface StoreProblem {
  ok: false;
  problem: { code: StorageProblemCode; message: string; dataDir: string };
}

function problem(code: StorageProblemCode, message: string, dataDir: string): StoreProblem {
  return { ok: false, problem: { code, message, dataDir } };
}

/** Reads the first bytes ourselves so a file that is not SQLite is never opened for writing. */
function headerIsSqliteOrEmpty(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return true;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/**
 * Opens (or creates) the kiosk's database in `dataDir`, tuned and migrated. Never throws for
 * problems a person can fix (a folder that is not writable, a file that is not a database, a
 * database from a newer build): they come back as a problem the UI and the console explain,
 * and nothing on disk is touched.
 */
export function openDatabase(
  dataDir: string,
  options: {
    now: () => number;
    log: Logger;
    migrations?: readonly Migration[];
    /** another database in the same folder (the practice store); snowdesk.db by default */
    file?: string;
  },
): OpenedStore | StoreProblem {
  try {
    makePrivateDir(dataDir);
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch {
    return problem('data_dir_unwritable', `The data folder cannot be written: ${dataDir}`, dataDir);
  }
  const path = join(dataDir, options.file ?? DATABASE_FILE);
  let exists: boolean;
  try {
    exists = statSync(path).isFile();
  } catch {
    exists = false;
  }
  try {
    if (exists && !headerIsSqliteOrEmpty(path)) {
      return problem(
        'database_invalid',
        `${path} is not a Snowdesk database; it was left untouched`,
        dataDir,
      );
    }
  } catch {
    return problem('data_dir_unwritable', `The database file cannot be read: ${path}`, dataDir);
  }

  let db: Database.Database | undefined;
  try {
    makePrivateFile(path);
    db = new Database(path);
    // before anything writes (WAL mode rewrites the header): a newer schema is left as it is
    const found = schemaVersion(db);
    const migrations = options.migrations ?? MIGRATIONS;
    if (found > migrations.length) throw new DatabaseNewerError(found, migrations.length);
    db.pragma('journal_mode = WAL');
    // guest data: a power cut must not lose a save the desk was told is done
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // an erasure must not leave the guest in free pages (issue 12); see erasure-scrub.ts for the WAL
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    const version = migrate(db, migrations, options.now);
    db.prepare('INSERT OR IGNORE INTO device (singleton, device_id, created_at) VALUES (1, ?, ?)').run(
      randomUUID(),
      options.now(),
    );
    const row = db.prepare('SELECT device_id FROM device WHERE singleton = 1').get() as {
      device_id: string;
    };
    return { ok: true, db, deviceId: row.device_id, schemaVersion: version };
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseNewerError) {
      return problem('database_newer', error.message, dataDir);
    }
    const code = sqliteCode(error);
    options.log.error('storage.open_failed', { code: code ?? 'unknown' });
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return problem(
        'database_invalid',
        `${path} is damaged or not a database; it was left untouched`,
        dataDir,
      );
    }
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
      return problem('data_dir_unwritable', `The database cannot be opened for writing: ${path}`, dataDir);
    }
    return problem('database_error', `The database could not be opened: ${path}`, dataDir);
  }
}
