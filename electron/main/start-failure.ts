import { app, BrowserWindow } from 'electron';

/**
 * The kiosk could not start (the core's thread failed to open, a broken install): rather than no
 * window at all, a small one says so in both languages and who to call. No page script, no
 * preload; closing it quits.
 */
export async function showStartFailure(message: string): Promise<void> {
  await app.whenReady();
  const window = new BrowserWindow({
    width: 640,
    height: 320,
    title: 'Snowdesk',
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false, devTools: false },
  });
  window.on('closed', () => {
    app.exit(1);
  });
  await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(failurePage(message))}`);
}

export function failurePage(message: string): string {
  const escaped = message.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>Snowdesk</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head>
<body style="font-family:sans-serif;margin:2rem"><h1>Snowdesk 无法启动</h1>
<p>请联系维护人员。 Snowdesk could not start: please call the maintainer.</p><pre>${escaped}</pre></body></html>`;
}
