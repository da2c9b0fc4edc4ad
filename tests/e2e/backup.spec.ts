import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSettingsFile } from '../../electron/core/settings-file.js';
import { call } from '../support/core-harness.js';
import { expect, test as kioskTest, type Kiosk } from '../support/snowdesk-test.js';

/**
 * Backups (R16) through the real renderer and core in Chromium: the maintainer sets the folder,
 * backs up now and sees the last good backup; a failed and a stale backup are warned about, in the
 * section and in the header; a restore from the screen verifies first, then signs everyone out.
 */

const DAY = 24 * 60 * 60 * 1000;

/** `usb`: an empty folder beside the data folder, standing in for the backup drive. */
const test = kioskTest.extend<{ usb: string }>({
  usb: async ({ workDir }, use) => {
    const usb = join(workDir, 'usb');
    mkdirSync(usb);
    await use(usb);
  },
});

async function openBackups({ page, openMaintenance }: Kiosk): Promise<void> {
  await openMaintenance('备份');
  await expect(page.getByRole('heading', { name: '备份', exact: true })).toBeVisible();
}

/** The app launched, the maintainer signed in and at the backup section. */
async function maintainerAtBackups(launch: () => Promise<Kiosk>): Promise<Kiosk> {
  const app = await launch();
  await app.signInAsMaintainer();
  await openBackups(app);
  return app;
}

test('the maintainer sets the backup folder, backs up now and sees the last good backup', async ({
  dataDir,
  workDir,
  usb,
  prepareKiosk,
  launch,
}) => {
  await prepareKiosk();
  const { page, consoleErrors, field } = await maintainerAtBackups(launch);
  const header = page.getByRole('status', { name: '备份提醒' });
  await expect(header).toHaveText('未设置备份');
  const warning = page.getByRole('alert').filter({ hasText: '备份需要处理' });
  await expect(warning).toContainText('尚未设置备份文件夹');
  await expect(warning).toContainText('本机还没有成功备份过');

  // a folder that is not there is refused next to the field
  await field('备份文件夹（完整路径）').fill(join(workDir, 'no-such-drive'));
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(field('备份文件夹（完整路径）')).toHaveAccessibleDescription(/备份文件夹不存在/);
  await field('每日备份时间（北京时间）').fill('25:00');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(field('每日备份时间（北京时间）')).toHaveAccessibleDescription(/请按 HH:MM 填写/);

  await field('备份文件夹（完整路径）').fill(usb);
  await field('每日备份时间（北京时间）').fill('23:45');
  await field('保留天数').fill('14');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('status').filter({ hasText: '备份设置已保存。' })).toBeVisible();
  expect(openSettingsFile(dataDir).get('backupFolder')).toBe(usb);

  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status').filter({ hasText: '备份完成：snowdesk-' })).toBeVisible();
  const files = readdirSync(usb).filter((name) => name.endsWith('.sdbak'));
  expect(files).toHaveLength(1);
  const facts = page.getByRole('definition');
  const list = page.getByLabel('备份状态', { exact: true });
  await expect(list).toContainText(files[0] ?? 'missing');
  await expect(list).toContainText(usb);
  await expect(facts.filter({ hasText: /\d{2}:\d{2}/ }).first()).toBeVisible();
  await expect(warning).toHaveCount(0);
  // the header follows the core's event
  await expect(header).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a failed backup and a stale one are warned about, in the section and in the header', async ({
  clock,
  usb,
  prepareKiosk,
  launch,
}) => {
  // a good backup two days ago, then the folder setting was cleared: nothing ran since
  await prepareKiosk(async (core) => {
    await call(core, 'backup.configure', { folder: usb, time: '23:30', keepDays: 30 });
    expect(await call(core, 'backup.run', {})).toMatchObject({ ok: true });
    await call(core, 'backup.configure', { folder: null, time: '23:30', keepDays: 30 });
  });
  clock.advance(2 * DAY);
  const { page, core, consoleErrors, field } = await maintainerAtBackups(launch);
  const header = page.getByRole('status', { name: '备份提醒' });
  await expect(header).toHaveText('未设置备份');
  const warning = page.getByRole('alert').filter({ hasText: '备份需要处理' });
  await expect(warning).toContainText('上次成功备份已超过一天');
  await expect(warning).toContainText('尚未设置备份文件夹');

  // set again, and the drive is gone when the maintainer backs up
  await field('备份文件夹（完整路径）').fill(usb);
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('status').filter({ hasText: '备份设置已保存。' })).toBeVisible();
  // the core's timer may catch up on the missed night at once: let it finish first
  await core.backupSchedule.settled();
  rmSync(usb, { recursive: true });
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'U 盘是否插好' }).first()).toBeVisible();
  await expect(warning).toContainText('上次备份失败：备份文件夹不存在');
  await expect(header).toHaveText('备份失败');
  expect(consoleErrors).toEqual([]);
});

test('a restore from the screen refuses a wrong key with nothing changed, then restores and signs everyone out', async ({
  dataDir,
  usb,
  prepareKiosk,
  launch,
}) => {
  let file = '';
  const { recoveryKey } = await prepareKiosk(async (core) => {
    await call(core, 'backup.configure', { folder: usb, time: '23:30', keepDays: 30 });
    const made = await call(core, 'backup.run', {});
    if (!made.ok) throw new Error(made.detail);
    file = join(usb, made.fileName);
    // after the backup: an account the restore will take away
    await call(core, 'staff.create', { name: 'Lead Wang', role: 'lead', password: 'first-pass-2026!' });
  });
  const app = await maintainerAtBackups(launch);
  const { page, core, consoleErrors, field, signInAsMaintainer } = app;

  await field('备份文件（完整路径）').fill(file);
  // another kiosk's key: a well-formed key that does not open this backup
  const wrongKey = recoveryKey.replace(/^[0-9A-Z]/u, (c) => (c === '0' ? '1' : '0'));
  await field('恢复密钥').fill(wrongKey);
  await page.getByRole('button', { name: '恢复…' }).click();
  const confirm = page.getByRole('alertdialog', { name: '确认恢复' });
  await expect(confirm).toContainText('本机当前的数据会原样保留在数据文件夹中');
  await confirm.getByRole('button', { name: '确定恢复' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '没有恢复' })).toContainText('本机数据没有改动');
  expect((await call(core, 'staff.list', {})).map((s) => s.name)).toContain('Lead Wang');

  await field('恢复密钥').fill(recoveryKey);
  await page.getByRole('button', { name: '恢复…' }).click();
  await confirm.getByRole('button', { name: '确定恢复' }).click();
  // everyone is signed out
  await expect(field('姓名')).toBeVisible();
  // the core's thread swaps the files; the sign-in screen may show before the rename is seen here
  await expect
    .poll(() => readdirSync(dataDir).some((name) => name.startsWith('snowdesk.db.before-restore-')))
    .toBe(true);
  await signInAsMaintainer();
  await openBackups(app);
  await expect(page.getByLabel('备份状态', { exact: true })).toContainText('上次恢复');
  expect((await call(core, 'staff.list', {})).map((s) => s.name)).not.toContain('Lead Wang');
  expect(existsSync(file)).toBe(true);
  expect(consoleErrors).toEqual([]);
});
