import { expect, test, type Page } from '@playwright/test';
import { ManualClock, TEST_ARGON2 } from '../support/core-harness.js';
import { PASSWORD, PEOPLE, staffTheDesk, type Person } from '../support/desk-harness.js';
import { openSection } from '../support/home-sections.js';
import { launchSnowdesk, type LaunchedSnowdesk } from '../support/launch-snowdesk.js';
import { tempDir } from '../support/temp-dir.js';

let app: LaunchedSnowdesk | undefined;
let dir: ReturnType<typeof tempDir>;

test.beforeEach(() => {
  dir = tempDir('snowdesk-e2e-consent-');
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  dir.remove();
});

async function signIn(page: Page, person: Person): Promise<void> {
  await page.getByLabel('姓名', { exact: true }).fill(PEOPLE[person].name);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('group', { name: '当前登录' })).toContainText(PEOPLE[person].name);
}

test('a manager publishes a new consent notice and the next intake shows it (R8)', async () => {
  app = await launchSnowdesk({ dataDir: dir.path, argon2: TEST_ARGON2, clock: new ManualClock() });
  await staffTheDesk(app.core);
  const { page } = app;
  await page.reload();

  await signIn(page, 'manager');
  await openSection(page, '培训认证与告知书');
  const editor = page.getByRole('region', { name: '个人信息收集告知书' });
  await expect(editor).toContainText('当前版本：2026-10');
  await editor.getByLabel('新版本号').fill('2026-10');
  await editor.getByRole('button', { name: '发布新版本' }).click();
  await expect(editor).toContainText('这个版本号已经发布过');
  await editor.getByLabel('告知书（中文）').fill('太短了');
  await editor.getByLabel('新版本号').fill('2027-01');
  await editor.getByRole('button', { name: '发布新版本' }).click();
  await expect(editor).toContainText('告知书内容太短');
  await editor
    .getByLabel('告知书（中文）')
    .fill(
      '本雪场为办理雪票、租赁和教学收集您的姓名、电话、证件号码和地址；证件号码需您单独同意，信息保存三年。',
    );
  await editor.getByRole('button', { name: '发布新版本' }).click();
  await expect(editor.getByRole('status')).toHaveText('已发布告知书版本 2027-01。');
  await page.getByRole('group', { name: '当前登录' }).getByRole('button', { name: '退出登录' }).click();

  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await expect(page.getByRole('heading', { name: '个人信息收集告知（版本 2027-01）' })).toBeVisible();
  await expect(page.getByText('证件号码需您单独同意，信息保存三年')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
