import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logger.js';
import { BackupError } from './backup-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { ensureBackupKeys, hasBackupTables, readBackupKeys } from './backup-keys.js';
import { createBackup, type BackupResult } from './create-backup.js';

export interface BackupStatus {
  /** the store has its backup key pair (migration 0007 ran and someone with DK signed in) */
  hasKey: boolean;
  /** the recovery copy of the backup secret key exists (see migration 0007) */
  recoveryCopy: boolean;
  lastSuccess: { at: number; folder: string; fileName: string; sizeBytes: number } | null;
  lastFailure: { at: number; folder: string; errorCode: string } | null;
}

export interface BackupRunOptions {
  folder: string;
  keepDays?: number;
  /** who asked for it (a backup on demand); null or absent: the schedule or the CLI */
  actorId?: string | null;
}

/**
 * What the main process calls once a day (and on demand), with the folder and retention from
 * its settings; and what a `backup.status` method will show. Needs no session: the backup is
 * sealed to the public key. Each attempt is written to backup_history and the audit log.
 */
export class BackupService {
  private running = false;

  constructor(
    private readonly deps: {
      db: Database;
      dataDir: string;
      audit: AuditLog;
      now: () => number;
      log: Logger;
    },
  ) {}

  async run(options: BackupRunOptions): Promise<BackupResult> {
    if (this.running) throw new BackupError('busy', 'A backup is already running');
    this.running = true;
    const started = this.deps.now();
    try {
      const result = await createBackup({
        db: this.deps.db,
        dataDir: this.deps.dataDir,
        now: this.deps.now,
        folder: options.folder,
        keepDays: options.keepDays,
      });
      this.record(started, options.folder, { ok: true, result }, options.actorId ?? null);
      this.deps.log.info('backup.ok', { sizeBytes: result.sizeBytes, removed: result.removed.length });
      return result;
    } catch (error) {
      const code = error instanceof BackupError ? error.code : 'io_error';
      this.record(started, options.folder, { ok: false, code }, options.actorId ?? null);
      this.deps.log.error('backup.failed', { code });
      throw error;
    } finally {
      this.running = false;
    }
  }

  /**
   * Called whenever someone signs in or unlocks (DK in hand): a store without a backup key pair
   * (set up before migration 0007) gets one now, with the DK copy only (see the migration).
   * Never throws: a failure here must not stop the person from working; it is logged.
   */
  ensureKeys(keys: () => KeyHandle, actorId: string): void {
    try {
      const db = this.deps.db;
      db.transaction(() => {
        if (ensureBackupKeys(db, keys(), this.deps.now())) {
          this.deps.audit.append({ actorId, action: 'backup.key_created', reason: 'without_recovery_copy' });
        }
      })();
    } catch {
      this.deps.log.warn('backup.key_not_created', {});
    }
  }

  status(): BackupStatus {
    const db = this.deps.db;
    if (!hasBackupTables(db))
      return { hasKey: false, recoveryCopy: false, lastSuccess: null, lastFailure: null };
    const keys = readBackupKeys(db);
    const success = db
      .prepare(
        "SELECT finished_at AS at, folder, file_name AS fileName, size_bytes AS sizeBytes FROM backup_history WHERE outcome = 'ok' ORDER BY finished_at DESC, id DESC LIMIT 1",
      )
      .get() as BackupStatus['lastSuccess'] | undefined;
    const failure = db
      .prepare(
        "SELECT finished_at AS at, folder, error_code AS errorCode FROM backup_history WHERE outcome = 'failed' ORDER BY finished_at DESC, id DESC LIMIT 1",
      )
      .get() as BackupStatus['lastFailure'] | undefined;
    return {
      hasKey: keys !== undefined,
      recoveryCopy: keys?.recovery_wrapped_sk != null,
      lastSuccess: success ?? null,
      lastFailure: failure ?? null,
    };
  }

  /** The last restore into this store, from its audit log (the restore appends it there). */
  lastRestore(): { at: number; fileName: string | null } | null {
    const row = this.deps.db
      .prepare(
        "SELECT at, target_id AS fileName FROM audit_log WHERE target_type = 'backup' AND action = 'backup.restore' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1",
      )
      .get() as { at: number; fileName: string | null } | undefined;
    return row ?? null;
  }

  private record(
    started: number,
    folder: string,
    outcome: { ok: true; result: BackupResult } | { ok: false; code: string },
    actorId: string | null,
  ): void {
    try {
      const db = this.deps.db;
      db.transaction(() => {
        if (hasBackupTables(db)) {
          db.prepare(
            `INSERT INTO backup_history (started_at, finished_at, folder, file_name, size_bytes, outcome, error_code)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            started,
            this.deps.now(),
            folder,
            outcome.ok ? outcome.result.fileName : null,
            outcome.ok ? outcome.result.sizeBytes : null,
            outcome.ok ? 'ok' : 'failed',
            outcome.ok ? null : outcome.code,
          );
        }
        this.deps.audit.append({
          actorId,
          action: 'backup.create',
          targetType: 'backup',
          targetId: outcome.ok ? outcome.result.fileName : undefined,
          outcome: outcome.ok ? 'ok' : 'failed',
          reason: outcome.ok ? undefined : outcome.code,
        });
      })();
    } catch {
      // the history is a convenience: a full disk must not turn a written backup into a failure
      this.deps.log.warn('backup.history_not_written', {});
    }
  }
}
