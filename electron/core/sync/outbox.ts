import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SYNC_LIMITS } from '../../../shared/sync/protocol.js';
import { type OutboxKind, SealedOutboxContent, Uuid } from '../../../shared/sync/wire.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { openSealedBox, SealedBoxError, sealToPublicKey } from '../crypto/sealed-box.js';
import { readySodium } from '../crypto/sodium.js';
import type { RecordChange, RecordChangeSink } from '../records/record-change-sink.js';
import { prepared } from '../db/statement-cache.js';
import { readEnrolment } from './sync-store.js';
import { ensureSyncKeyPair, openSyncKeyPair, syncPublicKey } from './sync-keys.js';

/**
 * The transactional outbox (DESIGN.md "Sync with the central system"): each record change
 * writes one row in the caller's transaction, so the change and its row commit together. The
 * row carries a UUID (the item's Idempotency-Key), the record id, the record's next sequence
 * number, and the content (SealedOutboxContent) sealed with crypto_box_seal when it is written:
 * to the central public key once the kiosk is enrolled, so a locked kiosk can send it without
 * DK; before that, to the holding key (sync-keys.ts), and resealed at enrolment.
 */

export interface OutboxConfig {
  /** the device id of the data folder (the device table): the protocol's deviceId */
  deviceId: string;
  now: () => number;
  /** DK of the unlocked session, or null: needed only to make the holding key pair once */
  keys: () => KeyHandle | null;
}

export interface OutboxChange {
  recordId: string;
  /** the record revision this change is about (the snapshot's, or the last one for an erasure) */
  revision: number;
  kind: OutboxKind;
  /** the snapshot (record.revision) or tombstone (record.erasure) */
  data: Record<string, unknown>;
  /** ms since epoch; the time of writing when absent */
  occurredAt?: number;
}

export interface EnqueuedItem {
  id: string;
  recordId: string;
  seq: number;
  sealedTo: 'central' | 'holding';
}

const SEQ_SQL = `INSERT INTO sync_record_seq (record_id, last_seq) VALUES (?, 1)
  ON CONFLICT (record_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A record-workflow change as outbox content: the snapshot, with the revision it is of. */
export function toOutboxChange(change: RecordChange): OutboxChange {
  const payload: unknown = change.payload;
  const data: Record<string, unknown> = isPlainObject(payload)
    ? { revision: change.revision, ...payload }
    : payload === undefined
      ? { revision: change.revision }
      : { revision: change.revision, value: payload };
  return {
    recordId: change.recordId,
    revision: change.revision,
    kind: change.kind === 'erased' ? 'record.erasure' : 'record.revision',
    data,
    occurredAt: change.occurredAt,
  };
}

/** Seals the UTF-8 JSON of `content`, refusing more than the protocol's 64 KiB of plaintext. */
function sealContent(publicKey: Uint8Array, content: SealedOutboxContent): Buffer {
  const plaintext = Buffer.from(JSON.stringify(content), 'utf8');
  try {
    if (plaintext.length > SYNC_LIMITS.maxSealedPlaintextBytes) {
      throw new CoreError(
        'payload_too_large',
        `A record change of ${String(plaintext.length)} bytes is more than the central system accepts`,
      );
    }
    return sealToPublicKey(publicKey, plaintext);
  } finally {
    readySodium().memzero(plaintext);
  }
}

function recipient(db: Database, config: OutboxConfig): { to: 'central' | 'holding'; key: Uint8Array } {
  const enrolment = readEnrolment(db);
  if (enrolment)
    return { to: 'central', key: new Uint8Array(Buffer.from(enrolment.centralPublicKey, 'base64')) };
  const holding = syncPublicKey(db, 'holding');
  if (holding) return { to: 'holding', key: holding };
  const keys = config.keys();
  if (!keys || keys.wiped) {
    throw new CoreError('locked', 'A record change before sync enrolment needs an unlocked session');
  }
  return { to: 'holding', key: ensureSyncKeyPair(db, 'holding', keys, config.now()) };
}

function inTransaction<T>(db: Database, work: () => T): T {
  return db.inTransaction ? work() : db.transaction(work).immediate();
}

/**
 * Writes one outbox row for `change`, inside the caller's transaction (or one of its own).
 * Throws (and so rolls the caller's change back) rather than leave a change unrecorded.
 */
export function enqueue(db: Database, config: OutboxConfig, change: OutboxChange): EnqueuedItem {
  if (!Uuid.safeParse(change.recordId).success) {
    throw new TypeError('an outbox record id must be a UUID (docs/sync-protocol.md 8.1)');
  }
  return inTransaction(db, () => {
    const seq = prepared<[string], { last_seq: number }>(db, SEQ_SQL).get(change.recordId)?.last_seq;
    if (seq === undefined) throw new Error('sync_record_seq gave no sequence number');
    const id = randomUUID();
    const now = config.now();
    const content: SealedOutboxContent = {
      v: 1,
      id,
      deviceId: config.deviceId,
      recordId: change.recordId,
      seq,
      kind: change.kind,
      occurredAt: new Date(change.occurredAt ?? now).toISOString(),
      data: change.data,
    };
    const to = recipient(db, config);
    const sealed = sealContent(to.key, content);
    prepared(
      db,
      `INSERT INTO sync_outbox (id, record_id, seq, kind, revision, created_at, sealed_to, sealed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, change.recordId, seq, change.kind, change.revision, now, to.to, sealed);
    if (change.kind === 'record.erasure') redactAfterErasure(db, config, change.recordId);
    return { id, recordId: change.recordId, seq, sealedTo: to.to };
  });
}

interface HeldRow {
  id: string;
  seq: number;
  kind: OutboxKind;
  revision: number;
  created_at: number;
}

/**
 * After an erasure nothing of the guest stays openable on the kiosk: delivered rows of the
 * record lose their sealed copy (kept for resending after a central restore; an erased record
 * is not resent), and rows still sealed to the holding key (which DK opens) are sealed again
 * with the snapshot replaced by a marker. Rows sealed to the central key open only there and
 * still go out, so the central side sees every position up to the tombstone.
 */
function redactAfterErasure(db: Database, config: OutboxConfig, recordId: string): void {
  db.prepare("UPDATE sync_outbox SET sealed = NULL WHERE record_id = ? AND state = 'delivered'").run(
    recordId,
  );
  const held = db
    .prepare<[string], HeldRow>(
      `SELECT id, seq, kind, revision, created_at FROM sync_outbox
        WHERE record_id = ? AND sealed_to = 'holding' AND kind = 'record.revision'`,
    )
    .all(recordId);
  const holding = syncPublicKey(db, 'holding');
  if (!holding) return;
  const update = db.prepare('UPDATE sync_outbox SET sealed = ? WHERE id = ?');
  for (const row of held) {
    const content: SealedOutboxContent = {
      v: 1,
      id: row.id,
      deviceId: config.deviceId,
      recordId,
      seq: row.seq,
      kind: row.kind,
      occurredAt: new Date(row.created_at).toISOString(),
      data: { revision: row.revision, redacted: 'erased' },
    };
    update.run(sealContent(holding, content), row.id);
  }
}

interface HoldingRow {
  n: number;
  id: string;
  record_id: string;
  seq: number;
  sealed: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * At enrolment: every row sealed to the holding key is opened (DK unwraps the holding secret),
 * checked against its row, and sealed to the central key. A row that does not open or does not
 * match is quarantined, never sent as it is. Runs inside the enrolment's transaction.
 */
export function resealHoldingItems(
  db: Database,
  deviceId: string,
  centralPublicKey: Uint8Array,
  keys: KeyHandle,
  now: number,
): { resealed: number; quarantined: number } {
  const rows = db
    .prepare<[], HoldingRow>(
      "SELECT n, id, record_id, seq, sealed FROM sync_outbox WHERE sealed_to = 'holding' AND sealed IS NOT NULL ORDER BY n",
    )
    .all();
  if (rows.length === 0) return { resealed: 0, quarantined: 0 };
  const pair = openSyncKeyPair(db, 'holding', keys);
  const reseal = db.prepare("UPDATE sync_outbox SET sealed = ?, sealed_to = 'central' WHERE n = ?");
  const quarantine = db.prepare(
    `UPDATE sync_outbox SET state = 'quarantined', problem = 'unsealable', problem_message = ?,
       quarantined_at = ? WHERE n = ?`,
  );
  let resealed = 0;
  let quarantined = 0;
  for (const row of rows) {
    let plaintext: Uint8Array | null = null;
    try {
      if (!pair) throw new SealedBoxError('unauthentic');
      plaintext = openSealedBox(pair, row.sealed);
      const content = SealedOutboxContent.parse(JSON.parse(utf8.decode(plaintext)));
      if (
        content.id !== row.id ||
        content.recordId !== row.record_id ||
        content.seq !== row.seq ||
        content.deviceId !== deviceId
      ) {
        throw new SealedBoxError('format');
      }
      reseal.run(sealContent(centralPublicKey, content), row.n);
      resealed += 1;
    } catch (error) {
      if (error instanceof CoreError) throw error;
      quarantine.run('held before enrolment, and does not open or match its row on this kiosk', now, row.n);
      quarantined += 1;
    } finally {
      if (plaintext) readySodium().memzero(plaintext);
    }
  }
  return { resealed, quarantined };
}

/**
 * The outbox as the record workflow sees it (records/record-change-sink.ts). `onEnqueued` wakes
 * the sender; it runs inside the caller's transaction, so it only schedules work.
 */
export class OutboxRecordChangeSink implements RecordChangeSink {
  constructor(
    private readonly config: OutboxConfig,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  recordChanged(db: Database, change: RecordChange): void {
    enqueue(db, this.config, toOutboxChange(change));
    this.onEnqueued();
  }
}
