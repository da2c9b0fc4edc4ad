import { z } from 'zod';

/**
 * What `backup.status` answers (R16): whether the store can be backed up, the last good backup,
 * the last failure, and the warning the UI shows. Folder paths and file names only: a backup
 * status never carries guest data.
 */
export const BackupStatus = z.object({
  /** the store has its backup key pair (made at setup, or at the first unlock after an update) */
  hasKey: z.boolean(),
  /** the backup secret key is also wrapped by the recovery key (else: until the next recovery) */
  recoveryCopy: z.boolean(),
  lastSuccess: z
    .object({
      at: z.number().int(),
      folder: z.string(),
      fileName: z.string(),
      sizeBytes: z.number().int().nonnegative(),
    })
    .nullable(),
  lastFailure: z.object({ at: z.number().int(), folder: z.string(), errorCode: z.string() }).nullable(),
  /**
   * 'never': no backup has succeeded; 'failed': the latest attempt failed; 'stale': the last good
   * backup is more than a day old; 'none': all is well.
   */
  warning: z.enum(['none', 'never', 'failed', 'stale']),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/**
 * Why a backup, a configuration or a restore did not happen: the core's BackupErrorCode
 * (electron/core/backup/backup-error.ts; the handlers check the two agree at compile time).
 */
export const BackupProblem = z.enum([
  'folder_missing',
  'folder_not_absolute',
  'not_configured',
  'folder_not_a_folder',
  'folder_unwritable',
  'folder_full',
  'no_backup_key',
  'snapshot_failed',
  'not_a_backup',
  'truncated',
  'tampered',
  'other_kiosk',
  'wrong_credentials',
  'recovery_key_format',
  'verification_failed',
  'backup_newer',
  'data_dir_unwritable',
  'busy',
  'io_error',
]);
export type BackupProblem = z.infer<typeof BackupProblem>;

/** A failure as a value: the problem the UI words, and the core's English sentence (paths, no guest data). */
const Failed = z.object({ ok: z.literal(false), problem: BackupProblem, detail: z.string() });

const BackupTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/u);

/** The backup settings (device settings backupFolder, backupTime, backupKeepDays). */
export const BackupSettings = z.object({
  /** absolute path; null: not configured, no scheduled backup */
  folder: z.string().min(1).max(4096).nullable(),
  /** HH:MM, China time */
  time: BackupTime,
  keepDays: z.number().int().min(1).max(365),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const BackupConfigureInput = BackupSettings.strict();
export const BackupConfigureResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: BackupSettings }),
  Failed,
]);
export type BackupConfigureResult = z.infer<typeof BackupConfigureResult>;

/** What `backup.status` answers to the maintainer's screen: the status, the settings, the schedule. */
export const BackupDetails = BackupStatus.extend({
  settings: BackupSettings,
  /** when the scheduled backup is next due (at or before now: at the next check); null: not configured */
  nextRunAt: z.number().int().nullable(),
  /** a backup is running now */
  running: z.boolean(),
  /** the last restore into this store (from its audit log), null if none */
  lastRestore: z.object({ at: z.number().int(), fileName: z.string().nullable() }).nullable(),
});
export type BackupDetails = z.infer<typeof BackupDetails>;

/**
 * The warning alone (`backup.health`, the `backup.changed` event) for the header: no folders,
 * no file names, for the people answerable for the kiosk's data.
 */
export const BackupHealth = z.object({
  warning: BackupStatus.shape.warning,
  lastSuccessAt: z.number().int().nullable(),
  /** no backup folder is configured (the daily backup cannot run) */
  configured: z.boolean(),
});
export type BackupHealth = z.infer<typeof BackupHealth>;

export const BackupRunResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    folder: z.string(),
    fileName: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    createdAt: z.number().int(),
    /** older backups removed by retention */
    removed: z.number().int().nonnegative(),
  }),
  Failed,
]);
export type BackupRunResult = z.infer<typeof BackupRunResult>;

export const BackupRestoreInput = z
  .object({
    /** the backup file: an absolute path */
    file: z.string().min(1).max(4096),
    recoveryKey: z.string().min(1).max(200),
  })
  .strict();

export const BackupRestoreResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** when the restored backup was made */
    backupCreatedAt: z.number().int(),
    counts: z.object({
      records: z.number().int().nonnegative(),
      payloadsOpened: z.number().int().nonnegative(),
      auditEntries: z.number().int().nonnegative(),
      staff: z.number().int().nonnegative(),
    }),
    /** where the previous database was kept (file name in the data folder) */
    keptAside: z.string().nullable(),
  }),
  Failed,
]);
export type BackupRestoreResult = z.infer<typeof BackupRestoreResult>;
