import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CentralChild,
  type CentralDatabase,
  createCentralDatabase,
  enrolmentCode,
  spawnCentral,
} from '../../support/central-pg.js';
import { CentralProxy } from '../../support/central-proxy.js';
import { call } from '../../support/core-harness.js';
import {
  drainKiosk,
  outboxStates,
  type SyncKiosk,
  syncKiosk,
  writeRecordChanges,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * kill -9 of a central process in the middle of a batch, behind a load balancer (the proxy) that
 * then sends the kiosk to the other process: nothing is lost, nothing is applied twice. Killed
 * before its commit, the transaction dies with the connection; killed after it, the resend is
 * answered from the stored results.
 */
let db: CentralDatabase;
let dir: ReturnType<typeof tempDir>;
let proxy: CentralProxy;
let children: CentralChild[];
let kiosk: SyncKiosk;

beforeEach(async () => {
  db = await createCentralDatabase();
  dir = tempDir();
  children = [];
});

afterEach(async () => {
  kiosk.core.close();
  dir.remove();
  await proxy.close();
  await Promise.all(children.map((c) => c.stop()));
  await db.drop();
});

async function counts(): Promise<{
  items: number;
  applied: number;
  distinct: number;
  receipts: number;
  positions: number[];
}> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const items = await client.query<{ n: string; applied: string; distinct: string }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE status = 'applied') AS applied, count(DISTINCT (record_id, seq)) AS distinct FROM items",
    );
    const receipts = await client.query<{ n: string }>('SELECT count(DISTINCT item_id) AS n FROM receipts');
    const positions = await client.query<{ next_seq: number }>(
      'SELECT next_seq FROM records ORDER BY record_id',
    );
    const row = items.rows[0];
    return {
      items: Number(row?.n),
      applied: Number(row?.applied),
      distinct: Number(row?.distinct),
      receipts: Number(receipts.rows[0]?.n),
      positions: positions.rows.map((r) => r.next_seq),
    };
  } finally {
    await client.end();
  }
}

async function killedMidBatch(at: 'before_commit' | 'after_commit'): Promise<void> {
  const doomed = await spawnCentral(db, { SNOWDESK_CENTRAL_TEST_HOLD: at });
  const survivor = await spawnCentral(db);
  children.push(doomed, survivor);
  proxy = await CentralProxy.start(doomed.url);
  kiosk = await syncKiosk(dir.path, null);
  const enrolled = await call(kiosk.core, 'sync.enrol', { code: await enrolmentCode(db, proxy.url) });
  expect(enrolled.ok).toBe(true);
  await kiosk.sync.settled();
  writeRecordChanges(kiosk, { records: 6, changes: 3 });

  const holding = doomed.waitFor(`holding a batch ${at}`);
  kiosk.sync.syncNow();
  await holding;
  doomed.child.kill('SIGKILL');
  await doomed.stop();
  proxy.target = survivor.url;
  await kiosk.sync.settled();
  expect(kiosk.sync.status().waiting).toBe(18);

  const status = await drainKiosk(kiosk);
  expect(status.waiting).toBe(0);
  expect(outboxStates(dir.path)).toEqual({ delivered: 18 });
  expect(await counts()).toEqual({
    items: 18,
    applied: 18,
    distinct: 18,
    receipts: 18,
    positions: [4, 4, 4, 4, 4, 4],
  });
}

describe('kill -9 of a central process mid-batch', () => {
  it('before its commit: the other process applies every item once', async () => {
    await killedMidBatch('before_commit');
  });

  it('after its commit, before the answer: the resend is answered from memory, nothing doubles', async () => {
    await killedMidBatch('after_commit');
  });
});
