import type { BrowserWindow, Session } from 'electron';
import { isAppUrl } from './navigation-policy.js';

/**
 * Refuses everything a page could use to leave the app or reach the machine: navigation,
 * redirects, new windows, webviews and every permission (camera, notifications, …).
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function hardenWindow(window: BrowserWindow, allowedOrigins: readonly string[]): void {
  const contents = window.webContents;
  // the URL from the event object: the positional argument is deprecated (Electron 25+)
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
