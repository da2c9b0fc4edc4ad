import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from '../support/electron-binary.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The app as shipped: packaged by electron-builder (its `--dir` target, no installer), launched
 * from its app.asar with the fuses flipped. Needs Electron's binary, which electron-builder
 * downloads too; where it cannot be had the test skips with the reason.
 */
const ROOT = join(import.meta.dirname, '../..');

test('the packaged app starts from its asar with its fuses set', async () => {
  test.setTimeout(600_000);
  const binary = findElectronBinary();
  if (!binary.available) console.log(binary.reason);
  test.skip(!binary.available, binary.available ? '' : binary.reason);
  const out = tempDir('snowdesk-packaged-');
  const data = tempDir('snowdesk-packaged-data-');
  try {
    const packed = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/electron-builder/cli.js'),
        '--dir',
        '--config',
        'build/electron-builder.json5',
        `-c.directories.output=${out.path}`,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 540_000 },
    );
    expect(packed.status, packed.stderr).toBe(0);
    const unpacked = readdirSync(out.path).find((name) => name.endsWith('-unpacked'));
    if (!unpacked) throw new Error(`no unpacked app in ${out.path}`);
    const folder = join(out.path, unpacked);
    expect(existsSync(join(folder, 'resources/app.asar'))).toBe(true);

    const fuses = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/@electron/fuses/dist/bin.js'), 'read', '--app', join(folder, 'snowdesk')],
      { encoding: 'utf8' },
    );
    expect(fuses.stdout).toMatch(/RunAsNode is Disabled/u);
    expect(fuses.stdout).toMatch(/OnlyLoadAppFromAsar is Enabled/u);
    expect(fuses.stdout).toMatch(/EnableEmbeddedAsarIntegrityValidation is Enabled/u);

    const app = await electron.launch({
      executablePath: join(folder, 'snowdesk'),
      args: [`--data-dir=${data.path}`],
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
      expect(page.url()).toBe('app://snowdesk/index.html');
    } finally {
      await app.evaluate(({ app: electronMain }) => {
        electronMain.exit(0);
      });
    }
  } finally {
    out.remove();
    data.remove();
  }
});
