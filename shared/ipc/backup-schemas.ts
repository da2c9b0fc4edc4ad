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
