import type { Database } from 'better-sqlite3';
import type { EventName } from '../../shared/ipc/contract.js';
import type { StorageState } from '../../shared/ipc/schemas.js';
import { systemClock, type Clock } from './clock.js';
import { CoreError } from './core-error.js';
import type { CoreServices } from './core-services.js';
import { openDatabase } from './db/open-database.js';
import { createDispatch, type Dispatch, type Handlers } from './dispatch.js';
import { EventBus } from './event-bus.js';
import { appHandlers } from './handlers/app-handlers.js';
import { consoleLogger, type Logger } from './logger.js';
import { NetworkMonitor } from './network-monitor.js';
import { SessionStore } from './session.js';
import { readSettings, type SettingsSource } from './settings-source.js';

export interface CoreOptions {
  dataDir: string;
  settings: SettingsSource;
  appVersion: string;
  clock?: Clock;
  log?: Logger;
  /** check every answer against the contract (tests and development) */
  validateOutput?: boolean;
}

export interface Core {
  dispatch: Dispatch;
  /** every event for the renderer; returns the unsubscribe function */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /** the operating system's online signal, from Electron's main process or the preview */
  setOsOnline(online: boolean | null): void;
  storage: StorageState;
  close(): void;
}

/**
 * The composition root: opens the store, wires the services and builds the one dispatch.
 * A data folder with a problem still yields a core, one that explains the problem through
 * app.info and refuses the rest, so the kiosk can always show a person what is wrong.
 */
export function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger();
  const opened = openDatabase(options.dataDir, { now: () => clock.now(), log });
  if (!opened.ok)
    log.error('storage.unavailable', { code: opened.problem.code, message: opened.problem.message });

  const storage: StorageState = opened.ok
    ? { state: 'ready', deviceId: opened.deviceId, schemaVersion: opened.schemaVersion }
    : { state: 'unavailable', problem: opened.problem };
  const db: Database | null = opened.ok ? opened.db : null;

  const events = new EventBus();
  const session = new SessionStore();
  session.onChange((state) => {
    events.emit('session.changed', state);
  });
  const network = new NetworkMonitor((status) => {
    events.emit('network.changed', status);
  });

  const services: CoreServices = {
    appVersion: options.appVersion,
    clock,
    log,
    events,
    session,
    network,
    settings: () => readSettings(options.settings, log),
    storageState: () => storage,
    db: () => {
      if (!db) throw new CoreError('storage_unavailable', 'The kiosk cannot reach its data folder');
      return db;
    },
    // accounts arrive with the keyring; until then nobody can have been set up
    setupRequired: () => db !== null,
  };

  const handlers: Handlers = { ...appHandlers(services) };
  const dispatch = createDispatch({
    handlers,
    session: () => session.get(),
    log,
    validateOutput: options.validateOutput ?? false,
  });

  // async by contract: unlocking libsodium and the keyring will be awaited here
  return Promise.resolve({
    dispatch,
    subscribe: (listener) => events.subscribe(listener),
    setOsOnline: (online) => {
      network.setOsOnline(online);
    },
    storage,
    close: () => {
      db?.close();
    },
  });
}
