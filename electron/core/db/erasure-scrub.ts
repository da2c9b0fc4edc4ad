import type { Database } from 'better-sqlite3';
import type { MethodName } from '../../../shared/ipc/contract.js';
import type { Logger } from '../logger.js';

/**
 * Calls that destroy guest data: an approved erasure, a discarded draft, a cancelled correction.
 * `secure_delete` (set when a store opens) zeroes the pages they free in the database file, but
 * the WAL still holds the pages as they were before, readable by anyone with the folder until the
 * next checkpoint. So after each of these the WAL is checkpointed and truncated to nothing.
 */
export const ERASING_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'erasure.approve',
  'records.discardDraft',
  'records.cancelCorrection',
]);

/** Copies the WAL into the database and truncates it; a reader in the way is logged, not fatal. */
export function scrubAfterErasure(db: Database, log: Logger): void {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  if (result && result.busy !== 0) log.warn('storage.erasure_checkpoint_busy', { log: result.log });
}
