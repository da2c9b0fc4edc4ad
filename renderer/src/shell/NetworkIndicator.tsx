import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkStatus } from '../../../shared/ipc/schemas.js';
import { callOrThrow } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';

export function NetworkIndicator() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['network.status'], queryFn: () => callOrThrow('network.status', {}) });
  const onChange = useCallback(
    (next: NetworkStatus) => {
      client.setQueryData(['network.status'], next);
    },
    [client],
  );
  useCoreEvent('network.changed', onChange);

  const os = status.data?.os ?? 'unknown';
  const central = status.data?.central ?? 'not_enrolled';
  return (
    <div className="network" role="status" aria-label={t('network.label')}>
      <span className={`network-dot network-${os}`} aria-hidden="true" />
      <span className="network-os">{t(`network.${os}`)}</span>
      <span className="network-central">{t(`network.central.${central}`)}</span>
    </div>
  );
}
