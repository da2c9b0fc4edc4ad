import type { EventName } from '../../shared/ipc/contract.js';
import type { AuditRollback, StorageState } from '../../shared/ipc/schemas.js';
import { FirstSetup } from './accounts/first-setup.js';
import { BackupSchedule } from './backup/backup-schedule.js';
import { BackupService } from './backup/backup-service.js';
import { restoreLive, type StoreLifecycle } from './backup/live-restore.js';
import { StaffAdmin } from './accounts/staff-admin.js';
import { AuditLog } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import { ComplaintService } from './complaints/complaint-service.js';
import { CoreError } from './core-error.js';
import type { CoreServices, StoreServices } from './core-services.js';
import type { Argon2Params } from './crypto/argon2-params.js';
import { warmArgon2Worker } from './crypto/argon2-worker.js';
import { loadSodium } from './crypto/sodium.js';
import { bindToDevice } from './db/device-binding.js';
import { openDatabase, type OpenedStore } from './db/open-database.js';
import { storageFailure } from './db/storage-failure.js';
import { createDispatch, type Dispatch, type Handlers } from './dispatch.js';
import { ERASING_METHODS, scrubAfterErasure } from './db/erasure-scrub.js';
import { advanceMark, checkRollback, resetMark } from './audit/rollback-mark.js';
import { EventBus } from './event-bus.js';
import { appHandlers } from './handlers/app-handlers.js';
import { backupHandlers, backupHealth, type BackupWiring } from './handlers/backup-handlers.js';
import { consentHandlers } from './handlers/consent-handlers.js';
import { deskOpsHandlers } from './handlers/desk-ops-handlers.js';
import { sessionHandlers } from './handlers/session-handlers.js';
import { staffHandlers } from './handlers/staff-handlers.js';
import { syncHandlers } from './handlers/sync-handlers.js';
import { recordHandlers } from './handlers/record-handlers.js';
import { supervisionHandlers } from './handlers/supervision-handlers.js';
import { qualityHandlers } from './handlers/quality-handlers.js';
import { consoleLogger, type Logger } from './logger.js';
import { createMaintenanceApi, type MaintenanceApi } from './maintenance/maintenance-api.js';
import { NetworkMonitor } from './network-monitor.js';
import { QualityReportService } from './quality/quality-report.js';
import { RecordStores } from './records/record-stores.js';
import type { RecordWorkflowService } from './records/record-workflow-service.js';
import { SessionManager } from './session/session-manager.js';
import { SessionStore } from './session/session-store.js';
import { readSettings, type SettingsSource } from './settings-source.js';
import { SuggestionService } from './suggestions/suggestion-service.js';
import { SamplingService } from './supervision/sampling-service.js';
import { SyncService, type SyncTuning } from './sync/sync-service.js';
import { onlineDeskKeys, workflowOnlineSubmissions } from './sync/workflow-online-submissions.js';

const IDLE_CHECK_MS = 5_000;

export interface CoreOptions {
  dataDir: string;
  settings: SettingsSource;
  appVersion: string;
  clock?: Clock;
  log?: Logger;
  /** check every answer against the contract (tests and development) */
  validateOutput?: boolean;
  /** open a database that belongs to another kiosk (snowdesk adopt); it is bound only after checks */
  adoptForeignDatabase?: boolean;
  /** cheaper Argon2 for tests; production never passes this */
  argon2?: Argon2Params;
  /** the daily backup on this core's timer (default true); the CLI's short-lived cores pass false */
  dailyBackup?: boolean;
  /** sync timing for tests (scheduler, jitter, timeouts, batch size); production passes nothing */
  sync?: SyncTuning;
}

export interface Core {
  dispatch: Dispatch;
  /** every event for the renderer; returns the unsubscribe function */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
  /** the operating system's online signal, from Electron's main process or the preview */
  setOsOnline(online: boolean | null): void;
  /** runs the timers' checks now (idle lock, the daily backup); a timer calls it every few seconds */
  tick(): void;
  readonly storage: StorageState;
  /** the maintainer CLI's tools (doctor, demo seed, export); not reachable from the renderer */
  maintenance: MaintenanceApi;
  /** backups (R16): run() on demand (CLI), needing no session; null when the store is unavailable */
  readonly backups: BackupService | null;
  /** the daily backup (R16), checked by tick(); tests await `check()` and `settled()` */
  backupSchedule: BackupSchedule;
  /** sync with the central system (R24, R29); runs by itself once enrolled; null when the store is unavailable */
  readonly sync: SyncService | null;
  close(): void;
}

/**
 * The composition root: opens the store, wires the services and builds the one dispatch.
 * A data folder with a problem still yields a core, one that explains the problem through
 * app.info and refuses the rest, so the kiosk can always show a person what is wrong.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  await loadSodium();
  warmArgon2Worker();
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLogger();
  const settings = () => readSettings(options.settings, log);
  const opened = bindToDevice(
    openDatabase(options.dataDir, { now: () => clock.now(), log }),
    options.settings,
    options.dataDir,
    options.adoptForeignDatabase === true,
  );
  if (!opened.ok)
    log.error('storage.unavailable', { code: opened.problem.code, message: opened.problem.message });

  let storage: StorageState = opened.ok
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
  let auditRollback: AuditRollback | null = null;
  // the audit high-water mark follows the chain at each session change, tick and close
  let markAudit = (): void => undefined;
  let backups: BackupService | null = null;
  let sync: SyncService | null = null;
  // what the store registers on the session: undone when a restore closes the store
  const storeListeners: (() => void)[] = [];
  const onStoreSession = (listener: Parameters<SessionStore['onChange']>[0]) => {
    storeListeners.push(session.onChange(listener));
  };
  /**
   * Wires the store's services on an opened database: at start, and again after a restore from
   * the maintainer's screen (backup/live-restore.ts). Listeners on `session` go through
   * onStoreSession, so a closed store leaves none behind.
   */
  const openStore = (opened: OpenedStore): void => {
    const { db, deviceId } = opened;
    const audit = new AuditLog(db, deviceId, () => clock.now());
    auditRollback = checkRollback(db, deviceId, options.settings);
    if (auditRollback) {
      log.warn('storage.audit_rollback', { ...auditRollback });
      audit.append({
        actorId: null,
        action: 'storage.rollback_detected',
        targetType: 'audit',
        targetId: String(auditRollback.markSeq),
        outcome: 'refused',
        reason: auditRollback.problem,
      });
    }
    markAudit = () => {
      advanceMark(db, deviceId, options.settings);
    };
    markAudit();
    onStoreSession(() => {
      markAudit();
    });
    const sessions = new SessionManager({
      db,
      audit,
      store: session,
      clock,
      idleLockMs: () => settings().idleLockMinutes * 60_000,
      argon2: options.argon2,
    });
    const setup = new FirstSetup(db, sessions, audit, clock, deviceId);
    // sync (R24, R29): its outbox is the real record store's change sink; opened online
    // submissions go to the real store's online queue
    const syncService: SyncService = new SyncService({
      ...options.sync,
      db,
      deviceId,
      audit,
      appVersion: options.appVersion,
      clock,
      log,
      network,
      keys: () => {
        try {
          return sessions.dataKeys();
        } catch {
          return null;
        }
      },
      inboxKeys: onlineDeskKeys(session, sessions),
      onlineSubmissions:
        options.sync?.onlineSubmissions ??
        workflowOnlineSubmissions(
          (): RecordWorkflowService => records.for(false).service,
          () => session.get(),
          () => clock.now(),
        ),
      onStatus: (status) => {
        events.emit('sync.changed', status);
      },
    });
    sync = syncService;
    // guest records (R7–R14, R19): the real store and the practice store (R6); sync replaces the sink
    const records = new RecordStores({
      dataDir: options.dataDir,
      db,
      audit,
      staff: sessions.staff,
      keys: () => sessions.dataKeys(),
      clock,
      settings,
      log,
      sink: syncService.recordChanges,
    });
    const keys = () => sessions.dataKeys();
    const realWorkflow = (): RecordWorkflowService => records.for(false).service;
    store = {
      db,
      audit,
      sessions,
      setup,
      staffAdmin: new StaffAdmin(db, sessions, audit, clock),
      records,
      sync: syncService,
      complaints: new ComplaintService({ db, audit, staff: sessions.staff, keys, clock }),
      suggestions: new SuggestionService({ db, audit, keys, clock }),
      sampling: new SamplingService({ db, audit, clock, workflow: realWorkflow }),
      quality: new QualityReportService({
        db,
        audit,
        clock,
        records: () => realWorkflow().deps.records,
      }),
    };
    const backupService = new BackupService({
      db,
      dataDir: options.dataDir,
      audit,
      now: () => clock.now(),
      log,
    });
    backups = backupService;
    // whoever unlocks first after migration 0007 gives an older store its backup key pair
    onStoreSession((state) => {
      if (state.status === 'signed-in' && !state.locked)
        backupService.ensureKeys(() => sessions.dataKeys(), state.staff.id);
    });
    // a recovery key on screen must not outlive the session that was shown it
    onStoreSession((state) => {
      if (state.status !== 'signed-in' || state.locked) setup.forgetPending();
      // guest names in memory do not outlive the unlocked session either
      if (state.status !== 'signed-in' || state.locked) records.dropIndexes();
    });
    // online submissions pulled while locked open at the next unlock
    onStoreSession((state) => {
      if (state.status === 'signed-in' && !state.locked) setImmediate(() => syncService.openInbox());
    });
  };
  if (opened.ok) openStore(opened);

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
    recoveryKeyConfirmed: () => store?.setup.recoveryConfirmed() ?? false,
    auditRollback: () => (store ? auditRollback : null),
  };

  // backups (R16): the daily run is this core's timer's, needing no session; a restore from the
  // maintainer's screen closes the store around the swap and opens it again
  const backupChanged = () => {
    if (backups) events.emit('backup.changed', backupHealth(backups, settings(), clock.now()));
  };
  const backupSchedule = new BackupSchedule({
    service: () => backups,
    settings,
    clock,
    log,
    onAttempt: backupChanged,
  });
  const storeLifecycle: StoreLifecycle = {
    close: async () => {
      const open = store;
      if (!open) return;
      sync?.stop();
      await sync?.settled();
      // everyone is signed out: DK wiped, names in memory dropped (the store's listeners)
      open.sessions.signOut();
      for (const off of storeListeners.splice(0)) off();
      open.sessions.close();
      open.records.close();
      open.db.close();
      store = null;
      backups = null;
      sync = null;
    },
    reopen: () => {
      const again = bindToDevice(
        openDatabase(options.dataDir, { now: () => clock.now(), log }),
        options.settings,
        options.dataDir,
        false,
      );
      if (!again.ok) {
        log.error('storage.unavailable', { code: again.problem.code, message: again.problem.message });
        storage = { state: 'unavailable', problem: again.problem };
        return;
      }
      storage = { state: 'ready', deviceId: again.deviceId, schemaVersion: again.schemaVersion };
      // a verified restore steps back on purpose: the mark starts again at the restored head
      resetMark(again.db, again.deviceId, options.settings);
      openStore(again);
      sync?.start();
    },
  };
  const backupWiring: BackupWiring = {
    service: () => backups,
    schedule: backupSchedule,
    writeSettings: (values) => {
      for (const [key, value] of Object.entries(values)) options.settings.set(key, value);
    },
    restore: (request) =>
      restoreLive(
        {
          dataDir: options.dataDir,
          schedule: backupSchedule,
          store: storeLifecycle,
          now: () => clock.now(),
          log,
        },
        request,
      ),
    changed: backupChanged,
  };

  const handlers: Handlers = {
    ...appHandlers(services),
    ...sessionHandlers(services),
    ...staffHandlers(),
    ...recordHandlers(),
    ...consentHandlers(services),
    ...deskOpsHandlers(services),
    ...syncHandlers(services),
    ...backupHandlers(services, backupWiring),
    ...supervisionHandlers(),
    ...qualityHandlers(),
  };
  const dispatch = createDispatch({
    handlers,
    session: () => session.get(),
    store: () => services.store(),
    log,
    validateOutput: options.validateOutput ?? false,
    storageFailure: (error) => storageFailure(error, options.dataDir),
    afterCall: (method) => {
      if (store && ERASING_METHODS.has(method)) {
        for (const db of store.records.databases()) scrubAfterErasure(db, log);
      }
    },
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
    if (store) markAudit();
    if (options.dailyBackup !== false) void backupSchedule.check();
  };
  const timer = setInterval(tick, IDLE_CHECK_MS);
  timer.unref();
  // through a function: TypeScript does not see openStore assign `sync`
  const openedSync = (): SyncService | null => sync;
  openedSync()?.start();

  return {
    dispatch,
    subscribe: (listener) => events.subscribe(listener),
    setOsOnline: (online) => {
      network.setOsOnline(online);
      sync?.osOnline(online);
    },
    tick,
    // getters: a restore from the maintainer's screen replaces the store and its services
    get storage() {
      return storage;
    },
    get backups() {
      return backups;
    },
    get sync() {
      return sync;
    },
    backupSchedule,
    maintenance: createMaintenanceApi(storage, () => store, session, clock, options.settings),
    close: () => {
      clearInterval(timer);
      sync?.stop();
      if (store) markAudit();
      store?.sessions.close();
      store?.records.close();
      store?.db.close();
    },
  };
}
