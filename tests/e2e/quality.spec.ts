import type { Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEOPLE } from '../support/desk-harness.js';
import {
  enterQualityScenario,
  EXPECTED,
  QUALITY_DAY,
  recordSampleChecks,
} from '../support/quality-scenario.js';
import { expect, test as deskTest, type Kiosk } from '../support/snowdesk-test.js';

/**
 * Issue 6, quality per staff member (R28): a desk day with known numbers is entered through the
 * core (tests/support/quality-scenario.ts), then a lead and a manager read the figures on the
 * screen, and the manager's CSV download carries the same numbers.
 */

/** The desk after the scenario's day, at the sign-in screen. */
const test = deskTest.extend({
  desk: async ({ desk, clock, dataDir }, use) => {
    const { aliceFirst } = await enterQualityScenario(desk.core, clock);
    recordSampleChecks(
      dataDir,
      aliceFirst,
      desk.ids.supervisor,
      [
        ['correct', 'name'],
        ['wrong', 'contact.phone'],
        ['missing', 'emergencyContact.name'],
      ],
      clock.now(),
    );
    await desk.showSignIn();
    await use(desk);
  },
});

/** Opens the quality figures for the scenario's day; returns the table. */
async function showDay({ page, openSection }: Kiosk): Promise<Locator> {
  await openSection('质量统计');
  const panel = page.getByRole('region', { name: '质量统计' });
  await panel.getByLabel('开始日期').fill(QUALITY_DAY);
  await panel.getByLabel('结束日期').fill(QUALITY_DAY);
  await panel.getByRole('button', { name: '显示统计' }).click();
  const table = panel.getByRole('table', { name: `${QUALITY_DAY} 至 ${QUALITY_DAY} 各员工质量数据` });
  await expect(table).toBeVisible();
  return table;
}

/** The row's cells after the name, as the table shows them. */
async function cellsOf(table: Locator, name: string): Promise<string[]> {
  return table
    .getByRole('row', { name: new RegExp(`^${name}`) })
    .getByRole('cell')
    .allInnerTexts();
}

/** What the table must say for a person of the scenario (see quality-scenario.ts). */
function expectedCells(who: 'alice' | 'bob'): string[] {
  const e = EXPECTED[who];
  return [
    '客服专员',
    String(e.entered),
    String(e.corrections),
    `${String(e.accuracy)}% (${String(e.firstPass)}/${String(e.crossReviewed)})`,
    `${String(e.completeness)}% (${String(e.recommendedFilled)}/${String(e.recommendedPossible)})`,
    `${String(e.timeliness)}% (${String(e.onTime)}/${String(e.withDeadline)})`,
    String(e.returns),
    who === 'alice' ? '电话 1 次' : '无',
    `${String(e.sampleFindings)} / ${String(e.sampleChecks)}`,
  ];
}

test('a lead reads the day’s quality figures per staff member, and the manager’s CSV has the same numbers', async ({
  desk,
  workDir,
}) => {
  const { page, consoleErrors, signIn, signOut, shot } = desk;

  await signIn('lead');
  let table = await showDay(desk);
  expect(await cellsOf(table, PEOPLE.alice.name)).toEqual(expectedCells('alice'));
  expect(await cellsOf(table, PEOPLE.bob.name)).toEqual(expectedCells('bob'));
  // someone who entered nothing has no shares, not 0 %
  const noShare = '无数据';
  expect(await cellsOf(table, PEOPLE.lead.name)).toEqual([
    '客服组长',
    '0',
    '0',
    noShare,
    noShare,
    noShare,
    '0',
    '无',
    '0 / 0',
  ]);
  // the charts repeat the table for the eye, named for people who cannot see them
  const panel = page.getByRole('region', { name: '质量统计' });
  await expect(
    panel.getByRole('figure', { name: '各员工准确性、完整性、及时性（%）' }).locator('svg').first(),
  ).toBeVisible();
  await expect(
    panel.getByRole('figure', { name: '按字段统计的退回次数' }).locator('svg').first(),
  ).toBeVisible();
  // a lead may not export (DESIGN: export is for managers and supervisors)
  await expect(panel.getByRole('button', { name: '下载 CSV' })).toHaveCount(0);
  await shot('quality', panel);
  await signOut();

  // a specialist sees her own line only
  await signIn('alice');
  table = await showDay(desk);
  await expect(table.getByRole('row')).toHaveCount(2);
  expect(await cellsOf(table, PEOPLE.alice.name)).toEqual(expectedCells('alice'));
  await signOut();

  await signIn('manager');
  table = await showDay(desk);
  expect(await cellsOf(table, PEOPLE.alice.name)).toEqual(expectedCells('alice'));
  const downloading = page.waitForEvent('download');
  await page.getByRole('region', { name: '质量统计' }).getByRole('button', { name: '下载 CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`snowdesk-quality-${QUALITY_DAY}-${QUALITY_DAY}.csv`);
  const saved = join(workDir, 'quality.csv');
  await download.saveAs(saved);
  const csv = readFileSync(saved, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
  const columns = (header ?? '').split(',');
  const rows = lines.map((line): Record<string, string> =>
    Object.fromEntries(line.split(',').map((v, i) => [columns[i] ?? '', v])),
  );
  for (const who of ['alice', 'bob'] as const) {
    const e = EXPECTED[who];
    expect(rows.find((r) => r['staff_name'] === PEOPLE[who].name)).toMatchObject({
      entered: String(e.entered),
      cross_reviewed: String(e.crossReviewed),
      first_pass: String(e.firstPass),
      accuracy_percent: String(e.accuracy),
      recommended_filled: String(e.recommendedFilled),
      recommended_possible: String(e.recommendedPossible),
      completeness_percent: String(e.completeness),
      with_deadline: String(e.withDeadline),
      on_time: String(e.onTime),
      timeliness_percent: String(e.timeliness),
      returns: String(e.returns),
      returned_fields: e.returnedFields,
      sample_checks: String(e.sampleChecks),
      sample_findings: String(e.sampleFindings),
    });
  }
  await expect(page.getByRole('status').filter({ hasText: '已生成 snowdesk-quality-' })).toBeVisible();
  // the page kept to its CSP (no eval, no inline style) and the catalogs had every message
  expect(consoleErrors).toEqual([]);
});

test('a reversed or over-long period is pointed out next to the dates', async ({ desk }) => {
  const { page, consoleErrors, signIn, openSection } = desk;
  await signIn('manager');
  await openSection('质量统计');
  const panel = page.getByRole('region', { name: '质量统计' });
  await panel.getByLabel('开始日期').fill('2026-11-24');
  await panel.getByLabel('结束日期').fill('2026-11-23');
  await panel.getByRole('button', { name: '显示统计' }).click();
  await expect(panel.getByLabel('结束日期')).toHaveAccessibleDescription(/结束日期不能早于开始日期。$/);
  await panel.getByLabel('开始日期').fill('2025-11-01');
  await panel.getByRole('button', { name: '显示统计' }).click();
  await expect(panel.getByLabel('结束日期')).toHaveAccessibleDescription(/时间段最长一年（366 天）。$/);
  await expect(panel.getByRole('table')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
