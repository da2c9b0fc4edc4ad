import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabelKey } from '../records/draft-model.js';
import { callOrThrow } from '../snowdesk.js';

/** R26's audit report: findings by field and by entrant, and each wrong or missing field with its note. */
export function SampleReportView({ sampleId }: { sampleId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const report = useQuery({
    queryKey: ['sample.report', sampleId],
    queryFn: () => callOrThrow('sample.report', { sampleId }),
    gcTime: 0,
  });
  const data = report.data;
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('supervision.report.title')}</h2>
      {!data && (
        <p
          className={report.isError ? 'notice notice-problem' : 'muted'}
          role={report.isError ? 'alert' : undefined}
        >
          {t(report.isError ? 'supervision.loadFailed' : 'supervision.loading')}
        </p>
      )}
      {data && (
        <>
          <p>
            {t('supervision.sample.title', { from: data.sample.from, to: data.sample.to })} ·{' '}
            {t(`supervision.list.${data.sample.status}`)}
          </p>
          <p>
            {t('supervision.report.summary', {
              records: data.totals.records,
              checked: data.totals.checkedRecords,
              correct: data.totals.correct,
              wrong: data.totals.wrong,
              missing: data.totals.missing,
              late: data.totals.late,
            })}
          </p>
          <table className="sampling-table report-table">
            <caption>{t('supervision.report.byField')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervision.report.field')}</th>
                <th scope="col">{t('supervision.report.correct')}</th>
                <th scope="col">{t('supervision.report.wrong')}</th>
                <th scope="col">{t('supervision.report.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byField.map((row) => (
                <tr key={row.field}>
                  <th scope="row">{t(fieldLabelKey(row.field))}</th>
                  <td>{row.correct}</td>
                  <td>{row.wrong}</td>
                  <td>{row.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="sampling-table report-table">
            <caption>{t('supervision.report.byEntrant')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervision.report.entrant')}</th>
                <th scope="col">{t('supervision.report.records')}</th>
                <th scope="col">{t('supervision.report.correct')}</th>
                <th scope="col">{t('supervision.report.wrong')}</th>
                <th scope="col">{t('supervision.report.missing')}</th>
                <th scope="col">{t('supervision.report.late')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byEntrant.map((row) => (
                <tr key={row.entrant?.id ?? ''}>
                  <th scope="row">{row.entrant?.name ?? t('supervision.report.unknownEntrant')}</th>
                  <td>{row.records}</td>
                  <td>{row.correct}</td>
                  <td>{row.wrong}</td>
                  <td>{row.missing}</td>
                  <td>{row.late}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.findings.length === 0 ? (
            <p className="ok">{t('supervision.report.noFindings')}</p>
          ) : (
            <table className="sampling-table report-table">
              <caption>{t('supervision.report.findings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supervision.report.position')}</th>
                  <th scope="col">{t('supervision.report.entrant')}</th>
                  <th scope="col">{t('supervision.report.field')}</th>
                  <th scope="col">{t('supervision.report.verdict')}</th>
                  <th scope="col">{t('supervision.report.note')}</th>
                </tr>
              </thead>
              <tbody>
                {data.findings.map((finding) => (
                  <tr key={`${finding.recordId}/${finding.field}`}>
                    <td>{finding.position}</td>
                    <td>{finding.entrant?.name ?? t('supervision.report.unknownEntrant')}</td>
                    <td>{t(fieldLabelKey(finding.field))}</td>
                    <td>{t(`supervision.check.${finding.verdict}`)}</td>
                    <td>{finding.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
