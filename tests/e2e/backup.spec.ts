import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openSettingsFile } from '../../electron/core/settings-file.js';
import { ADMIN, call, ManualClock, openTestCore, setUpKiosk, TEST_ARGON2 } from '../support/core-harness.js';
import { launchSnowdesk, type LaunchedSnowdesk } from '../support/launch-snowdesk.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Backups (R16) through the real renderer and core in Chromium: the maintainer sets the folder,
 * backs up now and sees the last good backup; a failed and a stale backup are warned about, in the
 * section and in the header; a restore from the screen verifies first, then signs everyone out.
 */

const DAY = 24 * 60 * 60 * 1000;
let app: LaunchedSnowdesk | undefined;
let dir: ReturnType<typeof tempDir>;

test.beforeEach(() => {
  dir = tempDir('snowdesk-e2e-backup-');
});

test.afterEach(async () => {
  await app?.core.backupSchedule.settled();
  await app?.close();
  app = undefined;
  dir.remove();
});

function field(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

async function signInAsMaintainer(page: Page): Promise<void> {
  await field(page, '姓名').fill(ADMIN.name);
  await field(page, '密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
}

async function openBackups(page: Page): Promise<void> {
  // the home screen shows one section at a time when a role has several
  const sections = page.getByRole('navigation', { name: '功能', exact: true });
  if ((await sections.count()) > 0) await sections.getByRole('button', { name: '系统维护' }).click();
  await page.getByRole('navigation', { name: '维护功能' }).getByRole('button', { name: '备份' }).click();
  await expect(page.getByRole('heading', { name: '备份', exact: true })).toBeVisible();
}

/** A set-up kiosk in `dataDir` whose settings live in its own settings file; returns its recovery key. */
async function prepareKiosk(
  dataDir: string,
  clock: ManualClock,
  work?: (core: Awaited<ReturnType<typeof openTestCore>>) => Promise<void>,
): Promise<string> {
  const core = await openTestCore(dataDir, { clock, settings: openSettingsFile(dataDir) });
  try {
    const { recoveryKey } = await setUpKiosk(core);
    await work?.(core);
    await call(core, 'session.signOut', {});
    return recoveryKey;
  } finally {
    core.close();
  }
}

test('the maintainer sets the backup folder, backs up now and sees the last good backup', async () => {
  const dataDir = join(dir.path, 'data');
  await prepareKiosk(dataDir, new ManualClock());
  const usb = join(dir.path, 'usb');
  mkdirSync(usb);
  app = await launchSnowdesk({ dataDir, argon2: TEST_ARGON2, clock: new ManualClock() });
  const { page } = app;
  await signInAsMaintainer(page);
  const header = page.getByRole('status', { name: '备份提醒' });
  await expect(header).toHaveText('未设置备份');

  await openBackups(page);
  const warning = page.getByRole('alert').filter({ hasText: '备份需要处理' });
  await expect(warning).toContainText('尚未设置备份文件夹');
  await expect(warning).toContainText('本机还没有成功备份过');

  // a folder that is not there is refused next to the field
  await field(page, '备份文件夹（完整路径）').fill(join(dir.path, 'no-such-drive'));
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(field(page, '备份文件夹（完整路径）')).toHaveAccessibleDescription(/备份文件夹不存在/);
  await field(page, '每日备份时间（北京时间）').fill('25:00');
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(field(page, '每日备份时间（北京时间）')).toHaveAccessibleDescription(/请按 HH:MM 填写/);

  await field(page, '备份文件夹（完整路径）').fill(usb);
  await field(page, '每日备份时间（北京时间）').fill('23:45');
  await field(page, '保留天数').fill('14');
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
  expect(app.consoleErrors).toEqual([]);
});

test('a failed backup and a stale one are warned about, in the section and in the header', async () => {
  const dataDir = join(dir.path, 'data');
  const usb = join(dir.path, 'usb');
  mkdirSync(usb);
  const then = new ManualClock();
  // a good backup two days ago, then the folder setting was cleared: nothing ran since
  await prepareKiosk(dataDir, then, async (core) => {
    await call(core, 'backup.configure', { folder: usb, time: '23:30', keepDays: 30 });
    expect(await call(core, 'backup.run', {})).toMatchObject({ ok: true });
    await call(core, 'backup.configure', { folder: null, time: '23:30', keepDays: 30 });
  });
  app = await launchSnowdesk({ dataDir, argon2: TEST_ARGON2, clock: new ManualClock(then.now() + 2 * DAY) });
  const { page } = app;
  await signInAsMaintainer(page);
  const header = page.getByRole('status', { name: '备份提醒' });
  await expect(header).toHaveText('未设置备份');
  await openBackups(page);
  const warning = page.getByRole('alert').filter({ hasText: '备份需要处理' });
  await expect(warning).toContainText('上次成功备份已超过一天');
  await expect(warning).toContainText('尚未设置备份文件夹');

  // set again, and the drive is gone when the maintainer backs up
  await field(page, '备份文件夹（完整路径）').fill(usb);
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByRole('status').filter({ hasText: '备份设置已保存。' })).toBeVisible();
  // the core's timer may catch up on the missed night at once: let it finish first
  await app.core.backupSchedule.settled();
  rmSync(usb, { recursive: true });
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'U 盘是否插好' }).first()).toBeVisible();
  await expect(warning).toContainText('上次备份失败：备份文件夹不存在');
  await expect(header).toHaveText('备份失败');
  expect(app.consoleErrors).toEqual([]);
});

test('a restore from the screen refuses a wrong key with nothing changed, then restores and signs everyone out', async () => {
  const dataDir = join(dir.path, 'data');
  const usb = join(dir.path, 'usb');
  mkdirSync(usb);
  let file = '';
  const recoveryKey = await prepareKiosk(dataDir, new ManualClock(), async (core) => {
    await call(core, 'backup.configure', { folder: usb, time: '23:30', keepDays: 30 });
    const made = await call(core, 'backup.run', {});
    if (!made.ok) throw new Error(made.detail);
    file = join(usb, made.fileName);
    // after the backup: an account the restore will take away
    await call(core, 'staff.create', { name: 'Lead Wang', role: 'lead', password: 'first-pass-2026!' });
  });
  app = await launchSnowdesk({ dataDir, argon2: TEST_ARGON2, clock: new ManualClock() });
  const { page, core } = app;
  await signInAsMaintainer(page);
  await openBackups(page);

  await field(page, '备份文件（完整路径）').fill(file);
  // another kiosk's key: a well-formed key that does not open this backup
  const wrongKey = recoveryKey.replace(/^[0-9A-Z]/u, (c) => (c === '0' ? '1' : '0'));
  await field(page, '恢复密钥').fill(wrongKey);
  await page.getByRole('button', { name: '恢复…' }).click();
  const confirm = page.getByRole('alertdialog', { name: '确认恢复' });
  await expect(confirm).toContainText('本机当前的数据会原样保留在数据文件夹中');
  await confirm.getByRole('button', { name: '确定恢复' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '没有恢复' })).toContainText('本机数据没有改动');
  expect((await call(core, 'staff.list', {})).map((s) => s.name)).toContain('Lead Wang');

  await field(page, '恢复密钥').fill(recoveryKey);
  await page.getByRole('button', { name: '恢复…' }).click();
  await confirm.getByRole('button', { name: '确定恢复' }).click();
  // everyone is signed out
  await expect(field(page, '姓名')).toBeVisible();
  expect(readdirSync(dataDir).some((name) => name.startsWith('snowdesk.db.before-restore-'))).toBe(true);
  await signInAsMaintainer(page);
  await openBackups(page);
  await expect(page.getByLabel('备份状态', { exact: true })).toContainText('上次恢复');
  expect((await call(core, 'staff.list', {})).map((s) => s.name)).not.toContain('Lead Wang');
  expect(existsSync(file)).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});
