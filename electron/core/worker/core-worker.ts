/**
 * The core's thread: it owns the database, the keys and the timers, so a long call (the name
 * index after an unlock, a restore, a large export) never holds up the window or another
 * thread's IPC. Started by CoreHost (core-host.ts) in Electron's main process, the preview and
 * the e2e launcher alike; it speaks only over the MessagePort it is given.
 */
import { fail } from '../../../shared/ipc/errors.js';
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { createCore, type Core } from '../create-core.js';
import { consoleLogger, silentLogger } from '../logger.js';
import { openSettingsFile } from '../settings-file.js';
import type { SettingsSource } from '../settings-source.js';
import type { HostMessage, WorkerCoreOptions, WorkerMessage } from './relay-protocol.js';
import { sharedClock } from './shared-clock.js';

interface CoreWorkerData {
  port: MessagePort;
  options: WorkerCoreOptions;
}

function settingsWithOverrides(dataDir: string, overrides: Record<string, unknown>): SettingsSource {
  const file = openSettingsFile(dataDir);
  const local = new Map<string, unknown>(Object.entries(overrides));
  return {
    get: (key) => (local.has(key) ? local.get(key) : file.get(key)),
    set: (key, value) => {
      file.set(key, value);
    },
  };
}

async function openCore(options: WorkerCoreOptions): Promise<Core> {
  return createCore({
    dataDir: options.dataDir,
    settings: settingsWithOverrides(options.dataDir, options.settingsOverrides ?? {}),
    appVersion: options.appVersion,
    clock: options.clock ? sharedClock(options.clock) : undefined,
    log: options.log === 'console' ? consoleLogger(options.logPrefix) : silentLogger,
    validateOutput: options.validateOutput,
    argon2: options.argon2,
    dailyBackup: options.dailyBackup,
  });
}

function serve(core: Core, port: MessagePort): void {
  const post = (message: WorkerMessage) => {
    port.postMessage(message);
  };
  const unsubscribe = core.subscribe((name, payload) => {
    post({ type: 'event', name, payload });
  });
  port.on('message', (message: HostMessage) => {
    switch (message.type) {
      case 'rpc':
        void core.dispatch(message.method, message.payload).then(
          (answer) => {
            post({ type: 'answer', id: message.id, answer });
          },
          () => {
            post({ type: 'answer', id: message.id, answer: fail('internal', 'The call failed') });
          },
        );
        return;
      case 'online':
        core.setOsOnline(message.online);
        return;
      case 'control':
        void control(message.action).then(() => {
          post({ type: 'done', id: message.id, storage: core.storage });
          if (message.action === 'close') port.close();
        });
    }
  });
  const control = async (action: string): Promise<void> => {
    if (action === 'tick') core.tick();
    if (action === 'backup-settled') await core.backupSchedule.settled();
    if (action === 'close') {
      unsubscribe();
      await core.backupSchedule.settled();
      core.close();
    }
  };
  post({ type: 'ready', storage: core.storage });
}

if (!isMainThread) {
  const data = workerData as CoreWorkerData;
  openCore(data.options).then(
    (core) => {
      serve(core, data.port);
    },
    (error: unknown) => {
      const message: WorkerMessage = {
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      };
      data.port.postMessage(message);
      data.port.close();
    },
  );
}
