import type { BrowserWindow, Session } from 'electron';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, APP_ORIGIN, serveAppRequest } from '../../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/main/content-security-policy.js';
import { hardenSession, hardenWindow } from '../../../electron/main/harden-window.js';
import { kioskWindowOptions } from '../../../electron/main/kiosk-window.js';

/**
 * Issue 7, security checks in `npm test`. The guards of harden-window.ts are driven through an
 * event source standing in for Electron's webContents (a real EventEmitter: the guards are
 * listeners, and what is under test is what they decide), the permission handlers through the
 * functions they register on a session. Real Chromium runs the same policy in
 * tests/e2e/page-confinement.spec.ts, and real Electron in tests/electron/kiosk.spec.ts.
 */

interface GuardEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function guardEvent(url?: string): GuardEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type OpenHandler = (details: { url: string }) => { action: string };

function guardedWindow(allowed: readonly string[] = [APP_ORIGIN]): {
  contents: EventEmitter;
  openHandler: () => OpenHandler;
} {
  const contents = new EventEmitter();
  let openHandler: OpenHandler | undefined;
  const webContents = Object.assign(contents, {
    setWindowOpenHandler(handler: OpenHandler) {
      openHandler = handler;
    },
  });
  // the guards only use webContents' events and window-open hook
  hardenWindow({ webContents } as unknown as BrowserWindow, allowed);
  return {
    contents,
    openHandler: () => {
      if (!openHandler) throw new Error('no window-open handler was set');
      return openHandler;
    },
  };
}

const ELSEWHERE = [
  'https://example.com/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'app://snowdesk.evil/index.html',
  'javascript:alert(1)',
  'data:text/html,<h1>x</h1>',
  'about:blank',
  'chrome://settings',
];

describe('the window guards (harden-window.ts)', () => {
  it.each(ELSEWHERE)('refuses to navigate, frame-navigate or redirect to %s', (url) => {
    const { contents } = guardedWindow();
    const navigate = guardEvent(url);
    contents.emit('will-navigate', navigate, url);
    const frame = guardEvent(url);
    contents.emit('will-frame-navigate', frame);
    const redirect = guardEvent(url);
    contents.emit('will-redirect', redirect, url);
    expect([navigate, frame, redirect].map((e) => e.defaultPrevented)).toEqual([true, true, true]);
  });

  it('lets the app move within its own origin', () => {
    const { contents } = guardedWindow();
    for (const name of ['will-navigate', 'will-redirect'] as const) {
      const event = guardEvent(`${APP_ORIGIN}/index.html#/records`);
      contents.emit(name, event, event.url);
      expect(event.defaultPrevented, name).toBe(false);
    }
    const frame = guardEvent(APP_ENTRY);
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(false);
  });

  it('allows the development server only when it is listed', () => {
    const dev = 'http://localhost:5173';
    const listed = guardedWindow([APP_ORIGIN, dev]).contents;
    const unlisted = guardedWindow().contents;
    const a = guardEvent(`${dev}/`);
    listed.emit('will-navigate', a, `${dev}/`);
    const b = guardEvent(`${dev}/`);
    unlisted.emit('will-navigate', b, `${dev}/`);
    expect([a.defaultPrevented, b.defaultPrevented]).toEqual([false, true]);
  });

  it('denies every new window, even one of the app itself', () => {
    const open = guardedWindow().openHandler();
    for (const url of [...ELSEWHERE, APP_ENTRY]) expect(open({ url }), url).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    const { contents } = guardedWindow();
    const event = guardEvent();
    contents.emit('will-attach-webview', event, { preload: '/tmp/evil.js' }, { src: APP_ENTRY });
    expect(event.defaultPrevented).toBe(true);
  });

  it('refuses every permission request and check, and every device', () => {
    type RequestHandler = (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const handlers: { request?: RequestHandler; check?: () => boolean; device?: () => boolean } = {};
    const session = {
      setPermissionRequestHandler(handler: RequestHandler) {
        handlers.request = handler;
      },
      setPermissionCheckHandler(handler: () => boolean) {
        handlers.check = handler;
      },
      setDevicePermissionHandler(handler: () => boolean) {
        handlers.device = handler;
      },
    };
    hardenSession(session as unknown as Session);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'fullscreen',
      'hid',
    ]) {
      const answers: boolean[] = [];
      handlers.request?.({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
    expect(handlers.check?.()).toBe(false);
    expect(handlers.device?.()).toBe(false);
  });
});

/** Chromium's guards the page must run under, in every kind of window (DESIGN: the renderer's sandbox). */
const SWITCHED_ON = ['contextIsolation', 'sandbox', 'webSecurity', 'safeDialogs'] as const;
/** and what would hand the page Node, Electron or a way around the guards */
const SWITCHED_OFF = [
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'allowRunningInsecureContent',
  'webviewTag',
  'navigateOnDragDrop',
] as const;

describe('the window options (kiosk-window.ts)', () => {
  it.each([true, false])('keep the page away from Node and Electron (development %s)', (development) => {
    for (const kiosk of [true, false]) {
      const web = kioskWindowOptions({ kiosk, preloadPath: '/p.cjs', development }).webPreferences;
      for (const key of SWITCHED_ON) expect(web?.[key], key).toBe(true);
      for (const key of SWITCHED_OFF) expect(web?.[key], key).toBe(false);
      // nothing that would loosen Chromium: no extra Blink features, no experimental ones
      for (const key of ['enableBlinkFeatures', 'experimentalFeatures', 'plugins', 'additionalArguments'])
        expect(web, key).not.toHaveProperty(key);
    }
  });
});

describe('the security headers of the app:// protocol', () => {
  const root = join(mkdtempSync(join(tmpdir(), 'snowdesk-headers-')), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  const files = {
    'index.html': '<!doctype html>',
    'assets/app.js': '1',
    'assets/app.css': 'body{}',
    'assets/data.json': '{}',
    'assets/logo.svg': '<svg/>',
    'assets/logo.png': 'png',
    'assets/font.woff2': 'font',
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(root, name), body);

  it.each([
    ...Object.keys(files).map((name) => [`${APP_ORIGIN}/${name}`, 200] as const),
    [`${APP_ORIGIN}/`, 200],
    [`${APP_ORIGIN}/missing.js`, 404],
    [`${APP_ORIGIN}/index.exe`, 404],
    [`${APP_ORIGIN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`, 403],
    ['https://example.com/index.html', 403],
  ] as const)('%s (%i) carries the CSP and the other headers', async (url, status) => {
    const answer = await serveAppRequest(root, url);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatchObject(SECURITY_HEADERS);
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the policy allows nothing from elsewhere, no inline script, no eval, no form posts, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    for (const name of [
      'connect-src',
      'form-action',
      'frame-src',
      'frame-ancestors',
      'object-src',
      'base-uri',
      'worker-src',
    ])
      expect(directives.get(name), name).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|blob:/);
  });
});
