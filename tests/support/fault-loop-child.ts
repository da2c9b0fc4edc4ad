/**
 * A kiosk core in a process of its own for the SIGKILL loop (tests/integration/faults): the real
 * core on a real data folder (staffed and enrolled by the test), its sync sender draining to the
 * test's loopback central on real timers, and a desk that never stops: Alice enters a guest
 * (records.startIntake), submits it, Bob cross-reviews it to valid (which writes the outbox row
 * the sender then drains), and again.
 *
 * Every call goes through dispatch as the renderer's would. The moment dispatch answers ok, the
 * child writes one JSON line `{"ack": ...}` to stdout with a synchronous write, BEFORE it does
 * anything else: that line is what "the UI reported the save as done" means, and the test holds
 * the kiosk to every such line after each kill. `warm` is printed once the child has loaded
 * everything and waits for `go` on stdin; `ready` once the core is open on the data folder.
 *
 *   node fault-loop-child.(ts|mjs) <data folder> <run number>
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createCore } from '../../electron/core/create-core.js';
import { deriveKeyOffThread } from '../../electron/core/crypto/argon2-worker.js';
import { loadSodium } from '../../electron/core/crypto/sodium.js';
import { silentLogger } from '../../electron/core/logger.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract.js';
import { ManualClock, memorySettings, TEST_ARGON2 } from './core-harness.js';
import { adultGuest, CHECKLIST, PASSWORD, PEOPLE, residentId } from './desk-harness.js';

const [dataDir, runText] = process.argv.slice(2);
if (!dataDir || !runText) {
  process.stderr.write('usage: fault-loop-child <data folder> <run number>\n');
  process.exit(2);
}
const run = Number(runText);

function say(line: unknown): void {
  // synchronous: once this returns, the parent can read the line even if SIGKILL follows
  writeSync(1, `${JSON.stringify(line)}\n`);
}

// Warm up (modules, libsodium, the Argon2 worker) before touching the data folder, then wait for
// `go` on stdin: the test starts the next child while it checks the folder the last one left,
// so a restart costs opening the store, not Node's start-up.
await loadSodium();
// one derivation (of nothing secret): the worker has loaded libsodium before the clock starts
await deriveKeyOffThread(new Uint8Array(8), new Uint8Array(16), TEST_ARGON2, 32);
say({ warm: run });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;

// each run's clock starts ten minutes after the previous run's, so audit times keep rising
const clock = new ManualClock(Date.UTC(2026, 10, 23, 2, 0, 0) + run * 600_000);
const core = await createCore({
  dataDir,
  settings: memorySettings(),
  appVersion: '0.0.0-test',
  clock,
  log: silentLogger,
  argon2: TEST_ARGON2,
  sync: { maxBatchItems: 4, requestTimeoutMs: 5_000, connectTimeoutMs: 2_000 },
});
if (core.storage.state !== 'ready') {
  process.stderr.write(`the core did not open: ${JSON.stringify(core.storage)}\n`);
  process.exit(3);
}

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  clock.advance(1_000);
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error)}`);
  return result.value as MethodOutput<M>;
}

async function signIn(who: 'alice' | 'bob'): Promise<void> {
  const state = await call('session.state', {});
  if (state.status === 'signed-in') await call('session.signOut', {});
  await call('session.signIn', { name: PEOPLE[who].name, password: PASSWORD });
}

/** a name may hold no digits: the run and guest numbers in Chinese numerals instead */
function chinese(value: number): string {
  return Array.from(String(value), (digit) => '零一二三四五六七八九'.charAt(Number(digit))).join('');
}

say({ ready: run });
for (let n = 0; ; n += 1) {
  const name = `宾客${chinese(run)}号${chinese(n)}`;
  const sequence = String((run * 97 + n) % 1000).padStart(3, '0');
  await signIn('alice');
  const saved = await call('records.startIntake', {
    channel: 'on_site_face_to_face',
    draft: adultGuest({
      name,
      idDocument: { type: 'resident_id', number: residentId('110105', '19850312', sequence) },
    }),
  });
  say({ ack: 'saved', recordId: saved.recordId, revision: saved.revision, name });
  const submitted = await call('records.submit', { recordId: saved.recordId, checklist: CHECKLIST });
  say({
    ack: 'submitted',
    recordId: submitted.recordId,
    revision: submitted.revision,
    state: submitted.state,
  });
  await signIn('bob');
  const approved = await call('review.approveCross', { recordId: saved.recordId });
  say({ ack: 'approved', recordId: approved.recordId, revision: approved.revision, state: approved.state });
}
