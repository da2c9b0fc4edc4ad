import { chromium, type Browser, type BrowserContext, type Page, type Request } from '@playwright/test';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeviceSettings } from '../../shared/domain/device-settings.js';
import type { StorageState } from '../../shared/ipc/schemas.js';
import type { Language } from '../../shared/i18n/languages.js';
import type { Argon2Params } from '../../electron/core/crypto/argon2-params.js';
import type { Core } from '../../electron/core/create-core.js';
import { consoleLogger, silentLogger } from '../../electron/core/logger.js';
import { CoreHost, coreWorkerEntry } from '../../electron/core/worker/core-host.js';
import { serveAppRequest } from '../../electron/main/app-protocol.js';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import type { ManualClock } from './core-harness.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** SNOWDESK_OUT_DIR lets parallel work build into its own folder (`electron-vite build --outDir D`) */
const OUT_DIR = process.env.SNOWDESK_OUT_DIR ?? join(ROOT, 'out');
export const RENDERER_DIR = join(OUT_DIR, 'renderer');
/** The core's thread runs the bundle the app ships (out/main/core-worker.js), not the source. */
const CORE_BUNDLE_DIR = join(OUT_DIR, 'main');
/** The preview's origin: never resolved, every request to it is answered by the launcher. */
export const PREVIEW_ORIGIN = 'https://snowdesk.invalid';

export interface LaunchOptions {
  dataDir: string;
  lang?: Language;
  headless?: boolean;
  /** settings for this run only; the data folder's settings file is not changed */
  settings?: Partial<DeviceSettings>;
  /** time the test moves; the core's thread reads it through the clock's shared buffer */
  clock?: ManualClock;
  /** the core's log lines on the console (the preview); tests keep it quiet */
  log?: 'console' | 'silent';
  /** cheaper Argon2 for tests (see core-harness TEST_ARGON2); the preview uses production cost */
  argon2?: Argon2Params;
}

export interface LaunchedSnowdesk {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  core: LaunchedCore;
  /** console errors and CSP violations the page reported */
  consoleErrors: string[];
  /** stands in for the operating system's online signal (Electron's net.isOnline) */
  setOnline(online: boolean): Promise<void>;
  close(): Promise<void>;
}

/** The core as the launcher holds it: a door to its thread, and the test's handles on its timers. */
export interface LaunchedCore extends Pick<Core, 'dispatch' | 'setOsOnline'> {
  readonly storage: StorageState;
  /** runs the core's timer checks now (the idle lock after the test moved the clock) */
  tick(): Promise<void>;
  backupSchedule: { settled(): Promise<void> };
  /** the thread itself, for tests of what happens when it dies */
  readonly host: CoreHost;
}

let bridgeBundle: Promise<string> | undefined;

function previewBridge(): Promise<string> {
  bridgeBundle ??= build({
    entryPoints: [join(ROOT, 'tests/support/preview-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  }).then((result) => {
    const file = result.outputFiles[0];
    if (!file) throw new Error('preview bridge did not build');
    return file.text;
  });
  return bridgeBundle;
}

/** What Chromium's own online check looks at on Linux: any interface up besides loopback. */
export function osLooksOnline(): boolean {
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => !i.internal) ?? false);
}

/** A navigation of an existing page's main frame (a new window's first request has no frame yet). */
function isTopLevelNavigation(request: Request): boolean {
  if (!request.isNavigationRequest()) return false;
  try {
    return request.frame().parentFrame() === null;
  } catch {
    return false;
  }
}

/**
 * Opens the real renderer (the Vite build) in Debian Chromium against the real core, through
 * the same dispatch Electron's ipcMain calls. `npm run preview`, the e2e tests and any script
 * that wants to drive the kiosk as a person would all come through here.
 */
export async function launchSnowdesk(options: LaunchOptions): Promise<LaunchedSnowdesk> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')) || !existsSync(join(CORE_BUNDLE_DIR, 'core-worker.js'))) {
    throw new Error('The app is not built: run `npm run build` first');
  }
  assertChromium();
  const overrides: Partial<DeviceSettings> = { ...options.settings };
  if (options.lang) overrides.language = options.lang;
  const logTo = options.log ?? 'silent';
  // a new core thread has no session: the page goes back to the lock screen, as in the app
  const shown: { page?: Page } = {};
  // the core on its own thread, started as Electron's main starts it (electron/main/index.ts)
  const host = await CoreHost.start({
    core: {
      dataDir: options.dataDir,
      appVersion: 'preview',
      validateOutput: true,
      log: logTo,
      logPrefix: 'snowdesk-preview',
      settingsOverrides: overrides,
      clock: options.clock?.buffer,
      argon2: options.argon2,
    },
    entry: coreWorkerEntry(CORE_BUNDLE_DIR),
    log: logTo === 'console' ? consoleLogger('snowdesk-preview') : silentLogger,
    onRestart: () => {
      void shown.page?.reload().catch(() => {
        // the page is closing
      });
    },
  });
  const core: LaunchedCore = {
    dispatch: (method, payload) => host.dispatch(method, payload),
    setOsOnline: (online) => {
      host.setOsOnline(online);
    },
    get storage() {
      return host.storage;
    },
    tick: () => host.tick(),
    backupSchedule: { settled: () => host.backupSettled() },
    host,
  };
  core.setOsOnline(osLooksOnline());

  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS, `--lang=${options.lang ?? 'zh-CN'}`],
  });
  const context = await browser.newContext({
    locale: options.lang ?? 'zh-CN',
    viewport: { width: 1280, height: 800 },
  });
  // like main's sender check: only our own origin reaches the core
  await context.exposeBinding('__snowdeskInvoke', async (source, method: unknown, payload: unknown) => {
    if (new URL(source.frame.url()).origin !== PREVIEW_ORIGIN) {
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted caller' } };
    }
    return core.dispatch(method, payload);
  });
  await context.addInitScript({ content: await previewBridge() });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(PREVIEW_ORIGIN + '/')) {
      // as main's will-navigate guard (harden-window.ts): a top-level navigation elsewhere is
      // cancelled and the page stays (a 204 answer ends a navigation without leaving the page)
      if (isTopLevelNavigation(route.request())) {
        await route.fulfill({ status: 204 });
        return;
      }
      await route.abort('blockedbyclient');
      return;
    }
    const answer = await serveAppRequest(RENDERER_DIR, url, PREVIEW_ORIGIN);
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });

  const page = await context.newPage();
  shown.page = page;
  // as main's setWindowOpenHandler (deny): no second window stays open
  context.on('page', (opened) => {
    if (opened !== page) void opened.close();
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => {
    consoleErrors.push(error.message);
  });
  const unsubscribe = host.subscribe((event, payload) => {
    page
      .evaluate(
        ([name, data]) => {
          (window as unknown as { __snowdeskEmit?: (n: string, p: unknown) => void }).__snowdeskEmit?.(
            name,
            data,
          );
        },
        [event, payload] as const,
      )
      .catch(() => {
        // the page is closing; the event has no one to reach
      });
  });
  await page.goto(`${PREVIEW_ORIGIN}/index.html`);

  return {
    browser,
    context,
    page,
    core,
    consoleErrors,
    async setOnline(online) {
      await context.setOffline(!online);
      core.setOsOnline(online);
    },
    async close() {
      unsubscribe();
      await browser.close();
      await host.close();
    },
  };
}
