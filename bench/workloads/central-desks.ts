/**
 * Many desks, one resort (DESIGN.md "Budgets", central): 50 simulated desks push outbox batches
 * at once against two central processes (`snowdesk-central serve`, children of this process) on
 * one PostgreSQL: items/s over the whole push and p99 batch latency. The peer is PostgreSQL's
 * own insert rate for the same rows, as batched INSERT … SELECT unnest(…) of 500 rows, on as many
 * connections as there are desks per process, in the same run. Everything is sealed before the
 * clock starts; the central side opens, checks, applies and stores every item.
 *
 *   node --import tsx bench/workloads/central-desks.ts [--batches 4] [--items 50]
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Desk } from '../../central/conformance/client.js';
import { sodiumReady } from '../../central/crypto.js';
import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import { EnrolmentResponse, HealthResponse, OutboxBatchResponse } from '../../shared/sync/wire.js';
import { createCentralDatabase, spawnCentral } from '../../tests/support/central-pg.js';
import type { BenchResult } from '../lib/result.js';

const DESKS = 50;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function enrolDesk(desk: Desk): Promise<void> {
  const health = HealthResponse.parse((await desk.call({ path: SYNC_PATHS.health })).json);
  desk.centralPublicKey = health.centralPublicKey;
  const body = {
    deviceId: desk.deviceId,
    devicePublicKey: desk.publicKey,
    deviceName: desk.name,
    appVersion: 'bench',
  };
  EnrolmentResponse.parse((await desk.call({ path: SYNC_PATHS.enrolment, body })).json);
}

/** PostgreSQL alone: the same number of rows into a table shaped like `items`, batched. */
async function peerInsertRate(url: string, rows: number, connections: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  await pool.query('CREATE TABLE bench_items (LIKE items INCLUDING ALL)');
  const chunk = 500;
  const chunks = Math.ceil(rows / chunk);
  const payloads = Array.from({ length: chunks }, () => {
    const ids = Array.from({ length: chunk }, () => randomUUID());
    return { ids, records: ids.map(() => randomUUID()), device: randomUUID(), batch: randomUUID() };
  });
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < payloads.length) {
        const p = payloads[next++];
        if (!p) break;
        await pool.query(
          `INSERT INTO bench_items (id, device_id, record_id, seq, digest, status, consumes, result, batch_id, stored_at)
             SELECT i, $2, r, 1, md5(i::text), 'applied', true, jsonb_build_object('id', i, 'status', 'applied'), $3, now()
               FROM unnest($1::uuid[], $4::uuid[]) AS t (i, r)`,
          [p.ids, p.device, p.batch, p.records],
        );
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await pool.end();
  return (chunks * chunk) / seconds;
}

export async function centralDesksWorkload(batches: number, itemsPerBatch: number): Promise<BenchResult[]> {
  await sodiumReady();
  const db = await createCentralDatabase();
  const centrals = await Promise.all([spawnCentral(db), spawnCentral(db)]);
  try {
    const desks: Desk[] = [];
    for (let i = 0; i < DESKS; i += 1) {
      const token = (
        await db.cli('enrol-device', '--url', 'https://central.bench.invalid', '--token-only')
      ).out.trim();
      const url = centrals[i % centrals.length]?.url ?? '';
      desks.push(new Desk(url, token, `bench desk ${String(i + 1)}`));
    }
    await Promise.all(desks.map(enrolDesk));
    // sealed before the clock starts: the figure is the central side's work, not the desks'
    const planned = desks.map((desk) =>
      Array.from({ length: batches }, () => {
        const record = randomUUID();
        return Array.from({ length: itemsPerBatch }, (_, i) =>
          desk.item(i % 2 === 0 ? randomUUID() : record, i % 2 === 0 ? 1 : Math.floor(i / 2) + 1, {
            revision: 1,
            guest: { name: 'Bench Guest', contact: { phone: '+8613800138000' } },
          }),
        );
      }),
    );
    const latencies: number[] = [];
    const start = performance.now();
    await Promise.all(
      desks.map(async (desk, d) => {
        for (const items of planned[d] ?? []) {
          const sent = performance.now();
          const reply = await desk.call({ path: SYNC_PATHS.outboxBatches, body: desk.batch(items) });
          latencies.push(performance.now() - sent);
          const response = OutboxBatchResponse.parse(reply.json);
          if (response.results.some((r) => r.status !== 'applied'))
            throw new Error('an item was not applied');
          desk.heldSeq = response.auditHead.seq;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const total = DESKS * batches * itemsPerBatch;
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    const stored = Number((await check.query<{ n: string }>('SELECT count(*) AS n FROM items')).rows[0]?.n);
    await check.end();
    if (stored !== total)
      throw new Error(`the central side holds ${String(stored)} items of ${String(total)}`);
    const itemsPerS = total / seconds;
    const peer = await peerInsertRate(db.url, total, DESKS / centrals.length);
    latencies.sort((a, b) => a - b);
    const what = `${String(DESKS)} desks × ${String(batches)} batches × ${String(itemsPerBatch)} items, 2 central processes`;
    return [
      {
        name: 'central: 50 desks, items applied',
        value: itemsPerS,
        unit: 'items/s',
        budget: null,
        ok: null,
        peer: 'PostgreSQL batched INSERT, same rows',
        peerValue: peer,
        ratio: itemsPerS / peer,
        note: `${what}; every item opened, checked and stored once (${stored.toLocaleString('en')} rows)`,
      },
      {
        name: 'central: 50 desks, batch latency p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        budget: null,
        ok: null,
      },
      {
        name: 'central: 50 desks, batch latency p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        budget: null,
        ok: null,
      },
    ];
  } finally {
    await Promise.all(centrals.map((c) => c.stop()));
    await db.drop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: { batches: { type: 'string', default: '4' }, items: { type: 'string', default: '50' } },
  });
  for (const r of await centralDesksWorkload(Number(values.batches), Number(values.items))) {
    const peer = r.peer
      ? ` | ${r.peer}: ${(r.peerValue ?? 0).toFixed(0)} ${r.unit} (ratio ${(r.ratio ?? 0).toFixed(2)})`
      : '';
    process.stdout.write(
      `${r.name}: ${r.value === null ? '—' : r.value.toFixed(1)} ${r.unit}${peer}${r.note ? ` — ${r.note}` : ''}\n`,
    );
  }
}
