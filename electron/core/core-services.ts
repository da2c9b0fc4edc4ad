import type { Database } from 'better-sqlite3';
import type { DeviceSettings } from '../../shared/domain/device-settings.js';
import type { AuditRollback, StorageState } from '../../shared/ipc/schemas.js';
import type { FirstSetup } from './accounts/first-setup.js';
import type { StaffAdmin } from './accounts/staff-admin.js';
import type { AuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import type { ComplaintService } from './complaints/complaint-service.js';
import type { EventBus } from './event-bus.js';
import type { Logger } from './logger.js';
import type { NetworkMonitor } from './network-monitor.js';
import type { QualityReportService } from './quality/quality-report.js';
import type { RecordStores } from './records/record-stores.js';
import type { SessionManager } from './session/session-manager.js';
import type { SessionStore } from './session/session-store.js';
import type { SuggestionService } from './suggestions/suggestion-service.js';
import type { SamplingService } from './supervision/sampling-service.js';
import type { SyncService } from './sync/sync-service.js';

/**
 * What exists only when the data folder opened, all built together on that store's database in
 * `openStore` (create-core.ts): a restore from the maintainer's screen replaces the whole set, so
 * no service may be built elsewhere and kept.
 */
export interface StoreServices {
  db: Database;
  audit: AuditLog;
  sessions: SessionManager;
  setup: FirstSetup;
  staffAdmin: StaffAdmin;
  /** guest records (R7–R14, R19): the real store and the practice store (R6) */
  records: RecordStores;
  /** sync with the central system (R24, R29): outbox sink, sender, inbox, enrolment */
  sync: SyncService;
  /** guest complaints (R27), always on the real store */
  complaints: ComplaintService;
  /** staff suggestions (R17) */
  suggestions: SuggestionService;
  /** the supervisor's sampling audit (R26), over the real store's valid records */
  sampling: SamplingService;
  /** quality per staff member (R28); practice data never counts */
  quality: QualityReportService;
}

/** What handlers are built from: the composition root fills it in once. */
export interface CoreServices {
  appVersion: string;
  clock: Clock;
  log: Logger;
  events: EventBus;
  session: SessionStore;
  network: NetworkMonitor;
  settings(): DeviceSettings;
  storageState(): StorageState;
  /** the open store's services, or a 'storage_unavailable' CoreError */
  store(): StoreServices;
  setupRequired(): boolean;
  /** whether the recovery key of first setup (or a re-issued one) has been typed back */
  recoveryKeyConfirmed(): boolean;
  /** the store is behind the kiosk's audit high-water mark (rollback-mark.ts), or null */
  auditRollback(): AuditRollback | null;
}
