import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import { expect, test } from '../support/snowdesk-test.js';

test('the shell speaks zh-CN by default and switches to English', async ({ app }) => {
  const { page, core, consoleErrors } = app;

  await expect(page.getByText('Snowdesk 滑雪场客服台')).toBeVisible();
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  await expect(page.getByText('本机数据存储正常')).toBeVisible();
  await expect(page.getByText('尚未完成首次设置')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  if (core.storage.state !== 'ready') throw new Error('storage should be ready');
  await expect(page.getByText(core.storage.deviceId)).toBeVisible();

  const languages = page.getByRole('group', { name: '界面语言' });
  await languages.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'This kiosk' })).toBeVisible();
  await expect(page.getByText('Snowdesk guest desk')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(
    page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }),
  ).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the device language setting opens the shell in English', async ({ launch }) => {
  const { page, consoleErrors } = await launch({ lang: 'en' });
  await expect(page.getByRole('heading', { name: 'This kiosk' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the online indicator follows the operating system signal', async ({ launch }) => {
  const app = await launch({ lang: 'en' });
  const { page } = app;
  const status = page.getByRole('status', { name: 'Network status' });
  await app.setOnline(true);
  await expect(status).toContainText('Online');
  await expect(status).toContainText('Not connected to the central system');
  await app.setOnline(false);
  await expect(status).toContainText('Offline');
  await app.setOnline(true);
  await expect(status).toContainText('Online');
});

test('a data file that is not a database is explained on screen and left untouched', async ({
  dataDir,
  launch,
}) => {
  const path = join(dataDir, DATABASE_FILE);
  const bytes = Buffer.from('PK\u0003\u0004 a zip file someone copied here\n'.repeat(50));
  writeFileSync(path, bytes);
  const { page } = await launch();
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { name: '无法使用本机数据' })).toBeVisible();
  await expect(alert).toContainText('数据文件已损坏或不是 Snowdesk 数据库');
  await expect(alert).toContainText(dataDir);
  expect(readFileSync(path).equals(bytes)).toBe(true);
});

test('the page reaches the core only through the typed door, and bad calls get typed errors', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();

  const answers = await page.evaluate(async () => {
    const api = window.snowdesk;
    if (!api) throw new Error('no bridge');
    const raw = (window as unknown as { __snowdeskInvoke: (m: unknown, p: unknown) => Promise<unknown> })
      .__snowdeskInvoke;
    return {
      unknown: await api.call('guest.steal' as never, {} as never),
      extraKeys: await api.call('app.info', { admin: true } as never),
      rawProto: await raw('__proto__', {}),
      rawConstructor: await raw('constructor', {}),
      rawHuge: await raw('app.info', { blob: 'x'.repeat(10 * 1024 * 1024) }),
      rawWrongType: await raw('app.info', 'not an object'),
      stillServing: await api.call('app.info', {}),
      nodeVisible: typeof (window as unknown as { require?: unknown }).require,
      processVisible: typeof (window as unknown as { process?: unknown }).process,
    };
  });
  expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  expect(answers.extraKeys).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(answers.rawProto).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  expect(answers.rawConstructor).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  expect(answers.rawHuge).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
  expect(answers.rawWrongType).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(answers.stillServing).toMatchObject({ ok: true, value: { product: 'Snowdesk' } });
  expect(answers.nodeVisible).toBe('undefined');
  expect(answers.processVisible).toBe('undefined');
});

test('the renderer runs under the strict CSP: an injected inline script is blocked', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const evalRan = (() => {
      try {
        return (0, eval)('true') as boolean;
      } catch {
        return false;
      }
    })();
    return { inline: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, evalRan };
  });
  expect(ran).toEqual({ inline: false, evalRan: false });
});
