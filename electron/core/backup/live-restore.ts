import { isAbsolute } from 'node:path';
import type { Logger } from '../logger.js';
import { BackupError } from './backup-error.js';
import type { BackupSchedule } from './backup-schedule.js';
import { prepareRestore, type RestoreResult } from './restore-backup.js';

/** What the core lends a restore: its store closed for the swap, and opened again after it. */
export interface StoreLifecycle {
  /**
   * Stops sync, signs the person at the kiosk out (wiping DK), and closes every connection to the
   * data folder's databases; the core answers storage_unavailable until `reopen`.
   */
  close(): Promise<void>;
  /** Opens the data folder's database again (the restored one, or the kept one if the swap failed). */
  reopen(): void;
}

export interface LiveRestoreOptions {
  dataDir: string;
  schedule: BackupSchedule;
  store: StoreLifecycle;
  now: () => number;
  log: Logger;
}

/**
 * A restore into the running kiosk's own data folder (the maintainer's screen), in the order that
 * leaves the current data untouched by anything that can fail:
 *
 * 1. no backup may be running and none may start (`busy` otherwise);
 * 2. the whole backup is read, decrypted and verified into a temporary file (prepareRestore)
 *    while the store stays open: a truncated, foreign, tampered or unverifiable file, or a wrong
 *    recovery key, is refused here and the kiosk never noticed;
 * 3. only then the store is closed (everyone signed out, sync stopped), the current database is
 *    moved aside and kept (`snowdesk.db.before-restore-<time>`), the verified copy takes its place
 *    and is opened, migrated and audited; should it not open, the previous database is put back;
 * 4. the store is opened again, whatever happened in 3.
 */
export async function restoreLive(
  options: LiveRestoreOptions,
  request: { file: string; recoveryKey: string; actorId: string },
): Promise<RestoreResult> {
  if (!isAbsolute(request.file)) {
    throw new BackupError('not_a_backup', `The backup file must be given as a full path: ${request.file}`);
  }
  if (!options.schedule.pause()) {
    throw new BackupError('busy', 'A backup or a restore is running: try again when it has finished');
  }
  try {
    const prepared = await prepareRestore({
      dataDir: options.dataDir,
      file: request.file,
      credentials: { recoveryKey: request.recoveryKey },
      now: options.now,
      log: options.log,
    });
    try {
      await options.store.close();
      try {
        const result = prepared.commit(request.actorId);
        options.log.info('backup.restored', { records: result.counts.records });
        return result;
      } finally {
        options.store.reopen();
      }
    } finally {
      prepared.discard();
    }
  } finally {
    options.schedule.resume();
  }
}
