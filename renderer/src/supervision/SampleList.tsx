import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../records/display.js';
import { callOrThrow } from '../snowdesk.js';

/** Every sample drawn on this kiosk, newest first, with how far its check has come. */
export function SampleList({
  selected,
  onOpen,
}: {
  selected: string | null;
  onOpen: (sampleId: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const list = useQuery({ queryKey: ['sample.list'], queryFn: () => callOrThrow('sample.list', {}) });
  const samples = list.data?.samples ?? [];
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('supervision.list.title')}</h2>
      {list.isPending && <p className="muted">{t('supervision.loading')}</p>}
      {list.isError && (
        <p role="alert" className="notice notice-problem">
          {t('supervision.loadFailed')}
        </p>
      )}
      {list.isSuccess && samples.length === 0 && <p className="muted">{t('supervision.list.empty')}</p>}
      {samples.length > 0 && (
        <table className="sampling-table">
          <caption>{t('supervision.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('supervision.list.period')}</th>
              <th scope="col">{t('supervision.list.drawnAt')}</th>
              <th scope="col">{t('supervision.list.drawnBy')}</th>
              <th scope="col">{t('supervision.list.size')}</th>
              <th scope="col">{t('supervision.list.progress')}</th>
              <th scope="col">{t('supervision.list.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('supervision.list.view')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {samples.map((sample) => (
              <tr key={sample.sampleId} aria-current={sample.sampleId === selected ? 'true' : undefined}>
                <td>
                  {sample.from} – {sample.to}
                </td>
                <td>{formatDateTime(sample.drawnAt)}</td>
                <td>{sample.drawnBy.name}</td>
                <td>
                  {sample.size} / {sample.populationCount}
                </td>
                <td>
                  {sample.checkedRecords} / {sample.size}
                </td>
                <td>{t(`supervision.list.${sample.status}`)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={t('supervision.list.viewLabel', {
                      from: sample.from,
                      to: sample.to,
                      at: formatDateTime(sample.drawnAt),
                    })}
                    onClick={() => {
                      onOpen(sample.sampleId);
                    }}
                  >
                    {t('supervision.list.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
