import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowInput {
  kiosk: boolean;
  preloadPath: string;
  development: boolean;
}

/**
 * The window's options as one pure function, so a unit test can hold the security-relevant
 * ones in place: isolation, sandbox, no Node in the page, web security, no devtools in
 * production, and the kiosk/fullscreen mode from the device settings.
 */
export function kioskWindowOptions(input: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'Snowdesk',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#f4f7fb',
    kiosk: input.kiosk,
    fullscreen: input.kiosk,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.development,
      safeDialogs: true,
    },
  };
}
