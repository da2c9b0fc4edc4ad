import { existsSync } from 'node:fs';

/** Debian's Chromium; Playwright's own browser download is not possible here (no internet). */
export const CHROMIUM_PATH = process.env.SNOWDESK_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set SNOWDESK_CHROMIUM)`,
    );
  }
}
