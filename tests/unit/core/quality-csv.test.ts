import { describe, expect, it } from 'vitest';
import { csvCell as csvTextCell } from '../../../electron/core/csv.js';
import { QUALITY_CSV_COLUMNS, qualityCsv } from '../../../electron/core/quality/quality-csv.js';
import type { QualityReport } from '../../../shared/ipc/quality-schemas.js';

const ROW: QualityReport['staff'][number] = {
  staffId: 's1',
  name: '=HYPERLINK("http://x","点我")',
  role: 'specialist',
  entered: 3,
  corrections: 1,
  crossReviewed: 3,
  firstPass: 2,
  accuracy: 2 / 3,
  completenessMeasured: 3,
  recommendedFilled: 7,
  recommendedPossible: 12,
  completeness: 7 / 12,
  withDeadline: 0,
  onTime: 0,
  timeliness: null,
  returns: 1,
  returnedFields: [
    { field: 'contact.phone', count: 1 },
    { field: 'homeAddress', count: 1 },
  ],
  sampleChecks: 0,
  sampleFindings: 0,
};

describe('the quality CSV', () => {
  it('guards every text cell a spreadsheet would run as a formula, and quotes per RFC 4180', () => {
    for (const risky of ['=1+1', '+1', '-1+1', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvTextCell(risky).replace(/^"/u, '').startsWith("'")).toBe(true);
    }
    expect(csvTextCell('Alice Li')).toBe('Alice Li');
    expect(csvTextCell('Li, "Al"')).toBe('"Li, ""Al"""');
    expect(csvTextCell('两\n行')).toBe('"两\n行"');
  });

  it('writes one line per person with shares as whole percentages and empty cells for no data', () => {
    const csv = qualityCsv({
      from: '2026-11-01',
      to: '2026-11-30',
      generatedAt: 0,
      ownOnly: false,
      staff: [ROW],
      returnsByField: [],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const [header, line, ...rest] = csv.slice(1).split('\r\n');
    expect(rest).toEqual(['']);
    expect(header).toBe(QUALITY_CSV_COLUMNS.join(','));
    expect(line).toBe(
      `2026-11-01,2026-11-30,s1,"'=HYPERLINK(""http://x"",""点我"")",specialist,3,1,3,2,67,7,12,58,0,0,,1,contact.phone:1; homeAddress:1,0,0`,
    );
  });
});
