import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { CoreHost } from '../../../electron/core/worker/core-host.js';
import type { WorkerCoreOptions } from '../../../electron/core/worker/relay-protocol.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The relay between the window's thread and the core's: real worker threads (the real core on a
 * real SQLite file, and a fixture thread that dies mid-call), a real MessagePort.
 */
const opened: { host: CoreHost; dir: ReturnType<typeof tempDir> }[] = [];

function coreOptions(dataDir: string): WorkerCoreOptions {
  return { dataDir, appVersion: '0.0.0-test', validateOutput: true, log: 'silent', dailyBackup: false };
}

async function startHost(entry?: {
  url: URL;
  execArgv: string[];
}): Promise<{ host: CoreHost; restarted: () => number }> {
  const dir = tempDir('snowdesk-relay-');
  let restarts = 0;
  const host = await CoreHost.start({
    core: coreOptions(dir.path),
    entry,
    log: silentLogger,
    onRestart: () => {
      restarts++;
    },
  });
  opened.push({ host, dir });
  return { host, restarted: () => restarts };
}

// a thread loads the whole core from TypeScript source here (tsx): seconds on a loaded machine
const THREAD_MS = 60_000;

afterEach(async () => {
  for (const { host, dir } of opened.splice(0)) {
    await host.close();
    dir.remove();
  }
}, THREAD_MS);

describe('the core on its own thread', { timeout: THREAD_MS }, () => {
  it('answers the RPC door from the real core and relays its storage state', async () => {
    const { host } = await startHost();
    expect(host.storage.state).toBe('ready');
    const info = await host.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
    expect(await host.dispatch('session.state', {})).toEqual({ ok: true, value: { status: 'signed-out' } });
  });

  it('refuses an unknown method with the typed error, and the thread keeps serving', async () => {
    const { host, restarted } = await startHost();
    expect(await host.dispatch('app.shutdown', {})).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'Unknown method' },
    });
    expect(await host.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await host.dispatch('app.info', {})).toMatchObject({ ok: true });
    expect(restarted()).toBe(0);
  });

  it('starts a new core thread when its thread dies, and the next call is served', async () => {
    const { host, restarted } = await startHost();
    await host.stopThread();
    const answer = await host.dispatch('session.state', {});
    expect(answer).toEqual({ ok: true, value: { status: 'signed-out' } });
    expect(restarted()).toBe(1);
  });

  it('answers a call in flight on a thread that dies with a typed error, then restarts', async () => {
    const fixture = new URL('./fixtures/dying-core-worker.ts', import.meta.url);
    const { host, restarted } = await startHost({ url: fixture, execArgv: ['--import', 'tsx'] });
    const inFlight = await host.dispatch('app.info', {});
    expect(inFlight).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await host.dispatch('app.info', {})).toEqual({ ok: true, value: { thread: 'second' } });
    expect(restarted()).toBe(1);
  });
});
