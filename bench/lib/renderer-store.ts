import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DeviceSettings } from '../../shared/domain/device-settings.js';
import type { Channel, GuestDraft } from '../../shared/domain/guest-record.js';
import { staffNameKey } from '../../shared/domain/staff-account-rules.js';
import { StaffRepository, staffView } from '../../electron/core/accounts/staff-repository.js';
import { AuditLog } from '../../electron/core/audit/audit-log.js';
import { systemClock } from '../../electron/core/clock.js';
import { unwrapDataKeyForAccount } from '../../electron/core/crypto/data-key.js';
import { openDatabase } from '../../electron/core/db/open-database.js';
import { silentLogger } from '../../electron/core/logger.js';
import { RecordStores } from '../../electron/core/records/record-stores.js';
import { openSettingsFile } from '../../electron/core/settings-file.js';
import { call, openTestCore, TEST_ARGON2 } from '../../tests/support/core-harness.js';
import { PASSWORD, PEOPLE, staffTheDesk, type Person } from '../../tests/support/desk-harness.js';
import type * as LauncherModule from '../../tests/support/launch-snowdesk.js';
import type { LaunchedSnowdesk } from '../../tests/support/launch-snowdesk.js';
import { BENCH_DATA_DIR, dataSetFingerprint } from './dataset.js';
import { demoGuests } from './guests.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The renderer as shipped (the Vite build), built into `outDir` so the figures are of the code as
 * it is now, never of a stale out/. Returns the build time in ms.
 */
export async function buildRenderer(outDir: string): Promise<number> {
  const start = performance.now();
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir],
    { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  return performance.now() - start;
}

/**
 * The desk's people (tests/support/desk-harness.ts: certified specialists, a lead, a manager),
 * with Argon2 at its minimum cost: sign-in is not what the renderer workloads measure. The folder
 * is bound to the preview's settings file, as `launchSnowdesk` opens it.
 */
export async function staffedStore(dataDir: string): Promise<void> {
  const core = await openTestCore(dataDir, { settings: openSettingsFile(dataDir) });
  try {
    await staffTheDesk(core);
  } finally {
    core.close();
  }
}

const ONLINE: readonly Channel[] = ['online_wechat', 'online_website'];

/**
 * `count` online submissions waiting to be claimed (the queue every specialist sees on the desk's
 * start page), received over the last three hours, so some rows are overdue (R9: two hours).
 * Written through the real workflow service (seal, blind index, audit) in one transaction, on
 * the closed store, as `by`: a bench-only path that spares 10k `online.add` calls, each its own
 * fsync'ed commit.
 */
export async function seedOnlineQueue(
  dataDir: string,
  count: number,
  seed: number,
  by: Person = 'bob',
): Promise<void> {
  const opened = openDatabase(dataDir, { now: () => systemClock.now(), log: silentLogger });
  if (!opened.ok) throw new Error(`cannot open ${dataDir}: ${opened.problem.message}`);
  const { db, deviceId } = opened;
  try {
    const staff = new StaffRepository(db);
    const row = staff.byNameKey(staffNameKey(PEOPLE[by].name));
    if (!row) throw new Error(`${dataDir} has no ${PEOPLE[by].name}`);
    const keys = await unwrapDataKeyForAccount(row.wrapped_dk, PASSWORD, row.id);
    const stores = new RecordStores({
      dataDir,
      db,
      audit: new AuditLog(db, deviceId, () => systemClock.now()),
      staff,
      keys: () => keys,
      clock: systemClock,
      settings: () => DeviceSettings.parse({}),
      log: silentLogger,
    });
    try {
      const { service } = stores.for(false);
      const session = { staff: staffView(row), locked: false, mustChangePassword: false };
      const now = systemClock.now();
      const window = 3 * 3_600_000;
      let i = 0;
      db.transaction(() => {
        for (const guest of demoGuests(count, seed)) {
          const submission: GuestDraft = { name: guest.name, contact: { phone: guest.contact.phone } };
          const receivedAt = now - Math.round(((count - i) / count) * window);
          service.addOnline(session, ONLINE[i % ONLINE.length] ?? 'online_wechat', submission, receivedAt);
          i++;
        }
      })();
    } finally {
      stores.close();
      keys.wipe();
    }
  } finally {
    db.close();
  }
}

export { call, PASSWORD, PEOPLE, TEST_ARGON2 };

/**
 * A staffed store with `records` online submissions waiting, built once and cached in
 * bench/.data/ (git-ignored) like the lookups' data sets, keyed by size, seed and the schema and
 * format fingerprint: writing 10k submissions through the workflow service takes 20–50 s on this
 * machine. The manifest is written last, so an interrupted build is redone. Returns a copy of it
 * in `dir`, so the run's writes (sign-in, autosaves) never reach the cache.
 */
export async function onlineQueueStore(
  records: number,
  seed: number,
  dir: string,
  progress: (text: string) => void,
): Promise<void> {
  const cache = join(
    BENCH_DATA_DIR,
    `renderer-online-${String(records)}-seed-${String(seed)}-${dataSetFingerprint()}`,
  );
  const manifest = join(cache, 'renderer-store.json');
  const fits = (): boolean => {
    try {
      const read = JSON.parse(readFileSync(manifest, 'utf8')) as { records?: unknown; seed?: unknown };
      return read.records === records && read.seed === seed;
    } catch {
      return false;
    }
  };
  if (!existsSync(manifest) || !fits()) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    const start = performance.now();
    await staffedStore(cache);
    await seedOnlineQueue(cache, records, seed);
    const buildMs = Math.round(performance.now() - start);
    progress(
      `  store with ${records.toLocaleString('en')} online submissions built in ${(buildMs / 1000).toFixed(1)} s ` +
        '(cached in bench/.data)',
    );
    writeFileSync(
      manifest,
      JSON.stringify({ records, seed, buildMs, builtAt: new Date().toISOString() }) + '\n',
    );
  }
  cpSync(cache, dir, { recursive: true });
}

/** tsx's keepNames wraps functions handed to page.evaluate in its __name helper: a stand-in. */
const KEEP_NAMES_SHIM = 'globalThis.__name ??= (fn) => fn;';

type Launcher = typeof LauncherModule;
let launcher: Promise<Launcher> | undefined;

/**
 * The app as `npm run preview` runs it (renderer in Debian Chromium, headless, the core on its own
 * thread from the built bundle) on `dataDir`. The build goes into bench/.data/out once per bench
 * run (a few seconds), unless SNOWDESK_OUT_DIR names one: inside the repository, because the core
 * worker's bundle imports its dependencies (zod, better-sqlite3) from node_modules.
 */
export async function launchBuiltKiosk(
  dataDir: string,
  log: (text: string) => void,
): Promise<LaunchedSnowdesk> {
  launcher ??= (async () => {
    const given = process.env.SNOWDESK_OUT_DIR;
    const outDir = given ?? join(BENCH_DATA_DIR, 'out');
    if (!given) log(`  renderer built in ${((await buildRenderer(outDir)) / 1000).toFixed(1)} s`);
    // the launcher reads where the build is when it is first imported
    process.env.SNOWDESK_OUT_DIR = outDir;
    const loaded = await import('../../tests/support/launch-snowdesk.js');
    if (given === undefined) delete process.env.SNOWDESK_OUT_DIR;
    return loaded;
  })();
  const { launchSnowdesk } = await launcher;
  const app = await launchSnowdesk({ dataDir, argon2: TEST_ARGON2, headless: true });
  await app.context.addInitScript({ content: KEEP_NAMES_SHIM });
  await app.page.evaluate(KEEP_NAMES_SHIM);
  return app;
}
