import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, type ElectronBinary } from '../support/electron-binary.js';
import { tempDir } from '../support/temp-dir.js';

let binary: ElectronBinary;
let app: ElectronApplication | undefined;
let dir: ReturnType<typeof tempDir> | undefined;

test.beforeAll(() => {
  test.setTimeout(240_000);
  binary = findElectronBinary();
  if (!binary.available) console.log(binary.reason);
});

test.beforeEach(() => {
  test.skip(!binary.available, binary.available ? '' : binary.reason);
  dir = tempDir('snowdesk-electron-');
  writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ kiosk: false }));
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  dir?.remove();
  dir = undefined;
});

async function launch(): Promise<ElectronApplication> {
  if (!binary.available || !dir) throw new Error('launch() needs the Electron binary and a data folder');
  app = await electron.launch({
    executablePath: binary.path,
    args: ['.', `--data-dir=${dir.path}`, '--no-sandbox'],
    cwd: join(import.meta.dirname, '../..'),
  });
  return app;
}

test('the built app opens the hardened kiosk window on the real core', async () => {
  const electronApp = await launch();
  const page = await electronApp.firstWindow();
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  expect(page.url()).toBe('app://snowdesk/index.html');

  const exposed = await page.evaluate(() => ({
    bridge: typeof window.snowdesk,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
});

test('the page can neither navigate away nor open a window', async () => {
  const electronApp = await launch();
  const page = await electronApp.firstWindow();
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  expect(page.url()).toBe('app://snowdesk/index.html');
  expect(electronApp.windows()).toHaveLength(1);
});
