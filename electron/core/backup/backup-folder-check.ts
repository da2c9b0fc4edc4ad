import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BackupError, folderError } from './backup-error.js';

/** What the probe writes: enough that a medium with no room left says so (ENOSPC), not just an inode. */
const PROBE_BYTES = 64 * 1024;

/**
 * Checks a backup folder before it is configured: an absolute path to a folder that exists and
 * can be written, proved by writing, syncing and removing a probe file there (a read-only USB
 * stick, a share mounted read-only, or a full medium all fail the probe, even for root, whom
 * permissions do not stop). Throws BackupError folder_not_absolute, folder_missing,
 * folder_not_a_folder, folder_unwritable or folder_full.
 */
export function checkBackupFolder(folder: string): void {
  if (!isAbsolute(folder)) {
    throw new BackupError('folder_not_absolute', `The backup folder must be a full path: ${folder}`);
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(folder).isDirectory();
  } catch (error) {
    throw folderError(error, folder);
  }
  if (!isDirectory)
    throw new BackupError('folder_not_a_folder', `The backup folder is not a folder: ${folder}`);
  const probe = join(folder, `.snowdesk-probe-${randomUUID()}`);
  let fd: number | null = null;
  try {
    fd = openSync(probe, 'wx', 0o600);
    writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fsyncSync(fd);
  } catch (error) {
    throw folderError(error, folder);
  } finally {
    if (fd !== null) closeSync(fd);
    rmSync(probe, { force: true });
  }
}
