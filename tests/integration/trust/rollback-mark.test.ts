import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import type { SettingsSource } from '../../../electron/core/settings-source.js';
import { ADMIN, call, memorySettings, openTestCore, setUpKiosk } from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// Finding 7 of issue 12: a whole database replaced by an older copy was accepted without a word.

let dir: ReturnType<typeof tempDir>;
let settings: SettingsSource;
let core: Core | null = null;

beforeEach(() => {
  dir = tempDir();
  settings = memorySettings();
});

afterEach(() => {
  core?.close();
  dir.remove();
});

async function open(): Promise<Core> {
  core?.close();
  core = await openTestCore(dir.path, { settings });
  return core;
}

async function busyDay(kiosk: Core, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await call(kiosk, 'session.signIn', ADMIN);
    await call(kiosk, 'session.signOut', {});
  }
}

function replaceDatabase(copy: string): void {
  core?.close();
  core = null;
  const db = join(dir.path, DATABASE_FILE);
  rmSync(`${db}-wal`, { force: true });
  rmSync(`${db}-shm`, { force: true });
  copyFileSync(copy, db);
}

describe('a database older than the kiosk has seen (rollback)', () => {
  it('is named at start, against the high-water mark kept in the settings, and stays named', async () => {
    await setUpKiosk(await open());
    await call(await open(), 'session.signOut', {});
    core?.close();
    core = null;
    const older = join(dir.path, 'older.db');
    copyFileSync(join(dir.path, DATABASE_FILE), older);

    await busyDay(await open(), 3);
    expect((await call(await open(), 'app.info', {})).auditRollback).toBeUndefined();

    replaceDatabase(older);
    const behind = await call(await open(), 'app.info', {});
    expect(behind.auditRollback).toMatchObject({ problem: 'behind' });
    const warning = behind.auditRollback;
    if (!warning) throw new Error('no warning');
    expect(warning.headSeq).toBeLessThan(warning.markSeq);

    // new entries past the mark do not wash it out: the chain no longer holds the marked entry
    await busyDay(await open(), 6);
    expect((await call(await open(), 'app.info', {})).auditRollback).toMatchObject({ problem: 'rewritten' });
  });
});
