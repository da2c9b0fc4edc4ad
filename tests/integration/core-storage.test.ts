import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import { silentLogger } from '../../electron/core/logger.js';
import type { SettingsSource } from '../../electron/core/settings-source.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function memorySettings(values: Record<string, unknown> = {}): SettingsSource {
  const map = new Map(Object.entries(values));
  return { get: (k) => map.get(k), set: (k, v) => map.set(k, v) };
}

async function open(dataDir: string, settings = memorySettings()): Promise<Core> {
  const core = await createCore({
    dataDir,
    settings,
    appVersion: '0.0.0-test',
    log: silentLogger,
    validateOutput: true,
  });
  cleanups.push(() => {
    core.close();
  });
  return core;
}

function folder(): string {
  const dir = tempDir();
  cleanups.push(() => {
    dir.remove();
  });
  return dir.path;
}

describe('the core on a real data folder', () => {
  it('creates the database with WAL, full sync and foreign keys, and keeps its device id across restarts', async () => {
    const dataDir = folder();
    const first = await open(dataDir);
    const info = await first.dispatch('app.info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { product: 'Snowdesk', storage: { state: 'ready', schemaVersion: MIGRATIONS.length } },
    });
    const deviceId = first.storage.state === 'ready' ? first.storage.deviceId : 'none';
    first.close();

    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const second = await open(dataDir);
    expect(second.storage).toMatchObject({ state: 'ready', deviceId });
  });

  it('reports the device settings language, and falls back to defaults on a bad value', async () => {
    const core = await open(folder(), memorySettings({ language: 'en' }));
    expect(await core.dispatch('app.info', {})).toMatchObject({ value: { defaultLanguage: 'en' } });
    const other = await open(folder(), memorySettings({ language: 'klingon', idleLockMinutes: -5 }));
    expect(await other.dispatch('app.info', {})).toMatchObject({ value: { defaultLanguage: 'zh-CN' } });
  });

  it('explains a data folder that cannot be created, and keeps serving', async () => {
    const base = folder();
    const blocker = join(base, 'a-file');
    writeFileSync(blocker, 'this is a file, not a folder');
    const core = await open(join(blocker, 'data'));
    expect(await core.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: {
        storage: { state: 'unavailable', problem: { code: 'data_dir_unwritable' } },
        setupRequired: false,
      },
    });
    expect(await core.dispatch('session.state', {})).toMatchObject({ ok: true });
  });

  it('leaves a file that is not a database untouched', async () => {
    const dataDir = folder();
    const path = join(dataDir, DATABASE_FILE);
    const bytes = Buffer.from('these are somebody else\u2019s notes, not SQLite\n'.repeat(100));
    writeFileSync(path, bytes);
    const core = await open(dataDir);
    expect(core.storage).toMatchObject({ state: 'unavailable', problem: { code: 'database_invalid' } });
    core.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('leaves a corrupted database untouched', async () => {
    const dataDir = folder();
    (await open(dataDir)).close();
    const path = join(dataDir, DATABASE_FILE);
    const original = readFileSync(path);
    const damaged = Buffer.from(original);
    damaged.fill(0xff, 100, 4096);
    writeFileSync(path, damaged);
    const core = await open(dataDir);
    expect(core.storage).toMatchObject({ state: 'unavailable' });
    core.close();
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });

  it('refuses a database from a newer Snowdesk and does not touch it', async () => {
    const dataDir = folder();
    (await open(dataDir)).close();
    const path = join(dataDir, DATABASE_FILE);
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(path);
    const core = await open(dataDir);
    expect(core.storage).toMatchObject({ state: 'unavailable', problem: { code: 'database_newer' } });
    core.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('answers a 10 MB payload with a typed error and keeps serving', async () => {
    const core = await open(folder());
    const huge = { x: 'y'.repeat(10 * 1024 * 1024) };
    expect(await core.dispatch('app.info', huge)).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    expect(await core.dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true });
  });

  it('emits network changes from the operating system signal once per change', async () => {
    const core = await open(folder());
    const seen: unknown[] = [];
    core.subscribe((event, payload) => seen.push([event, payload]));
    core.setOsOnline(false);
    core.setOsOnline(false);
    core.setOsOnline(true);
    expect(seen).toEqual([
      ['network.changed', { os: 'offline', central: 'not_enrolled' }],
      ['network.changed', { os: 'online', central: 'not_enrolled' }],
    ]);
    expect(await core.dispatch('network.status', {})).toEqual({
      ok: true,
      value: { os: 'online', central: 'not_enrolled' },
    });
  });
});

describe('a database copied from another kiosk', () => {
  it('is refused and left untouched until a maintainer adopts it', async () => {
    const { copyFileSync } = await import('node:fs');
    const { main } = await import('../../electron/core/cli/snowdesk-cli.js');
    const { openSettingsFile } = await import('../../electron/core/settings-file.js');
    const kioskA = folder();
    const kioskB = folder();
    const env = {
      SNOWDESK_USER: 'zhao',
      SNOWDESK_PASSWORD: 'powder-2026-key',
      SNOWDESK_MANAGER_PASSWORD: 'manager-2026-key',
    };
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(['init', '--data-dir', kioskA, '--admin', 'zhao', '--manager', 'sun'], { ...quiet, env })).toBe(0);
    (await open(kioskB, openSettingsFile(kioskB))).close();

    copyFileSync(join(kioskA, DATABASE_FILE), join(kioskB, DATABASE_FILE));
    const copied = readFileSync(join(kioskB, DATABASE_FILE));
    const refused = await open(kioskB, openSettingsFile(kioskB));
    expect(refused.storage).toMatchObject({ state: 'unavailable', problem: { code: 'database_foreign' } });
    refused.close();
    expect(readFileSync(join(kioskB, DATABASE_FILE)).equals(copied)).toBe(true);

    const wrong = { ...env, SNOWDESK_PASSWORD: 'wrong-password-1' };
    expect(await main(['adopt', '--data-dir', kioskB], { ...quiet, env: wrong })).toBe(1);
    expect(await main(['adopt', '--data-dir', kioskB], { ...quiet, env })).toBe(0);
    const adopted = await open(kioskB, openSettingsFile(kioskB));
    expect(adopted.storage).toMatchObject({ state: 'ready' });
  }, 30_000);
});
