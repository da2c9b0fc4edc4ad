/**
 * Why a backup or a restore did not happen. Every code comes with a message a maintainer acts on;
 * messages name folders, files and identifiers, never key material or guest data.
 */
export type BackupErrorCode =
  /** the backup folder does not exist (a USB drive not plugged in, a share not mounted) */
  | 'folder_missing'
  /** the configured folder is not a full (absolute) path */
  | 'folder_not_absolute'
  /** no backup folder is configured */
  | 'not_configured'
  /** the path exists but is not a folder (or a part of it is a file) */
  | 'folder_not_a_folder'
  /** the folder cannot be written: read-only medium, no permission */
  | 'folder_unwritable'
  /** the medium is full (or over quota) */
  | 'folder_full'
  /** the store has no backup key yet: someone must sign in once after the update */
  | 'no_backup_key'
  /** the online copy of the live database failed */
  | 'snapshot_failed'
  /** the file is not a Snowdesk backup, or of a version this build does not read */
  | 'not_a_backup'
  /** the file ends early: copied partly, or the medium failed */
  | 'truncated'
  /** the file was altered: a byte changed, data appended or removed */
  | 'tampered'
  /** the backup is from another kiosk and the restore was not told that is intended */
  | 'other_kiosk'
  /** neither the recovery key nor the maintainer password opens this backup */
  | 'wrong_credentials'
  /** the recovery key was mistyped (a check character does not match) */
  | 'recovery_key_format'
  /** the backup decrypts but its database fails a check (integrity, payloads, audit chain) */
  | 'verification_failed'
  /** the backup's database is of a newer schema than this build */
  | 'backup_newer'
  /** the data folder cannot be written or its database cannot be moved aside */
  | 'data_dir_unwritable'
  /** another backup, or a restore, is running in this process */
  | 'busy'
  /** something unexpected; details are in the log */
  | 'io_error';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    /** for verification_failed: the checks that did not pass */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

function errno(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** A BackupError for a file-system failure while writing into the backup folder `folder`. */
export function folderError(error: unknown, folder: string): BackupError {
  if (error instanceof BackupError) return error;
  switch (errno(error)) {
    case 'ENOENT':
      return new BackupError('folder_missing', `The backup folder does not exist: ${folder}`);
    case 'ENOTDIR':
      return new BackupError('folder_not_a_folder', `The backup folder is not a folder: ${folder}`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BackupError('folder_unwritable', `The backup folder cannot be written: ${folder}`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new BackupError('folder_full', `The backup folder is full: ${folder}`);
    default:
      return new BackupError(
        'io_error',
        `The backup could not be written to ${folder} (${errno(error) ?? 'unknown error'})`,
      );
  }
}
