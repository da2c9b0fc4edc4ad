import { app, BrowserWindow, ipcMain, net, protocol, session as electronSession } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../shared/ipc/contract.js';
import { createCore, type Core } from '../core/create-core.js';
import { consoleLogger } from '../core/logger.js';
import { readSettings } from '../core/settings-source.js';
import { APP_ENTRY, APP_ORIGIN, APP_SCHEME, serveAppRequest } from './app-protocol.js';
import { chooseDataDir } from './data-dir.js';
import { hardenSession, hardenWindow } from './harden-window.js';
import { kioskWindowOptions } from './kiosk-window.js';
import { isAppUrl } from './navigation-policy.js';
import { openSettings } from './settings-store.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadPath = join(here, '../preload/index.cjs');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const development = !app.isPackaged;
const allowedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
const ONLINE_POLL_MS = 10_000;

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const log = consoleLogger();
  const dataDir = chooseDataDir(process.argv, process.env, app.getPath('userData'));
  const settings = openSettings(dataDir);
  const core = await createCore({
    dataDir,
    settings,
    appVersion: app.getVersion(),
    log,
    validateOutput: development,
  });

  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await serveAppRequest(rendererDir, request.url);
    return new Response(new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
  hardenSession(electronSession.defaultSession);

  ipcMain.handle(RPC_CHANNEL, async (event, method: unknown, payload: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl, allowedOrigins)) {
      log.warn('ipc.untrusted_sender', { origin: safeOrigin(frameUrl) });
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } };
    }
    return core.dispatch(method, payload);
  });

  const window = createWindow(readSettings(settings, log).kiosk);
  const unsubscribe = core.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  watchOnline(core);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    unsubscribe();
    core.close();
    app.quit();
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

function watchOnline(core: Core): void {
  const report = () => {
    core.setOsOnline(net.isOnline());
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
