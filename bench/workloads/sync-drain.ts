/**
 * Sync drain over loopback (DESIGN.md "Budgets": ≥ 1,000 records/s; zero duplicates and zero
 * losses under faults). A real kiosk core on a temporary data folder, enrolled with the real
 * loopback central server of tests/support (HTTP, its store on disk, every sealed item opened
 * and checked there), `records` record changes waiting in the outbox; the figure is records
 * acknowledged per second of wall time from "sync now" to an empty outbox. Then the same amount
 * again under faults (lost acknowledgements, 503 with Retry-After, 500, acknowledgements for
 * unknown ids, a cut answer), the waits between attempts skipped by the test scheduler, and the
 * central store compared with what the kiosk wrote.
 *
 *   node --import tsx bench/workloads/sync-drain.ts [--records 10000]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import { centralClientForTests } from '../../tests/support/central-server/central-client-for-tests.js';
import { startTempCentral } from '../../tests/support/central-server/temp-central.js';
import { drainKiosk, syncKiosk, writeRecordChanges } from '../../tests/support/sync-harness.js';
import { tempDir } from '../../tests/support/temp-dir.js';
import { BUDGETS, budgetText } from '../budgets.js';
import type { BenchResult } from '../lib/result.js';

const CHANGES_PER_RECORD = 20;

export async function syncDrainWorkload(records: number): Promise<BenchResult[]> {
  const central = await startTempCentral();
  const dir = tempDir('snowdesk-bench-sync-');
  const kiosk = await syncKiosk(dir.path, central.server);
  try {
    const records1 = Math.max(1, Math.round(records / CHANGES_PER_RECORD));
    const clean = writeRecordChanges(kiosk, {
      records: records1,
      changes: CHANGES_PER_RECORD,
      oneTransaction: true,
    });
    const started = performance.now();
    const status = await drainKiosk(kiosk);
    const seconds = (performance.now() - started) / 1000;
    if (status.waiting !== 0) throw new Error(`the drain stopped with ${String(status.waiting)} waiting`);
    const rate = clean.length / seconds;

    const faulty = writeRecordChanges(kiosk, {
      records: records1,
      changes: CHANGES_PER_RECORD,
      oneTransaction: true,
    });
    const outbox = { path: SYNC_PATHS.outboxBatches };
    central.server.faults.dropAfterCommitNext(3, outbox);
    central.server.faults.unavailableNext(2, { ...outbox, retryAfter: 1 });
    central.server.faults.failNext(2, outbox);
    central.server.faults.badResponseNext('unknown_ack_ids', 2, outbox);
    central.server.faults.badResponseNext('short_body', 1, outbox);
    const after = await drainKiosk(kiosk, 100);
    const stored = await centralClientForTests(central.server);
    let duplicates: number;
    let losses: number;
    try {
      const comparison = stored.compare([...clean, ...faulty]);
      duplicates = comparison.unexpected.length + comparison.outOfOrder.length;
      losses = comparison.missing.length + after.waiting;
    } finally {
      stored.close();
    }
    return [
      {
        name: `sync drain ${clean.length.toLocaleString('en')} over loopback`,
        value: rate,
        unit: 'records/s',
        budget: budgetText.syncDrain,
        ok: rate >= BUDGETS.syncDrain.minRecordsPerS,
        note: `${clean.length.toLocaleString('en')} items in ${seconds.toFixed(2)} s, batches of 500, one at a time, HTTP keep-alive`,
      },
      {
        name: 'sync duplicates under faults',
        value: duplicates,
        unit: 'items',
        budget: `≤ ${String(BUDGETS.syncDrain.maxDuplicates)}`,
        ok: duplicates <= BUDGETS.syncDrain.maxDuplicates,
        note: `${faulty.length.toLocaleString('en')} items through lost acknowledgements, 503, 500, unknown ids and a cut answer`,
      },
      {
        name: 'sync losses under faults',
        value: losses,
        unit: 'items',
        budget: `≤ ${String(BUDGETS.syncDrain.maxLosses)}`,
        ok: losses <= BUDGETS.syncDrain.maxLosses,
      },
    ];
  } finally {
    kiosk.core.close();
    dir.remove();
    await central.dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '10000' } } });
  const results = await syncDrainWorkload(Number(values.records));
  for (const r of results) {
    process.stdout.write(
      `${r.name}: ${r.value === null ? '—' : r.value.toFixed(1)} ${r.unit} (budget ${r.budget ?? '—'}, ok ${String(r.ok)})${r.note ? ` — ${r.note}` : ''}\n`,
    );
  }
}
