/**
 * A kiosk core in a process of its own, for the crash test: opens the core on a data folder
 * (already enrolled), lets the sync loop drain the outbox unattended (nobody signed in), prints
 * each sync status as one JSON line, and exits 0 once nothing waits. The test kills it with
 * SIGKILL in the middle of draining and starts it again.
 *
 *   node --import tsx tests/support/sync-drain-child.ts <data folder> [items per batch]
 */
import { createCore } from '../../electron/core/create-core.js';
import { silentLogger } from '../../electron/core/logger.js';
import type { SyncStatus } from '../../shared/ipc/sync-schemas.js';
import { memorySettings } from './core-harness.js';

const [dataDir, batchText] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: sync-drain-child.ts <data folder> [items per batch]\n');
  process.exit(2);
}

const core = await createCore({
  dataDir,
  settings: memorySettings(),
  appVersion: '0.0.0-test',
  log: silentLogger,
  sync: { maxBatchItems: Number(batchText ?? 500), requestTimeoutMs: 5_000, connectTimeoutMs: 2_000 },
});
const sync = core.sync;
if (!sync) {
  process.stderr.write(`the core did not open: ${JSON.stringify(core.storage)}\n`);
  process.exit(3);
}

let done = false;
const finish = (status: SyncStatus): void => {
  if (!done && status.waiting === 0 && status.state === 'idle') {
    done = true;
    core.close();
    process.stdout.write('drained\n', () => process.exit(0));
  }
};
core.subscribe((event, payload) => {
  if (event !== 'sync.changed') return;
  const status = payload as SyncStatus;
  process.stdout.write(`${JSON.stringify(status)}\n`);
  finish(status);
});
// keeps the process alive while the loop's own timers are unref'd
setInterval(() => {
  finish(sync.status());
}, 250);
