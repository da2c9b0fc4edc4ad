import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session as electronSession,
} from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/contract.js';
import { consoleLogger } from '../core/logger.js';
import { openSettingsFile } from '../core/settings-file.js';
import { readSettings } from '../core/settings-source.js';
import { CoreHost, coreWorkerEntry } from '../core/worker/core-host.js';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME, serveAppRequest } from './app-protocol.js';
import { chooseDataDir, profileDirFor } from './data-dir.js';
import { decideDownload } from './download-policy.js';
import { showStartFailure } from './start-failure.js';
import { hardenSession, hardenWindow } from './harden-window.js';
import { kioskWindowOptions } from './kiosk-window.js';
import { isAppUrl } from './navigation-policy.js';
import { lockDownWindow } from './window-lockdown.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const development = !app.isPackaged;
const allowedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const ONLINE_POLL_MS = 10_000;
const log = consoleLogger();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// before ready: Electron installs its default menu (Ctrl+W, Ctrl+R, Help's web pages) only when none was set
Menu.setApplicationMenu(null);

// the profile (and with it the single-instance lock) belongs to the data folder: two kiosks on
// two data folders are two instances, one data folder is one
const dataDir = chooseDataDir(process.argv, process.env, app.getPath('userData'));
app.setPath('userData', profileDirFor(dataDir));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error('snowdesk: the kiosk could not start:', message);
    void showStartFailure(message);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const settingsFile = openSettingsFile(dataDir);
  const settings = () => readSettings(settingsFile, log);
  let window: BrowserWindow | null = null;
  let quitAllowed = false;
  const host = await CoreHost.start({
    core: { dataDir, appVersion: app.getVersion(), validateOutput: development, log: 'console' },
    entry: coreWorkerEntry(here),
    log,
    onRestart: () => {
      window?.webContents.reload();
    },
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(rendererDir, request.url);
    return new Response(new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
  hardenSession(electronSession.defaultSession);
  electronSession.defaultSession.on('will-download', (_event, item) => {
    const decision = decideDownload(settings().exportFolder, item.getFilename());
    if (decision.action === 'save') {
      item.setSavePath(decision.path);
      log.info('download.saved_to_export_folder', {});
      return;
    }
    item.cancel();
    log.warn('download.refused', { reason: 'no_export_folder' });
    if (window) void dialog.showMessageBox(window, { type: 'warning', message: decision.message });
  });

  ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, payload: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl, allowedOrigins)) {
      log.warn('ipc.untrusted_sender', { origin: safeOrigin(frameUrl) });
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } };
    }
    const answer = await host.dispatch(method, payload);
    // the core has checked the maintainer's role and written the audit line
    if (method === 'app.quit' && answer.ok) {
      quitAllowed = true;
      app.quit();
    }
    return answer;
  });

  const kiosk = settings().kiosk;
  window = createWindow(kiosk);
  const shown = window;
  lockDownWindow(shown, {
    kiosk,
    quitAllowed: () => quitAllowed,
    recover: (reason) => {
      log.error('window.recovered', { reason });
      // the page comes back on the lock screen, never blank and never still signed in
      void host.dispatch('session.lock', {}).then(() => {
        if (!shown.isDestroyed()) shown.webContents.reload();
      });
    },
  });
  const unsubscribe = host.subscribe((name, payload) => {
    if (!shown.isDestroyed()) shown.webContents.send(EVENT_CHANNEL, name, payload);
  });
  watchOnline(host);

  app.on('second-instance', () => {
    if (shown.isMinimized()) shown.restore();
    shown.focus();
  });
  app.on('before-quit', (event) => {
    if (kiosk && !quitAllowed) event.preventDefault();
  });
  app.on('window-all-closed', () => {
    unsubscribe();
    void host.close().finally(() => {
      app.exit(0);
    });
  });
}

function createWindow(kiosk: boolean): BrowserWindow {
  const window = new BrowserWindow(kioskWindowOptions({ kiosk, preloadPath, development }));
  hardenWindow(window, allowedOrigins);
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(devServerUrl ?? APP_ENTRY);
  return window;
}

function watchOnline(host: CoreHost): void {
  const report = () => {
    host.setOsOnline(net.isOnline());
  };
  report();
  setInterval(report, ONLINE_POLL_MS).unref();
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
