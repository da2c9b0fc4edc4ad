import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { SeededRandom } from '../../../electron/core/demo/seeded-random.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { ADMIN, call, openTestCore } from '../../support/core-harness.js';
import { signInAs, staffTheDesk } from '../../support/desk-harness.js';
import { type Ack, checkKiosk } from '../../support/fault-checks.js';
import { bundleChild } from '../../support/fault-child-bundle.js';
import { statusWhen } from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 7, fault suite: the kiosk's core is killed with SIGKILL, again and again, while it saves,
 * submits and approves guests through dispatch and while its sender drains to a loopback central.
 * After every kill, before the next start: SQLite's integrity holds, every save the child
 * reported as done (its `ack` lines, written before it does anything else) is there, the audit
 * chain verifies, and every valid revision has its outbox item, with the central side holding
 * exactly the items the kiosk marked delivered (and nothing the kiosk never committed). At the
 * end the kiosk drains and the central side holds each item once, in order.
 *
 * Kill moments are random from a seed printed at the start; SNOWDESK_FAULT_SEED replays a run.
 */

const KILLS = 50;
/** after the chosen acknowledgement: a guest's calls take a few tens of ms each */
const MAX_DELAY_MS = 60;
const SEED = Number(process.env.SNOWDESK_FAULT_SEED ?? randomInt(2 ** 31));
const CHILD = fileURLToPath(new URL('../../support/fault-loop-child.ts', import.meta.url));

let central: TempCentral;
let dir: ReturnType<typeof tempDir>;
let bundle: string;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  bundle = await bundleChild(CHILD, 'fault-loop-child');
  central = await startTempCentral();
  dir = tempDir('snowdesk-faults-');
  const core = await openTestCore(dir.path);
  try {
    await staffTheDesk(core);
    await call(core, 'session.signIn', ADMIN);
    await call(core, 'sync.enrol', { code: central.server.enrolmentCode(central.server.issueToken()) });
    await core.sync?.settled();
  } finally {
    core.close();
  }
}, 60_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(bundle, { force: true });
  dir.remove();
  await central.dispose();
});

interface Run {
  lines: string[];
  readonly stderr: string;
  /** loaded and waiting for `go`: it has not touched the data folder yet */
  warm: Promise<void>;
  go(): void;
  /** resolves once the child has written `count` lines (or is gone) */
  linesReached(count: number): Promise<void>;
  /** resolves once the process is gone and every line it wrote has been read */
  finished: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  child: ChildProcess;
}

function startChild(run: number): Run {
  const child = spawn(process.execPath, [bundle, dir.path, String(run)], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const reader = createInterface({ input: child.stdout });
  let onWarm: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => {
    onWarm = resolve;
  });
  const waiting: { count: number; resolve: () => void }[] = [];
  const wake = (all: boolean): void => {
    for (const w of waiting.splice(0)) {
      if (all || lines.length >= w.count) w.resolve();
      else waiting.push(w);
    }
  };
  reader.on('line', (line) => {
    lines.push(line);
    wake(false);
    if (line.startsWith('{"warm"')) onWarm();
  });
  const readAll = new Promise<void>((resolve) => reader.once('close', resolve));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      // a child that died early must not leave the loop waiting
      onWarm();
      wake(true);
      resolve({ code, signal });
    }),
  );
  return {
    lines,
    get stderr() {
      return stderr;
    },
    warm,
    go: () => child.stdin.end('go\n'),
    linesReached: (count) =>
      lines.length >= count || child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    finished: Promise.all([exited, readAll]).then(([status]) => status),
    child,
  };
}

function acksOf(lines: readonly string[]): Ack[] {
  return lines.filter((line) => line.startsWith('{"ack"')).map((line) => JSON.parse(line) as Ack);
}

async function centralApplied(deviceId?: string): Promise<Set<string>> {
  const inspector = await centralClientForTests(central.server);
  try {
    return new Set(
      inspector
        .applied()
        .filter((item) => deviceId === undefined || item.deviceId === deviceId)
        .map((item) => item.id),
    );
  } finally {
    inspector.close();
  }
}

describe('the core killed with SIGKILL during saves and drains', () => {
  it(`keeps every acknowledged save, its audit chain and its outbox through ${String(KILLS)} kills`, async () => {
    console.log(`fault loop seed ${String(SEED)} (SNOWDESK_FAULT_SEED=${String(SEED)} replays it)`);
    const random = new SeededRandom(SEED);
    const acks: Ack[] = [];
    let killedMidWork = 0;
    let killedWithPending = 0;
    let killedAfterDeliveries = 0;

    // the next children load while this one works and is checked, then wait for their `go`:
    // loading (Node, the core, libsodium twice) costs more than a run, so two load at a time
    const warming = [startChild(0), startChild(1)];
    for (let run = 0; run < KILLS; run += 1) {
      const child = warming.shift();
      if (!child) throw new Error('no child warming');
      await child.warm;
      child.go();
      if (run + 2 < KILLS) warming.push(startChild(run + 2));
      // the moment of the kill: now and then while the store opens (WAL recovery, migrations
      // check, the sender's first round), otherwise after a random number of acknowledged calls
      // plus a little: counted in the child's own progress, so a busy machine moves the kill
      // with the work instead of past it
      const duringOpen = random.chance(0.1);
      const afterAcks = duringOpen ? 0 : random.int(0, 6);
      const delay = random.int(0, duringOpen ? 40 : MAX_DELAY_MS);
      if (!duringOpen) await child.linesReached(2 + afterAcks);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.child.kill('SIGKILL');
      const status = await child.finished;
      const when = duringOpen ? 'while opening' : `after ${String(afterAcks)} acks`;
      const context = `run ${String(run)} (seed ${String(SEED)}, killed ${String(delay)} ms ${when})`;
      expect(status, `${context}: the child stopped by itself: ${child.stderr}`).toEqual({
        code: null,
        signal: 'SIGKILL',
      });
      const fresh = acksOf(child.lines);
      if (fresh.length > 0) killedMidWork += 1;
      acks.push(...fresh);

      const check = checkKiosk(dir.path, acks, { appliedIds: await centralApplied() });
      expect(check.problems, context).toEqual([]);
      if (check.outbox.some((item) => item.state === 'pending')) killedWithPending += 1;
      if (check.outbox.some((item) => item.state === 'delivered')) killedAfterDeliveries += 1;
    }

    // not vacuous: the kills landed while the desk was working and while items were waiting
    const approved = acks.filter((a) => a.ack === 'approved').length;
    console.log(
      `fault loop: ${String(acks.length)} acknowledged calls (${String(approved)} approvals), ` +
        `${String(killedMidWork)} kills mid-work, ${String(killedWithPending)} with items waiting, ` +
        `${String(killedAfterDeliveries)} after deliveries`,
    );
    expect(approved).toBeGreaterThanOrEqual(10);
    expect(killedMidWork).toBeGreaterThanOrEqual(KILLS / 2);
    expect(killedWithPending).toBeGreaterThan(0);
    expect(killedAfterDeliveries).toBeGreaterThan(0);

    // the kiosk starts once more, drains, and the central side holds each item once, in order
    const core: Core = await openTestCore(dir.path);
    try {
      const sync = core.sync;
      if (!sync) throw new Error('the core did not open');
      await statusWhen({ core, sync }, (s) => s.waiting === 0 && s.state === 'idle', 20_000);
      const check = checkKiosk(dir.path, acks, { appliedIds: await centralApplied() });
      expect(check.problems).toEqual([]);
      expect(check.outbox.every((item) => item.state === 'delivered')).toBe(true);
      const inspector = await centralClientForTests(central.server);
      try {
        expect(inspector.compare(check.outbox)).toEqual({
          ok: true,
          missing: [],
          unexpected: [],
          outOfOrder: [],
        });
      } finally {
        inspector.close();
      }

      // every acknowledged guest opens, sealed payload and all, with what was typed
      await signInAs(core, 'alice');
      const saved = acks.filter((a) => a.ack === 'saved');
      for (const ack of saved) {
        const detail = await call(core, 'records.open', { recordId: ack.recordId });
        expect(detail.draft?.name).toBe(ack.name);
        if (acks.some((a) => a.ack === 'approved' && a.recordId === ack.recordId))
          expect(detail.state).toBe('valid');
      }
    } finally {
      core.close();
    }
  }, 300_000);
});
