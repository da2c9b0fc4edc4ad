import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { SyncProblem } from '../../../shared/ipc/sync-schemas.js';
import type { AuditHead } from '../../../shared/sync/wire.js';
import { prepared } from '../db/statement-cache.js';

/**
 * The enrolment and the sync loop's own state (migration 0006), read and written in small
 * statements so every step of the loop is durable: a kiosk restarted (or killed) mid-round
 * finds the inbox cursor, the audit head the central side holds, the backoff and the last
 * error where it left them.
 */

export interface Enrolment {
  url: string;
  token: string;
  /** base64, as the maintainer entered it and the central side confirmed it */
  centralPublicKey: string;
  tlsPins: string[];
  deviceName: string;
  enrolledAt: number;
  centralEnrolledAt: string;
  enrolledBy: string | null;
}

interface EnrolmentRow {
  central_url: string;
  device_token: string;
  central_public_key: string;
  tls_pins: string;
  device_name: string;
  enrolled_at: number;
  central_enrolled_at: string;
  enrolled_by: string | null;
}

const Pins = z.array(z.string());

export function readEnrolment(db: Database): Enrolment | null {
  const row = prepared<[], EnrolmentRow>(db, 'SELECT * FROM sync_enrolment WHERE singleton = 1').get();
  if (!row) return null;
  return {
    url: row.central_url,
    token: row.device_token,
    centralPublicKey: row.central_public_key,
    tlsPins: Pins.parse(JSON.parse(row.tls_pins)),
    deviceName: row.device_name,
    enrolledAt: row.enrolled_at,
    centralEnrolledAt: row.central_enrolled_at,
    enrolledBy: row.enrolled_by,
  };
}

export function writeEnrolment(db: Database, enrolment: Enrolment): void {
  db.prepare(
    `INSERT INTO sync_enrolment (singleton, central_url, device_token, central_public_key, tls_pins,
       device_name, enrolled_at, central_enrolled_at, enrolled_by)
     VALUES (1, @url, @token, @centralPublicKey, @pins, @deviceName, @enrolledAt, @centralEnrolledAt, @enrolledBy)
     ON CONFLICT (singleton) DO UPDATE SET central_url = excluded.central_url,
       device_token = excluded.device_token, central_public_key = excluded.central_public_key,
       tls_pins = excluded.tls_pins, device_name = excluded.device_name, enrolled_at = excluded.enrolled_at,
       central_enrolled_at = excluded.central_enrolled_at, enrolled_by = excluded.enrolled_by`,
  ).run({ ...enrolment, pins: JSON.stringify(enrolment.tlsPins) });
}

export interface SyncStateRow {
  held_audit_seq: number | null;
  held_audit_hash: string | null;
  inbox_cursor: string | null;
  /** the last cursor the central side confirmed acknowledged */
  inbox_acked: string | null;
  failures: number;
  not_before: number | null;
  stopped: number;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_detail: string | null;
  last_error_at: number | null;
  clock_skew_ms: number | null;
}

export class SyncStateStore {
  constructor(private readonly db: Database) {}

  get(): SyncStateRow {
    const row = prepared<[], SyncStateRow>(this.db, 'SELECT * FROM sync_state WHERE singleton = 1').get();
    if (!row) throw new Error('sync_state has no row: migration 0006 did not run');
    return row;
  }

  heldHead(): AuditHead | null {
    const row = this.get();
    return row.held_audit_seq !== null && row.held_audit_hash !== null
      ? { seq: row.held_audit_seq, hash: row.held_audit_hash }
      : null;
  }

  setHeldHead(head: AuditHead | null): void {
    this.db
      .prepare('UPDATE sync_state SET held_audit_seq = ?, held_audit_hash = ? WHERE singleton = 1')
      .run(head?.seq ?? null, head?.hash ?? null);
  }

  setInboxCursor(cursor: string | null): void {
    this.db.prepare('UPDATE sync_state SET inbox_cursor = ? WHERE singleton = 1').run(cursor);
  }

  setInboxAcked(cursor: string): void {
    this.db.prepare('UPDATE sync_state SET inbox_acked = ? WHERE singleton = 1').run(cursor);
  }

  attempted(at: number): void {
    this.db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE singleton = 1').run(at);
  }

  /** The central side acknowledged something: backoff resets (6.3), the last error is history. */
  succeeded(at: number): void {
    this.db
      .prepare(
        `UPDATE sync_state SET failures = 0, not_before = NULL, stopped = 0, last_success_at = ?,
           last_error = NULL, last_error_detail = NULL, last_error_at = NULL WHERE singleton = 1`,
      )
      .run(at);
  }

  /** A failure retrying may fix: counted, and the next attempt waits until `notBefore`. */
  failed(problem: SyncProblem, detail: string, at: number, failures: number, notBefore: number): void {
    this.db
      .prepare(
        `UPDATE sync_state SET failures = ?, not_before = ?, stopped = 0, last_error = ?,
           last_error_detail = ?, last_error_at = ? WHERE singleton = 1`,
      )
      .run(failures, notBefore, problem, detail.slice(0, 1000), at);
  }

  /** A failure retrying cannot fix: the loop waits for the maintainer (or the next start). */
  stopped(problem: SyncProblem, detail: string, at: number): void {
    this.db
      .prepare(
        `UPDATE sync_state SET stopped = 1, not_before = NULL, last_error = ?, last_error_detail = ?,
           last_error_at = ? WHERE singleton = 1`,
      )
      .run(problem, detail.slice(0, 1000), at);
  }

  /** The maintainer changed something (retry, new enrolment): try again now. */
  resume(): void {
    this.db
      .prepare('UPDATE sync_state SET stopped = 0, not_before = NULL, failures = 0 WHERE singleton = 1')
      .run();
  }

  setClockSkew(skewMs: number | null): void {
    this.db.prepare('UPDATE sync_state SET clock_skew_ms = ? WHERE singleton = 1').run(skewMs);
  }

  /** A new central system (or token): its audit head and inbox cursor mean nothing here. */
  forgetCentral(): void {
    this.db
      .prepare(
        `UPDATE sync_state SET held_audit_seq = NULL, held_audit_hash = NULL, inbox_cursor = NULL, inbox_acked = NULL,
           failures = 0, not_before = NULL, stopped = 0, last_error = NULL, last_error_detail = NULL,
           last_error_at = NULL, clock_skew_ms = NULL WHERE singleton = 1`,
      )
      .run();
  }
}
