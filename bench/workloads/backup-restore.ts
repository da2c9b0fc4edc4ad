/**
 * Backup and restore of a season of guests (DESIGN.md "Budgets": backup of 100k records ≤ 5 s;
 * restore: bench/budgets.ts). On a copy of the cached data set (the copy gets a re-issued
 * recovery key, which the data set does not keep):
 *
 * - backup: `createBackup` on the store's live connection, as the daily run calls it: consistent
 *   copy, encryption to the backup public key, written and fsynced into the backup folder;
 * - restore: `restoreBackup` of that file into a new data folder with the recovery key (the path
 *   of a replaced machine): decrypt, verify (integrity, audit chain, every sealed payload opened),
 *   move into place, migrate, audit. The counts it verified are checked against the data set.
 *
 *   node --import tsx bench/workloads/backup-restore.ts [--records 100000]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackup } from '../../electron/core/backup/create-backup.js';
import { restoreBackup } from '../../electron/core/backup/restore-backup.js';
import { loadSodium } from '../../electron/core/crypto/sodium.js';
import { openDatabase } from '../../electron/core/db/open-database.js';
import { silentLogger } from '../../electron/core/logger.js';
import { call } from '../../tests/support/core-harness.js';
import { BUDGETS, budgetText } from '../budgets.js';
import { ensureDataSet, type DataSet } from '../lib/dataset.js';
import { copyDataSet, signIn } from '../lib/desk-store.js';
import { recordsLabel } from '../lib/intake-drafts.js';
import { informs, timed, type BenchResult } from '../lib/result.js';
import { perSecond } from '../lib/stats.js';
import { BENCH_ADMIN, openBenchCore } from '../lib/store-folder.js';

const MB = 1_000_000;

/** A copy of the data set and its recovery key (re-issued by the maintainer through dispatch). */
async function sourceWithRecoveryKey(dataSet: DataSet, dir: string): Promise<string> {
  copyDataSet(dataSet, dir);
  const core = await openBenchCore(dir);
  try {
    await signIn(core, BENCH_ADMIN.name, BENCH_ADMIN.password);
    const { recoveryKey } = await call(core, 'setup.reissueRecoveryKey', { password: BENCH_ADMIN.password });
    await core.dispatch('session.signOut', {});
    return recoveryKey;
  } finally {
    core.close();
  }
}

export async function backupRestoreWorkload(dataSet: DataSet, dir: string): Promise<BenchResult[]> {
  await loadSodium();
  const source = join(dir, 'source');
  const folder = join(dir, 'backups');
  const restored = join(dir, 'restored');
  mkdirSync(folder, { recursive: true });
  const recoveryKey = await sourceWithRecoveryKey(dataSet, source);
  const label = recordsLabel(dataSet.manifest.records);

  const opened = openDatabase(source, { now: () => Date.now(), log: silentLogger });
  if (!opened.ok) throw new Error(`cannot open ${source}: ${opened.problem.message}`);
  let backup: Awaited<ReturnType<typeof createBackup>>;
  let backupMs: number;
  let plainBytes: number;
  try {
    const pageSize = opened.db.pragma('page_size', { simple: true }) as number;
    plainBytes = pageSize * (opened.db.pragma('page_count', { simple: true }) as number);
    const start = performance.now();
    backup = await createBackup({ db: opened.db, dataDir: source, folder, now: () => Date.now() });
    backupMs = performance.now() - start;
  } finally {
    opened.db.close();
  }

  const restoreStart = performance.now();
  const restore = await restoreBackup({
    dataDir: restored,
    file: backup.path,
    credentials: { recoveryKey },
    now: () => Date.now(),
  });
  const restoreMs = performance.now() - restoreStart;
  const { counts } = restore;
  if (restore.unlockedBy !== 'recovery_key')
    throw new Error(`the restore was unlocked by ${restore.unlockedBy}`);
  if (counts.records !== dataSet.manifest.records) {
    throw new Error(
      `the restore holds ${String(counts.records)} records, not ${String(dataSet.manifest.records)}`,
    );
  }
  if (counts.payloadsOpened !== counts.revisions || counts.revisions < counts.records) {
    throw new Error(
      `the restore opened ${String(counts.payloadsOpened)} payloads of ${String(counts.revisions)} revisions`,
    );
  }

  const built = dataSet.built ? '; data set built in this run (warm OS cache)' : '';
  return [
    timed(
      `backup of ${label} records`,
      backupMs,
      budgetText.backup,
      BUDGETS.backup.maxMs,
      `createBackup of a ${(plainBytes / MB).toFixed(0)} MB store into a ${(backup.sizeBytes / MB).toFixed(0)} MB file: ` +
        `consistent copy (${backup.snapshot}) ${(backup.timings.snapshotMs / 1000).toFixed(2)} s, ` +
        `encrypt + write + fsync ${(backup.timings.encryptMs / 1000).toFixed(2)} s; the bench data set ` +
        '(sealed records and blind indexes, no workflow rows or audit entries for them)' +
        built,
    ),
    informs(
      `backup of ${label} records, rate`,
      perSecond(plainBytes / MB, backupMs),
      'MB/s',
      `${Math.round(perSecond(dataSet.manifest.records, backupMs)).toLocaleString('en')} records/s`,
    ),
    timed(
      `restore of ${label} records`,
      restoreMs,
      budgetText.restore,
      BUDGETS.restore.maxMs,
      `restoreBackup into a new data folder with the recovery key: decrypt, verify (integrity, audit chain, ` +
        `${counts.payloadsOpened.toLocaleString('en')} of ${counts.revisions.toLocaleString('en')} payloads opened), ` +
        'move into place, migrate, audit',
    ),
    informs(
      `restore of ${label} records, rate`,
      perSecond(counts.records, restoreMs),
      'records/s',
      `${perSecond(backup.sizeBytes / MB, restoreMs).toFixed(0)} MB/s of backup file`,
    ),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '100000' },
      seed: { type: 'string', default: '20261123' },
    },
  });
  const dataSet = await ensureDataSet(Number(values.records), Number(values.seed), (text) =>
    process.stderr.write(text + '\n'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'snowdesk-bench-backup-'));
  try {
    for (const r of await backupRestoreWorkload(dataSet, dir)) {
      process.stdout.write(
        `${r.name}: ${r.value === null ? '—' : r.value.toFixed(3)} ${r.unit} (budget ${r.budget ?? '—'}, ok ${String(r.ok)})${r.note ? ` — ${r.note}` : ''}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
