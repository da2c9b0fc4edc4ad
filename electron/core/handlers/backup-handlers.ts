import type { BackupStatus } from '../../../shared/ipc/backup-schemas.js';
import type { BackupService } from '../backup/backup-service.js';
import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The status with the warning the UI shows (R16: older than a day, or failed). */
export function backupStatusView(status: ReturnType<BackupService['status']>, now: number): BackupStatus {
  const { lastSuccess, lastFailure } = status;
  const warning =
    lastFailure && (!lastSuccess || lastFailure.at >= lastSuccess.at)
      ? 'failed'
      : !lastSuccess
        ? 'never'
        : now - lastSuccess.at > DAY_MS
          ? 'stale'
          : 'none';
  return { ...status, warning };
}

export function backupHandlers(
  services: CoreServices,
  backups: () => BackupService | null,
): Pick<Handlers, 'backup.status'> {
  return {
    'backup.status': () => {
      const service = backups();
      if (!service) throw new CoreError('storage_unavailable', 'The kiosk cannot reach its data folder');
      return backupStatusView(service.status(), services.clock.now());
    },
  };
}
