import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { KeyHandle } from '../../electron/core/crypto/key-handle.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import { silentLogger } from '../../electron/core/logger.js';
import { SealedRecordStore } from '../../electron/core/records/sealed-record-store.js';
import { enqueue } from '../../electron/core/sync/outbox.js';
import type { Scheduler, TimerHandle } from '../../electron/core/sync/sync-schedule.js';
import type { SyncService, SyncTuning } from '../../electron/core/sync/sync-service.js';
import type { SyncStatus } from '../../shared/ipc/sync-schemas.js';
import type { ExpectedItem } from './central-server/central-client-for-tests.js';
import type { CentralServer } from './central-server/central-server.js';
import { ADMIN, call, ManualClock, memorySettings, setUpKiosk, TEST_ARGON2 } from './core-harness.js';

/**
 * A kiosk for sync tests: the real core on a real data folder, its waits between sync rounds on
 * a scheduler the test fires by hand (no sleeping), jitter fixed, short network timeouts. Record
 * changes are written the way the record workflow writes them: the record row (SealedRecordStore)
 * and its outbox row (enqueue) in one transaction, here on a second connection to the same file.
 */

interface PendingTimer {
  id: number;
  due: number;
  task: () => void;
}

export class ManualScheduler implements Scheduler {
  private timers: PendingTimer[] = [];
  private next = 0;

  constructor(private readonly clock: ManualClock) {}

  after(ms: number, task: () => void): TimerHandle {
    const timer = { id: (this.next += 1), due: this.clock.now() + Math.max(0, ms), task };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  get pending(): number {
    return this.timers.length;
  }

  /** How long until the earliest timer, by the manual clock; null when none. */
  nextDelay(): number | null {
    const first = this.earliest();
    return first ? first.due - this.clock.now() : null;
  }

  /** Moves the clock to the earliest timer and runs it; false when there is none. */
  fireNext(): boolean {
    const first = this.earliest();
    if (!first) return false;
    this.timers = this.timers.filter((t) => t !== first);
    const now = this.clock.now();
    if (first.due > now) this.clock.advance(first.due - now);
    first.task();
    return true;
  }

  private earliest(): PendingTimer | undefined {
    return [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
  }
}

export const TEST_SYNC_TIMEOUTS = { connectTimeoutMs: 2_000, requestTimeoutMs: 2_000 };

export interface SyncKiosk {
  core: Core;
  sync: SyncService;
  dataDir: string;
  deviceId: string;
  clock: ManualClock;
  scheduler: ManualScheduler;
  /** the maintainer's staff id (created_by of test records) */
  adminId: string;
}

export async function openSyncCore(
  dataDir: string,
  options: { clock?: ManualClock; scheduler?: ManualScheduler; tuning?: SyncTuning } = {},
): Promise<{ core: Core; sync: SyncService; clock: ManualClock; scheduler: ManualScheduler }> {
  const clock = options.clock ?? new ManualClock();
  const scheduler = options.scheduler ?? new ManualScheduler(clock);
  const core = await createCore({
    dataDir,
    settings: memorySettings(),
    appVersion: '0.0.0-test',
    clock,
    log: silentLogger,
    validateOutput: true,
    argon2: TEST_ARGON2,
    sync: { scheduler, random: () => 0.5, ...TEST_SYNC_TIMEOUTS, ...options.tuning },
  });
  if (!core.sync) throw new Error(`the core did not open: ${JSON.stringify(core.storage)}`);
  return { core, sync: core.sync, clock, scheduler };
}

/** First setup, the maintainer signed in, and (with `central`) enrolled by enrolment code. */
export async function syncKiosk(
  dataDir: string,
  central: CentralServer | null,
  options: { tuning?: SyncTuning; tlsPins?: string[] } = {},
): Promise<SyncKiosk> {
  const opened = await openSyncCore(dataDir, { tuning: options.tuning });
  await setUpKiosk(opened.core);
  const state = await call(opened.core, 'session.state', {});
  if (state.status !== 'signed-in') throw new Error('the maintainer is not signed in');
  const info = await call(opened.core, 'app.info', {});
  if (info.storage.state !== 'ready') throw new Error('storage is not ready');
  const kiosk: SyncKiosk = {
    ...opened,
    dataDir,
    deviceId: info.storage.deviceId,
    adminId: state.staff.id,
  };
  if (central) {
    const result = await call(opened.core, 'sync.enrol', {
      code: central.enrolmentCode(central.issueToken(), options.tlsPins),
    });
    if (!result.ok) throw new Error(`enrolment failed: ${result.problem} ${result.detail}`);
    await kiosk.sync.settled();
  }
  return kiosk;
}

export { ADMIN };

/** What the central side must hold for one change: its record, position and Idempotency-Key. */
export type WrittenItem = ExpectedItem & { id: string };

export interface ChangePlan {
  records: number;
  /** changes per record: the first creates it, the others are later revisions */
  changes: number;
  /** the last change of each record is an erasure */
  eraseLast?: boolean;
  /** all changes in one outer transaction (each still its own savepoint): fast, for benchmarks */
  oneTransaction?: boolean;
  /** the guest of each snapshot; a name from the record id when absent */
  guest?: (recordId: string) => Record<string, unknown>;
}

/**
 * Writes record changes as the record workflow would, interleaved across records (r1#1, r2#1, …,
 * r1#2, …), each record row and its outbox row in one transaction, on a connection of its own.
 * Returns what the central side must end up holding.
 */
export function writeRecordChanges(
  kiosk: Pick<SyncKiosk, 'dataDir' | 'deviceId' | 'adminId'>,
  plan: ChangePlan,
): WrittenItem[] {
  const db = new Database(join(kiosk.dataDir, DATABASE_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // records sealed under a throwaway key: sync never opens them, it only needs the rows
  const keys = KeyHandle.adopt(randomBytes(32));
  const store = new SealedRecordStore(
    db,
    () => keys,
    () => Date.now(),
  );
  const config = { deviceId: kiosk.deviceId, now: () => Date.now(), keys: () => keys };
  const recordIds = Array.from({ length: plan.records }, () => randomUUID());
  const expected: WrittenItem[] = [];
  const writeAll = (): void => {
    for (let change = 1; change <= plan.changes; change += 1) {
      for (const recordId of recordIds) {
        db.transaction(() => {
          const erase = plan.eraseLast === true && change === plan.changes && change > 1;
          if (change === 1) {
            store.createRecord(kiosk.adminId, { name: `Guest ${recordId.slice(0, 4)}` }, {}, recordId);
          }
          const item = enqueue(db, config, {
            recordId,
            revision: erase ? change - 1 : change,
            kind: erase ? 'record.erasure' : 'record.revision',
            data: erase
              ? { erasedAt: Date.now() }
              : { guest: plan.guest?.(recordId) ?? { name: `Guest ${recordId.slice(0, 4)}` }, n: change },
          });
          expected.push({ recordId, seq: item.seq, id: item.id });
        })();
      }
    }
  };
  try {
    if (plan.oneTransaction === true) db.transaction(writeAll)();
    else writeAll();
  } finally {
    keys.wipe();
    db.close();
  }
  return expected;
}

/** A read of the kiosk's own sync tables, on a connection of its own. */
export function readKiosk<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function outboxStates(dataDir: string): Record<string, number> {
  return readKiosk(dataDir, (db) =>
    Object.fromEntries(
      db
        .prepare<[], { state: string; n: number }>(
          'SELECT state, count(*) AS n FROM sync_outbox GROUP BY state',
        )
        .all()
        .map((row) => [row.state, row.n]),
    ),
  );
}

/**
 * Runs the sync loop to its end the way time would: one round now, then each scheduled wait
 * fired in turn, until nothing waits to be sent (or `maxSteps`). Returns the final status.
 */
export async function drainKiosk(
  kiosk: Pick<SyncKiosk, 'sync' | 'scheduler'>,
  maxSteps = 30,
): Promise<SyncStatus> {
  kiosk.sync.syncNow();
  await kiosk.sync.settled();
  for (let step = 0; step < maxSteps; step += 1) {
    const status = kiosk.sync.status();
    if (status.waiting === 0 && status.state === 'idle') return status;
    if (status.state === 'stopped' || !kiosk.scheduler.fireNext()) return status;
    await kiosk.sync.settled();
  }
  return kiosk.sync.status();
}

/**
 * Resolves with the sync status once `predicate` holds, checking now and at every `sync.changed`
 * event; rejects after `timeoutMs` so a test fails instead of hanging.
 */
export function statusWhen(
  kiosk: Pick<SyncKiosk, 'core' | 'sync'>,
  predicate: (status: SyncStatus) => boolean,
  timeoutMs = 5_000,
): Promise<SyncStatus> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const status = kiosk.sync.status();
      if (!predicate(status)) return false;
      finish();
      resolve(status);
      return true;
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`sync status never matched; last: ${JSON.stringify(kiosk.sync.status())}`));
    }, timeoutMs);
    const unsubscribe = kiosk.core.subscribe((event) => {
      if (event === 'sync.changed') check();
    });
    function finish(): void {
      clearTimeout(timer);
      unsubscribe();
    }
    check();
  });
}
