import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/ipc/sync-schemas.js';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { outboxStates, syncKiosk, writeRecordChanges } from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 5, "Done when": the core process is killed (SIGKILL) in the middle of draining and
 * started again; the central side ends up with exactly the kiosk's changes, once each, in order.
 */

const CHILD = fileURLToPath(new URL('../../support/sync-drain-child.ts', import.meta.url));
const BATCH = 10;

let central: TempCentral | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  dir?.remove();
  await central?.dispose();
});

function startChild(dataDir: string): { child: ChildProcess; statuses: AsyncIterable<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(BATCH)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  });
  children.push(child);
  return { child, statuses: createInterface({ input: child.stdout }) };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref(),
    ),
  ]);
}

describe('a kiosk killed while draining', () => {
  it('resumes where it stopped after SIGKILL: none missing, none doubled, in per-record order', async () => {
    const started = await startTempCentral();
    central = started;
    const server = started.server;
    const folder = tempDir();
    dir = folder;
    const kiosk = await syncKiosk(folder.path, server);
    kiosk.core.close();
    // 40 records x 5 changes, interleaved: 200 items, 20 batches of 10
    const expected = writeRecordChanges(kiosk, { records: 40, changes: 5 });
    // every batch is committed, then its answer held: a kill lands between commit and answer
    // (a whole second: the kill must land while the answer is held, even on a loaded machine)
    server.faults.delayResponses(1_000, { path: SYNC_PATHS.outboxBatches, phase: 'after_commit' });

    const first = startChild(folder.path);
    const killedAfter = await withTimeout(
      (async () => {
        for await (const line of first.statuses) {
          if (!line.startsWith('{')) continue;
          const status = JSON.parse(line) as SyncStatus;
          if (status.waiting <= expected.length - 3 * BATCH) {
            // wait for the next batch to reach the central side, then kill the kiosk mid-request
            const seen = server.requests().filter((r) => r.path === SYNC_PATHS.outboxBatches).length;
            // (polled for up to 10 s: on a loaded machine the next batch can take over a second)
            for (let i = 0; i < 2000; i += 1) {
              const now = server.requests().filter((r) => r.path === SYNC_PATHS.outboxBatches);
              if (now.length > seen) break;
              await new Promise((resolve) => setTimeout(resolve, 5));
            }
            first.child.kill('SIGKILL');
            return status.waiting;
          }
        }
        throw new Error('the child stopped printing before it was killed');
      })(),
      20_000,
      'draining up to the kill',
    );
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(killedAfter).toBeGreaterThan(0);
    const half = outboxStates(folder.path);
    expect(half.pending).toBeGreaterThan(0);
    expect(half.delivered).toBeGreaterThan(0);

    server.faults.clear();
    const second = startChild(folder.path);
    const lines: string[] = [];
    const drained = (async () => {
      for await (const line of second.statuses) {
        lines.push(line);
        if (line === 'drained') return true;
      }
      return false;
    })();
    expect(await withTimeout(drained, 20_000, 'draining after the restart')).toBe(true);
    expect(await exited(second.child)).toBe(0);

    expect(outboxStates(folder.path)).toEqual({ delivered: expected.length });
    const stored = await centralClientForTests(server);
    try {
      expect(stored.compare(expected)).toEqual({ ok: true, missing: [], unexpected: [], outOfOrder: [] });
      // the batch in flight at the kill was sent again and answered from the central side's memory
      expect(stored.totalReceived()).toBeGreaterThanOrEqual(expected.length);
      // the kill struck with a batch in flight: the central side never answered it
      expect(
        server.requests().filter((r) => r.path === SYNC_PATHS.outboxBatches && r.status === null),
      ).toHaveLength(1);
    } finally {
      stored.close();
    }
  });
});
