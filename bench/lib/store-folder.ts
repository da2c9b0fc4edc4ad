import type { Database } from 'better-sqlite3';
import { StaffRepository } from '../../electron/core/accounts/staff-repository.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { unwrapDataKeyForAccount } from '../../electron/core/crypto/data-key.js';
import type { KeyHandle } from '../../electron/core/crypto/key-handle.js';
import { openDatabase } from '../../electron/core/db/open-database.js';
import { silentLogger } from '../../electron/core/logger.js';
import { SealedRecordStore } from '../../electron/core/records/sealed-record-store.js';
import type { SettingsSource } from '../../electron/core/settings-source.js';
import { staffNameKey } from '../../shared/domain/staff-account-rules.js';

/** The maintainer every bench store is set up with (bench data only; invented guests). */
export const BENCH_ADMIN = { name: 'Bench Maintainer', password: 'bench-snow-2026!' } as const;
/** first setup makes the first manager too (issue 12); the bench signs in as the maintainer */
const BENCH_MANAGER = { name: 'Bench Manager', password: 'bench-manager-2026!' } as const;

export function memorySettings(): SettingsSource {
  const map = new Map<string, unknown>();
  return { get: (k) => map.get(k), set: (k, v) => map.set(k, v) };
}

/** The real core on `dataDir`, with the production Argon2 parameters (no override). */
export function openBenchCore(dataDir: string): Promise<Core> {
  return createCore({ dataDir, settings: memorySettings(), appVersion: 'bench', log: silentLogger });
}

/** First setup through dispatch, as the kiosk does it; leaves nobody signed in. */
export async function setUpThroughCore(dataDir: string): Promise<void> {
  const core = await openBenchCore(dataDir);
  try {
    const created = await core.dispatch('setup.create', { ...BENCH_ADMIN, manager: { ...BENCH_MANAGER } });
    if (!created.ok) throw new Error(`setup.create refused: ${created.error.code} ${created.error.message}`);
    await core.dispatch('session.signOut', {});
  } finally {
    core.close();
  }
}

export interface UnlockedStore {
  db: Database;
  keys: KeyHandle;
  records: SealedRecordStore;
  staffId: string;
  close(): void;
}

/**
 * The store of a folder set up by setUpThroughCore, opened the core's way (openDatabase: WAL,
 * synchronous=FULL, migrations) and unlocked with the maintainer's password, for workloads that
 * need the record store below dispatch (no contract method reaches it yet).
 */
export async function openUnlockedStore(dataDir: string): Promise<UnlockedStore> {
  const opened = openDatabase(dataDir, { now: () => Date.now(), log: silentLogger });
  if (!opened.ok) throw new Error(`cannot open ${dataDir}: ${opened.problem.message}`);
  const { db } = opened;
  try {
    const row = new StaffRepository(db).byNameKey(staffNameKey(BENCH_ADMIN.name));
    if (!row) throw new Error(`${dataDir} has no ${BENCH_ADMIN.name}`);
    const keys = await unwrapDataKeyForAccount(row.wrapped_dk, BENCH_ADMIN.password, row.id);
    const records = new SealedRecordStore(
      db,
      () => keys,
      () => Date.now(),
    );
    return {
      db,
      keys,
      records,
      staffId: row.id,
      close: () => {
        keys.wipe();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
