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

test.describe.configure({ mode: 'serial' });

test.beforeEach(() => {
  test.skip(!binary.available, binary.available ? '' : binary.reason);
  dir = tempDir('snowdesk-electron-');
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  dir?.remove();
  dir = undefined;
});

/** The built app on its own data folder, sandbox on; `kiosk` is the device setting. */
async function launch(kiosk = false): Promise<ElectronApplication> {
  if (!binary.available || !dir) throw new Error('launch() needs the Electron binary and a data folder');
  writeFileSync(join(dir.path, 'settings.json'), JSON.stringify({ kiosk }));
  app = await electron.launch({
    executablePath: binary.path,
    args: ['.', `--data-dir=${dir.path}`],
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

test('in kiosk mode Ctrl+W, Alt+F4 and Ctrl+R leave the window where it is', async () => {
  const electronApp = await launch(true);
  const page = await electronApp.firstWindow();
  const heading = page.getByRole('heading', { name: '本机状态' });
  await expect(heading).toBeVisible();
  // a marker a reload would wipe
  await page.evaluate(() => {
    (window as unknown as { __stayed?: boolean }).__stayed = true;
  });
  for (const keys of ['Control+w', 'Alt+F4', 'Control+r', 'F5', 'F11', 'Control+q'])
    await page.keyboard.press(keys);
  // the window manager's close (what Alt+F4 asks of it) is refused too
  await electronApp.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]?.close();
  });
  await expect(heading).toBeVisible();
  expect(electronApp.windows()).toHaveLength(1);
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  const state = await electronApp.evaluate(({ BrowserWindow, Menu }) => {
    const [window] = BrowserWindow.getAllWindows();
    return { kiosk: window?.isKiosk(), fullScreen: window?.isFullScreen(), menu: Menu.getApplicationMenu() };
  });
  expect(state).toEqual({ kiosk: true, fullScreen: true, menu: null });
  // closing the test's app: the kiosk refuses window closes, so the process is ended
  await electronApp.evaluate(({ app: electronMain }) => {
    electronMain.exit(0);
  });
  app = undefined;
});
