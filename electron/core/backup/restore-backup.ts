import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AuditLog } from '../audit/audit-log.js';
import { decodeBase64Url } from '../crypto/bytes.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { openSealedBox } from '../crypto/sealed-box.js';
import { loadSodium, readySodium } from '../crypto/sodium.js';
import { DEVICE_BINDING_KEY } from '../db/device-binding.js';
import { DATABASE_FILE, openDatabase } from '../db/open-database.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { silentLogger, type Logger } from '../logger.js';
import { runDoctor } from '../maintenance/doctor.js';
import { SealedRecordStore } from '../records/sealed-record-store.js';
import { openSettingsFile } from '../settings-file.js';
import { BackupError } from './backup-error.js';
import { decryptStream, readPrefix, type BackupHeader } from './backup-format.js';
import { hasBackupTables, readBackupKeys } from './backup-keys.js';
import { backupStamp } from './retention.js';
import { unlock, type RestoreCredentials, type Unlocked } from './restore-unlock.js';

const SIDE_FILES = ['-wal', '-shm'] as const;
/** conf's file name for the data folder's settings (settings-file.ts) */
const SETTINGS_FILE = 'settings.json';

export type { RestoreCredentials } from './restore-unlock.js';

export interface RestoreOptions {
  /** the data folder to restore into: new (created) or existing (its database is kept aside) */
  dataDir: string;
  /** the backup file */
  file: string;
  credentials: RestoreCredentials;
  /** the backup is from another kiosk and that is intended (a replacement machine) */
  allowOtherKiosk?: boolean;
  now: () => number;
  log?: Logger;
}

export interface RestoreResult {
  deviceId: string;
  createdAt: number;
  schemaVersion: number;
  unlockedBy: 'recovery_key' | 'maintainer';
  fromOtherKiosk: boolean;
  /** what the backup held, as verified before anything was replaced */
  counts: { records: number; revisions: number; payloadsOpened: number; auditEntries: number; staff: number };
  /** where the previous database was moved (null for a new data folder) */
  movedAside: string | null;
  restoredTo: string;
}

/** The device id of the database in `path`, null when there is none, 'unreadable' otherwise. */
function databaseDeviceId(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const id = db.prepare('SELECT device_id FROM device WHERE singleton = 1').pluck().get();
      return typeof id === 'string' ? id : 'unreadable';
    } finally {
      db.close();
    }
  } catch {
    return 'unreadable';
  }
}

/**
 * Which kiosk the data folder belongs to: the device its settings are bound to (device-binding.ts),
 * else the device of its database; null for a new folder. Read without opening anything for
 * writing: a refused restore leaves the folder as it was.
 */
function currentKiosk(dataDir: string, live: string): string | null {
  try {
    const settings = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as Record<
      string,
      unknown
    >;
    const bound = settings[DEVICE_BINDING_KEY];
    if (typeof bound === 'string') return bound;
  } catch {
    // no settings yet, or unreadable: the database decides
  }
  return databaseDeviceId(live);
}

function count(db: Database.Database, sql: string): number {
  return db.prepare(sql).pluck().get() as number;
}

/**
 * The checks of `snowdesk doctor`, on the decrypted copy, with the backup's own DK: SQLite
 * integrity, references, the audit chain (from the backup's device id), the stored keys' form and
 * every sealed payload; plus that the database is the one the header describes.
 */
function verifyRestoredCopy(
  path: string,
  header: BackupHeader,
  keys: KeyHandle,
  now: () => number,
): RestoreResult['counts'] {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    throw new BackupError('verification_failed', 'The database inside the backup does not open');
  }
  try {
    const failed: string[] = [];
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
    } catch {
      throw new BackupError('verification_failed', 'The database inside the backup is not a database');
    }
    if (version > MIGRATIONS.length) {
      throw new BackupError(
        'backup_newer',
        `The backup is of schema ${String(version)}; this Snowdesk knows up to ${String(MIGRATIONS.length)}: update Snowdesk first`,
      );
    }
    const facts = (() => {
      try {
        return {
          deviceId: db.prepare('SELECT device_id FROM device WHERE singleton = 1').pluck().get(),
          recovery: db.prepare('SELECT recovery_wrapped_dk FROM keyring WHERE singleton = 1').pluck().get(),
          publicKey: readBackupKeys(db)?.public_key,
        };
      } catch {
        return null;
      }
    })();
    if (!facts)
      throw new BackupError('verification_failed', 'The database inside the backup is not a Snowdesk store');
    if (version !== header.schemaVersion) failed.push('schema version differs from the header');
    if (facts.deviceId !== header.deviceId) failed.push('device id differs from the header');
    if (facts.recovery !== header.keys.recoveryWrappedDk)
      failed.push('recovery copy of the data key differs from the header');
    if (!facts.publicKey || facts.publicKey.toString('base64url') !== header.publicKey) {
      failed.push('backup public key differs from the header');
    }
    const records = new SealedRecordStore(db, () => keys, now);
    const report = runDoctor(
      { state: 'ready', deviceId: header.deviceId, schemaVersion: version },
      db,
      header.deviceId,
      records,
    );
    for (const check of report.checks) if (!check.ok) failed.push(`${check.name}: ${check.detail}`);
    if (failed.length > 0) {
      throw new BackupError(
        'verification_failed',
        `The backup does not pass its checks: ${failed.join('; ')}`,
        failed,
      );
    }
    return {
      records: count(db, 'SELECT count(*) FROM guest_records'),
      revisions: count(db, 'SELECT count(*) FROM record_revisions'),
      payloadsOpened: count(db, 'SELECT count(*) FROM record_revisions WHERE sealed IS NOT NULL'),
      auditEntries: count(db, 'SELECT count(*) FROM audit_log'),
      staff: count(db, 'SELECT count(*) FROM staff'),
    };
  } finally {
    db.close();
  }
}

/** A backup read to its end, decrypted and verified into a temporary file in the data folder. */
export interface PreparedRestore {
  readonly header: BackupHeader;
  readonly counts: RestoreResult['counts'];
  readonly fromOtherKiosk: boolean;
  readonly unlockedBy: RestoreResult['unlockedBy'];
  /**
   * Moves the current database aside and the verified copy into place, opens it (migrating it)
   * and audits the restore. The caller must have closed every connection to the data folder's
   * database first. `actorId` overrides who the audit names (the signed-in maintainer at the
   * kiosk). Call once; the temporary file is gone afterwards either way.
   */
  commit(actorId?: string | null): RestoreResult;
  /** removes the temporary file when the restore is abandoned; harmless after commit */
  discard(): void;
}

function removeTemp(temp: string): void {
  for (const suffix of ['', '-journal', ...SIDE_FILES]) rmSync(temp + suffix, { force: true });
}

/**
 * The first half of a restore (docs/backup-format.md "Restoring", steps 1–5): reads the file to
 * its end, decrypts it into `snowdesk.db.restore-<uuid>.tmp` in the data folder and verifies it.
 * Nothing else in the data folder changes, and the live database is only read (its device id):
 * a running kiosk keeps working meanwhile. A truncated, tampered, foreign (without
 * `allowOtherKiosk`) or unverifiable backup is a BackupError, and the temporary file is removed.
 */
export async function prepareRestore(options: RestoreOptions): Promise<PreparedRestore> {
  await loadSodium();
  const dataDir = resolve(options.dataDir);
  const file = resolve(options.file);
  const live = join(dataDir, DATABASE_FILE);

  let source: FileHandle;
  try {
    source = await open(file, 'r');
  } catch {
    throw new BackupError('not_a_backup', `The backup file cannot be read: ${file}`);
  }
  let unlocked: Unlocked | null = null;
  let fileKey: Uint8Array | null = null;
  const temp = join(dataDir, `${DATABASE_FILE}.restore-${randomUUID()}.tmp`);
  let prepared = false;
  try {
    let size: number;
    try {
      const stat = await source.stat();
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      throw new BackupError('not_a_backup', `This is not a backup file: ${file}`);
    }
    const parsed = await readPrefix(source, size);
    const { header } = parsed;

    const current = currentKiosk(dataDir, live);
    const fromOtherKiosk = current !== null && current !== header.deviceId;
    if (fromOtherKiosk && !options.allowOtherKiosk) {
      throw new BackupError(
        'other_kiosk',
        current === 'unreadable'
          ? `The data folder holds a database that cannot be read as this kiosk's; to replace it with this backup, say so explicitly`
          : `This backup is from another kiosk (${header.deviceId}); this data folder belongs to ${current}. To replace it with the other kiosk's data, say so explicitly`,
      );
    }

    unlocked = await unlock(header, options.credentials);
    const sealedFileKey = decodeBase64Url(header.sealedFileKey);
    try {
      if (!sealedFileKey) throw new Error('bad');
      fileKey = openSealedBox(unlocked.pair, sealedFileKey);
    } catch {
      throw new BackupError('tampered', 'The backup file key does not open: the header was altered');
    }

    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    } catch {
      throw new BackupError('data_dir_unwritable', `The data folder cannot be created: ${dataDir}`);
    }
    let target: FileHandle;
    try {
      target = await open(temp, 'wx', 0o600);
    } catch {
      throw new BackupError('data_dir_unwritable', `The data folder cannot be written: ${dataDir}`);
    }
    try {
      await decryptStream(source, size, parsed, fileKey, target);
      await target.sync();
    } finally {
      await target.close();
    }

    const counts = verifyRestoredCopy(temp, header, unlocked.keys, options.now);
    const { actorId: backupActor, by } = unlocked;
    let done = false;
    prepared = true;
    return {
      header,
      counts,
      fromOtherKiosk,
      unlockedBy: by,
      discard: () => {
        removeTemp(temp);
      },
      commit: (actorId) => {
        if (done) throw new Error('a prepared restore commits once');
        done = true;
        try {
          return commitRestore({
            dataDir,
            live,
            temp,
            file,
            header,
            counts,
            fromOtherKiosk,
            by,
            actorId: actorId === undefined ? backupActor : actorId,
            now: options.now,
            log: options.log ?? silentLogger,
          });
        } finally {
          removeTemp(temp);
        }
      },
    };
  } finally {
    await source.close();
    unlocked?.keys.wipe();
    if (fileKey) readySodium().memzero(fileKey);
    if (!prepared) removeTemp(temp);
  }
}

interface CommitInput {
  dataDir: string;
  live: string;
  temp: string;
  file: string;
  header: BackupHeader;
  counts: RestoreResult['counts'];
  fromOtherKiosk: boolean;
  by: RestoreResult['unlockedBy'];
  actorId: string | null;
  now: () => number;
  log: Logger;
}

/** Step 6: verified, so now, and only now, the data folder changes. */
function commitRestore(input: CommitInput): RestoreResult {
  const { dataDir, live, temp, header } = input;
  let movedAside: string | null = null;
  const stamp = backupStamp(input.now());
  if (existsSync(live)) {
    movedAside = join(dataDir, `${DATABASE_FILE}.before-restore-${stamp}`);
    // never over an earlier kept copy
    for (let n = 1; existsSync(movedAside); n++) {
      movedAside = join(dataDir, `${DATABASE_FILE}.before-restore-${stamp}-${String(n)}`);
    }
    try {
      renameSync(live, movedAside);
    } catch {
      throw new BackupError(
        'data_dir_unwritable',
        `The current database cannot be moved aside in ${dataDir}`,
      );
    }
    for (const side of SIDE_FILES) if (existsSync(live + side)) renameSync(live + side, movedAside + side);
  }
  renameSync(temp, live);

  const opened = openDatabase(dataDir, { now: input.now, log: input.log });
  if (!opened.ok) {
    // put the previous database back; keep the restored one for a person to look at
    renameSync(live, join(dataDir, `${DATABASE_FILE}.failed-restore-${stamp}`));
    for (const side of SIDE_FILES) rmSync(live + side, { force: true });
    if (movedAside) {
      renameSync(movedAside, live);
      for (const side of SIDE_FILES)
        if (existsSync(movedAside + side)) renameSync(movedAside + side, live + side);
    }
    throw new BackupError(
      'verification_failed',
      `The restored database does not open: ${opened.problem.message}`,
    );
  }
  try {
    new AuditLog(opened.db, opened.deviceId, input.now).append({
      actorId: input.actorId,
      action: 'backup.restore',
      targetType: 'backup',
      targetId: basename(input.file),
      reason: input.fromOtherKiosk ? `${input.by}_other_kiosk` : input.by,
    });
    // The backup's own history row was written after its snapshot, so the restored store does not
    // know it: without this row the schedule would see no backup since the last slot, back up at
    // once and, by the one-per-day retention, delete the very file just restored from.
    if (hasBackupTables(opened.db)) {
      opened.db
        .prepare(
          `INSERT INTO backup_history (started_at, finished_at, folder, file_name, size_bytes, outcome)
           VALUES (?, ?, ?, ?, ?, 'ok')`,
        )
        .run(
          header.createdAt,
          header.createdAt,
          dirname(input.file),
          basename(input.file),
          statSync(input.file).size,
        );
    }
  } finally {
    opened.db.close();
  }
  // the restore was explicit about the other kiosk and opened with that store's own keys:
  // this folder now belongs to the restored device (what `adopt` would record)
  if (input.fromOtherKiosk) openSettingsFile(dataDir).set(DEVICE_BINDING_KEY, header.deviceId);
  return {
    deviceId: header.deviceId,
    createdAt: header.createdAt,
    schemaVersion: header.schemaVersion,
    unlockedBy: input.by,
    fromOtherKiosk: input.fromOtherKiosk,
    counts: input.counts,
    movedAside,
    restoredTo: live,
  };
}

/**
 * Restores a backup into `dataDir` (docs/backup-format.md): `prepareRestore`, then its commit.
 * Nothing in the data folder changes until the backup has been read to its end, decrypted and
 * verified into a temporary file there: a truncated, tampered, foreign (without
 * `allowOtherKiosk`) or unverifiable backup is refused with a BackupError and the current
 * database stays byte for byte as it was. Then the current database (with its WAL) is renamed to
 * `snowdesk.db.before-restore-<time>` (kept, never deleted), the verified copy is renamed into
 * place, opened (which migrates it to this build's schema) and the restore is written to its
 * audit log.
 *
 * No other connection may be open on `dataDir` meanwhile: the CLI says to stop the kiosk first;
 * the running kiosk restores through `LiveRestore`, which closes its own store around the commit.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const prepared = await prepareRestore(options);
  try {
    return prepared.commit();
  } finally {
    prepared.discard();
  }
}
