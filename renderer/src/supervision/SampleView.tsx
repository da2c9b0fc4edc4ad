import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeRefusal } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Refusal } from '../forms/refusal.js';
import { formatDateTime } from '../records/display.js';
import { api, callOrThrow } from '../snowdesk.js';

interface Props {
  sampleId: string;
  onCheck: (recordId: string) => void;
  onReport: () => void;
  onClose: () => void;
}

/** One sample: how it was drawn (enough to draw it again), its records and their findings. */
export function SampleView({ sampleId, onCheck, onReport, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['sample.get', sampleId],
    queryFn: () => callOrThrow('sample.get', { sampleId }),
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [completed, setCompleted] = useState(false);

  async function complete() {
    if (busy) return;
    setBusy(true);
    setRefusal(null);
    try {
      const result = await api().call('sample.complete', { sampleId });
      if (!result.ok) {
        setRefusal(describeRefusal(result.error));
        return;
      }
      setCompleted(true);
      await client.invalidateQueries({ queryKey: ['sample.get', sampleId] });
      await client.invalidateQueries({ queryKey: ['sample.list'] });
      await client.invalidateQueries({ queryKey: ['sample.report', sampleId] });
      onReport();
    } finally {
      setBusy(false);
    }
  }

  if (!detail.data) {
    return (
      <section className="panel panel-wide" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('supervision.list.title')}</h2>
        <p
          className={detail.isError ? 'notice notice-problem' : 'muted'}
          role={detail.isError ? 'alert' : undefined}
        >
          {t(detail.isError ? 'supervision.loadFailed' : 'supervision.loading')}
        </p>
      </section>
    );
  }
  const { sample, items, reproduction } = detail.data;
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('supervision.sample.title', { from: sample.from, to: sample.to })}</h2>
      <dl className="facts">
        <dt>{t('supervision.sample.request')}</dt>
        <dd>
          {sample.sharePercent === null
            ? t('supervision.sample.count', { count: sample.requestedCount ?? 0 })
            : t('supervision.sample.share', { share: sample.sharePercent })}
        </dd>
        <dt>{t('supervision.sample.population')}</dt>
        <dd>{sample.populationCount}</dd>
        <dt>{t('supervision.list.drawnAt')}</dt>
        <dd>
          {formatDateTime(sample.drawnAt)} · {sample.drawnBy.name}
        </dd>
        <dt>{t('supervision.sample.seed')}</dt>
        <dd>
          <code>{sample.seed}</code>
        </dd>
        <dt>{t('supervision.sample.digest')}</dt>
        <dd>
          <code className="digest">{sample.populationDigest}</code>
        </dd>
        <dt>{t('supervision.list.status')}</dt>
        <dd>{t(`supervision.list.${sample.status}`)}</dd>
      </dl>
      <p className={reproduction === 'same' ? 'ok' : 'notice notice-warning'}>
        {t(`supervision.sample.reproduction.${reproduction}`)}
      </p>
      {completed && (
        <p role="status" className="notice notice-ok">
          {t('supervision.sample.completed')}
        </p>
      )}
      <table className="sampling-table">
        <caption>{t('supervision.sample.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervision.sample.position')}</th>
            <th scope="col">{t('supervision.sample.entrant')}</th>
            <th scope="col">{t('supervision.sample.validAt')}</th>
            <th scope="col">{t('supervision.sample.checks')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('supervision.sample.check')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const checked = item.checks.correct + item.checks.wrong + item.checks.missing;
            return (
              <tr key={item.recordId}>
                <td>{item.position}</td>
                <td>{item.entrant?.name ?? t('supervision.report.unknownEntrant')}</td>
                <td>{item.validAt === null ? '' : formatDateTime(item.validAt)}</td>
                <td>
                  {item.erased && <span className="tag">{t('supervision.sample.erased')}</span>}{' '}
                  {checked === 0
                    ? t('supervision.sample.notChecked')
                    : t('supervision.sample.checkCounts', item.checks)}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={t('supervision.sample.checkLabel', { position: item.position })}
                    onClick={() => {
                      onCheck(item.recordId);
                    }}
                  >
                    {t('supervision.sample.check')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        {sample.status === 'open' && (
          <button type="button" className="primary" aria-disabled={busy} onClick={() => void complete()}>
            {t('supervision.sample.complete')}
          </button>
        )}
        <button type="button" onClick={onReport}>
          {t('supervision.sample.report')}
        </button>
        <button type="button" onClick={onClose}>
          {t('supervision.sample.close')}
        </button>
      </div>
    </section>
  );
}
