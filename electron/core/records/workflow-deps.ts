import type { Database } from 'better-sqlite3';
import type { DeviceSettings } from '../../../shared/domain/device-settings.js';
import type { StaffRepository } from '../accounts/staff-repository.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { RecordChangeSink } from './record-change-sink.js';
import type { RecordViews } from './record-views.js';
import type { SealedRecordStore } from './sealed-record-store.js';
import type { TransitionRunner } from './transition-runner.js';
import type { WorkflowRows } from './workflow-rows.js';

export interface RecordWorkflowDeps {
  /** the store's database: the real snowdesk.db or the practice store */
  db: Database;
  /** that database's audit log */
  audit: AuditLog;
  records: SealedRecordStore;
  clock: Clock;
  settings: () => DeviceSettings;
  /** the sync outbox (real store); always the no-op for the practice store */
  sink: RecordChangeSink;
  practice: boolean;
  /** the real staff table: who exists, their role, certificate and whether disabled */
  staff: StaffRepository;
  /** makes a staff member known to this store's staff table before a row points at them */
  mirrorStaff: (id: string) => void;
  /** whether this kiosk published the consent notice of that version (R8) */
  noticePublished: (version: string) => boolean;
}

/** The pieces every record command is written with (records/commands/*). */
export interface WorkflowParts {
  deps: RecordWorkflowDeps;
  rows: WorkflowRows;
  runner: TransitionRunner;
  views: RecordViews;
}
