import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { GUEST_CSV_COLUMNS } from '../../../electron/core/maintenance/guest-csv.js';
import { SeededRandom } from '../../../electron/core/demo/seeded-random.js';
import { csvRows, runCli, snapshotStore, type StoreSnapshot } from '../../support/backup-fixture.js';
import { ADMIN, openTestCore, setUpKiosk } from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

const ADMIN_ENV = { SNOWDESK_USER: ADMIN.name, SNOWDESK_PASSWORD: ADMIN.password };
const DEMO_PASSWORD = 'demo-pass-2026';
const MANAGER = { SNOWDESK_USER: 'demo-manager', SNOWDESK_PASSWORD: DEMO_PASSWORD };
const RECORDS = 300;

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
let backupDir: string;
let backupFile: string;
let recoveryKey: string;
let csvAtBackup: string;
let atBackup: StoreSnapshot;

/**
 * A set-up kiosk with demo guests, made through the core with the tests' cheap Argon2 (every
 * wrapped key carries its parameters, so the CLI's sign-ins on it stay cheap too); returns its
 * recovery key.
 */
async function makeKiosk(folder: string, records: number, seed: number): Promise<string> {
  const core = await openTestCore(folder);
  try {
    const { recoveryKey } = await setUpKiosk(core);
    await core.maintenance.seedDemo({ records, password: DEMO_PASSWORD, seed });
    return recoveryKey;
  } finally {
    core.close();
  }
}

async function seed(folder: string, records: number, env: Record<string, string>) {
  const seeded = await runCli(['seed', '--data-dir', folder, '--records', String(records)], {
    ...env,
    SNOWDESK_DEMO_PASSWORD: DEMO_PASSWORD,
  });
  expect(seeded.code, seeded.err).toBe(0);
}

async function exportCsv(folder: string): Promise<string> {
  const exported = await runCli(['export', '--data-dir', folder], MANAGER);
  expect(exported.code, exported.err).toBe(0);
  return exported.out;
}

async function backup(folder: string, to: string): Promise<string> {
  // no SNOWDESK_USER, no password: the backup needs only the public key
  const made = await runCli(['backup', '--data-dir', folder, '--to', to]);
  expect(made.code, made.err).toBe(0);
  const path = /Backup written: (\S+\.sdbak)/.exec(made.out)?.[1];
  if (!path) throw new Error(`no backup path in: ${made.out}`);
  return path;
}

/** The data folder as bytes: every file's name and content. */
function folderBytes(folder: string): Map<string, Buffer> {
  return new Map(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name))]));
}

function expectFolderUnchanged(before: Map<string, Buffer>, folder: string): void {
  const after = folderBytes(folder);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
}

/** Every table but the two a restore appends to: its audit entry, and the backup it came from. */
function tablesExceptRestoreTrail(snapshot: StoreSnapshot) {
  const without = (table: Record<string, number | string>) =>
    Object.fromEntries(
      Object.entries(table).filter(([name]) => name !== 'audit_log' && name !== 'backup_history'),
    );
  return { counts: without(snapshot.counts), digests: without(snapshot.digests) };
}

function auditAt(folder: string, seq: number): { hash: string; action: string } | undefined {
  const db = new Database(join(folder, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT hash, action FROM audit_log WHERE seq = ?').get(seq) as
      { hash: Buffer; action: string } | undefined;
    return row && { hash: row.hash.toString('hex'), action: row.action };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = tempDir('snowdesk-backup-');
  dataDir = join(dir.path, 'data');
  backupDir = join(dir.path, 'usb');
  mkdirSync(backupDir);
  recoveryKey = await makeKiosk(dataDir, RECORDS, 1);
  csvAtBackup = await exportCsv(dataDir);
  atBackup = snapshotStore(dataDir);
  backupFile = await backup(dataDir, backupDir);
}, 180_000);

afterAll(() => {
  dir.remove();
});

describe('snowdesk backup', () => {
  it('writes one complete file atomically and leaves no plaintext copy or partial file behind', () => {
    expect(backupFile.startsWith(backupDir)).toBe(true);
    expect(readFileSync(backupFile).subarray(0, 8).toString('latin1')).toBe('SDBACKUP');
    expect(readdirSync(backupDir).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(dataDir).filter((n) => n.includes('.backup-'))).toEqual([]);
  });

  it('holds no guest value in clear (raw-byte search for every seeded value)', () => {
    const columns = [
      'name',
      'phone',
      'id_number',
      'home_address',
      'emergency_contact',
      'emergency_phone',
    ] as const;
    const index = columns.map((c) => GUEST_CSV_COLUMNS.indexOf(c));
    const values = new Set<string>();
    for (const row of csvRows(csvAtBackup)) {
      for (const i of index) {
        const v = row[i] ?? '';
        if (v.length >= 4) values.add(v);
        if (v.startsWith('+86')) values.add(v.slice(3));
      }
    }
    expect(values.size).toBeGreaterThan(RECORDS * 3);
    // the search does find values where they are in clear (the export itself)
    const exportBytes = Buffer.from(csvAtBackup, 'utf8');
    expect([...values].every((v) => exportBytes.includes(Buffer.from(v, 'utf8')))).toBe(true);
    const bytes = readFileSync(backupFile);
    const found = [...values].filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
    expect(found).toEqual([]);
    // nor the staff's database pages: no SQLite header anywhere in the file
    expect(bytes.includes(Buffer.from('SQLite format 3', 'latin1'))).toBe(false);
  });
});

describe('snowdesk restore', () => {
  it('after changes and deletions, restores exactly what was backed up', async () => {
    // change: more guests, an account disabled; delete: destroy the payloads of ten records
    await seed(dataDir, 50, ADMIN_ENV);
    const disable = await runCli(
      ['users', 'disable', '--data-dir', dataDir, '--name', 'demo-lead'],
      ADMIN_ENV,
    );
    expect(disable.code, disable.err).toBe(0);
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.exec(`
      UPDATE record_revisions SET sealed = NULL WHERE record_id IN (SELECT id FROM guest_records ORDER BY id LIMIT 10);
      DELETE FROM blind_index WHERE record_id IN (SELECT id FROM guest_records ORDER BY id LIMIT 10);
    `);
    db.close();
    const changed = snapshotStore(dataDir);
    expect(changed.counts.guest_records).toBe(RECORDS + 50);
    expect(changed.digests.record_revisions).not.toBe(atBackup.digests.record_revisions);

    const restored = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      backupFile,
      '--recovery-key',
      recoveryKey,
    ]);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(new RegExp(`${String(RECORDS)} records, ${String(RECORDS)} payloads open`));
    const aside = /kept as (\S+)\.\n/.exec(restored.out)?.[1] ?? '';
    expect(aside).toMatch(/snowdesk\.db\.before-restore-\d{8}T\d{9}Z$/);

    // every table as it was at the backup, row for row; the audit log one entry longer, and the
    // backup history knows the file restored from (so the schedule does not back up at once)
    const after = snapshotStore(dataDir);
    expect(after.counts.backup_history).toBe((atBackup.counts.backup_history ?? 0) + 1);
    const restoredFrom = new Database(join(dataDir, 'snowdesk.db'), { readonly: true });
    expect(
      restoredFrom.prepare('SELECT file_name, outcome FROM backup_history ORDER BY id DESC LIMIT 1').get(),
    ).toEqual({ file_name: basename(backupFile), outcome: 'ok' });
    restoredFrom.close();
    expect(tablesExceptRestoreTrail(after)).toEqual(tablesExceptRestoreTrail(atBackup));
    const head = atBackup.auditHead;
    if (!head) throw new Error('no audit head');
    expect(after.counts.audit_log).toBe((atBackup.counts.audit_log ?? 0) + 1);
    expect(auditAt(dataDir, head.seq)?.hash).toBe(head.hash);
    expect(auditAt(dataDir, head.seq + 1)?.action).toBe('backup.restore');

    // the data it replaced is kept aside, whole
    const keptAside = new Database(aside, { readonly: true });
    expect(keptAside.prepare('SELECT count(*) FROM guest_records').pluck().get()).toBe(RECORDS + 50);
    keptAside.close();

    // every payload opens and the chain verifies; the guests read back exactly as before
    const doctor = await runCli(['doctor', '--data-dir', dataDir], ADMIN_ENV);
    expect(doctor.code, doctor.out).toBe(0);
    expect(doctor.out).toMatch(new RegExp(`sealed payloads: ${String(RECORDS)} open`));
    expect(doctor.out).toMatch(/ok {4}audit chain/);
    expect(await exportCsv(dataDir)).toBe(csvAtBackup);
  }, 120_000);

  it('opens for a maintainer of the backup by password; a wrong password changes nothing', async () => {
    const before = folderBytes(dataDir);
    const wrong = await runCli(['restore', '--data-dir', dataDir, '--from', backupFile], {
      ...ADMIN_ENV,
      SNOWDESK_PASSWORD: 'not-the-password',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/\[wrong_credentials\]/);
    expectFolderUnchanged(before, dataDir);

    const right = await runCli(['restore', '--data-dir', dataDir, '--from', backupFile], ADMIN_ENV);
    expect(right.code, right.err).toBe(0);
    expect(tablesExceptRestoreTrail(snapshotStore(dataDir))).toEqual(tablesExceptRestoreTrail(atBackup));
  }, 60_000);

  it('restores into a new data folder', async () => {
    const fresh = join(dir.path, 'new-machine', 'data');
    const restored = await runCli([
      'restore',
      '--data-dir',
      fresh,
      '--from',
      backupFile,
      '--recovery-key',
      recoveryKey,
    ]);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/Restored into a new data folder/);
    expect(tablesExceptRestoreTrail(snapshotStore(fresh))).toEqual(tablesExceptRestoreTrail(atBackup));
    const doctor = await runCli(['doctor', '--data-dir', fresh], ADMIN_ENV);
    expect(doctor.code, doctor.out).toBe(0);
  }, 60_000);

  it('refuses a backup with one byte flipped anywhere, and the live data stays byte-identical', async () => {
    const original = readFileSync(backupFile);
    const headerLength = original.readUInt32BE(10);
    const prefix = 14 + headerLength + 32;
    const structural = [
      0,
      7,
      8,
      9,
      10,
      13,
      14,
      14 + Math.floor(headerLength / 2),
      14 + headerLength - 1,
      14 + headerLength + 5,
      prefix,
      prefix + 3,
      prefix + 4,
      prefix + 100,
      Math.floor(original.length / 2),
      original.length - 17,
      original.length - 1,
    ];
    const random = new SeededRandom(20261123);
    const positions = [
      ...structural,
      ...Array.from({ length: 20 }, () => random.int(0, original.length - 1)),
    ];
    const before = folderBytes(dataDir);
    const tampered = join(dir.path, 'tampered.sdbak');
    for (const at of positions) {
      const bytes = Buffer.from(original);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(tampered, bytes);
      const refused = await runCli([
        'restore',
        '--data-dir',
        dataDir,
        '--from',
        tampered,
        '--recovery-key',
        recoveryKey,
      ]);
      expect(refused.code, `byte ${String(at)}: ${refused.out}`).toBe(1);
      expect(refused.err, `byte ${String(at)}`).toMatch(/\[(tampered|not_a_backup|truncated)\]/);
    }
    expectFolderUnchanged(before, dataDir);
  }, 120_000);

  it('refuses a truncated backup, and the live data stays byte-identical', async () => {
    const original = readFileSync(backupFile);
    const prefix = 14 + original.readUInt32BE(10) + 32;
    const before = folderBytes(dataDir);
    const cut = join(dir.path, 'cut.sdbak');
    for (const length of [
      4,
      12,
      100,
      prefix - 1,
      prefix,
      prefix + 2,
      prefix + 5000,
      Math.floor(original.length / 2),
      original.length - 1,
    ]) {
      writeFileSync(cut, original.subarray(0, length));
      const refused = await runCli([
        'restore',
        '--data-dir',
        dataDir,
        '--from',
        cut,
        '--recovery-key',
        recoveryKey,
      ]);
      expect(refused.code, `cut at ${String(length)}`).toBe(1);
      expect(refused.err, `cut at ${String(length)}`).toMatch(/\[truncated\] *$/m);
    }
    writeFileSync(cut, '');
    expect(
      (await runCli(['restore', '--data-dir', dataDir, '--from', cut, '--recovery-key', recoveryKey])).err,
    ).toMatch(/not a Snowdesk backup \[not_a_backup\]/);
    const appended = join(dir.path, 'appended.sdbak');
    writeFileSync(appended, Buffer.concat([original, Buffer.from([0, 0, 0, 0])]));
    const longer = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      appended,
      '--recovery-key',
      recoveryKey,
    ]);
    expect(longer.err).toMatch(/data after its last part \[tampered\]/);
    expectFolderUnchanged(before, dataDir);
  }, 60_000);

  it('refuses a mistyped or another kiosk’s recovery key without touching anything', async () => {
    const before = folderBytes(dataDir);
    const groups = recoveryKey.split('-');
    const mistyped = [groups[0] === 'AAAA' ? 'BBBB' : 'AAAA', ...groups.slice(1)].join('-');
    const typo = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      backupFile,
      '--recovery-key',
      mistyped,
    ]);
    expect(typo.err).toMatch(/\[recovery_key_format\]/);
    const none = await runCli(['restore', '--data-dir', dataDir, '--from', backupFile]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--recovery-key/);
    expectFolderUnchanged(before, dataDir);
  });

  it('refuses another kiosk’s backup unless told, then restores it and binds the folder to it', async () => {
    const otherDir = join(dir.path, 'other-kiosk');
    const otherKey = await makeKiosk(otherDir, 20, 2);
    const otherFile = await backup(otherDir, backupDir);
    const before = folderBytes(dataDir);

    const refused = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      otherFile,
      '--recovery-key',
      otherKey,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/from another kiosk .*\[other_kiosk\]/);
    const wrongKey = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      otherFile,
      '--recovery-key',
      recoveryKey,
      '--from-other-kiosk',
    ]);
    expect(wrongKey.err).toMatch(/\[wrong_credentials\]/);
    expectFolderUnchanged(before, dataDir);

    const adopted = await runCli([
      'restore',
      '--data-dir',
      dataDir,
      '--from',
      otherFile,
      '--recovery-key',
      otherKey,
      '--from-other-kiosk',
    ]);
    expect(adopted.code, adopted.err).toBe(0);
    expect(snapshotStore(dataDir).counts.guest_records).toBe(20);
    // the other kiosk's maintainer (same name and password, another DK) opens every payload
    const doctor = await runCli(['doctor', '--data-dir', dataDir], ADMIN_ENV);
    expect(doctor.code, doctor.out).toBe(0);
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true);
  }, 120_000);
});
