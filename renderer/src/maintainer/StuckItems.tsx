import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StuckItem } from '../../../shared/ipc/sync-schemas.js';
import { describeRefusal, say, type Message, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { formatWhen } from '../shell/SyncStatus.js';
import { api, callOrThrow, CoreCallError } from '../snowdesk.js';

export const SYNC_STUCK_KEY = ['sync.stuck'] as const;

/** "3f1c2a9e…": enough of an id to tell items apart and to quote to the central operator. */
function shortId(id: string): string {
  return `${id.slice(0, 8)}…`;
}

/**
 * Items the central system refused, or online submissions that did not open: what retrying
 * cannot fix by itself. The maintainer sends them again (one, or all) once the cause is fixed.
 */
export function StuckItems({ onRetried }: { onRetried: () => void }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const list = useQuery({ queryKey: SYNC_STUCK_KEY, queryFn: () => callOrThrow('sync.stuck', {}) });
  const [status, setStatus] = useState<Message | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function retry(items: readonly StuckItem[]) {
    if (busy || items.length === 0) return;
    setBusy(true);
    setStatus(null);
    setRefusal(null);
    try {
      const result = await api().call('sync.retry', { ids: items.map((item) => item.id) });
      if (!result.ok) {
        setRefusal(describeRefusal(result.error, {}));
        return;
      }
      setStatus({ key: 'maintainer.stuck.retried', values: { count: items.length } });
      onRetried();
    } finally {
      setBusy(false);
    }
  }

  const loadRefusal: Refusal | null =
    list.error instanceof CoreCallError
      ? describeRefusal(list.error.error, {})
      : list.error
        ? { summary: { key: 'errors.protocol' }, fields: {} }
        : null;
  const items = list.data ?? [];
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('maintainer.stuck.title')}</h2>
        {items.length > 1 && (
          <button type="button" aria-disabled={busy} onClick={() => void retry(items)}>
            {t('maintainer.stuck.retryAll')}
          </button>
        )}
      </div>
      <p>{t('maintainer.stuck.intro')}</p>
      <p role="status" className="status-line">
        {status ? say(t, status) : null}
      </p>
      <RefusalNotice refusal={refusal ?? loadRefusal} />
      {list.data && items.length === 0 && <p className="ok">{t('maintainer.stuck.none')}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="staff-table" aria-label={t('maintainer.stuck.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('maintainer.stuck.columns.item')}</th>
                <th scope="col">{t('maintainer.stuck.columns.reason')}</th>
                <th scope="col">{t('maintainer.stuck.columns.since')}</th>
                <th scope="col">{t('maintainer.stuck.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.direction === 'outbox'
                      ? t('maintainer.stuck.outboxItem', {
                          kind: t(
                            `maintainer.stuck.kinds.${item.kind === 'record.erasure' ? 'erasure' : 'revision'}`,
                          ),
                          seq: item.seq,
                        })
                      : t('maintainer.stuck.inboxItem', {
                          channel: t(`maintainer.stuck.channels.${item.channel}`),
                        })}
                    <br />
                    <code className="muted">{shortId(item.id)}</code>
                  </th>
                  <td>
                    {t(`sync.stuckReasons.${item.reason}`)}
                    {(item.direction === 'outbox' ? item.message : item.detail) && (
                      <p className="detail">
                        {t('maintainer.detail')}{' '}
                        <code>{item.direction === 'outbox' ? item.message : item.detail}</code>
                      </p>
                    )}
                  </td>
                  <td>{formatWhen(item.since, i18n.language)}</td>
                  <td>
                    <button type="button" aria-disabled={busy} onClick={() => void retry([item])}>
                      {t('maintainer.stuck.retry')}
                      <span className="visually-hidden"> {shortId(item.id)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
