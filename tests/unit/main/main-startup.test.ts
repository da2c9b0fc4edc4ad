import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

/**
 * Electron's main entry up to `app.whenReady()`, the part that must happen before Electron's
 * own defaults do. The `electron` module is a stand-in that records calls (its binary cannot run
 * on this machine); the order of those calls is what is under test. The window's own guards are
 * tested in kiosk-lockdown.test.ts, real Electron runs the whole in tests/electron.
 */
const calls: string[] = [];
const record =
  (name: string) =>
  (...args: unknown[]) => {
    calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    return true;
  };

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    getPath: () => '/home/desk/.config/Snowdesk',
    setPath: record('app.setPath'),
    requestSingleInstanceLock: record('app.requestSingleInstanceLock'),
    quit: record('app.quit'),
    // start() waits here for ever: only what runs before ready is looked at
    whenReady: () => new Promise(() => {}),
  },
  Menu: { setApplicationMenu: record('Menu.setApplicationMenu') },
  protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
  BrowserWindow: function BrowserWindow() {},
  dialog: {},
  ipcMain: {},
  net: {},
  session: {},
}));

const argv = process.argv;
afterAll(() => {
  process.argv = argv;
});

describe('the main process before ready', () => {
  it('removes the application menu and scopes the profile to the data folder before the lock', async () => {
    const dataDir = resolve('/srv/kiosk-data');
    process.argv = [...argv, `--data-dir=${dataDir}`];
    await import('../../../electron/main/index.js');
    const menu = calls.indexOf('Menu.setApplicationMenu(null)');
    const profile = calls.indexOf(
      `app.setPath("userData",${JSON.stringify(join(dataDir, 'electron-profile'))})`,
    );
    const lock = calls.indexOf('app.requestSingleInstanceLock()');
    expect(menu, calls.join('\n')).toBeGreaterThanOrEqual(0);
    expect(profile, calls.join('\n')).toBeGreaterThanOrEqual(0);
    expect(lock).toBeGreaterThan(profile);
    expect(calls).not.toContain('app.quit()');
  });
});
