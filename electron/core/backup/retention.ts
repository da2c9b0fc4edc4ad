import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_EXTENSION } from './backup-format.js';

/** Daily backups kept by default (the setting's default, R16). */
export const DEFAULT_KEEP_DAYS = 30;

const STAMP = /^(\d{8})T(\d{9})Z(?:-(\d{1,4}))?$/;

/** "20261123T020000000Z": sortable, and legal in every file system's names (no colons). */
export function backupStamp(at: number): string {
  return new Date(at).toISOString().replace(/[-:.]/g, '');
}

/** snowdesk-<device id>-<stamp>[-n].sdbak */
export function backupFileName(deviceId: string, at: number, n = 0): string {
  return `snowdesk-${deviceId}-${backupStamp(at)}${n > 0 ? `-${String(n)}` : ''}${BACKUP_EXTENSION}`;
}

interface Found {
  name: string;
  day: string;
  order: string;
}

/** This device's backups in `folder`, newest first. Files of other devices are never listed. */
export function listBackups(folder: string, deviceId: string): Found[] {
  const prefix = `snowdesk-${deviceId}-`;
  const found: Found[] = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(prefix) || !name.endsWith(BACKUP_EXTENSION)) continue;
    const match = STAMP.exec(name.slice(prefix.length, -BACKUP_EXTENSION.length));
    if (!match) continue;
    const [, day = '', time = '', n = '0'] = match;
    found.push({ name, day, order: `${day}${time}${n.padStart(4, '0')}` });
  }
  return found.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
}

/**
 * Keeps the newest backup of each of the `keepDays` most recent days that have one (UTC days) and
 * removes this device's other backups: a kiosk that was off for a week still keeps 30 backups,
 * not 23, and the medium never holds more than `keepDays` files of this device. `justWritten` is
 * never removed, whatever its date says. Returns the names removed; a file that cannot be removed
 * is left (the next run tries again).
 */
export function applyRetention(
  folder: string,
  deviceId: string,
  keepDays: number,
  justWritten: string,
): string[] {
  const days = new Set<string>();
  const removed: string[] = [];
  for (const file of listBackups(folder, deviceId)) {
    const keep = file.name === justWritten || (!days.has(file.day) && days.size < keepDays);
    if (keep) {
      days.add(file.day);
      continue;
    }
    try {
      rmSync(join(folder, file.name));
      removed.push(file.name);
    } catch {
      // kept for the next run
    }
  }
  return removed;
}

/** Removes files matching `test` in `folder` that are older than `olderThanMs`; never throws. */
export function sweepStale(
  folder: string,
  test: (name: string) => boolean,
  now: number,
  olderThanMs: number,
): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!test(name)) continue;
    const path = join(folder, name);
    try {
      if (now - statSync(path).mtimeMs > olderThanMs) rmSync(path, { force: true });
    } catch {
      // another process may be removing it too
    }
  }
}
