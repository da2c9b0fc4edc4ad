import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/core/cli/snowdesk-cli.js';
import { tempDir } from '../../support/temp-dir.js';

// Finding 8 of issue 12: the CLI made the data folder 0755 and its databases 0644.

const PASSWORD = { SNOWDESK_PASSWORD: 'powder-2026-key', SNOWDESK_MANAGER_PASSWORD: 'first-manager-2026' };

let dir: ReturnType<typeof tempDir>;

beforeEach(() => {
  dir = tempDir('snowdesk-modes-');
});

afterEach(() => {
  dir.remove();
});

async function run(argv: string[], env: Record<string, string>): Promise<void> {
  let err = '';
  const code = await main(argv, { out: () => undefined, err: (t) => (err += t), env: { ...env } });
  expect(code, err).toBe(0);
}

/** Every folder and file under `root` (itself included) with its permission bits. */
interface Made {
  path: string;
  kind: 'dir' | 'file';
  mode: number;
}

function modes(root: string): Made[] {
  const found: Made[] = [{ path: root, kind: 'dir', mode: statSync(root).mode & 0o777 }];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    found.push({ path, kind: entry.isDirectory() ? 'dir' : 'file', mode: statSync(path).mode & 0o777 });
  }
  return found;
}

describe('what the CLI creates is private to the kiosk’s user', () => {
  it('init, settings and a backup: folders 0700, files 0600', async () => {
    const dataDir = join(dir.path, 'kiosk', 'data');
    // the backup folder is the person's (a USB drive); what the core writes into it is the kiosk's
    const backups = join(dir.path, 'usb');
    mkdirSync(backups, { mode: 0o755 });
    await run(['init', '--data-dir', dataDir, '--admin', 'zhao', '--manager', 'sun'], PASSWORD);
    await run(['backup', '--data-dir', dataDir, '--to', backups], {});
    const made = [...modes(dataDir), ...modes(backups).slice(1)];
    expect(made.map((m) => m.path)).toEqual(
      expect.arrayContaining([join(dataDir, 'snowdesk.db'), join(dataDir, 'settings.json')]),
    );
    expect(made.filter((m) => m.kind === 'file').length).toBeGreaterThanOrEqual(3);
    for (const { path, kind, mode } of made) {
      expect({ path, mode: mode.toString(8) }).toEqual({ path, mode: kind === 'dir' ? '700' : '600' });
    }
  });
});
