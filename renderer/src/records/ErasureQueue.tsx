import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, callOrThrow } from '../snowdesk.js';
import { formatDateTime } from './display.js';
import type { MessageKey } from '../i18n-types.js';
import { refusalMessage, say } from '../forms/refusal.js';

/** The manager decides erasure requests (R19, PIPL Art. 47): approve destroys the data, reject says why. */
export function ErasureQueue({ onDone }: { onDone: (notice: MessageKey) => void }) {
  const { t } = useTranslation();
  const queue = useQuery({
    queryKey: ['erasure.queue'],
    queryFn: () => callOrThrow('erasure.queue', {}),
    staleTime: 0,
  });
  return (
    <section className="panel panel-wide" aria-labelledby="erasure-title">
      <h2 id="erasure-title">{t('records.queue.erasure')}</h2>
      {queue.data?.items.length === 0 && <p className="muted">{t('records.queue.empty')}</p>}
      <ul className="hits">
        {queue.data?.items.map((item) => (
          <ErasureItem
            key={item.recordId}
            item={item}
            onDone={() => {
              void queue.refetch();
              onDone('records.desk.erasureDone');
            }}
          />
        ))}
      </ul>
    </section>
  );
}

function ErasureItem({
  item,
  onDone,
}: {
  item: {
    recordId: string;
    guestName: string;
    request: { requestedBy: { name: string }; requestedAt: number; reason: string };
  };
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const name = item.guestName || t('records.queue.unnamed');
  async function decide(approve: boolean): Promise<void> {
    if (!approve && reason.trim() === '') {
      setProblem(t('validation.account.required'));
      return;
    }
    const result = approve
      ? await api().call('erasure.approve', { recordId: item.recordId })
      : await api().call('erasure.reject', { recordId: item.recordId, reason: reason.trim() });
    if (result.ok) onDone();
    else setProblem(say(t, refusalMessage(result.error)));
  }
  return (
    <li>
      <span className="hit-name">{name}</span>
      <span>{t('records.queue.requestedBy', { name: item.request.requestedBy.name })}</span>
      <span>{formatDateTime(item.request.requestedAt)}</span>
      <span>{t('records.queue.reason', { reason: item.request.reason })}</span>
      <button type="button" onClick={() => void decide(true)}>
        {t('records.queue.approveErasure', { name })}
      </button>
      <span className="field">
        <label htmlFor={id}>{t('records.queue.rejectReason')}</label>
        <input
          id={id}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        {problem && (
          <span id={`${id}-problem`} className="field-problem">
            {problem}
          </span>
        )}
      </span>
      <button type="button" onClick={() => void decide(false)}>
        {t('records.queue.rejectErasure', { name })}
      </button>
    </li>
  );
}
