import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { periodBounds } from '../../../shared/domain/quality-figures.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { CoreErrorShape } from '../../../shared/ipc/errors.js';
import type { ProblemCode } from '../../../shared/ipc/problem-codes.js';
import { problemMessage, say, refusalMessage } from '../forms/refusal.js';
import type { QualityReport } from '../../../shared/ipc/quality-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { formatDateTime } from '../records/display.js';
import { api } from '../snowdesk.js';
import { downloadText } from './download-text.js';
import { QualityCharts } from './QualityCharts.js';
import { QualityTable } from './QualityTable.js';
import { canSeeQuality, defaultPeriod } from './quality-view.js';
import './quality.css';

type PeriodField = 'from' | 'to';
type Problems = Partial<Record<PeriodField, ProblemCode>>;

/** The problems of a refusal that belong next to the dates; the rest is said above the button. */
function periodProblems(error: CoreErrorShape): Problems | null {
  const problems: Problems = {};
  for (const field of ['from', 'to'] as const) {
    const code = error.fields?.[field];
    if (code?.startsWith('quality.')) problems[field] = code;
  }
  return Object.keys(problems).length > 0 ? problems : null;
}

/**
 * Quality per staff member (R28) for a period: the table (what tests and screen readers read),
 * the same numbers as charts, and a CSV for those who may export (managers, supervisors).
 * Nothing for a role without any quality capability (the maintainer).
 */
export function QualityPanel({ staff }: { staff: StaffView }) {
  return canSeeQuality(staff.role) ? <QualityReportPanel staff={staff} /> : null;
}

function QualityReportPanel({ staff }: { staff: StaffView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const fromId = useId();
  const toId = useId();
  const [period, setPeriod] = useState(() => defaultPeriod(Date.now()));
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<QualityReport | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exports = roleAllows(staff.role, 'export', staff.certified);

  async function show(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setSaved(null);
    const local = periodBounds(period.from, period.to);
    if (!local.ok) {
      setProblems(
        Object.fromEntries(Object.entries(local.problems).map(([f, p]) => [f, `quality.period_${p}`])),
      );
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const result = await api().call('quality.figures', period);
      if (result.ok) {
        setReport(result.value);
      } else {
        const near = periodProblems(result.error);
        if (near) setProblems(near);
        else setFailure(say(t, refusalMessage(result.error)));
      }
    } finally {
      setBusy(false);
    }
  }

  async function downloadCsv() {
    if (!report || busy) return;
    setFailure(null);
    setBusy(true);
    try {
      const result = await api().call('quality.csv', { from: report.from, to: report.to });
      if (result.ok) {
        downloadText(result.value.fileName, result.value.csv);
        setSaved(t('quality.csv.done', { file: result.value.fileName }));
      } else {
        setFailure(say(t, refusalMessage(result.error)));
      }
    } finally {
      setBusy(false);
    }
  }

  const dateField = (field: PeriodField, id: string) => {
    const problem = problems[field];
    return (
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{t(`quality.${field}`)}</label>
        <input
          id={id}
          type="date"
          value={period[field]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setPeriod((p) => ({ ...p, [field]: event.target.value }));
          }}
        />
        {problem && (
          <p id={`${id}-problem`} className="field-problem">
            {say(t, problemMessage(problem))}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="panel panel-wide quality-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('quality.title')}</h2>
      <p>{t('quality.intro')}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void show(event)}>
        <fieldset className="quality-period">
          <legend>{t('quality.period')}</legend>
          {dateField('from', fromId)}
          {dateField('to', toId)}
          <div className="actions">
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('quality.show')}
            </button>
          </div>
        </fieldset>
      </form>
      {failure && (
        <div role="alert" className="notice notice-problem">
          <p>{failure}</p>
        </div>
      )}
      {busy && !report && <p role="status">{t('quality.loading')}</p>}
      {report && (
        <>
          {report.ownOnly && <p className="muted">{t('quality.ownOnly')}</p>}
          <p className="muted">{t('quality.generatedAt', { time: formatDateTime(report.generatedAt) })}</p>
          <QualityTable report={report} />
          <QualityCharts report={report} />
          {exports && (
            <div className="actions actions-start">
              <button type="button" aria-disabled={busy} onClick={() => void downloadCsv()}>
                {t('quality.csv.download')}
              </button>
            </div>
          )}
          {saved && (
            <p role="status" className="notice notice-ok">
              {saved}
            </p>
          )}
        </>
      )}
    </section>
  );
}
