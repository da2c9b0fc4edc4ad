import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncProblem } from '../../../shared/ipc/sync-schemas.js';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import {
  centralClientForTests,
  type ExpectedItem,
} from '../../support/central-server/central-client-for-tests.js';
import type { CentralServer } from '../../support/central-server/central-server.js';
import { BAD_RESPONSE_KINDS } from '../../support/central-server/faults.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { call } from '../../support/core-harness.js';
import {
  drainKiosk,
  outboxStates,
  type SyncKiosk,
  syncKiosk,
  TEST_SYNC_TIMEOUTS,
  writeRecordChanges,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 5, "Done when": with each fault of the central test server switched on in turn, the kiosk
 * keeps every change, marks nothing it was not told was applied, shows the problem, and once the
 * fault clears the central side holds exactly the changes the kiosk made: none missing, none
 * doubled, each record in sequence order.
 */

let central: TempCentral;
let dir: ReturnType<typeof tempDir>;
let kiosk: SyncKiosk;
let expected: ExpectedItem[];

const OUTBOX = { path: SYNC_PATHS.outboxBatches };

beforeEach(async () => {
  central = await startTempCentral();
  dir = tempDir();
  // small batches, so a fault can strike in the middle of a drain
  kiosk = await syncKiosk(dir.path, central.server, { tuning: { maxBatchItems: 4 } });
  // 4 records x 3 changes (the last an erasure), interleaved: 12 items, 3 batches
  expected = writeRecordChanges(kiosk, { records: 4, changes: 3, eraseLast: true });
});

afterEach(async () => {
  kiosk.core.close();
  dir.remove();
  await central.dispose();
});

async function expectCentralHoldsExactly(items: ExpectedItem[]): Promise<void> {
  const stored = await centralClientForTests(central.server);
  try {
    const comparison = stored.compare(items);
    expect(comparison).toEqual({ ok: true, missing: [], unexpected: [], outOfOrder: [] });
    // each record's items in the central store: 1..n, the erasure last
    for (const recordId of new Set(items.map((i) => i.recordId))) {
      expect(stored.appliedOf(recordId).map((i) => [i.seq, i.content?.kind])).toEqual([
        [1, 'record.revision'],
        [2, 'record.revision'],
        [3, 'record.erasure'],
      ]);
    }
  } finally {
    stored.close();
  }
}

interface FaultCase {
  name: string;
  arm: (server: CentralServer) => Promise<void> | void;
  problem: SyncProblem;
  online: boolean;
  /** the wait the kiosk must schedule (Retry-After) */
  waitsAtLeastMs?: number;
  clear?: (server: CentralServer) => Promise<void> | void;
}

const FAULTS: FaultCase[] = [
  {
    name: 'refused connections (closed port)',
    arm: (s) => s.faults.refuseConnections('closed'),
    clear: (s) => s.faults.acceptConnections(),
    problem: 'offline',
    online: false,
  },
  {
    name: 'connections reset as they open',
    arm: (s) => s.faults.refuseConnections('reset'),
    clear: (s) => s.faults.acceptConnections(),
    problem: 'offline',
    online: false,
  },
  {
    name: 'a delay longer than the request timeout, before the batch is applied',
    arm: (s) => {
      s.faults.delayResponses(TEST_SYNC_TIMEOUTS.requestTimeoutMs + 1_000, {
        ...OUTBOX,
        phase: 'before_handling',
      });
    },
    problem: 'timeout',
    online: false,
  },
  {
    name: 'a delay longer than the request timeout, after the batch is committed',
    arm: (s) => {
      s.faults.delayResponses(TEST_SYNC_TIMEOUTS.requestTimeoutMs + 1_000, {
        ...OUTBOX,
        phase: 'after_commit',
        times: 1,
      });
    },
    problem: 'timeout',
    online: false,
  },
  {
    name: '500 from the central system',
    arm: (s) => {
      s.faults.failNext(2, OUTBOX);
    },
    problem: 'central_failed',
    online: true,
  },
  {
    name: '502 HTML page from a proxy',
    arm: (s) => {
      s.faults.failNext(1, { status: 502, html: true });
    },
    problem: 'central_failed',
    online: false,
  },
  {
    name: '503 with Retry-After in seconds',
    arm: (s) => {
      s.faults.unavailableNext(1, { ...OUTBOX, retryAfter: 120 });
    },
    problem: 'central_busy',
    online: true,
    waitsAtLeastMs: 120_000,
  },
  {
    name: '429 with Retry-After',
    arm: (s) => {
      s.faults.rateLimitNext(1, { ...OUTBOX, retryAfter: 30 });
    },
    problem: 'central_busy',
    online: true,
    waitsAtLeastMs: 30_000,
  },
  {
    name: 'the connection dropped after the batch is committed (lost acknowledgement)',
    arm: (s) => {
      s.faults.dropAfterCommitNext(1, OUTBOX);
    },
    problem: 'offline',
    online: false,
  },
  ...BAD_RESPONSE_KINDS.map((kind): FaultCase => ({
    name: `a bad answer after the batch is applied: ${kind}`,
    arm: (s) => {
      s.faults.badResponseNext(kind, 1, OUTBOX);
    },
    problem: 'bad_answer',
    online: true,
  })),
];

describe('sync under faults: exactly the kiosk’s changes, in order, once the fault clears', () => {
  it.each(FAULTS)('$name', async (fault) => {
    await fault.arm(central.server);
    kiosk.sync.syncNow();
    await kiosk.sync.settled();

    const status = kiosk.sync.status();
    expect(status).toMatchObject({
      state: 'retrying',
      online: fault.online,
      lastError: { problem: fault.problem },
    });
    // nothing the central side did not acknowledge is marked: every item still waits
    expect(status.waiting).toBe(expected.length);
    expect(outboxStates(dir.path)).toEqual({ pending: expected.length });
    expect(await call(kiosk.core, 'network.status', {})).toMatchObject({
      central: fault.online ? 'reachable' : 'unreachable',
    });
    const wait = kiosk.scheduler.nextDelay();
    expect(wait).not.toBeNull();
    if (fault.waitsAtLeastMs !== undefined) expect(wait).toBeGreaterThanOrEqual(fault.waitsAtLeastMs);
    expect(status.nextAttemptAt).toBe(kiosk.clock.now() + (wait ?? 0));

    await fault.clear?.(central.server);
    central.server.faults.clear();
    const after = await drainKiosk(kiosk);
    expect(after).toMatchObject({ state: 'idle', online: true, waiting: 0, stuck: 0, lastError: null });
    expect(outboxStates(dir.path)).toEqual({ delivered: expected.length });
    await expectCentralHoldsExactly(expected);
  });

  it('answers held for reordering change nothing: the kiosk sends one batch at a time', async () => {
    central.server.faults.reorderNext(2, { maxWaitMs: 300, groups: 5 });
    const status = await drainKiosk(kiosk);
    expect(status).toMatchObject({ state: 'idle', waiting: 0 });
    const batches = central.server.requests().filter((r) => r.path === SYNC_PATHS.outboxBatches);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    await expectCentralHoldsExactly(expected);
  });

  it('backs off exponentially with full jitter, capped, and a success resets it', async () => {
    await central.server.faults.refuseConnections('closed');
    const waits: number[] = [];
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    for (let i = 0; i < 10; i += 1) {
      waits.push(kiosk.scheduler.nextDelay() ?? -1);
      kiosk.scheduler.fireNext();
      await kiosk.sync.settled();
    }
    // random() is 0.5 in these tests: half of min(300 s, 1 s x 2^n)
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 150_000, 150_000]);
    await central.server.faults.acceptConnections();
    kiosk.scheduler.fireNext();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ state: 'idle', waiting: 0, lastError: null });
    await expectCentralHoldsExactly(expected);
  });
});
