import { useId, useState, type SubmitEvent } from 'react';
import { problemMessage, describeRefusal } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import type { PermissionUse } from '../../../shared/ipc/supervision-schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Message, Refusal } from '../forms/refusal.js';
import { coreToday } from '../records/desk-clock.js';
import { formatDateTime } from '../records/display.js';
import { api } from '../snowdesk.js';
import { keyIn } from '../i18n-types.js';
import { DateField } from './DateField.js';

/** R20, R26: who viewed full values, exported, reset passwords, or was refused, in a period. */
export function PermissionUseReport() {
  const { t } = useTranslation();
  const titleId = useId();
  const [from, setFrom] = useState(coreToday);
  const [to, setTo] = useState(coreToday);
  const [answer, setAnswer] = useState<PermissionUse | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    const fields: Record<string, Message> = {};
    if (from === '') fields.from = problemMessage('sampling.required');
    if (to === '') fields.to = problemMessage('sampling.required');
    if (from !== '' && to !== '' && from > to) fields.to = problemMessage('sampling.period_reversed');
    if (Object.keys(fields).length > 0) {
      setRefusal({ summary: { key: 'errors.checkFields' }, fields });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const result = await api().call('audit.permissionUse', { from, to });
      if (result.ok) setAnswer(result.value);
      else setRefusal(describeRefusal(result.error, { from: 'from', to: 'to' }));
    } finally {
      setBusy(false);
    }
  }

  const reasons = (row: PermissionUse['rows'][number]) =>
    Object.entries(row.reasons)
      .map(
        ([reason, count]) =>
          `${t(keyIn('supervision.use.reason', reason, 'supervision.use.reasons'))} ${String(count)}`,
      )
      .join('，');

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('supervision.use.title')}</h2>
      <p>{t('supervision.use.intro')}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <div className="form-row">
          <DateField
            label={t('supervision.use.from')}
            value={from}
            onChange={setFrom}
            problem={refusal?.fields.from}
          />
          <DateField
            label={t('supervision.use.to')}
            value={to}
            onChange={setTo}
            problem={refusal?.fields.to}
          />
        </div>
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('supervision.use.show')}
          </button>
        </div>
      </form>
      {answer && (
        <>
          <p role="status">{t('supervision.use.totals', answer.totals)}</p>
          {answer.rows.length === 0 ? (
            <p className="muted">{t('supervision.use.empty')}</p>
          ) : (
            <table className="sampling-table report-table">
              <caption>{t('supervision.use.caption', { from: answer.from, to: answer.to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('supervision.use.kind')}</th>
                  <th scope="col">{t('supervision.use.who')}</th>
                  <th scope="col">{t('supervision.use.count')}</th>
                  <th scope="col">{t('supervision.use.refused')}</th>
                  <th scope="col">{t('supervision.use.reasons')}</th>
                  <th scope="col">{t('supervision.use.last')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.rows.map((row) => (
                  <tr key={`${row.kind}/${row.actor?.id ?? ''}`}>
                    <td>{t(`supervision.use.kinds.${row.kind}`)}</td>
                    <td>{row.actor?.name ?? t('supervision.use.nobody')}</td>
                    <td>{row.count}</td>
                    <td>{row.refused}</td>
                    <td>{reasons(row)}</td>
                    <td>{formatDateTime(row.last)}</td>
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
