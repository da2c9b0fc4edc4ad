import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN, call, refusal, SETUP } from '../support/core-harness.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * The maintainer's screens through the real renderer and core in Chromium: enrolment that goes
 * wrong says why in words (wrong token, wrong key, unreachable, not a code), and a recovery key
 * that was never confirmed is replaced through the same two steps as at first setup.
 */

test('enrolment that goes wrong says why: wrong token, wrong key, unreachable, not a code', async ({
  central,
  prepareKiosk,
  launch,
}) => {
  const server = central.server;
  await prepareKiosk();
  const { page, consoleErrors, field, signInAsMaintainer, openMaintenance } = await launch();
  const status = page.getByRole('status', { name: '网络状态' });
  await signInAsMaintainer();
  await openMaintenance('本机与中心系统');
  await expect(page.getByRole('heading', { name: '接入中心系统' })).toBeVisible();

  // not an enrolment code: said next to the field, nothing sent
  await field('接入码').fill('hello central');
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(field('接入码')).toHaveAccessibleDescription(/这不是接入码/);
  expect(server.requests()).toEqual([]);

  await page.getByRole('radio', { name: '逐项填写' }).check();
  const token = server.issueToken();
  const alert = page.getByRole('alert');

  // a token the central system never issued
  await field('中心系统地址').fill(server.url);
  await field('设备令牌').fill(randomBytes(32).toString('base64url'));
  await field('中心系统公钥').fill(server.centralPublicKey);
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(alert).toContainText('设备令牌不对');
  await expect(alert).toContainText('HTTP 401');
  await page.getByRole('button', { name: '接入', exact: true }).click();
  await expect(alert).toContainText('设备令牌不对');
  await expect(status).toContainText('未接入中心系统');

  // the right token, another central system's key
  await field('设备令牌').fill(token);
  await field('中心系统公钥').fill(randomBytes(32).toString('base64'));
  await page.getByRole('button', { name: '接入', exact: true }).click();
  await expect(alert).toContainText('公钥不对');

  // a key that is not one at all is refused on the page
  await field('中心系统公钥').fill('not-a-key');
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(field('中心系统公钥')).toHaveAccessibleDescription(/公钥应为 44 个字符/);

  // the central system does not answer
  await field('中心系统公钥').fill(server.centralPublicKey);
  await server.faults.refuseConnections('closed');
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(alert).toContainText('连不上中心系统');
  await server.faults.acceptConnections();

  // everything right, by enrolment code this time
  await page.getByRole('radio', { name: '粘贴接入码' }).check();
  await field('接入码').fill(server.enrolmentCode(token));
  await expect(page.getByText(`这个接入码连接到：${server.url}`)).toBeVisible();
  await page.getByRole('button', { name: '接入', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已接入中心系统' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '重新接入' })).toBeVisible();
  await expect(status).toContainText('在线');
  await expect(status).toContainText('中心系统已连接');
  await page.getByRole('button', { name: '测试连接' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: '这个设备令牌已接入本机' })).toBeVisible();
  await expect(page.getByText('没有需要处理的数据。')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a recovery key never confirmed is replaced: password, the new key once, its groups typed back', async ({
  withCore,
  launch,
}) => {
  // first setup left at the recovery key: nobody typed it back
  const oldKey = await withCore(async (prepared) => {
    const { recoveryKey } = await call(prepared, 'setup.create', SETUP);
    await call(prepared, 'session.signOut', {});
    return recoveryKey;
  });
  const { page, core, consoleErrors, field, signInAsMaintainer, openMaintenance, copyRecoveryKey } =
    await launch();
  await signInAsMaintainer();
  const warning = page.getByRole('region', { name: '恢复密钥尚未确认' });
  await expect(warning).toBeVisible();

  // the password again, and a wrong one issues nothing
  await warning.getByRole('button', { name: '签发新的恢复密钥' }).click();
  await field('密码').fill('not-my-password');
  await page.getByRole('button', { name: '签发并显示' }).click();
  await expect(page.getByRole('alert')).toContainText('密码不正确，没有签发新的恢复密钥');
  expect(await call(core, 'app.info', {})).toMatchObject({ recoveryKeyConfirmed: false });
  await field('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '签发并显示' }).click();

  // the same two steps as at first setup: shown once, then the asked groups typed back
  const groups = await copyRecoveryKey();
  const newKey = groups.join('-');
  expect(newKey).not.toBe(oldKey);
  const inputs = page.locator('.key-inputs input');
  const labels = await page.locator('.key-inputs label').allTextContents();
  for (const [i, label] of labels.entries()) {
    const n = Number(/\d+/.exec(label)?.[0]);
    await inputs.nth(i).fill(groups[n - 1] ?? '');
  }
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复密钥已确认' })).toBeVisible();
  await expect(warning).toHaveCount(0);
  await openMaintenance('本机与中心系统');
  await expect(page.getByText('恢复密钥已抄写并确认')).toBeVisible();
  expect(await call(core, 'app.info', {})).toMatchObject({ recoveryKeyConfirmed: true });
  expect(consoleErrors).toEqual([]);

  // the old key opens nothing any more; the new one does
  const next = 'a-new-password-2026!';
  expect(
    await refusal(core, 'recovery.resetPassword', {
      recoveryKey: oldKey,
      name: ADMIN.name,
      newPassword: next,
    }),
  ).toMatchObject({ code: 'wrong_recovery_key' });
  expect(
    await call(core, 'recovery.resetPassword', { recoveryKey: newKey, name: ADMIN.name, newPassword: next }),
  ).toMatchObject({ status: 'signed-in' });
});

test('the maintainer closes the kiosk from the device view: confirmed, focus kept on the question, audited', async ({
  dataDir,
  prepareKiosk,
  launch,
}) => {
  await prepareKiosk();
  const { page, consoleErrors, signInAsMaintainer, openMaintenance } = await launch();
  await signInAsMaintainer();
  await openMaintenance('本机与中心系统');
  const opener = page.getByRole('button', { name: '关闭 Snowdesk…' });
  await opener.click();
  const question = page.getByRole('alertdialog', { name: '确认关闭' });
  await expect(question).toContainText('不再自动同步和备份');
  await expect(question.getByRole('button', { name: '确定关闭' })).toBeFocused();
  // cancelling changes nothing and gives the focus back to where the person was
  await question.getByRole('button', { name: '取消' }).click();
  await expect(question).toHaveCount(0);
  await expect(opener).toBeFocused();

  await opener.click();
  await question.getByRole('button', { name: '确定关闭' }).click();
  // in Electron the main process quits once the core has said yes; the preview only says so
  await expect(page.getByRole('status').filter({ hasText: '正在关闭 Snowdesk…' })).toBeVisible();
  const db = new Database(join(dataDir, 'snowdesk.db'), { readonly: true, fileMustExist: true });
  try {
    const quits = db.prepare("SELECT outcome FROM audit_log WHERE action = 'app.quit'").all();
    expect(quits).toEqual([{ outcome: 'ok' }]);
  } finally {
    db.close();
  }
  expect(consoleErrors).toEqual([]);
});
