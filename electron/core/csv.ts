/**
 * The one CSV writer of every export (the guest export, the quality report): RFC 4180 quoting,
 * CRLF line ends, and OWASP's guard against formula injection — a cell a spreadsheet would run
 * (starting with =, +, -, @, tab or CR) gets a leading apostrophe, phone numbers included,
 * since "+1+cmd" starts like a phone.
 */

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/u;

/** A text cell as a spreadsheet must read it: as text. Numbers and empty cells are written bare. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One line, without its line end. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

export const CSV_LINE_END = '\r\n';
