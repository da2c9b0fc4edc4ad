import type { Database } from 'better-sqlite3';
import PlainDatabase from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import type { GuestRecord } from '../../shared/domain/guest-record.js';
import { BUDGETS, budgetText } from '../budgets.js';
import { demoGuests, indexValues } from '../lib/guests.js';
import type { BenchResult } from '../lib/result.js';
import { median } from '../lib/stats.js';
import { openUnlockedStore, setUpThroughCore, type UnlockedStore } from '../lib/store-folder.js';

/**
 * Store throughput: insert a realistic guest record (payload + record row + its index entries)
 * and read it back, for three stores with the same schema (the core's migrations) and the same
 * pragmas as openDatabase (WAL, synchronous=FULL, foreign keys):
 *   sealed     SealedRecordStore: XChaCha20-Poly1305 payload, keyed BLAKE2b blind index
 *   plain      better-sqlite3, JSON payload and index values in clear, no crypto
 *   SQLCipher  better-sqlite3-multiple-ciphers, cipher=sqlcipher legacy=4 (SQLCipher 4
 *              defaults: AES-256-CBC pages, HMAC-SHA512), JSON and index values in clear inside
 * Two shapes of the same work: a batch of records per commit (import, sync inbox: CPU-bound) and
 * one commit per record (a save at the desk: bound by the fsync of each commit). Rounds rotate
 * the order of the stores so a slow moment of the machine does not land on one of them only.
 */

interface StoreUnderTest {
  name: string;
  /** inserts the guests (in one transaction when `batch`, else one each) and reads each back */
  run(guests: readonly GuestRecord[], batch: boolean): void;
  close(): void;
}

type AnyDatabase = Pick<Database, 'prepare' | 'transaction' | 'pragma' | 'exec' | 'close'>;

function tunedLikeTheCore(db: AnyDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** The same schema as the kiosk (every migration) and one staff row for the foreign keys. */
function clearStore(name: string, db: AnyDatabase): StoreUnderTest {
  tunedLikeTheCore(db);
  migrate(db as Database, MIGRATIONS, () => Date.now());
  const staffId = randomUUID();
  db.prepare(
    `INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES (?, 'bench', 'bench', 'maintainer', '-', ?)`,
  ).run(staffId, Date.now());
  const insertRecord = db.prepare('INSERT INTO guest_records (id, created_at, created_by) VALUES (?, ?, ?)');
  const insertRevision = db.prepare(
    'INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  );
  const insertIndex = db.prepare(
    'INSERT OR IGNORE INTO blind_index (kind, digest, record_id, revision) VALUES (?, ?, ?, ?)',
  );
  const selectRevision = db.prepare(
    'SELECT sealed FROM record_revisions WHERE record_id = ? AND revision = ?',
  );
  const insertOne = (guest: GuestRecord): string => {
    const id = randomUUID();
    const now = Date.now();
    insertRecord.run(id, now, staffId);
    insertRevision.run(id, 1, Buffer.from(JSON.stringify(guest), 'utf8'), now, staffId);
    const index = indexValues(guest);
    insertIndex.run('id-number', Buffer.from(index.idNumber, 'utf8'), id, 1);
    for (const phone of index.phones) insertIndex.run('phone', Buffer.from(phone, 'utf8'), id, 1);
    return id;
  };
  const insertOneTx = db.transaction(insertOne);
  const insertMany = db.transaction((guests: readonly GuestRecord[]) => guests.map(insertOne));
  const readBack = (id: string): unknown => {
    const row = selectRevision.get(id, 1) as { sealed: Buffer } | undefined;
    if (!row) throw new Error(`${name}: record ${id} did not read back`);
    return JSON.parse(row.sealed.toString('utf8')) as unknown;
  };
  return {
    name,
    run(guests, batch) {
      const ids = batch ? insertMany(guests) : guests.map((g) => insertOneTx(g));
      for (const id of ids) readBack(id);
    },
    close: () => {
      db.close();
    },
  };
}

function sealedStore(store: UnlockedStore): StoreUnderTest {
  const { records, staffId, db } = store;
  const insertMany = db.transaction((guests: readonly GuestRecord[]) =>
    guests.map((g) => records.createRecord(staffId, g, indexValues(g))),
  );
  return {
    name: 'sealed',
    run(guests, batch) {
      const refs = batch
        ? insertMany(guests)
        : guests.map((g) => records.createRecord(staffId, g, indexValues(g)));
      for (const ref of refs) records.openRevision(ref);
    },
    close: () => {
      store.close();
    },
  };
}

async function sqlcipherStore(dir: string): Promise<StoreUnderTest> {
  const module = await import('better-sqlite3-multiple-ciphers');
  const path = join(dir, 'sqlcipher.db');
  const db = new module.default(path);
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = '${randomBytes(24).toString('hex')}'`);
  const store = clearStore('SQLCipher', db);
  // it must really be encrypted: once the schema is on disk, no SQLite header in clear
  db.pragma('wal_checkpoint(TRUNCATE)');
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.every((b) => b === 0) || head.toString('latin1').startsWith('SQLite format 3'))
    throw new Error('the SQLCipher file is not encrypted (or was not written)');
  return store;
}

export interface ThroughputOptions {
  dir: string;
  rounds: number;
  batchRecords: number;
  perCommitRecords: number;
  seed: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0] ?? ''}` : String(error);
}

export async function storeThroughputWorkload(options: ThroughputOptions): Promise<BenchResult[]> {
  const sealedDir = join(options.dir, 'sealed');
  await setUpThroughCore(sealedDir);
  const stores: StoreUnderTest[] = [
    sealedStore(await openUnlockedStore(sealedDir)),
    clearStore('plain', new PlainDatabase(join(options.dir, 'plain.db'))),
  ];
  let sqlcipherProblem: string | null = null;
  try {
    stores.push(await sqlcipherStore(options.dir));
  } catch (error) {
    sqlcipherProblem = `SQLCipher peer unavailable: ${describe(error)}`;
  }
  const results: BenchResult[] = [];
  try {
    const total = options.rounds * (options.batchRecords + options.perCommitRecords);
    const all = [...demoGuests(total, options.seed)];
    const shapes = [
      { label: `${String(options.batchRecords)} records/commit`, batch: true, per: options.batchRecords },
      { label: '1 record/commit', batch: false, per: options.perCommitRecords },
    ];
    let offset = 0;
    for (const shape of shapes) {
      // records/s of each store in each round: the rounds pair the stores under the same load
      const rates = new Map<string, number[]>(stores.map((s) => [s.name, []]));
      // a small untimed warm-up per store (statement caches, JIT, WAL file creation)
      for (const store of stores) store.run(all.slice(0, 20), shape.batch);
      for (let round = 0; round < options.rounds; round++) {
        const guests = all.slice(offset, offset + shape.per);
        offset += shape.per;
        for (let k = 0; k < stores.length; k++) {
          const store = stores[(round + k) % stores.length];
          if (!store) continue;
          const start = performance.now();
          store.run(guests, shape.batch);
          rates.get(store.name)?.push(shape.per / ((performance.now() - start) / 1000));
        }
      }
      const rate = (name: string): number | null => {
        const list = rates.get(name);
        return list === undefined ? null : median(list);
      };
      /** median over rounds of sealed / peer in the same round: robust to load that drifts between rounds */
      const pairedRatio = (peer: string): number | null => {
        const mine = rates.get('sealed') ?? [];
        const theirs = rates.get(peer);
        return theirs === undefined ? null : median(mine.map((r, i) => r / (theirs[i] ?? NaN)));
      };
      const sealed = rate('sealed') ?? NaN;
      const name = `store throughput, ${shape.label}`;
      const common =
        `${String(options.rounds)} rounds × ${String(shape.per)} insert + read back; ` +
        'values are medians over rounds, ratios the median of per-round ratios';
      const peers = [
        {
          peer: 'plain',
          label: 'better-sqlite3 (plain)',
          budget: budgetText.vsPlain,
          minRatio: BUDGETS.storeThroughput.minRatioToPlain,
          note: common,
        },
        {
          peer: 'SQLCipher',
          label: 'SQLCipher (better-sqlite3-multiple-ciphers)',
          budget: budgetText.vsSqlcipher,
          minRatio: BUDGETS.storeThroughput.minRatioToSqlcipher,
          note: sqlcipherProblem,
        },
      ];
      for (const { peer, label, budget, minRatio, note } of peers) {
        const ratio = pairedRatio(peer);
        results.push({
          name: `${name}: sealed vs ${peer}`,
          value: sealed,
          unit: 'records/s',
          budget,
          ok: ratio !== null && ratio >= minRatio,
          peer: label,
          peerValue: rate(peer),
          ratio,
          ...(note === null ? {} : { note }),
        });
      }
    }
  } finally {
    for (const store of stores) store.close();
  }
  return results;
}
