import { cpSync } from 'node:fs';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { silentLogger } from '../../electron/core/logger.js';
import { TEST_ARGON2 } from '../../tests/support/core-harness.js';
import type { DataSet } from './dataset.js';
import { BENCH_ADMIN, memorySettings } from './store-folder.js';

/** The password `snowdesk seed` gives the demo staff in bench stores (bench data only). */
export const BENCH_DESK_PASSWORD = 'bench-desk-2026!';
/** A certified specialist of the demo staff (electron/core/demo/demo-seed.ts DEMO_STAFF). */
export const BENCH_SPECIALIST = 'demo-specialist-1';

/**
 * A scratch copy of a cached data set, so workloads that write (intakes, a re-issued recovery
 * key) never change the cache. A data set is checkpointed when built: its folder is the database
 * file and its manifest.
 */
export function copyDataSet(dataSet: DataSet, dir: string): void {
  cpSync(dataSet.dir, dir, { recursive: true });
}

/**
 * The real core for workloads that only need someone signed in: accounts it makes are wrapped at
 * libsodium's minimum Argon2id cost, so staffing a store and signing in take milliseconds instead
 * of a production unlock each (the unlock line measures that); no re-wrap either, because the
 * stored keys are never weaker than this target. Everything else is the production core.
 */
export function openDeskCore(dataDir: string): Promise<Core> {
  return createCore({
    dataDir,
    settings: memorySettings(),
    appVersion: 'bench',
    log: silentLogger,
    argon2: TEST_ARGON2,
  });
}

/**
 * A scratch copy of `dataSet` staffed the way `snowdesk seed` staffs a store: the maintainer signs
 * in and seeds zero guests, which creates the demo desk staff with BENCH_DESK_PASSWORD and
 * certifies them (so they work on the real store, not the practice one). Nobody signed in after.
 */
export async function staffedCopy(dataSet: DataSet, dir: string, seed: number): Promise<void> {
  copyDataSet(dataSet, dir);
  const core = await openDeskCore(dir);
  try {
    await signIn(core, BENCH_ADMIN.name, BENCH_ADMIN.password);
    await core.maintenance.seedDemo({ records: 0, password: BENCH_DESK_PASSWORD, seed });
    await core.dispatch('session.signOut', {});
  } finally {
    core.close();
  }
}

export async function signIn(core: Core, name: string, password: string): Promise<void> {
  const result = await core.dispatch('session.signIn', { name, password });
  if (!result.ok) throw new Error(`session.signIn as ${name} refused: ${result.error.code}`);
}
