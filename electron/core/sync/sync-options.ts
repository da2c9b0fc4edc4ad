import type { Database } from 'better-sqlite3';
import type { SyncStatus } from '../../../shared/ipc/sync-schemas.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import type { Logger } from '../logger.js';
import type { NetworkMonitor } from '../network-monitor.js';
import type { OnlineSubmissionSink } from './inbox-store.js';
import type { Scheduler } from './sync-schedule.js';

/** What the sync loop is built with (sync-service.ts); tests pass the tuning, production only the wiring. */
export interface SyncTuning {
  scheduler?: Scheduler;
  /** for the jitter; Math.random unless a test fixes it */
  random?: () => number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** between rounds when all is well: new online submissions arrive by this */
  pollIntervalMs?: number;
  /** items per batch, at most SYNC_LIMITS.maxBatchItems */
  maxBatchItems?: number;
  /** the record workflow's door for opened online submissions; until it exists they wait in sync_inbox */
  onlineSubmissions?: OnlineSubmissionSink;
}

export interface SyncServiceOptions extends SyncTuning {
  db: Database;
  deviceId: string;
  audit: AuditLog;
  appVersion: string;
  clock: Clock;
  log: Logger;
  network: NetworkMonitor;
  /** DK of the unlocked session, or null (locked, signed out): makes the holding key pair */
  keys: () => KeyHandle | null;
  /** DK when the person unlocked may open online submissions (certified desk staff), else null */
  inboxKeys?: () => KeyHandle | null;
  /** the header's line changed */
  onStatus: (status: SyncStatus) => void;
}

export const DEFAULT_POLL_INTERVAL_MS = 60_000;
