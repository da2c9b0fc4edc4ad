/**
 * One line of the bench table and of bench/results.json.
 *
 * - `value` is null when the workload is not built yet (or could not run here); then `ok` is
 *   false and `note` says what is missing, so a missing figure never passes for a good one.
 * - `budget` is null for lines that only inform (a p99, a peer's own figure); their `ok` is null.
 * - `peer`, `peerValue` and `ratio` appear only when a peer ran the same workload in the same
 *   process run; `ratio` is value / peerValue.
 */
export interface BenchResult {
  name: string;
  value: number | null;
  unit: string;
  budget: string | null;
  ok: boolean | null;
  peer?: string;
  peerValue?: number | null;
  ratio?: number | null;
  note?: string;
}

export function pending(name: string, unit: string, budget: string, note: string): BenchResult {
  return { name, value: null, unit, budget, ok: false, note };
}

/** A line held to a time budget: `ms` measured, at most `maxMs` allowed; shown in seconds. */
export function timed(name: string, ms: number, budget: string, maxMs: number, note: string): BenchResult {
  return { name, value: ms / 1000, unit: 's', budget, ok: ms <= maxMs, note };
}

/** A line that only informs (a rate beside a timed line, a peer's figure): no budget, no verdict. */
export function informs(name: string, value: number, unit: string, note: string): BenchResult {
  return { name, value, unit, budget: null, ok: null, note };
}

function fmt(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
  return Number(value.toPrecision(digits)).toString();
}

/** The table as text: name, value, unit, budget, ok, then the peer columns. */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'budget', 'ok', 'peer', 'peer value', 'ratio'];
  const rows = results.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    r.budget ?? '—',
    r.ok === null ? '—' : r.ok ? 'yes' : 'NO',
    r.peer ?? '',
    r.peer === undefined ? '' : fmt(r.peerValue),
    r.peer === undefined ? '' : r.ratio == null ? '—' : `${fmt(r.ratio, 2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 6 || i === 7 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const notes = results.filter((r) => r.note !== undefined);
  if (notes.length > 0) {
    out.push('', 'notes:');
    for (const r of notes) out.push(`  ${r.name}: ${r.note ?? ''}`);
  }
  return out.join('\n');
}
