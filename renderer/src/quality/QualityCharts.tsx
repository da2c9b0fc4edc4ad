import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../../shared/domain/quality-figures.js';
import type { QualityReport } from '../../../shared/ipc/quality-schemas.js';
import { fieldLabel } from './field-label.js';

/** Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = { accuracy: '#0072B2', completeness: '#E69F00', timeliness: '#009E73', returns: '#CC79A7' };

/**
 * The table again, for the eye (recharts draws SVG through React: no eval, no inline <style>, so
 * the renderer's CSP holds). Each chart is a figure whose caption names it; the SVG carries the
 * same title and a description that points at the table, which screen readers should read instead.
 */
export function QualityCharts({ report }: { report: QualityReport }) {
  const { t, i18n } = useTranslation();
  const ratesId = useId();
  const returnsId = useId();
  const rates = report.staff
    .filter((s) => s.entered > 0)
    .map((s) => ({
      name: s.name,
      accuracy: percent(s.accuracy),
      completeness: percent(s.completeness),
      timeliness: percent(s.timeliness),
    }));
  const returns = report.returnsByField.map((f) => ({ field: fieldLabel(i18n, f.field), count: f.count }));

  return (
    <div className="quality-charts">
      <figure aria-labelledby={ratesId}>
        <figcaption id={ratesId}>{t('quality.chart.ratesTitle')}</figcaption>
        {rates.length === 0 ? (
          <p className="muted">{t('quality.chart.noEntries')}</p>
        ) : (
          <BarChart
            width={Math.max(360, 120 * rates.length + 120)}
            height={280}
            data={rates}
            title={t('quality.chart.ratesTitle')}
            desc={t('quality.chart.ratesDesc')}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar
              dataKey="accuracy"
              name={t('quality.chart.accuracy')}
              fill={COLOURS.accuracy}
              isAnimationActive={false}
            />
            <Bar
              dataKey="completeness"
              name={t('quality.chart.completeness')}
              fill={COLOURS.completeness}
              isAnimationActive={false}
            />
            <Bar
              dataKey="timeliness"
              name={t('quality.chart.timeliness')}
              fill={COLOURS.timeliness}
              isAnimationActive={false}
            />
          </BarChart>
        )}
      </figure>
      <figure aria-labelledby={returnsId}>
        <figcaption id={returnsId}>{t('quality.chart.returnsTitle')}</figcaption>
        {returns.length === 0 ? (
          <p className="muted">{t('quality.chart.noReturns')}</p>
        ) : (
          <BarChart
            layout="vertical"
            width={480}
            height={Math.max(120, 36 * returns.length + 60)}
            data={returns}
            title={t('quality.chart.returnsTitle')}
            desc={t('quality.chart.returnsDesc')}
            margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="field" width={140} />
            <Tooltip />
            <Bar
              dataKey="count"
              name={t('quality.chart.returns')}
              fill={COLOURS.returns}
              isAnimationActive={false}
            />
          </BarChart>
        )}
      </figure>
    </div>
  );
}
