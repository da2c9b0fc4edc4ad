import { useTranslation } from 'react-i18next';
import { percent } from '../../../shared/domain/quality-figures.js';
import type { QualityReport, StaffQuality } from '../../../shared/ipc/quality-schemas.js';
import { fieldLabel } from './field-label.js';

/**
 * The figures as a table: the accessible source of truth (the charts repeat it for the eye).
 * Every share shows its count beside it, so nobody has to trust a rounded percentage.
 */
export function QualityTable({ report }: { report: QualityReport }) {
  const { t, i18n } = useTranslation();

  const share = (value: number | null, part: number, whole: number) =>
    value === null ? (
      <span className="muted">{t('quality.table.noData')}</span>
    ) : (
      // numbers only, the same in every language: "67% (2/3)"
      `${String(percent(value) ?? 0)}% (${String(part)}/${String(whole)})`
    );

  const returnedFields = (s: StaffQuality) =>
    s.returnedFields.length === 0
      ? t('quality.table.noReturns')
      : s.returnedFields
          .map((f) => t('quality.table.fieldCount', { field: fieldLabel(i18n, f.field), count: f.count }))
          .join('、');

  const caption = t('quality.table.caption', { from: report.from, to: report.to });
  return (
    // the table is wider than the panel in English: its scroll box takes the focus, so the keyboard
    // can scroll it too (WCAG 2.1.1)
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="quality-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('quality.table.staff')}</th>
            <th scope="col">{t('quality.table.role')}</th>
            <th scope="col">{t('quality.table.entered')}</th>
            <th scope="col">{t('quality.table.corrections')}</th>
            <th scope="col">{t('quality.table.accuracy')}</th>
            <th scope="col">{t('quality.table.completeness')}</th>
            <th scope="col">{t('quality.table.timeliness')}</th>
            <th scope="col">{t('quality.table.returns')}</th>
            <th scope="col">{t('quality.table.returnedFields')}</th>
            <th scope="col">{t('quality.table.sampling')}</th>
          </tr>
        </thead>
        <tbody>
          {report.staff.map((s) => (
            <tr key={s.staffId}>
              <th scope="row">{s.name}</th>
              <td>{t(`roles.${s.role}`)}</td>
              <td>{s.entered}</td>
              <td>{s.corrections}</td>
              <td>{share(s.accuracy, s.firstPass, s.crossReviewed)}</td>
              <td>{share(s.completeness, s.recommendedFilled, s.recommendedPossible)}</td>
              <td>{share(s.timeliness, s.onTime, s.withDeadline)}</td>
              <td>{s.returns}</td>
              <td>{returnedFields(s)}</td>
              <td>{`${String(s.sampleFindings)} / ${String(s.sampleChecks)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
