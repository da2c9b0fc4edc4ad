import type { EventName } from '../../shared/ipc/contract.js';
import type { StorageState } from '../../shared/ipc/schemas.js';
import { FirstSetup } from './accounts/first-setup.js';
import { StaffAdmin } from './accounts/staff-admin.js';
import { AuditLog } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import { CoreError } from './core-error.js';
import type { CoreServices, StoreServices } from './core-services.js';
import type { Argon2Params } from './crypto/argon2-params.js';
import { loadSodium } from './crypto/sodium.js';
import { openDatabase } from './db/open-database.js';
import { createDispatch, type Dispatch, type Handlers } from './dispatch.js';
import { EventBus } from './event-bus.js';
import { appHandlers } from './handlers/app-handlers.js';
import { sessionHandlers } from './handlers/session-handlers.js';
import { staffHandlers } from './handlers/staff-handlers.js';
import { consoleLogger, type Logger } from './logger.js';
import { createMaintenanceApi, type MaintenanceApi } from './maintenance/maintenance-api.js';
import { NetworkMonitor } from './network-monitor.js';
import { SessionManager } from './session/session-manager.js';
import { SessionStore } from './session/session-store.js';
import { readSettings, type SettingsSource } from './settings-source.js';

const IDLE_CHECK_MS = 5_000;

export interface CoreOptions {
  dataDir: string;
  settings: SettingsSource;
  appVersion: string;
  clock?: Clock;
  log?: Logger;
  /** check every answer against the contract (tests and development) */
  validateOutput?: boolean;
  /** cheaper Argon2 for tests; production never passes this */
  argon2?: Argon2Params;
}

export interface Core {
  dispatch: Dispatch;
  /** every event for the renderer; returns the unsubscribe function */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /** the operating system's online signal, from Electron's main process or the preview */
  setOsOnline(online: boolean | null): void;
  /** runs the timers' checks now (idle lock); a timer calls it every few seconds */
  tick(): void;
  storage: StorageState;
  /** the maintainer CLI's tools (doctor, demo seed, export); not reachable from the renderer */
  maintenance: MaintenanceApi;
  close(): void;
}

/**
 * The composition root: opens the store, wires the services and builds the one dispatch.
 * A data folder with a problem still yields a core, one that explains the problem through
 * app.info and refuses the rest, so the kiosk can always show a person what is wrong.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  await loadSodium();
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger();
  const settings = () => readSettings(options.settings, log);
  const opened = openDatabase(options.dataDir, { now: () => clock.now(), log });
  if (!opened.ok)
    log.error('storage.unavailable', { code: opened.problem.code, message: opened.problem.message });

  const storage: StorageState = opened.ok
    ? { state: 'ready', deviceId: opened.deviceId, schemaVersion: opened.schemaVersion }
    : { state: 'unavailable', problem: opened.problem };

  const events = new EventBus();
  const session = new SessionStore();
  session.onChange((state) => {
    events.emit('session.changed', state);
  });
  const network = new NetworkMonitor((status) => {
    events.emit('network.changed', status);
  });

  let store: StoreServices | null = null;
  if (opened.ok) {
    const { db, deviceId } = opened;
    const audit = new AuditLog(db, deviceId, () => clock.now());
    const sessions = new SessionManager({
      db,
      audit,
      store: session,
      clock,
      idleLockMs: () => settings().idleLockMinutes * 60_000,
      argon2: options.argon2,
    });
    const setup = new FirstSetup(db, sessions, audit, clock, deviceId);
    store = { db, audit, sessions, setup, staffAdmin: new StaffAdmin(db, sessions, audit, clock) };
    // a recovery key on screen must not outlive the session that was shown it
    session.onChange((state) => {
      if (state.status !== 'signed-in' || state.locked) setup.forgetPending();
    });
  }

  const services: CoreServices = {
    appVersion: options.appVersion,
    clock,
    log,
    events,
    session,
    network,
    settings,
    storageState: () => storage,
    store: () => {
      if (!store) throw new CoreError('storage_unavailable', 'The kiosk cannot reach its data folder');
      return store;
    },
    setupRequired: () => store?.setup.required() ?? false,
  };

  const handlers: Handlers = {
    ...appHandlers(services),
    ...sessionHandlers(services),
    ...staffHandlers(services),
  };
  const dispatch = createDispatch({
    handlers,
    session: () => session.get(),
    log,
    validateOutput: options.validateOutput ?? false,
    onRefused: (method, code, who) => {
      store?.audit.append({
        actorId: who?.staff.id ?? null,
        action: 'dispatch.refused',
        targetType: 'method',
        targetId: method,
        outcome: 'refused',
        reason: code,
      });
    },
  });

  const tick = () => {
    store?.sessions.checkIdle();
  };
  const timer = setInterval(tick, IDLE_CHECK_MS);
  timer.unref();

  return {
    dispatch,
    subscribe: (listener) => events.subscribe(listener),
    setOsOnline: (online) => {
      network.setOsOnline(online);
    },
    tick,
    storage,
    maintenance: createMaintenanceApi(storage, () => store, session, clock),
    close: () => {
      clearInterval(timer);
      store?.sessions.close();
      store?.db.close();
    },
  };
}
