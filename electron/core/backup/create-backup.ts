import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { encodeBase64Url } from '../crypto/bytes.js';
import { sealToPublicKey } from '../crypto/sealed-box.js';
import { readySodium } from '../crypto/sodium.js';
import { DATABASE_FILE } from '../db/open-database.js';
import { BackupError, folderError } from './backup-error.js';
import {
  encodePrefix,
  encryptStream,
  fileSource,
  memorySource,
  startStream,
  writeAll,
  CHUNK_BYTES,
  type BackupHeader,
  type PlainSource,
} from './backup-format.js';
import { readBackupKeys } from './backup-keys.js';
import { applyRetention, backupFileName, DEFAULT_KEEP_DAYS, sweepStale } from './retention.js';

export interface CreateBackupOptions {
  /** the live connection; the backup reads through it (SQLite online backup) */
  db: Database.Database;
  /** the data folder: the temporary snapshot is made there, next to the live database */
  dataDir: string;
  /** the backup folder (a USB drive, a share) */
  folder: string;
  now: () => number;
  /** retention in days, default 30 */
  keepDays?: number;
  /**
   * Databases up to this size are copied into memory (`db.serialize()`), so no copy of the
   * database is ever written unencrypted; larger ones go through a snapshot file in the data
   * folder (`db.backup()`). Default 512 MiB; tests lower it to exercise the file path.
   */
  inMemoryLimitBytes?: number;
}

export interface BackupResult {
  path: string;
  fileName: string;
  sizeBytes: number;
  createdAt: number;
  deviceId: string;
  /** names of older backups removed by retention */
  removed: string[];
  /** how the consistent copy was taken */
  snapshot: 'memory' | 'file';
  /** milliseconds: consistent copy, then encryption and writing */
  timings: { snapshotMs: number; encryptMs: number };
}

const SNAPSHOT_PREFIX = `${DATABASE_FILE}.backup-`;
const SNAPSHOT_SUFFIX = '.tmp';
const HOUR = 60 * 60 * 1000;
const SNAPSHOT_PAGES_PER_STEP = 1024;
export const IN_MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;
/** offsets of the file format read and write versions in a SQLite header: 2 = WAL, 1 = rollback */
const HEADER_WRITE_VERSION = 18;
const HEADER_READ_VERSION = 19;

/** The snapshot's files: the database and whatever SQLite may have left beside it. */
function snapshotFiles(path: string): string[] {
  return [path, `${path}-journal`, `${path}-wal`, `${path}-shm`];
}

function checkFolder(folder: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(folder).isDirectory();
  } catch (error) {
    throw folderError(error, folder);
  }
  if (!isDirectory)
    throw new BackupError('folder_not_a_folder', `The backup folder is not a folder: ${folder}`);
}

interface SnapshotFacts {
  deviceId: string;
  schemaVersion: number;
  publicKey: Buffer;
  keys: BackupHeader['keys'];
}

/** What the header carries, read from the same consistent view of the database as the copy. */
function readFacts(db: Database.Database): SnapshotFacts {
  const keys = readBackupKeys(db);
  if (!keys) throw new BackupError('no_backup_key', 'This kiosk has no backup key yet');
  const device = db.prepare('SELECT device_id FROM device WHERE singleton = 1').pluck().get() as
    string | undefined;
  const recovery = db.prepare('SELECT recovery_wrapped_dk FROM keyring WHERE singleton = 1').pluck().get() as
    string | undefined;
  if (device === undefined || recovery === undefined) {
    throw new BackupError('no_backup_key', 'This kiosk is not set up yet: there is nothing to back up');
  }
  const maintainers = db
    .prepare(
      "SELECT id, name_key AS nameKey, wrapped_dk AS wrappedDk FROM staff WHERE role = 'maintainer' AND disabled_at IS NULL ORDER BY id",
    )
    .all() as { id: string; nameKey: string; wrappedDk: string }[];
  return {
    deviceId: device,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    publicKey: keys.public_key,
    keys: {
      dkWrappedSecretKey: keys.dk_wrapped_sk,
      recoveryWrappedSecretKey: keys.recovery_wrapped_sk,
      recoveryWrappedDk: recovery,
      maintainers,
    },
  };
}

/**
 * The facts from the snapshot file itself (so they match the data inside), switching it out of
 * WAL mode so the file inside the backup is one self-contained database.
 */
function readSnapshotFile(path: string): SnapshotFacts {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = DELETE');
    return readFacts(db);
  } finally {
    db.close();
  }
}

interface Snapshot {
  mode: 'memory' | 'file';
  facts: SnapshotFacts;
  plainBytes: number;
  open(): Promise<{ source: PlainSource; close(): Promise<void> }>;
  /** wipes the image or removes the file; never throws */
  dispose(): void;
}

/**
 * In memory: the facts and the image inside one read transaction, so they describe the same
 * state even while another process (the kiosk, the CLI) writes. The image's header is marked
 * as a rollback-journal database (what journal_mode=DELETE writes), so the restored file opens
 * read-only without side files.
 */
function memorySnapshot(db: Database.Database): Snapshot {
  let facts: SnapshotFacts | undefined;
  let image: Buffer | undefined;
  try {
    db.transaction(() => {
      facts = readFacts(db);
      image = db.serialize();
    })();
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('snapshot_failed', 'The database could not be copied; the live data is untouched');
  }
  if (!facts || !image) throw new BackupError('snapshot_failed', 'The database could not be copied');
  const bytes = image;
  bytes[HEADER_WRITE_VERSION] = 1;
  bytes[HEADER_READ_VERSION] = 1;
  return {
    mode: 'memory',
    facts,
    plainBytes: bytes.length,
    open: () => Promise.resolve({ source: memorySource(bytes), close: () => Promise.resolve() }),
    dispose: () => {
      bytes.fill(0);
    },
  };
}

/** On disk: SQLite online backup into the data folder, removed by dispose(). */
async function fileSnapshot(db: Database.Database, dataDir: string, now: number): Promise<Snapshot> {
  sweepStale(dataDir, (name) => name.startsWith(SNAPSHOT_PREFIX), now, HOUR);
  const path = join(dataDir, `${SNAPSHOT_PREFIX}${randomUUID()}${SNAPSHOT_SUFFIX}`);
  const dispose = () => {
    for (const file of snapshotFiles(path)) rmSync(file, { force: true });
  };
  try {
    try {
      // 1024 pages (4 MiB) per step instead of 100: fewer, still short steps, yielding between them
      await db.backup(path, { progress: () => SNAPSHOT_PAGES_PER_STEP });
    } catch {
      throw new BackupError(
        'snapshot_failed',
        'The online copy of the database failed; the live data is untouched',
      );
    }
    const facts = readSnapshotFile(path);
    return {
      mode: 'file',
      facts,
      plainBytes: statSync(path).size,
      open: async () => {
        const file = await open(path, 'r');
        return { source: fileSource(file), close: () => file.close() };
      },
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

function uniqueName(folder: string, deviceId: string, at: number): string {
  for (let n = 0; ; n++) {
    const name = backupFileName(deviceId, at, n);
    if (!existsSync(join(folder, name)) && !existsSync(join(folder, `.${name}.partial`))) return name;
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every platform can fsync a directory; the rename is still atomic
  }
}

/**
 * One backup (DESIGN.md "Backups"; format in docs/backup-format.md), needing no DK:
 *
 * 1. A consistent copy of the live database. Up to `inMemoryLimitBytes` (512 MiB, far beyond a
 *    season of guests: 100,000 records are 195 MB) it is `db.serialize()` inside a read
 *    transaction: the copy never touches a disk unencrypted, and it is the fastest way (measured
 *    in docs/backup-format.md). Beyond that, holding it in memory is not reasonable and it is an
 *    SQLite online backup (`db.backup()`, in steps that yield) into a snapshot file inside the
 *    data folder, removed in `finally` (one left by a crash is swept by the next run). That file
 *    holds what the live file holds: guest values are sealed payloads and keyed digests there
 *    too, never clear text.
 * 2. Encrypted to the backup public key into `.<name>.partial` in the backup folder, fsynced,
 *    then renamed to `<name>` and the folder fsynced: a backup file is complete or absent.
 * 3. Retention: the newest backup of each of the last `keepDays` days is kept.
 *
 * A missing, read-only or full folder is a BackupError (folder_missing, folder_not_a_folder,
 * folder_unwritable, folder_full); the live database is only ever read.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const folder = resolve(options.folder);
  const keepDays = options.keepDays ?? DEFAULT_KEEP_DAYS;
  if (!Number.isInteger(keepDays) || keepDays < 1)
    throw new RangeError('keepDays is a whole number of at least 1');
  checkFolder(folder);
  if (!readBackupKeys(options.db)) {
    throw new BackupError(
      'no_backup_key',
      'This kiosk has no backup key yet: sign in once at the kiosk (any account) and it makes one',
    );
  }
  const started = performance.now();
  const pageSize = options.db.pragma('page_size', { simple: true }) as number;
  const pageCount = options.db.pragma('page_count', { simple: true }) as number;
  const inMemory = pageSize * pageCount <= (options.inMemoryLimitBytes ?? IN_MEMORY_LIMIT_BYTES);
  const snapshot = inMemory
    ? memorySnapshot(options.db)
    : await fileSnapshot(options.db, options.dataDir, options.now());
  const fileKey = randomBytes(32);
  try {
    const { facts, plainBytes } = snapshot;
    const snapshotMs = performance.now() - started;

    const createdAt = options.now();
    sweepStale(
      folder,
      (name) => name.startsWith(`.snowdesk-${facts.deviceId}-`) && name.endsWith('.partial'),
      createdAt,
      24 * HOUR,
    );
    const fileName = uniqueName(folder, facts.deviceId, createdAt);
    const partial = join(folder, `.${fileName}.partial`);
    const final = join(folder, fileName);
    const { state, streamHeader } = startStream(fileKey);
    const header: BackupHeader = {
      format: 'snowdesk-backup',
      deviceId: facts.deviceId,
      createdAt,
      schemaVersion: facts.schemaVersion,
      plainBytes,
      chunkBytes: CHUNK_BYTES,
      publicKey: encodeBase64Url(facts.publicKey),
      sealedFileKey: encodeBase64Url(sealToPublicKey(facts.publicKey, fileKey)),
      streamHeader: encodeBase64Url(streamHeader),
      keys: facts.keys,
    };
    const prefix = encodePrefix(header);

    let out: FileHandle;
    try {
      out = await open(partial, 'wx', 0o600);
    } catch (error) {
      throw folderError(error, folder);
    }
    let size: number;
    try {
      await writeAll(out, prefix, 0);
      const input = await snapshot.open();
      try {
        size = await encryptStream(state, prefix, input.source, plainBytes, out, prefix.length);
      } finally {
        await input.close();
      }
      await out.sync();
      await out.close();
      await rename(partial, final);
    } catch (error) {
      await out.close().catch(() => undefined);
      await rm(partial, { force: true }).catch(() => undefined);
      throw folderError(error, folder);
    }
    syncFolder(folder);
    let removed: string[] = [];
    try {
      removed = applyRetention(folder, facts.deviceId, keepDays, fileName);
    } catch {
      // the backup is written; retention runs again with the next one
    }
    return {
      path: final,
      fileName,
      sizeBytes: size,
      createdAt,
      deviceId: facts.deviceId,
      removed,
      snapshot: snapshot.mode,
      timings: { snapshotMs, encryptMs: performance.now() - started - snapshotMs },
    };
  } finally {
    readySodium().memzero(fileKey);
    snapshot.dispose();
  }
}
