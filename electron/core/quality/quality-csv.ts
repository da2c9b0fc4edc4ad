import { percent } from '../../../shared/domain/quality-figures.js';
import type { QualityReport, StaffQuality } from '../../../shared/ipc/quality-schemas.js';

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

/**
 * A text cell: RFC 4180 quoting, and a leading apostrophe for anything a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR: OWASP's list, without the guest export's exception for
 * phone numbers, since no cell here is one). Staff names are typed by people, so they are text.
 */
export function csvTextCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

function numberCell(value: number | null): string {
  return value === null ? '' : String(value);
}

function row(report: QualityReport, s: StaffQuality): string {
  return [
    csvTextCell(report.from),
    csvTextCell(report.to),
    csvTextCell(s.staffId),
    csvTextCell(s.name),
    csvTextCell(s.role),
    numberCell(s.entered),
    numberCell(s.corrections),
    numberCell(s.crossReviewed),
    numberCell(s.firstPass),
    numberCell(percent(s.accuracy)),
    numberCell(s.recommendedFilled),
    numberCell(s.recommendedPossible),
    numberCell(percent(s.completeness)),
    numberCell(s.withDeadline),
    numberCell(s.onTime),
    numberCell(percent(s.timeliness)),
    numberCell(s.returns),
    csvTextCell(s.returnedFields.map((f) => `${f.field}:${String(f.count)}`).join('; ')),
    numberCell(s.sampleChecks),
    numberCell(s.sampleFindings),
  ].join(',');
}

/**
 * The report as CSV: one line per staff member, shares as whole percentages (empty: nothing to
 * measure), counts beside them so nothing depends on the rounding. UTF-8 with a byte-order mark
 * (spreadsheet programs otherwise misread Chinese names), CRLF line ends (RFC 4180). Staff names
 * and figures only: no guest value is in a report.
 */
export function qualityCsv(report: QualityReport): string {
  const lines = [QUALITY_CSV_COLUMNS.join(','), ...report.staff.map((s) => row(report, s))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
