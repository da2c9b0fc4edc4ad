import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Core } from '../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import { call, ManualClock, openTestCore, setUpKiosk } from './core-harness.js';
import { hireTheDesk, signInAs, type Person } from './desk-harness.js';
import { tempDir } from './temp-dir.js';

/** The desk of one test: its data folder, core, clock and people; fresh for every test. */
export interface StaffedDesk {
  readonly dir: string;
  readonly core: Core;
  readonly clock: ManualClock;
  readonly ids: Record<Person, string>;
  /** shown once at first setup: what a restore from the maintainer's screen asks for */
  readonly recoveryKey: string;
  /** `work` signed in as `person`, signed out afterwards whatever happened */
  readonly as: <T>(person: Person, work: () => Promise<T>) => Promise<T>;
  /** rows of the real store, read through a connection of the test's own */
  readonly query: <T>(sql: string, ...params: unknown[]) => T[];
  /** the same data folder opened again by a new core on `clock` (a restart at another time) */
  readonly reopen: (clock: ManualClock) => Promise<void>;
}

/**
 * For integration tests through dispatch: before each test a new data folder, a core on a
 * ManualClock and the desk's people (staffTheDesk); after it, the core closed and the folder gone.
 * Call once at the top of a test file; read the fields inside tests (they change per test).
 */
export function useStaffedDesk(): StaffedDesk {
  let current: {
    dir: ReturnType<typeof tempDir>;
    core: Core;
    clock: ManualClock;
    ids: Record<Person, string>;
    recoveryKey: string;
  };
  let ready = false;
  const state = () => {
    if (!ready) throw new Error('the staffed desk exists only inside a test');
    return current;
  };

  beforeEach(async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const core = await openTestCore(dir.path, { clock });
    const { recoveryKey } = await setUpKiosk(core);
    current = { dir, core, clock, ids: await hireTheDesk(core), recoveryKey };
    ready = true;
  });

  afterEach(() => {
    if (!ready) return;
    ready = false;
    current.core.close();
    current.dir.remove();
  });

  return {
    get dir() {
      return state().dir.path;
    },
    get core() {
      return state().core;
    },
    get clock() {
      return state().clock;
    },
    get ids() {
      return state().ids;
    },
    get recoveryKey() {
      return state().recoveryKey;
    },
    as: async <T>(person: Person, work: () => Promise<T>): Promise<T> => {
      const { core } = state();
      await signInAs(core, person);
      try {
        return await work();
      } finally {
        await call(core, 'session.signOut', {});
      }
    },
    query: <T>(sql: string, ...params: unknown[]): T[] => {
      const db = new Database(join(state().dir.path, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    reopen: async (clock: ManualClock): Promise<void> => {
      const desk = state();
      desk.core.close();
      desk.core = await openTestCore(desk.dir.path, { clock });
      desk.clock = clock;
    },
  };
}
