import type { Database } from 'better-sqlite3';
import type { DeviceSettings } from '../../../shared/domain/device-settings.js';
import type { StaffRepository } from '../accounts/staff-repository.js';
import { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { openDatabase } from '../db/open-database.js';
import type { Logger } from '../logger.js';
import { GuestSearch } from './guest-search.js';
import { NO_RECORD_CHANGE_SINK, type RecordChangeSink } from './record-change-sink.js';
import { RecordWorkflowService } from './record-workflow-service.js';
import { PRACTICE_RECORD_KEYS, REAL_RECORD_KEYS, SealedRecordStore } from './sealed-record-store.js';
import { prepared } from '../db/statement-cache.js';

/** The practice store (R6): a database of its own beside snowdesk.db, never synced, never backed up as real data. */
export const PRACTICE_DATABASE_FILE = 'practice.db';

export interface RecordStoresOptions {
  dataDir: string;
  /** the real store */
  db: Database;
  audit: AuditLog;
  /** the real staff table */
  staff: StaffRepository;
  /** DK of the unlocked session; throws 'locked' otherwise */
  keys: () => KeyHandle;
  clock: Clock;
  settings: () => DeviceSettings;
  log: Logger;
  /** the sync outbox; the practice store never gets it */
  sink?: RecordChangeSink;
}

export interface RecordWorkspace {
  service: RecordWorkflowService;
  search: GuestSearch;
}

/**
 * Routes guest-record work to the real store or to the practice store.
 *
 * Routing: dispatch decides `practice` for each call from the main-process session
 * (shared/domain/practice-mode.ts: an uncertified person in a desk role) and only for methods the
 * contract marks `practice: true`; handlers pass it here. The practice store is `practice.db` in
 * the data folder, built by the same migrations, opened on first use. It is sealed with the same
 * DK but under the practice sub-keys (sub-keys.ts 6–8), so its rows never open in the real store
 * and its blind index never matches real digests. It has its own audit chain, no change sink
 * (nothing syncs), and a mirror of the staff rows its records point at (id, name, role; no key
 * material), because its tables reference staff like the real ones do.
 */
export class RecordStores {
  private real: RecordWorkspace | null = null;
  private practice: { db: Database; workspace: RecordWorkspace } | null = null;

  constructor(private readonly options: RecordStoresOptions) {}

  for(practice: boolean): RecordWorkspace {
    return practice ? this.practiceWorkspace() : this.realWorkspace();
  }

  /** Lock and sign-out: every name index is dropped (they hold guest names in memory). */
  dropIndexes(): void {
    this.real?.service.names.drop();
    this.practice?.workspace.service.names.drop();
  }

  /** The real store and, once opened, the practice store: both are scrubbed after an erasure. */
  databases(): Database[] {
    return this.practice ? [this.options.db, this.practice.db] : [this.options.db];
  }

  close(): void {
    this.dropIndexes();
    this.practice?.db.close();
    this.practice = null;
  }

  /** Notices live in the real store; practice records cite them too. */
  private noticePublished(version: string): boolean {
    return (
      prepared(this.options.db, 'SELECT 1 FROM consent_notices WHERE version = ?').get(version) !== undefined
    );
  }

  private realWorkspace(): RecordWorkspace {
    if (!this.real) {
      const { db, audit, clock } = this.options;
      const service = new RecordWorkflowService({
        db,
        audit,
        records: new SealedRecordStore(db, this.options.keys, () => clock.now(), REAL_RECORD_KEYS),
        clock,
        settings: this.options.settings,
        sink: this.options.sink ?? NO_RECORD_CHANGE_SINK,
        practice: false,
        staff: this.options.staff,
        mirrorStaff: () => undefined,
        noticePublished: (version) => this.noticePublished(version),
      });
      this.real = { service, search: new GuestSearch(service) };
    }
    return this.real;
  }

  private practiceWorkspace(): RecordWorkspace {
    if (!this.practice) {
      const { clock, log } = this.options;
      const opened = openDatabase(this.options.dataDir, {
        now: () => clock.now(),
        log,
        file: PRACTICE_DATABASE_FILE,
      });
      if (!opened.ok) {
        log.error('practice.unavailable', { code: opened.problem.code });
        throw new CoreError('storage_unavailable', 'The practice store cannot be opened');
      }
      const { db, deviceId } = opened;
      const staff = this.options.staff;
      const mirror = db.prepare(
        `INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at)
         VALUES (@id, @name, @name_key, @role, '', @created_at)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role`,
      );
      const service = new RecordWorkflowService({
        db,
        audit: new AuditLog(db, deviceId, () => clock.now()),
        records: new SealedRecordStore(db, this.options.keys, () => clock.now(), PRACTICE_RECORD_KEYS),
        clock,
        settings: this.options.settings,
        sink: NO_RECORD_CHANGE_SINK,
        practice: true,
        staff,
        noticePublished: (version) => this.noticePublished(version),
        mirrorStaff: (id) => {
          const row = staff.byId(id);
          if (!row) throw new CoreError('not_found', 'No such account');
          // name_key must be unique; the practice store never signs anyone in, so the id serves
          mirror.run({
            id: row.id,
            name: row.name,
            name_key: `practice:${row.id}`,
            role: row.role,
            created_at: row.created_at,
          });
        },
      });
      this.practice = { db, workspace: { service, search: new GuestSearch(service) } };
    }
    return this.practice.workspace;
  }
}
