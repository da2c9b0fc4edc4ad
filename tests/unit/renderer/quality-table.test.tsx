import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';
import { QualityTable } from '../../../renderer/src/quality/QualityTable.js';
import type { QualityReport } from '../../../shared/ipc/quality-schemas.js';

beforeAll(async () => {
  await initI18n();
});

afterEach(async () => {
  cleanup();
  await switchLanguage('zh-CN');
});

const NONE = {
  entered: 0,
  corrections: 0,
  crossReviewed: 0,
  firstPass: 0,
  accuracy: null,
  completenessMeasured: 0,
  recommendedFilled: 0,
  recommendedPossible: 0,
  completeness: null,
  withDeadline: 0,
  onTime: 0,
  timeliness: null,
  returns: 0,
  returnedFields: [],
  sampleChecks: 0,
  sampleFindings: 0,
};

const REPORT: QualityReport = {
  from: '2026-11-01',
  to: '2026-11-30',
  generatedAt: 0,
  ownOnly: false,
  staff: [
    {
      ...NONE,
      staffId: 'a',
      name: 'Alice Li',
      role: 'specialist',
      entered: 3,
      crossReviewed: 3,
      firstPass: 1,
      accuracy: 1 / 3,
      returns: 2,
      // a section path has no single label: it is shown as the path
      returnedFields: [
        { field: 'contact.phone', count: 2 },
        { field: 'ski.rental', count: 1 },
      ],
    },
    { ...NONE, staffId: 'b', name: 'Bob Zhou', role: 'lead' },
  ],
  returnsByField: [],
};

describe('QualityTable', () => {
  it('shows each share with its counts, labels returned fields, and says "no data" rather than 0 %', () => {
    render(<QualityTable report={REPORT} />);
    const table = screen.getByRole('table', { name: '2026-11-01 至 2026-11-30 各员工质量数据' });
    const cells = (name: string) =>
      within(within(table).getByRole('row', { name: new RegExp(`^${name}`) }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    expect(cells('Alice Li')).toEqual([
      '客服专员',
      '3',
      '0',
      '33% (1/3)',
      '无数据',
      '无数据',
      '2',
      '电话 2 次、ski.rental 1 次',
      '0 / 0',
    ]);
    expect(cells('Bob Zhou')).toEqual([
      '客服组长',
      '0',
      '0',
      '无数据',
      '无数据',
      '无数据',
      '0',
      '无',
      '0 / 0',
    ]);
  });

  it('reads in English on request', async () => {
    await switchLanguage('en');
    render(<QualityTable report={REPORT} />);
    const table = screen.getByRole('table', { name: 'Quality per staff member, 2026-11-01 to 2026-11-30' });
    expect(
      within(table).getByRole('columnheader', { name: 'Accuracy (first-pass cross-review)' }),
    ).toBeTruthy();
    expect(table.textContent).toContain('Phone ×2');
    expect(table.textContent).toContain('no data');
  });
});
