import { expect, test } from '../support/snowdesk-test.js';

test('a manager publishes a new consent notice and the next intake shows it (R8)', async ({ desk }) => {
  const { page, consoleErrors, signIn, signOut, showSignIn, openSection } = desk;
  await showSignIn();

  await signIn('manager');
  await openSection('培训认证与告知书');
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
  await signOut();

  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await expect(page.getByRole('heading', { name: '个人信息收集告知（版本 2027-01）' })).toBeVisible();
  await expect(page.getByText('证件号码需您单独同意，信息保存三年')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
