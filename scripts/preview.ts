/**
 * `npm run preview`: the kiosk's renderer and real core in Debian Chromium, for machines without
 * an Electron binary. Headed; without a display it re-runs itself under `xvfb-run -a`.
 *
 *   npm run preview -- [--data-dir DIR] [--lang zh-CN|en] [--screenshot FILE [--headless]]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Language } from '../shared/i18n/languages.js';
import { launchSnowdesk } from '../tests/support/launch-snowdesk.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: join(homedir(), '.snowdesk-preview') },
    lang: { type: 'string' },
    screenshot: { type: 'string' },
    headless: { type: 'boolean', default: false },
  },
});

const lang = values.lang === undefined ? undefined : Language.safeParse(values.lang);
if (lang && !lang.success) {
  console.error(`--lang must be one of ${Language.options.join(', ')}`);
  process.exit(2);
}

if (values.headless && !values.screenshot) {
  // a headless window nobody can see would wait for ever for someone to close it
  console.error('--headless needs --screenshot FILE: without a display there is nothing to look at.');
  process.exit(2);
}

if (!values.headless && !process.env.DISPLAY && !process.env.SNOWDESK_UNDER_XVFB) {
  const rerun = spawnSync(
    'xvfb-run',
    ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, SNOWDESK_UNDER_XVFB: '1' },
    },
  );
  if (rerun.error) {
    console.error('No display and no xvfb-run (apt-get install -y xvfb), or pass --headless.');
    process.exit(2);
  }
  process.exit(rerun.status ?? 1);
}

const dataDir = resolve(values['data-dir']);
const app = await launchSnowdesk({
  dataDir,
  lang: lang?.data,
  headless: values.headless,
  log: 'console',
});
console.log(`Snowdesk preview: data folder ${dataDir}`);

if (values.screenshot) {
  await app.page.getByRole('main').waitFor();
  await app.page.locator('main h1, main [role="alert"]').first().waitFor();
  const file = resolve(values.screenshot);
  mkdirSync(dirname(file), { recursive: true });
  await app.page.screenshot({ path: file });
  console.log(`Screenshot written to ${file}`);
  await app.close();
} else {
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  app.browser.on('disconnected', () => {
    void app.core.host.close().then(() => process.exit(0));
  });
}
