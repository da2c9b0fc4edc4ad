import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult, StaffView } from '../../../shared/ipc/schemas.js';
import { StaffAccounts } from '../admin/StaffAccounts.js';
import { callOrThrow } from '../snowdesk.js';
import { AuditRollbackNotice } from './AuditRollbackNotice.js';
import { BackupPanel } from './BackupPanel.js';
import { DeviceSync } from './DeviceSync.js';
import { QuitKiosk } from './QuitKiosk.js';
import { RecoveryKeyStatus } from './RecoveryKeyStatus.js';
import type { MessageKey } from '../i18n-types.js';

type View = 'accounts' | 'device' | 'backups';
const VIEWS: readonly View[] = ['accounts', 'device', 'backups'];
const VIEW_LABELS: Readonly<Record<View, MessageKey>> = {
  accounts: 'maintainer.views.accounts',
  device: 'maintainer.views.device',
  backups: 'backup.title',
};

interface Props {
  self: StaffView;
  onRecoveryKeyIssued: (result: SetupResult) => void;
}

/**
 * The maintainer's work (系统维护): staff accounts, this kiosk's link to the central system, backups.
 * A recovery key that was never typed back is said above both, whichever is open.
 */
export function MaintainerHome({ self, onRecoveryKeyIssued }: Props) {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => callOrThrow('app.info', {}) });
  const [view, setView] = useState<View>('accounts');
  const confirmed = info.data?.recoveryKeyConfirmed ?? true;
  return (
    <>
      {info.data?.auditRollback && <AuditRollbackNotice rollback={info.data.auditRollback} />}
      {!confirmed && <RecoveryKeyStatus confirmed={false} onIssued={onRecoveryKeyIssued} />}
      <nav className="view-switch" aria-label={t('maintainer.views.label')}>
        {VIEWS.map((name) => (
          <button
            key={name}
            type="button"
            aria-current={view === name ? 'page' : undefined}
            onClick={() => {
              setView(name);
            }}
          >
            {t(VIEW_LABELS[name])}
          </button>
        ))}
      </nav>
      {view === 'accounts' ? (
        <StaffAccounts self={self} />
      ) : view === 'backups' ? (
        <BackupPanel />
      ) : (
        <>
          <DeviceSync />
          {confirmed && <RecoveryKeyStatus confirmed onIssued={onRecoveryKeyIssued} />}
          <QuitKiosk />
        </>
      )}
    </>
  );
}
