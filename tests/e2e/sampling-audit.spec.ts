import { call, type CoreDoor } from '../support/core-harness.js';
import { adultGuest, PEOPLE, residentId } from '../support/desk-harness.js';
import { asPerson, validGuest } from '../support/desk-work.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 6, R26 through the real renderer and the real core in Chromium: the desk's people and three
 * valid records are made through the core's dispatch (the workflow as the desk runs it); the
 * supervisor then does everything on the screens. SNOWDESK_SCREENSHOTS=<folder> saves pictures.
 */

/** Alice enters two guests and Bob one; each is cross-reviewed by the other: three valid records. */
async function threeValidRecords(core: CoreDoor): Promise<string[]> {
  const ids: string[] = [];
  for (const [entrant, sequence] of [
    ['alice', '201'],
    ['alice', '202'],
    ['bob', '203'],
  ] as const) {
    const draft = adultGuest({
      idDocument: { type: 'resident_id', number: residentId('110105', '19850312', sequence) },
    });
    ids.push(await validGuest(core, { entrant, draft }));
  }
  return ids;
}

test('the supervisor draws a sample, checks its records field by field, and the report shows the findings', async ({
  desk,
}) => {
  const { page, core, consoleErrors, signIn, shot, showSignIn } = desk;
  const [first] = await threeValidRecords(core);
  // Alice looks up a guest's full phone number at the desk: a use of a permission
  await asPerson(core, 'alice', () =>
    call(core, 'guests.reveal', { recordId: first ?? '', field: 'contact.phone', reason: 'verify_identity' }),
  );

  await showSignIn();
  await signIn('supervisor');
  // the supervisor's work starts in the sampling audit
  await expect(
    page.getByRole('navigation', { name: '功能' }).getByRole('button', { name: '抽检审计' }),
  ).toHaveAttribute('aria-current', 'page');
  const draw = page.getByRole('region', { name: '抽取样本（定期检查）' });
  await expect(draw).toBeVisible();

  // bad input, said plainly: a share of 0, a share over 100 %, a period without valid records
  await draw.getByLabel('期间开始日期').fill('2026-11-23');
  await draw.getByLabel('期间结束日期').fill('2026-11-23');
  await draw.getByLabel('抽样比例（%）').fill('0');
  await draw.getByRole('button', { name: '抽取样本' }).click();
  await expect(draw.getByText('抽样比例必须大于 0%，且不超过 100%。')).toBeVisible();
  await draw.getByLabel('抽样比例（%）').fill('150');
  await draw.getByRole('button', { name: '抽取样本' }).click();
  await expect(draw.getByText('抽样比例必须大于 0%，且不超过 100%。')).toBeVisible();
  await expect(draw.getByLabel('抽样比例（%）')).toHaveAttribute('aria-invalid', 'true');

  await draw.getByLabel('期间开始日期').fill('2026-10-01');
  await draw.getByLabel('期间结束日期').fill('2026-10-31');
  await draw.getByLabel('抽样比例（%）').fill('50');
  await draw.getByRole('button', { name: '抽取样本' }).click();
  await expect(draw.getByRole('alert')).toHaveText('所选期间内没有有效记录，无法抽样。请换一个期间。');
  await shot('sampling-empty-period');

  // the whole of the 23rd: all three valid records
  await draw.getByLabel('期间开始日期').fill('2026-11-23');
  await draw.getByLabel('期间结束日期').fill('2026-11-23');
  await draw.getByLabel('抽样比例（%）').fill('100');
  await draw.getByRole('button', { name: '抽取样本' }).click();
  await expect(draw.getByRole('status')).toHaveText('已从 3 条有效记录中抽取 3 条。');

  const sample = page.getByRole('region', { name: '样本：2026-11-23 至 2026-11-23' });
  await expect(sample).toBeVisible();
  await expect(sample.getByText('可复现：用保存的种子对同一总体重新抽取，结果相同。')).toBeVisible();
  await expect(sample.getByRole('table', { name: '样本中的记录' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('table', { name: '已抽取的样本' })).toContainText('进行中');

  // record 1: the name is wrong (with a note), the shoe size is missing, the rest is correct
  await sample.getByRole('button', { name: '核对第 1 条记录' }).click();
  const check = page.getByRole('region', { name: '逐项核对：第 1 条记录' });
  await expect(check).toBeVisible();
  await expect(
    check.getByText('记录以完整信息显示，本次查看已记入审计日志（原因：抽样检查）。'),
  ).toBeVisible();
  await expect(check.getByText('北京市朝阳区建国路88号1单元1201')).toBeVisible();
  await check.getByLabel('“姓名”的备注', { exact: true }).fill('纸质表格上写的是章伟');
  await check
    .getByRole('radiogroup', { name: '“姓名”的核对结果', exact: true })
    .getByRole('radio', { name: '错误' })
    .check();
  await check
    .getByRole('radiogroup', { name: '“鞋码”的核对结果', exact: true })
    .getByRole('radio', { name: '缺失' })
    .check();
  await expect(check.getByRole('status')).toHaveText('已核对 2 个字段。');
  const rest = check.getByRole('button', { name: '其余未核对的字段标为正确' });
  await rest.click();
  await expect(rest).toHaveAttribute('aria-disabled', 'false');
  await expect(
    check
      .getByRole('radiogroup', { name: '“家庭住址”的核对结果', exact: true })
      .getByRole('radio', { name: '正确' }),
  ).toBeChecked();
  await expect(
    check
      .getByRole('radiogroup', { name: '“姓名”的核对结果', exact: true })
      .getByRole('radio', { name: '错误' }),
  ).toBeChecked();
  await shot('sampling-check');
  await check.getByRole('button', { name: '返回样本' }).click();
  await expect(sample.getByRole('row').nth(1)).toContainText('错误 1，缺失 1');

  // completing too early is refused with a clear message
  await sample.getByRole('button', { name: '完成检查' }).click();
  await expect(sample.getByRole('alert')).toHaveText('还有记录没有核对。请先逐条核对，再完成检查。');

  for (const position of [2, 3]) {
    await sample.getByRole('button', { name: `核对第 ${String(position)} 条记录` }).click();
    const next = page.getByRole('region', { name: `逐项核对：第 ${String(position)} 条记录` });
    const restOfThese = next.getByRole('button', { name: '其余未核对的字段标为正确' });
    await restOfThese.click();
    await expect(
      next
        .getByRole('radiogroup', { name: '“姓名”的核对结果', exact: true })
        .getByRole('radio', { name: '正确' }),
    ).toBeChecked();
    // the fields are saved one call at a time (the core is on its own thread): leave once all are in
    await expect(restOfThese).toHaveAttribute('aria-disabled', 'false');
    await next.getByRole('button', { name: '返回样本' }).click();
  }

  await sample.getByRole('button', { name: '完成检查' }).click();
  await expect(sample.getByRole('status')).toHaveText('检查已完成，报告如下。');
  const report = page.getByRole('region', { name: '检查报告' });
  await expect(report).toBeVisible();
  await expect(
    report.getByText(/^共 3 条记录，已核对 3 条；正确 \d+ 项，错误 1 项，缺失 1 项；超时录入 0 条。$/),
  ).toBeVisible();
  const byField = report.getByRole('table', { name: '按字段统计' });
  await expect(byField.getByRole('row', { name: /^姓名 / })).toHaveText(/姓名\s*2\s*1\s*0/);
  await expect(byField.getByRole('row', { name: /^鞋码 / })).toHaveText(/鞋码\s*2\s*0\s*1/);
  const findings = report.getByRole('table', { name: '问题明细' });
  await expect(findings.getByRole('row')).toHaveCount(3);
  await expect(findings.getByRole('row').nth(1)).toContainText('姓名');
  await expect(findings.getByRole('row').nth(1)).toContainText('错误');
  await expect(findings.getByRole('row').nth(1)).toContainText('纸质表格上写的是章伟');
  await expect(findings.getByRole('row').nth(2)).toContainText('鞋码');
  await expect(findings.getByRole('row').nth(2)).toContainText('缺失');
  await expect(page.getByRole('table', { name: '已抽取的样本' })).toContainText('已完成');
  await shot('sampling-report');

  // the use of permissions on the 23rd: Alice's reveal, and the supervisor's own three openings
  const use = page.getByRole('region', { name: '权限使用情况' });
  await use.getByLabel('开始日期').fill('2026-11-23');
  await use.getByLabel('结束日期').fill('2026-11-23');
  await use.getByRole('button', { name: '查询' }).click();
  const table = use.getByRole('table', { name: '2026-11-23 至 2026-11-23 的权限使用' });
  const reveals = table.getByRole('row').filter({ hasText: '查看完整信息' });
  await expect(reveals.filter({ hasText: 'Alice Li' })).toContainText('核实身份 1');
  await expect(reveals.filter({ hasText: PEOPLE.supervisor.name })).toContainText('抽样检查 3');
  await expect(use.getByRole('status')).toContainText('查看完整信息 4 次');
  await shot('sampling-permission-use');
  expect(consoleErrors).toEqual([]);
});
