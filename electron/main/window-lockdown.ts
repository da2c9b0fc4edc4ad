import type { BrowserWindow, Event as ElectronEvent, Input } from 'electron';
import { isEscapeKey } from './escape-keys.js';

export interface LockdownOptions {
  kiosk: boolean;
  /** true once a maintainer has asked to quit (audited by the core): the close goes through */
  quitAllowed: () => boolean;
  /** a blank or frozen page: lock the session, then load the app again (it opens on the lock screen) */
  recover: (reason: string) => void;
}

/**
 * What keeps a kiosk window on screen: in kiosk mode it cannot be closed (Alt+F4, the window
 * manager, Ctrl+W) except after a maintainer's quit, and the keys that close, reload, zoom or
 * leave full screen never reach the page or Chromium's own shortcuts. A renderer that crashes
 * or hangs is loaded again rather than left blank.
 */
export function lockDownWindow(window: BrowserWindow, options: LockdownOptions): void {
  const contents = window.webContents;
  if (options.kiosk) {
    window.on('close', (event: ElectronEvent) => {
      if (!options.quitAllowed()) event.preventDefault();
    });
    contents.on('before-input-event', (event: ElectronEvent, input: Input) => {
      if (isEscapeKey(input)) event.preventDefault();
    });
    // full screen left by any other way (the window manager) is taken back
    window.on('leave-full-screen', () => {
      if (!options.quitAllowed()) window.setFullScreen(true);
    });
  }
  contents.on('render-process-gone', (_event: ElectronEvent, details: { reason: string }) => {
    if (details.reason !== 'clean-exit') options.recover(`renderer ${details.reason}`);
  });
  window.on('unresponsive', () => {
    options.recover('renderer unresponsive');
  });
}
