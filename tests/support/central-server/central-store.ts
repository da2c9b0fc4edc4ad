import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncErrorCode } from '../../../shared/sync/error-codes.js';
import type {
  AuditHead,
  EnrolmentRequest,
  InboxChannel,
  InboxItem,
  InboxReport,
  ItemResult,
  OutboxBatchRequest,
  OutboxBatchResponse,
  OutboxItem,
  RejectReason,
} from '../../../shared/sync/wire.js';
import type { z } from 'zod';

/**
 * The central test server's memory, one SQLite file in the folder a test gives. It plays the
 * central side of docs/sync-protocol.md as a real implementation must: every batch is one
 * transaction (results, per-record positions and the audit head commit together, before the
 * answer leaves), final results are kept per Idempotency-Key and answered again verbatim.
 * Sealed items are stored as they arrived, never opened into the file.
 */
export const CENTRAL_DATABASE_FILE = 'central.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  device_id TEXT,
  revoked INTEGER NOT NULL DEFAULT 0,
  issued_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS devices (
  device_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  name TEXT NOT NULL,
  app_version TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  audit_seq INTEGER,
  audit_hash TEXT,
  inbox_acked INTEGER NOT NULL DEFAULT 0
);
-- one row per Idempotency-Key with a final result; 'consumes' marks the one item that took a
-- record's sequence number (applied, or refused for its content)
CREATE TABLE IF NOT EXISTS items (
  id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  digest TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
  consumes INTEGER NOT NULL CHECK (consumes IN (0, 1)),
  result TEXT NOT NULL,
  sealed TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS items_record_position ON items (record_id, seq) WHERE consumes = 1;
CREATE TABLE IF NOT EXISTS records (
  record_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  next_seq INTEGER NOT NULL
);
-- every time an item arrived, repeats included: how tests see that a resend happened
CREATE TABLE IF NOT EXISTS receipts (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS receipts_item ON receipts (item_id);
CREATE TABLE IF NOT EXISTS audit_events (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  reported TEXT,
  held TEXT
);
CREATE TABLE IF NOT EXISTS inbox (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  received_at TEXT NOT NULL,
  sealed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inbox_device ON inbox (device_id, position);
CREATE TABLE IF NOT EXISTS inbox_reports (
  device_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT,
  detected_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  known INTEGER NOT NULL,
  PRIMARY KEY (device_id, item_id)
);
`;

export interface TokenRow {
  token_hash: string;
  device_id: string | null;
  revoked: number;
}

export interface DeviceRow {
  device_id: string;
  public_key: string;
  name: string;
  app_version: string;
  enrolled_at: string;
  audit_seq: number | null;
  audit_hash: string | null;
  inbox_acked: number;
}

interface ItemRow {
  id: string;
  digest: string;
  result: string;
}

interface RecordRow {
  device_id: string;
  next_seq: number;
}

interface InboxRow {
  position: number;
  id: string;
  channel: z.infer<typeof InboxChannel>;
  received_at: string;
  sealed: string;
}

export type StoreOutcome<T> =
  { ok: true; value: T } | { ok: false; code: SyncErrorCode; message: string; checkpointSeq?: number };

/** Decides whether an item that reached its turn may be applied: opens it and checks its wrapper. */
export type ContentCheck = (
  item: OutboxItem,
  deviceId: string,
) => { ok: true } | { ok: false; reason: RejectReason; message: string };

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** What identifies an item's content: a repeat of the key with other content is refused. */
function itemDigest(item: OutboxItem): string {
  return createHash('sha256').update(`${item.recordId}\n${item.seq}\n${item.sealed}`, 'utf8').digest('hex');
}

function fail<T>(code: SyncErrorCode, message: string, checkpointSeq?: number): StoreOutcome<T> {
  return checkpointSeq === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, checkpointSeq };
}

export class CentralStore {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    this.db = new Database(join(dataDir, CENTRAL_DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    // an answer says "committed": that must survive a crash of the central side too
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Each SQL text compiled once: a batch of 500 items runs the same few statements thousands of times. */
  private prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  // ---- tokens and devices -----------------------------------------------------------------

  addToken(token: string, issuedAt: string): void {
    this.prepare('INSERT INTO tokens (token_hash, issued_at) VALUES (?, ?)').run(tokenHash(token), issuedAt);
  }

  token(token: string): TokenRow | undefined {
    return this.tokenByHash(tokenHash(token));
  }

  tokenByHash(hash: string): TokenRow | undefined {
    return this.prepare<[string], TokenRow>(
      'SELECT token_hash, device_id, revoked FROM tokens WHERE token_hash = ?',
    ).get(hash);
  }

  revokeToken(token: string): void {
    this.prepare('UPDATE tokens SET revoked = 1 WHERE token_hash = ?').run(tokenHash(token));
  }

  device(deviceId: string): DeviceRow | undefined {
    return this.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE device_id = ?').get(deviceId);
  }

  /**
   * Binds a token to a device once. The same binding again is answered as before; another
   * device id or another public key is a conflict, so a leaked token cannot redirect the inbox
   * to someone else's key.
   */
  enrol(hash: string, request: EnrolmentRequest, now: string): StoreOutcome<DeviceRow> {
    return this.db.transaction((): StoreOutcome<DeviceRow> => {
      const row = this.tokenByHash(hash);
      if (!row || row.revoked) return fail('unauthorized', 'unknown or revoked token');
      const existing = this.device(request.deviceId);
      if (row.device_id !== null && row.device_id !== request.deviceId) {
        return fail('enrolment_conflict', 'this token is enrolled as another device');
      }
      if (existing) {
        if (row.device_id === null) {
          return fail('enrolment_conflict', 'this device id is enrolled with another token');
        }
        if (existing.public_key !== request.devicePublicKey) {
          return fail('enrolment_conflict', 'this device is enrolled with another public key');
        }
        this.prepare('UPDATE devices SET name = ?, app_version = ? WHERE device_id = ?').run(
          request.deviceName,
          request.appVersion,
          request.deviceId,
        );
        const updated = this.device(request.deviceId);
        return updated ? { ok: true, value: updated } : fail('internal', 'device vanished');
      }
      this.prepare(
        `INSERT INTO devices (device_id, public_key, name, app_version, enrolled_at)
           VALUES (?, ?, ?, ?, ?)`,
      ).run(request.deviceId, request.devicePublicKey, request.deviceName, request.appVersion, now);
      this.prepare('UPDATE tokens SET device_id = ? WHERE token_hash = ?').run(request.deviceId, hash);
      const created = this.device(request.deviceId);
      return created ? { ok: true, value: created } : fail('internal', 'device vanished');
    })();
  }

  // ---- outbox -----------------------------------------------------------------------------

  /**
   * One batch, one transaction. Order of checks: the audit head first (a rewritten history
   * stops everything, nothing is applied), then known keys (answered from memory), then new
   * items record by record in ascending sequence.
   */
  applyBatch(
    deviceId: string,
    request: OutboxBatchRequest,
    now: string,
    check: ContentCheck,
  ): StoreOutcome<OutboxBatchResponse> {
    return this.db.transaction((): StoreOutcome<OutboxBatchResponse> => {
      const device = this.device(deviceId);
      if (!device) return fail('not_enrolled', 'this token has no enrolled device');
      const audit = this.checkAudit(device, request, now);
      if (!audit.ok) return audit;

      const results = new Array<ItemResult | undefined>(request.items.length);
      const fresh = new Map<string, { item: OutboxItem; index: number }[]>();
      request.items.forEach((item, index) => {
        const known = this.prepare<[string], ItemRow>(
          'SELECT id, digest, result FROM items WHERE id = ?',
        ).get(item.id);
        if (!known) {
          const group = fresh.get(item.recordId) ?? [];
          group.push({ item, index });
          fresh.set(item.recordId, group);
        } else if (known.digest === itemDigest(item)) {
          results[index] = JSON.parse(known.result) as ItemResult;
        } else {
          // the key already names other content: refuse this one, keep the first answer
          results[index] = {
            id: item.id,
            status: 'rejected',
            reason: 'key_reused',
            message: 'this id was already used for other content',
            rejectedAt: now,
          };
        }
      });

      for (const [recordId, group] of fresh) {
        group.sort((a, b) => a.item.seq - b.item.seq);
        const record = this.prepare<[string], RecordRow>(
          'SELECT device_id, next_seq FROM records WHERE record_id = ?',
        ).get(recordId);
        let expected = record?.next_seq ?? 1;
        for (const { item, index } of group) {
          if (record && record.device_id !== deviceId) {
            results[index] = this.storeRejected(deviceId, request, item, now, false, {
              reason: 'record_conflict',
              message: 'this record belongs to another device',
            });
          } else if (item.seq < expected) {
            results[index] = this.storeRejected(deviceId, request, item, now, false, {
              reason: 'seq_conflict',
              message: `sequence number ${item.seq} of this record is already taken by another item`,
            });
          } else if (item.seq > expected) {
            results[index] = { id: item.id, status: 'gap', expectedSeq: expected };
          } else {
            const verdict = check(item, deviceId);
            results[index] = verdict.ok
              ? this.storeApplied(deviceId, request, item, now)
              : this.storeRejected(deviceId, request, item, now, true, verdict);
            expected += 1;
          }
        }
        if (!record || record.device_id === deviceId) {
          this.prepare(
            `INSERT INTO records (record_id, device_id, next_seq) VALUES (?, ?, ?)
               ON CONFLICT (record_id) DO UPDATE SET next_seq = excluded.next_seq`,
          ).run(recordId, deviceId, expected);
        }
      }

      const receipt = this.prepare(
        'INSERT INTO receipts (item_id, batch_id, received_at, status) VALUES (?, ?, ?, ?)',
      );
      const answered: ItemResult[] = [];
      request.items.forEach((item, index) => {
        const result = results[index];
        if (!result) throw new Error(`no result for item ${item.id}`);
        receipt.run(item.id, request.batchId, now, result.status);
        answered.push(result);
      });

      this.prepare('UPDATE devices SET audit_seq = ?, audit_hash = ? WHERE device_id = ?').run(
        request.auditHead.seq,
        request.auditHead.hash,
        deviceId,
      );
      return {
        ok: true,
        value: { batchId: request.batchId, receivedAt: now, auditHead: request.auditHead, results: answered },
      };
    })();
  }

  /**
   * The head the central side holds is the checkpoint the device must prove it still has.
   * See "The audit head" in docs/sync-protocol.md for why a seq alone is not enough.
   */
  private checkAudit(device: DeviceRow, request: OutboxBatchRequest, now: string): StoreOutcome<null> {
    if (device.audit_seq === null || device.audit_hash === null) return { ok: true, value: null };
    const held: AuditHead = { seq: device.audit_seq, hash: device.audit_hash };
    const checkpoint = request.auditCheckpoint;
    if (checkpoint?.seq !== held.seq) {
      this.auditEvent(device.device_id, now, 'checkpoint_required', checkpoint ?? null, held);
      return fail('audit_checkpoint_required', `send auditCheckpoint for audit entry ${held.seq}`, held.seq);
    }
    if (checkpoint.hash !== held.hash) {
      this.auditEvent(device.device_id, now, 'rewind', { head: request.auditHead, checkpoint }, held);
      return fail('audit_rewind', `the device's audit history no longer holds entry ${held.seq} as reported`);
    }
    const head = request.auditHead;
    if (head.seq < checkpoint.seq || (head.seq === checkpoint.seq && head.hash !== checkpoint.hash)) {
      return fail('invalid_request', 'auditHead contradicts auditCheckpoint');
    }
    return { ok: true, value: null };
  }

  private auditEvent(deviceId: string, at: string, kind: string, reported: unknown, held: unknown): void {
    this.prepare('INSERT INTO audit_events (device_id, at, kind, reported, held) VALUES (?, ?, ?, ?, ?)').run(
      deviceId,
      at,
      kind,
      JSON.stringify(reported),
      JSON.stringify(held),
    );
  }

  /** A person at the central side looked at a rewind and accepts the device's history as it is now. */
  acceptAuditRewind(deviceId: string, now: string): void {
    this.db.transaction(() => {
      const device = this.device(deviceId);
      if (!device) throw new Error(`unknown device ${deviceId}`);
      this.auditEvent(deviceId, now, 'rewind_accepted', null, {
        seq: device.audit_seq,
        hash: device.audit_hash,
      });
      this.prepare('UPDATE devices SET audit_seq = NULL, audit_hash = NULL WHERE device_id = ?').run(
        deviceId,
      );
    })();
  }

  private storeApplied(
    deviceId: string,
    request: OutboxBatchRequest,
    item: OutboxItem,
    now: string,
  ): ItemResult {
    const result: ItemResult = { id: item.id, status: 'applied', appliedAt: now };
    this.insertItem(deviceId, request, item, now, result, true);
    return result;
  }

  private storeRejected(
    deviceId: string,
    request: OutboxBatchRequest,
    item: OutboxItem,
    now: string,
    consumes: boolean,
    why: { reason: RejectReason; message: string },
  ): ItemResult {
    const result: ItemResult = {
      id: item.id,
      status: 'rejected',
      reason: why.reason,
      message: why.message,
      rejectedAt: now,
    };
    this.insertItem(deviceId, request, item, now, result, consumes);
    return result;
  }

  private insertItem(
    deviceId: string,
    request: OutboxBatchRequest,
    item: OutboxItem,
    now: string,
    result: ItemResult,
    consumes: boolean,
  ): void {
    this.prepare(
      `INSERT INTO items (id, device_id, record_id, seq, digest, status, consumes, result, sealed,
                            batch_id, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      item.id,
      deviceId,
      item.recordId,
      item.seq,
      itemDigest(item),
      result.status,
      consumes ? 1 : 0,
      JSON.stringify(result),
      item.sealed,
      request.batchId,
      now,
    );
  }

  /** An operator's fix at the central side: the key is forgotten, so a resend is processed afresh. */
  clearRejection(itemId: string): void {
    this.db.transaction(() => {
      const row = this.prepare<[string], { status: string }>('SELECT status FROM items WHERE id = ?').get(
        itemId,
      );
      if (row?.status !== 'rejected') throw new Error(`item ${itemId} has no stored rejection`);
      this.prepare('DELETE FROM items WHERE id = ?').run(itemId);
    })();
  }

  // ---- inbox ------------------------------------------------------------------------------

  addInboxItem(deviceId: string, item: InboxItem): number {
    const info = this.prepare(
      'INSERT INTO inbox (id, device_id, channel, received_at, sealed) VALUES (?, ?, ?, ?, ?)',
    ).run(item.id, deviceId, item.channel, item.receivedAt, item.sealed);
    return Number(info.lastInsertRowid);
  }

  /** Items after `after`, oldest first, at most `limit` of them and at most `maxBytes` of sealed text. */
  inboxPage(
    deviceId: string,
    after: number,
    limit: number,
    maxBytes: number,
  ): { items: InboxItem[]; last: number; hasMore: boolean } {
    const rows = this.prepare<[string, number, number], InboxRow>(
      `SELECT position, id, channel, received_at, sealed FROM inbox
         WHERE device_id = ? AND position > ? ORDER BY position LIMIT ?`,
    ).all(deviceId, after, limit + 1);
    const items: InboxItem[] = [];
    let last = after;
    let bytes = 0;
    for (const row of rows.slice(0, limit)) {
      bytes += row.sealed.length + 200;
      // always at least one item, or a page could never move past a large one
      if (items.length > 0 && bytes > maxBytes) break;
      items.push({ id: row.id, channel: row.channel, receivedAt: row.received_at, sealed: row.sealed });
      last = row.position;
    }
    const hasMore = rows.some((row) => row.position > last);
    return { items, last, hasMore };
  }

  /** The highest position a cursor given to this device can name. */
  inboxHighest(deviceId: string): number {
    const row = this.prepare<[string], { highest: number | null }>(
      'SELECT MAX(position) AS highest FROM inbox WHERE device_id = ?',
    ).get(deviceId);
    return row?.highest ?? 0;
  }

  /** Moves forward only: an old cursor acknowledged again changes nothing. */
  ackInbox(deviceId: string, position: number): number {
    return this.db.transaction(() => {
      this.prepare('UPDATE devices SET inbox_acked = MAX(inbox_acked, ?) WHERE device_id = ?').run(
        position,
        deviceId,
      );
      return this.device(deviceId)?.inbox_acked ?? 0;
    })();
  }

  recordInboxReports(deviceId: string, reports: readonly InboxReport[], now: string): number {
    return this.db.transaction(() => {
      const known = this.prepare<[string, string], { id: string }>(
        'SELECT id FROM inbox WHERE id = ? AND device_id = ?',
      );
      const insert = this.prepare(
        `INSERT OR IGNORE INTO inbox_reports
           (device_id, item_id, reason, detail, detected_at, recorded_at, known)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const report of reports) {
        insert.run(
          deviceId,
          report.id,
          report.reason,
          report.detail ?? null,
          report.detectedAt,
          now,
          known.get(report.id, deviceId) ? 1 : 0,
        );
      }
      return reports.length;
    })();
  }
}
