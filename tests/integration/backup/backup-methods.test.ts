import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { openSettingsFile } from '../../../electron/core/settings-file.js';
import { runCli, snapshotStore } from '../../support/backup-fixture.js';
import {
  ADMIN,
  call,
  FIRST_MANAGER,
  ManualClock,
  memorySettings,
  openTestCore,
  refusal,
  setUpKiosk,
} from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * backup.configure, backup.run and backup.restore through dispatch, as the maintainer's screen
 * calls them: folders that are missing, read-only or full, and backup files that are truncated,
 * tampered with or from another kiosk, each answered with its problem while the live data stays
 * as it was; and a restore into the running kiosk.
 */

const dirs: { remove(): void }[] = [];
const cores: Core[] = [];
const mounts: string[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) {
    await core.backupSchedule.settled();
    core.close();
  }
  for (const mount of mounts.splice(0)) execFileSync('umount', [mount]);
  for (const dir of dirs.splice(0)) dir.remove();
});

/**
 * Tests run as root, whom permissions do not stop: a read-only or full medium is a small real
 * file system. Mounting needs privileges an unprivileged CI runner lacks; those cases skip, saying why.
 */
const tmpfsProblem = ((): string | null => {
  const probe = tempDir('snowdesk-tmpfs-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', probe.path], { stdio: 'pipe' });
    execFileSync('umount', [probe.path], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? 'mount failed') : 'mount failed';
  } finally {
    probe.remove();
  }
})();
if (tmpfsProblem)
  console.log(`skipping the read-only and full folder cases: cannot mount tmpfs (${tmpfsProblem})`);

/** A 256 KiB tmpfs at `dir`, unmounted after the test. */
function smallMedium(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'pipe' });
  mounts.push(dir);
}

/** Writes into `dir` until the medium is full. */
function fill(dir: string): void {
  const chunk = Buffer.alloc(16 * 1024, 1);
  for (let n = 0; ; n++) {
    try {
      writeFileSync(join(dir, `filler-${String(n)}`), chunk);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOSPC') return;
      throw error;
    }
  }
}

async function kiosk(name = 'kiosk') {
  const dir = tempDir(`snowdesk-backup-methods-${name}-`);
  dirs.push(dir);
  const dataDir = join(dir.path, 'data');
  const clock = new ManualClock();
  const core = await openTestCore(dataDir, { clock, settings: memorySettings() });
  cores.push(core);
  const { recoveryKey } = await setUpKiosk(core);
  return { core, dataDir, root: dir.path, clock, recoveryKey };
}

/** Every table but the audit log and the backup history, which record the attempts themselves. */
function dataTables(dataDir: string) {
  const { counts, digests } = snapshotStore(dataDir);
  const skip = new Set(['audit_log', 'backup_history']);
  return {
    counts: Object.fromEntries(Object.entries(counts).filter(([t]) => !skip.has(t))),
    digests: Object.fromEntries(Object.entries(digests).filter(([t]) => !skip.has(t))),
  };
}

const SETTINGS = { time: '23:30', keepDays: 30 } as const;

describe('backup.configure', () => {
  it('accepts an absolute, existing, writable folder and refuses the rest with its problem', async () => {
    const { core, root, dataDir } = await kiosk();
    const folder = join(root, 'usb');
    mkdirSync(folder);
    writeFileSync(join(root, 'a-file'), 'x');
    const configure = (path: string | null) => call(core, 'backup.configure', { folder: path, ...SETTINGS });

    expect(await configure('usb')).toMatchObject({ ok: false, problem: 'folder_not_absolute' });
    expect(await configure(join(root, 'not-plugged-in'))).toMatchObject({
      ok: false,
      problem: 'folder_missing',
      detail: expect.stringContaining('not-plugged-in') as string,
    });
    expect(await configure(join(root, 'a-file'))).toMatchObject({ problem: 'folder_not_a_folder' });
    // nothing was stored by the refusals
    expect((await call(core, 'backup.status', {})).settings).toEqual({ folder: null, ...SETTINGS });

    expect(await call(core, 'backup.configure', { folder, time: '01:15', keepDays: 7 })).toEqual({
      ok: true,
      settings: { folder, time: '01:15', keepDays: 7 },
    });
    // the probe left nothing behind
    expect(readdirSync(folder)).toEqual([]);
    expect((await refusal(core, 'backup.configure', { folder, time: '24:00', keepDays: 7 })).code).toBe(
      'invalid_input',
    );
    expect((await refusal(core, 'backup.configure', { folder, time: '01:15', keepDays: 0 })).code).toBe(
      'invalid_input',
    );
    // switched off: nothing scheduled
    expect(await configure(null)).toMatchObject({ ok: true, settings: { folder: null } });
    expect((await call(core, 'backup.status', {})).nextRunAt).toBeNull();
    expect(await call(core, 'backup.run', {})).toMatchObject({ ok: false, problem: 'not_configured' });
    expect(snapshotStore(dataDir).counts.backup_history).toBe(0);
  });

  it.skipIf(tmpfsProblem !== null)('refuses a read-only medium and a full one', async () => {
    const { core, root } = await kiosk();
    const readOnly = join(root, 'ro');
    smallMedium(readOnly);
    execFileSync('mount', ['-o', 'remount,ro', readOnly]);
    expect(await call(core, 'backup.configure', { folder: readOnly, ...SETTINGS })).toMatchObject({
      ok: false,
      problem: 'folder_unwritable',
    });
    const full = join(root, 'full');
    smallMedium(full);
    fill(full);
    expect(await call(core, 'backup.configure', { folder: full, ...SETTINGS })).toMatchObject({
      ok: false,
      problem: 'folder_full',
    });
  });

  it('is the maintainer’s; the header’s warning is also the manager’s', async () => {
    const { core } = await kiosk();
    await call(core, 'session.signOut', {});
    // the first manager, made at first setup
    await call(core, 'session.signIn', FIRST_MANAGER);
    for (const method of ['backup.run', 'backup.status'] as const) {
      expect((await refusal(core, method, {})).code).toBe('forbidden');
    }
    expect((await refusal(core, 'backup.configure', { folder: null, ...SETTINGS })).code).toBe('forbidden');
    expect((await refusal(core, 'backup.restore', { file: '/x.sdbak', recoveryKey: 'x' })).code).toBe(
      'forbidden',
    );
    expect(await call(core, 'backup.health', {})).toEqual({
      warning: 'never',
      lastSuccessAt: null,
      configured: false,
    });
  });
});

describe('backup.run into a bad folder', () => {
  it('names a folder that went missing; the data stays as it was', async () => {
    const { core, root, dataDir } = await kiosk();
    const folder = join(root, 'usb');
    mkdirSync(folder);
    await call(core, 'backup.configure', { folder, ...SETTINGS });
    rmSync(folder, { recursive: true });
    const before = dataTables(dataDir);
    expect(await call(core, 'backup.run', {})).toMatchObject({ ok: false, problem: 'folder_missing' });
    expect(dataTables(dataDir)).toEqual(before);
    expect((await call(core, 'backup.status', {})).warning).toBe('failed');
  });

  it.skipIf(tmpfsProblem !== null)(
    'names a medium that became read-only or full, leaves no partial file, and the data stays as it was',
    async () => {
      const { core, root, dataDir } = await kiosk();
      const medium = join(root, 'usb');
      smallMedium(medium);
      await call(core, 'backup.configure', { folder: medium, ...SETTINGS });
      const before = dataTables(dataDir);

      execFileSync('mount', ['-o', 'remount,ro', medium]);
      expect(await call(core, 'backup.run', {})).toMatchObject({ ok: false, problem: 'folder_unwritable' });

      execFileSync('mount', ['-o', 'remount,rw', medium]);
      fill(medium);
      const full = await call(core, 'backup.run', {});
      expect(full).toMatchObject({ ok: false, problem: 'folder_full' });
      expect(readdirSync(medium).filter((name) => !name.startsWith('filler-'))).toEqual([]);
      expect(dataTables(dataDir)).toEqual(before);
      expect(await call(core, 'backup.status', {})).toMatchObject({
        warning: 'failed',
        lastFailure: { errorCode: 'folder_full' },
      });
    },
  );
});

describe('backup.restore from the maintainer’s screen', () => {
  it('refuses truncated, tampered, foreign and unreadable files and wrong keys, the live data untouched; then restores a good one', async () => {
    const { core, root, dataDir, recoveryKey } = await kiosk();
    await core.maintenance.seedDemo({ records: 12, password: 'demo-pass-2026', seed: 7 });
    const folder = join(root, 'usb');
    mkdirSync(folder);
    await call(core, 'backup.configure', { folder, ...SETTINGS });
    const made = await call(core, 'backup.run', {});
    if (!made.ok) throw new Error(made.detail);
    // kept elsewhere: a later backup the same day replaces it in the folder (retention)
    const good = join(root, made.fileName);
    writeFileSync(good, readFileSync(join(folder, made.fileName)));
    const atBackup = dataTables(dataDir);

    // another kiosk, its backup and its recovery key
    const other = await kiosk('other');
    const otherFolder = join(other.root, 'usb');
    mkdirSync(otherFolder);
    await call(other.core, 'backup.configure', { folder: otherFolder, ...SETTINGS });
    const otherMade = await call(other.core, 'backup.run', {});
    if (!otherMade.ok) throw new Error(otherMade.detail);

    // the kiosk moves on after the backup
    await call(core, 'staff.create', { name: 'Lead Wang', role: 'lead', password: 'first-pass-2026!' });
    const current = dataTables(dataDir);
    expect(current).not.toEqual(atBackup);

    const bytes = readFileSync(good);
    const truncated = join(root, 'truncated.sdbak');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const tampered = join(root, 'tampered.sdbak');
    const flipped = Buffer.from(bytes);
    const at = Math.floor(bytes.length * 0.7);
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0x01, at);
    writeFileSync(tampered, flipped);
    const notBackup = join(root, 'notes.txt');
    writeFileSync(notBackup, 'shopping list');

    const cases: [string, string, string][] = [
      [truncated, recoveryKey, 'truncated'],
      [tampered, recoveryKey, 'tampered'],
      [join(otherFolder, otherMade.fileName), other.recoveryKey, 'other_kiosk'],
      [good, other.recoveryKey, 'wrong_credentials'],
      [good, 'not-a-recovery-key', 'recovery_key_format'],
      [notBackup, recoveryKey, 'not_a_backup'],
      [join(root, 'nowhere.sdbak'), recoveryKey, 'not_a_backup'],
      ['usb/relative.sdbak', recoveryKey, 'not_a_backup'],
    ];
    for (const [file, key, problem] of cases) {
      const answer = await call(core, 'backup.restore', { file, recoveryKey: key });
      expect(answer, file).toMatchObject({ ok: false, problem });
      expect(dataTables(dataDir), file).toEqual(current);
      expect(await call(core, 'session.state', {}), file).toMatchObject({
        status: 'signed-in',
        locked: false,
      });
    }
    expect(readdirSync(dataDir).filter((name) => /restore|before-restore/.test(name))).toEqual([]);
    expect((await call(core, 'backup.status', {})).lastRestore).toBeNull();

    // a backup running: the restore waits for nobody and changes nothing
    const [, busy] = await Promise.all([
      call(core, 'backup.run', {}),
      call(core, 'backup.restore', { file: good, recoveryKey }),
    ]);
    expect(busy).toMatchObject({ ok: false, problem: 'busy' });
    expect(dataTables(dataDir)).toEqual(current);

    // the good one
    const restored = await call(core, 'backup.restore', { file: good, recoveryKey });
    expect(restored).toMatchObject({ ok: true, counts: { records: 12, payloadsOpened: 12 } });
    if (!restored.ok) return;
    expect(restored.keptAside).toMatch(/^snowdesk\.db\.before-restore-/);
    expect(existsSync(join(dataDir, restored.keptAside ?? ''))).toBe(true);
    // everyone is signed out; the data is the backup's
    expect(await call(core, 'session.state', {})).toEqual({ status: 'signed-out' });
    expect(dataTables(dataDir)).toEqual(atBackup);

    // the kiosk works on the restored store: sign-in, status, a new backup, sync's status
    await call(core, 'session.signIn', ADMIN);
    const status = await call(core, 'backup.status', {});
    expect(status.lastRestore).toMatchObject({ fileName: made.fileName });
    expect(await call(core, 'backup.run', {})).toMatchObject({ ok: true });
    expect((await call(core, 'sync.status', {})).state).toBe('not_enrolled');
    expect((await call(core, 'staff.list', {})).map((s) => s.name)).not.toContain('Lead Wang');
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('snowdesk backup without --to', () => {
  it('uses the folder and retention set on the maintainer’s screen, and says when none is set', async () => {
    const dir = tempDir('snowdesk-backup-cli-');
    dirs.push(dir);
    const dataDir = join(dir.path, 'data');
    const core = await openTestCore(dataDir, { settings: openSettingsFile(dataDir) });
    await setUpKiosk(core);
    core.close();

    const unset = await runCli(['backup', '--data-dir', dataDir]);
    expect(unset.code).toBe(1);
    expect(unset.err).toMatch(/No backup folder/);

    const folder = join(dir.path, 'usb');
    mkdirSync(folder);
    openSettingsFile(dataDir).set('backupFolder', folder);
    const made = await runCli(['backup', '--data-dir', dataDir]);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain(`Backup written: ${folder}/snowdesk-`);
  });
});
