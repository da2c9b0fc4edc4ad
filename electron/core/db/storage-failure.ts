import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../core-error.js';

/**
 * What a failed write to the data folder means for the person at the desk. SQLite answers a full
 * disk with SQLITE_FULL, but a file system that turned read-only under an open database (ext4's
 * errors=remount-ro after a disk error, a USB stick pulled to its write-protect switch) only
 * shows as SQLITE_IOERR_WRITE / _FSYNC: the folder is then probed with a one-byte file, which
 * names the cause (EROFS, ENOSPC) the way the operating system sees it.
 *
 * SQLite has rolled the statement back and better-sqlite3 the transaction, so nothing of the
 * change is stored; the error only has to say so clearly. Returns null for anything that is not
 * a storage failure.
 */
export function storageFailure(error: unknown, dataDir: string): CoreError | null {
  const code = errorCode(error);
  if (code === undefined) return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return diskFull();
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return readOnly();
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'EIO') {
    const probed = probeWrite(dataDir);
    if (probed === 'ENOSPC' || probed === 'EDQUOT') return diskFull();
    if (probed === 'EROFS' || probed === 'EACCES' || probed === 'EPERM') return readOnly();
    return new CoreError(
      'storage_unavailable',
      'The kiosk could not write to its data folder; nothing was saved',
    );
  }
  return null;
}

function diskFull(): CoreError {
  return new CoreError('disk_full', 'The data folder’s disk is full; nothing of this change was saved');
}

function readOnly(): CoreError {
  return new CoreError(
    'storage_read_only',
    'The data folder cannot be written; nothing of this change was saved',
  );
}

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

const PROBE_FILE = '.snowdesk-write-probe';

/** Writes and syncs one byte in the folder; the error code the system gives, or null when it works. */
function probeWrite(dataDir: string): string | null {
  const path = join(dataDir, PROBE_FILE);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w', 0o600);
    writeSync(fd, Buffer.of(0));
    fsyncSync(fd);
    return null;
  } catch (error) {
    return errorCode(error) ?? 'unknown';
  } finally {
    try {
      if (fd !== undefined) closeSync(fd);
      unlinkSync(path);
    } catch {
      // never created, or the folder cannot be written: nothing to remove
    }
  }
}
