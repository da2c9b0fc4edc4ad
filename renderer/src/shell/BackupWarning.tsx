import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { BackupHealth } from '../../../shared/ipc/backup-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { callOrThrow } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';

const HEALTH_KEY = ['backup.health'] as const;

/** Whether this person may see the backup warning: the maintainer, and those answerable for the data. */
export function seesBackupHealth(staff: StaffView): boolean {
  return (
    roleAllows(staff.role, 'device.admin', staff.certified) ||
    roleAllows(staff.role, 'audit.view', staff.certified)
  );
}

/**
 * The header's backup warning (R16) for the maintainer, the manager and the supervisor: nothing
 * while all is well, else "never backed up", "backup failed", "over a day old" or "not set up".
 */
export function BackupWarning({ staff }: { staff: StaffView }) {
  const allowed = seesBackupHealth(staff);
  return allowed ? <BackupWarningLine /> : null;
}

function BackupWarningLine() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const health = useQuery({ queryKey: HEALTH_KEY, queryFn: () => callOrThrow('backup.health', {}) });
  const onChange = useCallback(
    (next: BackupHealth) => {
      client.setQueryData(HEALTH_KEY, next);
    },
    [client],
  );
  useCoreEvent('backup.changed', onChange);
  const data = health.data;
  if (!data) return null;
  const problem =
    data.warning === 'failed'
      ? 'failed'
      : !data.configured
        ? 'notConfigured'
        : data.warning === 'none'
          ? null
          : data.warning;
  if (!problem) return null;
  return (
    <div className="backup-warning" role="status" aria-label={t('backup.header.label')}>
      <span className="sync-problem">{t(`backup.header.${problem}`)}</span>
    </div>
  );
}
