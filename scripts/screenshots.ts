/**
 * Drives the kiosk as a person would, on a fresh data folder, and saves what the screen shows:
 * the shell in zh-CN, then in English after pressing the language button.
 *
 *   npm run screenshots -- [--out DIR]
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchSnowdesk } from '../tests/support/launch-snowdesk.js';
import { tempDir } from '../tests/support/temp-dir.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
const out = resolve(values.out);
mkdirSync(out, { recursive: true });

const data = tempDir('snowdesk-shots-');
const app = await launchSnowdesk({ dataDir: data.path });
try {
  const { page } = app;
  await page.getByRole('heading', { name: '本机状态' }).waitFor();
  await page.screenshot({ path: resolve(out, 'shell.zh-CN.png') });
  await page.getByRole('group', { name: '界面语言' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'This kiosk' }).waitFor();
  await page.screenshot({ path: resolve(out, 'shell.en.png') });
  console.log(`Screenshots written to ${out}: shell.zh-CN.png, shell.en.png`);
} finally {
  await app.close();
  data.remove();
}
