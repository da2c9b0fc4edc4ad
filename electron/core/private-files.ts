import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

/**
 * Everything the core or the CLI creates belongs to the kiosk's own user alone: folders 0700,
 * files 0600. The database is sealed, but its size, its timestamps and the audit chain's clear
 * columns are nobody else's business, and settings name the backup folder and the central URL.
 * SQLite gives its -wal and -shm files the mode of the database file, so creating that file
 * 0600 covers them too.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700 and tightens it if it was there already. Throws if unusable. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty `path` 0600 unless it exists; an existing one is tightened to 0600. */
export function makePrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    tighten(path, PRIVATE_FILE_MODE);
  }
}

/** Best effort: a folder or file of another user (a shared mount) stays as it is. */
function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // not ours to change; the core still works in it
  }
}
