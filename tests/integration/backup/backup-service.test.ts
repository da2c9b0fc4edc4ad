import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, folderError } from '../../../electron/core/backup/backup-error.js';
import { readBackupKeys, unwrapBackupKeyWithRecoveryKey } from '../../../electron/core/backup/backup-keys.js';
import { parseRecoveryKey } from '../../../electron/core/crypto/recovery-key.js';
import { createBackup } from '../../../electron/core/backup/create-backup.js';
import { restoreBackup } from '../../../electron/core/backup/restore-backup.js';
import { backupFileName } from '../../../electron/core/backup/retention.js';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { snapshotStore } from '../../support/backup-fixture.js';
import { ADMIN, call, ManualClock, openTestCore, refusal, setUpKiosk } from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

const DAY = 24 * 60 * 60 * 1000;
const dirs: { remove(): void }[] = [];
const cores: Core[] = [];

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function kiosk(): Promise<{
  core: Core;
  dataDir: string;
  root: string;
  clock: ManualClock;
  recoveryKey: string;
}> {
  const dir = tempDir('snowdesk-backup-service-');
  dirs.push(dir);
  const dataDir = join(dir.path, 'data');
  const clock = new ManualClock();
  const core = await openTestCore(dataDir, { clock });
  cores.push(core);
  const { recoveryKey } = await setUpKiosk(core);
  return { core, dataDir, root: dir.path, clock, recoveryKey };
}

function backups(core: Core) {
  if (!core.backups) throw new Error('the store did not open');
  return core.backups;
}

async function backupError(work: Promise<unknown>): Promise<BackupError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof BackupError) return error;
    throw error;
  }
  throw new Error('the backup was expected to fail');
}

/** Everything but the audit log and the backup history, which record the attempt. */
function dataTables(dataDir: string) {
  const { counts, digests } = snapshotStore(dataDir);
  const skip = new Set(['audit_log', 'backup_history']);
  return {
    counts: Object.fromEntries(Object.entries(counts).filter(([t]) => !skip.has(t))),
    digests: Object.fromEntries(Object.entries(digests).filter(([t]) => !skip.has(t))),
  };
}

describe('backup folder problems', () => {
  it('names a missing folder, a file where the folder should be and a path under a file; the data stays as it was', async () => {
    const { core, dataDir, root } = await kiosk();
    const file = join(root, 'not-a-folder');
    writeFileSync(file, 'x');
    const before = dataTables(dataDir);

    const missing = await backupError(backups(core).run({ folder: join(root, 'usb-not-plugged-in') }));
    expect(missing.code).toBe('folder_missing');
    expect(missing.message).toMatch(/does not exist: .*usb-not-plugged-in/);
    expect((await backupError(backups(core).run({ folder: file }))).code).toBe('folder_not_a_folder');
    expect((await backupError(backups(core).run({ folder: join(file, 'sub') }))).code).toBe(
      'folder_not_a_folder',
    );

    expect(dataTables(dataDir)).toEqual(before);
    expect(readdirSync(dataDir).filter((n) => n.includes('.backup-'))).toEqual([]);
    const status = backups(core).status();
    expect(status.lastSuccess).toBeNull();
    expect(status.lastFailure).toMatchObject({ errorCode: 'folder_not_a_folder' });
  });

  // Tests run as root, for whom chmod does not make a folder read-only; sysfs refuses new files
  // even to root (EACCES), so on Linux it stands in for a read-only medium.
  it.skipIf(process.platform !== 'linux' || !existsSync('/sys/kernel'))(
    'names a folder that cannot be written (sysfs)',
    async () => {
      const { core, dataDir } = await kiosk();
      const before = dataTables(dataDir);
      const refused = await backupError(backups(core).run({ folder: '/sys/kernel' }));
      expect(refused.code).toBe('folder_unwritable');
      expect(refused.message).toMatch(/cannot be written: \/sys\/kernel/);
      expect(dataTables(dataDir)).toEqual(before);
    },
  );

  // A full medium cannot be simulated without mounting a small file system (root, and not
  // portable): the mapping of the errors the OS gives is checked instead.
  it('maps a full or read-only medium to its own code', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(folderError(error('ENOSPC'), '/media/usb').code).toBe('folder_full');
    expect(folderError(error('EDQUOT'), '/media/usb').code).toBe('folder_full');
    expect(folderError(error('EROFS'), '/media/usb').code).toBe('folder_unwritable');
    expect(folderError(error('EACCES'), '/media/usb').code).toBe('folder_unwritable');
    expect(folderError(error('EIO'), '/media/usb').message).toMatch(/EIO/);
  });
});

describe('backup runs', () => {
  it('needs no session, records the run, and keeps the newest backup of each of the last N days', async () => {
    const { core, dataDir, root, clock } = await kiosk();
    await call(core, 'session.signOut', {});
    const folder = join(root, 'usb');
    mkdirSync(folder);
    // files that are not this kiosk's backups are never touched
    writeFileSync(join(folder, backupFileName('another-kiosk', clock.now() - 90 * DAY)), 'x');
    writeFileSync(join(folder, 'notes.txt'), 'x');

    const made: string[] = [];
    for (let day = 0; day < 5; day++) {
      made.push((await backups(core).run({ folder, keepDays: 3 })).fileName);
      clock.advance(60 * 60 * 1000);
      made.push((await backups(core).run({ folder, keepDays: 3 })).fileName);
      clock.advance(DAY - 60 * 60 * 1000);
    }
    const ours = readdirSync(folder).filter((n) => n.endsWith('.sdbak') && !n.includes('another-kiosk'));
    // the later backup of each of the three newest days
    expect(ours.sort()).toEqual([made[5], made[7], made[9]].sort());
    expect(readdirSync(folder)).toContain('notes.txt');
    expect(readdirSync(folder).some((n) => n.includes('another-kiosk'))).toBe(true);
    expect(readdirSync(dataDir).filter((n) => n.includes('.backup-'))).toEqual([]);

    const status = backups(core).status();
    expect(status).toMatchObject({ hasKey: true, recoveryCopy: true, lastFailure: null });
    expect(status.lastSuccess?.fileName).toBe(made[9]);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.create'").pluck().get()).toBe(
      10,
    );
    db.close();
  });

  it('gives a store without a backup key one at the next sign-in, and the recovery copy at the next recovery', async () => {
    const { core, dataDir, root, recoveryKey } = await kiosk();
    // a store set up before migration 0007: no pair
    const raw = new Database(join(dataDir, DATABASE_FILE));
    raw.prepare('DELETE FROM backup_keys').run();
    raw.close();
    const folder = join(root, 'usb');
    mkdirSync(folder);
    expect((await backupError(backups(core).run({ folder }))).code).toBe('no_backup_key');

    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', ADMIN);
    expect(backups(core).status()).toMatchObject({ hasKey: true, recoveryCopy: false });
    const first = await backups(core).run({ folder });

    // the recovery key still restores it, through the recovery copy of DK
    const restoredDir = join(root, 'restored-1');
    const restored = await restoreBackup({
      dataDir: restoredDir,
      file: first.path,
      credentials: { recoveryKey },
      now: () => Date.now(),
    });
    expect(restored.unlockedBy).toBe('recovery_key');

    await call(core, 'recovery.resetPassword', {
      recoveryKey,
      name: ADMIN.name,
      newPassword: 'new-admin-pass-2026',
    });
    expect(backups(core).status()).toMatchObject({ hasKey: true, recoveryCopy: true });
    const second = await backups(core).run({ folder });
    const again = await restoreBackup({
      dataDir: join(root, 'restored-2'),
      file: second.path,
      credentials: { name: ADMIN.name, password: 'new-admin-pass-2026' },
      now: () => Date.now(),
    });
    expect(again).toMatchObject({ unlockedBy: 'maintainer', movedAside: null });
    const restoredDb = new Database(join(root, 'restored-2', DATABASE_FILE), { readonly: true });
    expect(readBackupKeys(restoredDb)?.recovery_wrapped_sk).toEqual(expect.any(String));
    restoredDb.close();
  });

  it('answers backup.status to a maintainer, with the warning the UI shows', async () => {
    const { core, root, clock } = await kiosk();
    expect(await call(core, 'backup.status', {})).toMatchObject({
      hasKey: true,
      recoveryCopy: true,
      warning: 'never',
    });
    const folder = join(root, 'usb');
    mkdirSync(folder);
    await backups(core).run({ folder });
    expect(await call(core, 'backup.status', {})).toMatchObject({ warning: 'none', lastSuccess: { folder } });
    clock.advance(DAY + 1);
    expect((await call(core, 'backup.status', {})).warning).toBe('stale');
    clock.advance(1);
    await backupError(backups(core).run({ folder: join(root, 'missing') }));
    expect(await call(core, 'backup.status', {})).toMatchObject({
      warning: 'failed',
      lastFailure: { errorCode: 'folder_missing' },
    });
    await call(core, 'session.signOut', {});
    expect((await refusal(core, 'backup.status', {})).code).toBe('not_signed_in');
  });

  it('copies a store beyond the in-memory limit through a snapshot file, removes it, and the backup restores', async () => {
    const { core, dataDir, root, recoveryKey } = await kiosk();
    await core.maintenance.seedDemo({ records: 30, password: 'demo-pass-2026', seed: 3 });
    const folder = join(root, 'usb');
    mkdirSync(folder);
    // a second connection to the live database, as the CLI has while the kiosk runs
    const live = new Database(join(dataDir, DATABASE_FILE));
    let path: string;
    try {
      const inFile = await createBackup({
        db: live,
        dataDir,
        folder,
        now: () => Date.now(),
        inMemoryLimitBytes: 0,
      });
      expect(inFile.snapshot).toBe('file');
      path = inFile.path;
      // (into another folder: retention would keep only the newer of two backups of one day)
      const other = join(root, 'usb-2');
      mkdirSync(other);
      const inMemory = await createBackup({ db: live, dataDir, folder: other, now: () => Date.now() });
      expect(inMemory.snapshot).toBe('memory');
    } finally {
      live.close();
    }
    expect(readdirSync(dataDir).filter((n) => n.includes('.backup-'))).toEqual([]);
    const restored = await restoreBackup({
      dataDir: join(root, 'restored'),
      file: path,
      credentials: { recoveryKey },
      now: () => Date.now(),
    });
    expect(restored.counts).toMatchObject({ records: 30, payloadsOpened: 30 });
  });

  it('follows a reissued recovery key: the new key restores later backups, the retired one does not', async () => {
    const { core, root, recoveryKey: retired } = await kiosk();
    const { recoveryKey } = await call(core, 'setup.reissueRecoveryKey', { password: ADMIN.password });
    expect(recoveryKey).not.toBe(retired);
    // the recovery copy of the backup secret key was re-wrapped under the new key
    const raw = new Database(join(root, 'data', DATABASE_FILE), { readonly: true });
    const row = readBackupKeys(raw);
    raw.close();
    if (!row?.recovery_wrapped_sk) throw new Error('no recovery copy');
    const pair = unwrapBackupKeyWithRecoveryKey(
      row.recovery_wrapped_sk,
      row.public_key,
      parseRecoveryKey(recoveryKey),
    );
    expect(Buffer.from(pair.publicKey).equals(row.public_key)).toBe(true);
    const folder = join(root, 'usb');
    mkdirSync(folder);
    const made = await backups(core).run({ folder });
    const restoreWith = (key: string, into: string) =>
      restoreBackup({
        dataDir: join(root, into),
        file: made.path,
        credentials: { recoveryKey: key },
        now: () => Date.now(),
      });
    expect((await backupError(restoreWith(retired, 'old-key'))).code).toBe('wrong_credentials');
    expect((await restoreWith(recoveryKey, 'new-key')).unlockedBy).toBe('recovery_key');
  });
});
