import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkStatus } from '../../../shared/ipc/schemas.js';
import type { SyncStatus as SyncStatusValue } from '../../../shared/ipc/sync-schemas.js';
import { api, callOrThrow } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';

/**
 * The sync line as the core says it: asked once, then followed through `sync.changed`. Kept in
 * the component, not the query cache: that cache is emptied at every lock and sign-out, and the
 * header must not go blank for the person standing at the kiosk.
 */
export function useSyncStatus(): SyncStatusValue | undefined {
  const [status, setStatus] = useState<SyncStatusValue | undefined>(undefined);
  const heard = useRef(false);
  const onChange = useCallback((next: SyncStatusValue) => {
    heard.current = true;
    setStatus(next);
  }, []);
  useCoreEvent('sync.changed', onChange);
  useEffect(() => {
    let cancelled = false;
    void api()
      .call('sync.status', {})
      .then((result) => {
        // an event that came first is at least as new as this answer
        if (!cancelled && !heard.current && result.ok) setStatus(result.value);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return status;
}

/** The operating system's link and the central system, followed through `network.changed`. */
export function useNetworkStatus(): NetworkStatus | undefined {
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['network.status'], queryFn: () => callOrThrow('network.status', {}) });
  const onChange = useCallback(
    (next: NetworkStatus) => {
      client.setQueryData(['network.status'], next);
    },
    [client],
  );
  useCoreEvent('network.changed', onChange);
  return status.data;
}

/** "10:05" today, "11月22日 10:05" before: when something last happened, in the page's language. */
export function formatWhen(at: number, language: string, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, {
    ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export type Connection = 'online' | 'offline' | 'unknown';

/**
 * One answer to "is the kiosk online?": once enrolled, whether the central system answered the
 * last real request (and the link is up); before that, what the operating system says.
 */
export function connectionOf(
  sync: SyncStatusValue | undefined,
  network: NetworkStatus | undefined,
): Connection {
  const os = network?.os ?? 'unknown';
  if (os === 'offline') return 'offline';
  if (sync && sync.state !== 'not_enrolled') return sync.online ? 'online' : 'offline';
  return os;
}

/**
 * The header's status line (R29), for everyone at the kiosk, signed in or not: online or
 * offline, what waits to be sent, the last successful sync, and the last problem in words a
 * desk worker understands. It is the kiosk's one network status: the link, the central system
 * and the sync queue said together, so they cannot contradict each other.
 */
export function SyncStatus() {
  const { t, i18n } = useTranslation();
  const sync = useSyncStatus();
  const network = useNetworkStatus();
  const connection = connectionOf(sync, network);
  // the link is down: the central system cannot be reached either, whatever the last request said
  const known = network?.central ?? 'not_enrolled';
  const central = connection === 'offline' && known === 'reachable' ? 'unreachable' : known;
  const enrolled = sync !== undefined && sync.state !== 'not_enrolled';
  const problem = sync?.lastError?.problem ?? null;

  return (
    <div className={`sync-status sync-${connection}`} role="status" aria-label={t('network.label')}>
      <span className="sync-item sync-connection">
        <span className={`network-dot network-${connection}`} aria-hidden="true" />
        <strong>{t(`network.${connection}`)}</strong>
      </span>
      <span className="sync-item">{t(`network.central.${central}`)}</span>
      {sync && (
        <>
          <span className={`sync-item${sync.waiting > 0 ? ' sync-waiting' : ''}`} data-testid="sync-waiting">
            {sync.waiting > 0 ? t('sync.waiting', { count: sync.waiting }) : t('sync.allSent')}
          </span>
          {enrolled && (
            <span className="sync-item">
              {sync.lastSuccessAt === null
                ? t('sync.neverSynced')
                : t('sync.lastSuccess', { time: formatWhen(sync.lastSuccessAt, i18n.language) })}
            </span>
          )}
          {sync.stuck > 0 && (
            <span className="sync-item sync-stuck">{t('sync.stuck', { count: sync.stuck })}</span>
          )}
          {sync.state === 'stopped' && (
            <span className="sync-item sync-stuck">{t('sync.states.stopped')}</span>
          )}
          {problem && (
            <span className="sync-problem">
              {t('sync.lastError', { problem: t(`sync.problems.${problem}`) })}
            </span>
          )}
          {!problem && sync.clockSkewMs !== null && (
            <span className="sync-problem">{t('sync.clockSkew')}</span>
          )}
        </>
      )}
    </div>
  );
}
