import { percent } from '../../../shared/domain/quality-figures.js';
import type { QualityReport, StaffQuality } from '../../../shared/ipc/quality-schemas.js';
import { CSV_LINE_END, csvLine } from '../csv.js';

/** Stable column names (English, like the guest export): scripts and spreadsheets key on them. */
export const QUALITY_CSV_COLUMNS = [
  'from',
  'to',
  'staff_id',
  'staff_name',
  'role',
  'entered',
  'corrections',
  'cross_reviewed',
  'first_pass',
  'accuracy_percent',
  'recommended_filled',
  'recommended_possible',
  'completeness_percent',
  'with_deadline',
  'on_time',
  'timeliness_percent',
  'returns',
  'returned_fields',
  'sample_checks',
  'sample_findings',
] as const;

function row(report: QualityReport, s: StaffQuality): string {
  return csvLine([
    report.from,
    report.to,
    s.staffId,
    s.name,
    s.role,
    s.entered,
    s.corrections,
    s.crossReviewed,
    s.firstPass,
    percent(s.accuracy),
    s.recommendedFilled,
    s.recommendedPossible,
    percent(s.completeness),
    s.withDeadline,
    s.onTime,
    percent(s.timeliness),
    s.returns,
    s.returnedFields.map((f) => `${f.field}:${String(f.count)}`).join('; '),
    s.sampleChecks,
    s.sampleFindings,
  ]);
}

/**
 * The report as CSV: one line per staff member, shares as whole percentages (empty: nothing to
 * measure), counts beside them so nothing depends on the rounding. UTF-8 with a byte-order mark
 * (spreadsheet programs otherwise misread Chinese names), CRLF line ends (RFC 4180). Staff names
 * and figures only: no guest value is in a report.
 */
export function qualityCsv(report: QualityReport): string {
  const lines = [QUALITY_CSV_COLUMNS.join(','), ...report.staff.map((s) => row(report, s))];
  return `\uFEFF${lines.join(CSV_LINE_END)}${CSV_LINE_END}`;
}
