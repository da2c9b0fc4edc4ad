import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  type AuditHead,
  ItemResult,
  type QuarantineReason,
  SealedOutboxContent,
} from '../../../shared/sync/wire.js';
import { readCentralKeys } from './central-keys.js';
import { CentralServer } from './central-server.js';
import { CENTRAL_DATABASE_FILE } from './central-store.js';
import { type BoxKeyPair, openSealedJson, sodiumReady } from './sealing.js';

/**
 * Reads what the central side stored, straight from its SQLite file (a read-only connection of
 * its own), so a test asserts on what was committed, not on what the server says. Works on a
 * live server and on a closed one's folder alike. Sealed items are opened with the central key
 * kept in the same folder.
 */
export interface StoredItem {
  id: string;
  deviceId: string;
  recordId: string;
  seq: number;
  status: 'applied' | 'rejected';
  /** whether the item took its record's sequence number (every applied item does) */
  consumesSeq: boolean;
  /** the answer given, and given again on every repeat */
  result: ItemResult;
  /** the sealed content opened and checked; null when it does not open or is not content */
  content: SealedOutboxContent | null;
  batchId: string;
  storedAt: string;
  /** position in the order the central side stored items, across all records */
  order: number;
}

export interface ExpectedItem {
  recordId: string;
  seq: number;
  id?: string;
}

export interface Comparison {
  /** true when applied items are exactly the expected ones, each record complete and in order */
  ok: boolean;
  missing: ExpectedItem[];
  unexpected: StoredItem[];
  /** records whose applied items are not 1..n, or were not applied in sequence order */
  outOfOrder: string[];
}

export interface AuditEvent {
  kind: 'checkpoint_required' | 'rewind' | 'rewind_accepted';
  at: string;
  reported: unknown;
  held: unknown;
}

export interface StoredInboxReport {
  itemId: string;
  reason: QuarantineReason;
  detail: string | null;
  detectedAt: string;
  /** whether the item was in this device's inbox */
  known: boolean;
}

interface ItemRow {
  id: string;
  device_id: string;
  record_id: string;
  seq: number;
  status: 'applied' | 'rejected';
  consumes: number;
  result: string;
  sealed: string;
  batch_id: string;
  stored_at: string;
  rowid: number;
}

const ITEM_COLUMNS =
  'id, device_id, record_id, seq, status, consumes, result, sealed, batch_id, stored_at, rowid';

export class CentralInspector {
  private readonly db: Database.Database;
  private readonly keys: BoxKeyPair | null;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, CENTRAL_DATABASE_FILE), { readonly: true, fileMustExist: true });
    this.keys = readCentralKeys(dataDir);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Record ids in the order their first item was stored. */
  records(): string[] {
    return this.db
      .prepare<[], { record_id: string }>(
        'SELECT record_id FROM items GROUP BY record_id ORDER BY MIN(rowid)',
      )
      .all()
      .map((row) => row.record_id);
  }

  /** Every stored item of one record (applied and rejected), by sequence number. */
  itemsOf(recordId: string): StoredItem[] {
    return this.db
      .prepare<[string], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE record_id = ? ORDER BY seq, rowid`)
      .all(recordId)
      .map((row) => this.toItem(row));
  }

  /** The applied items of one record, by sequence number: the record's history at the central side. */
  appliedOf(recordId: string): StoredItem[] {
    return this.itemsOf(recordId).filter((item) => item.status === 'applied');
  }

  /** Every applied item, record by record, each record by sequence number. */
  applied(): StoredItem[] {
    return this.records().flatMap((recordId) => this.appliedOf(recordId));
  }

  /** One stored item by its Idempotency-Key. */
  item(id: string): StoredItem | null {
    const row = this.db.prepare<[string], ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`).get(id);
    return row ? this.toItem(row) : null;
  }

  private toItem(row: ItemRow): StoredItem {
    return {
      id: row.id,
      deviceId: row.device_id,
      recordId: row.record_id,
      seq: row.seq,
      status: row.status,
      consumesSeq: row.consumes === 1,
      result: ItemResult.parse(JSON.parse(row.result)),
      content: this.open(row.sealed),
      batchId: row.batch_id,
      storedAt: row.stored_at,
      order: row.rowid,
    };
  }

  /** How many times an item arrived, repeats included (applied once or not). */
  timesReceived(id: string): number {
    return (
      this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM receipts WHERE item_id = ?').get(id)
        ?.n ?? 0
    );
  }

  /** Items received in all, repeats included. */
  totalReceived(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM receipts').get()?.n ?? 0;
  }

  auditHead(deviceId: string): AuditHead | null {
    const row = this.db
      .prepare<[string], { audit_seq: number | null; audit_hash: string | null }>(
        'SELECT audit_seq, audit_hash FROM devices WHERE device_id = ?',
      )
      .get(deviceId);
    return row?.audit_seq != null && row.audit_hash != null
      ? { seq: row.audit_seq, hash: row.audit_hash }
      : null;
  }

  auditEvents(deviceId: string): AuditEvent[] {
    return this.db
      .prepare<
        [string],
        { kind: AuditEvent['kind']; at: string; reported: string | null; held: string | null }
      >('SELECT kind, at, reported, held FROM audit_events WHERE device_id = ? ORDER BY n')
      .all(deviceId)
      .map((row) => ({
        kind: row.kind,
        at: row.at,
        reported: row.reported === null ? null : (JSON.parse(row.reported) as unknown),
        held: row.held === null ? null : (JSON.parse(row.held) as unknown),
      }));
  }

  /** The inbox position the device has acknowledged (0: nothing yet). */
  inboxAcked(deviceId: string): number {
    return (
      this.db
        .prepare<[string], { inbox_acked: number }>('SELECT inbox_acked FROM devices WHERE device_id = ?')
        .get(deviceId)?.inbox_acked ?? 0
    );
  }

  inboxReports(deviceId: string): StoredInboxReport[] {
    return this.db
      .prepare<
        [string],
        {
          item_id: string;
          reason: QuarantineReason;
          detail: string | null;
          detected_at: string;
          known: number;
        }
      >(
        'SELECT item_id, reason, detail, detected_at, known FROM inbox_reports WHERE device_id = ? ORDER BY rowid',
      )
      .all(deviceId)
      .map((row) => ({
        itemId: row.item_id,
        reason: row.reason,
        detail: row.detail,
        detectedAt: row.detected_at,
        known: row.known === 1,
      }));
  }

  /**
   * "Exactly what the kiosk created": every expected (recordId, seq[, id]) applied once, nothing
   * else applied, each record's items applied as 1..n in sequence order.
   */
  compare(expected: readonly ExpectedItem[]): Comparison {
    const applied = this.applied();
    const key = (recordId: string, seq: number): string => `${recordId}#${seq}`;
    const byPosition = new Map(applied.map((item) => [key(item.recordId, item.seq), item]));
    const missing = expected.filter((want) => {
      const got = byPosition.get(key(want.recordId, want.seq));
      return !got || (want.id !== undefined && got.id !== want.id);
    });
    const wanted = new Set(expected.map((want) => key(want.recordId, want.seq)));
    const unexpected = applied.filter((item) => !wanted.has(key(item.recordId, item.seq)));
    const outOfOrder = this.records().filter((recordId) => {
      const history = this.itemsOf(recordId).filter((item) => item.consumesSeq);
      return history.some(
        (item, i) => item.seq !== i + 1 || (i > 0 && (history[i - 1]?.order ?? Infinity) > item.order),
      );
    });
    return {
      ok: missing.length === 0 && unexpected.length === 0 && outOfOrder.length === 0,
      missing,
      unexpected,
      outOfOrder,
    };
  }

  private open(sealed: string): SealedOutboxContent | null {
    if (!this.keys) return null;
    const opened = openSealedJson(sealed, this.keys);
    if (!opened.ok) return null;
    const content = SealedOutboxContent.safeParse(opened.value);
    return content.success ? content.data : null;
  }
}

/** The inspector for a running server, or for the data folder of one (running or not). */
export async function centralClientForTests(source: CentralServer | string): Promise<CentralInspector> {
  await sodiumReady();
  return new CentralInspector(source instanceof CentralServer ? source.dataDir : source);
}
