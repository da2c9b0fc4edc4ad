import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { main } from '../../../electron/core/cli/snowdesk-cli.js';
import { tempDir } from '../../support/temp-dir.js';

/** `seed` before `init` (README's order, issue 14): it says what to do and creates nothing. */

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('snowdesk-cli-seed-');
});
afterEach(() => {
  dir.remove();
});

async function seed(dataDir: string) {
  let err = '';
  const env = { SNOWDESK_DEMO_PASSWORD: 'demo-pass-2026', SNOWDESK_USER: 'zhao', SNOWDESK_PASSWORD: 'x' };
  const code = await main(['seed', '--data-dir', dataDir, '--records', '5'], {
    out: () => undefined,
    err: (text) => (err += text),
    env,
  });
  return { code, err };
}

it('on a folder that does not exist: not set up, run init first; no folder appears', async () => {
  const dataDir = join(dir.path, 'kiosk');
  const { code, err } = await seed(dataDir);
  expect(code).toBe(2);
  expect(err).toContain('is not a set-up Snowdesk data folder');
  expect(err).toContain('snowdesk init');
  expect(existsSync(dataDir)).toBe(false);
});

it('on an empty folder: the same, and the folder stays empty', async () => {
  const dataDir = join(dir.path, 'kiosk');
  mkdirSync(dataDir);
  const { code, err } = await seed(dataDir);
  expect(code).toBe(2);
  expect(err).toContain('snowdesk init');
  expect(readdirSync(dataDir)).toEqual([]);
});
