import type {
  AuditHead,
  ItemResult,
  OutboxBatchRequest,
  OutboxBatchResponse,
  OutboxItem,
  RejectReason,
  SealedOutboxContent,
} from '../../shared/sync/wire.js';
import { sealAtRest, sha256Hex } from '../crypto.js';
import { type Client, inTransaction, lockForTransaction, type Pool } from '../db/pool.js';
import type { DeviceRow } from './devices.js';
import { claimSubmission } from './intake.js';
import { fail, type Outcome } from './outcome.js';
import { termsOf, valuesOfSnapshot } from './terms.js';

/**
 * One outbox batch (docs/sync-protocol.md 8.3), in one PostgreSQL transaction that holds the
 * device's advisory lock: however many central processes there are, one device's batches run one
 * at a time, and the answer leaves only after the commit.
 */

export type ContentCheck = (
  item: OutboxItem,
  deviceId: string,
) => { ok: true; content: SealedOutboxContent } | { ok: false; reason: RejectReason; message: string };

export interface BatchContext {
  pool: Pool;
  dataKey: Uint8Array;
  lookupKey: Uint8Array;
  check: ContentCheck;
  now: Date;
  /** test hook: runs inside the transaction after the items are applied, before the commit */
  beforeCommit?: () => Promise<void>;
}

/** What identifies an item's content: the same key with other content is key_reused. */
function itemDigest(item: OutboxItem): string {
  return sha256Hex(`${item.recordId}\n${item.seq}\n${item.sealed}`);
}

async function auditCheck(
  client: Client,
  device: DeviceRow,
  request: OutboxBatchRequest,
  now: Date,
): Promise<Outcome<null>> {
  if (device.audit_seq === null || device.audit_hash === null) return { ok: true, value: null };
  const held: AuditHead = { seq: Number(device.audit_seq), hash: device.audit_hash };
  const checkpoint = request.auditCheckpoint;
  if (device.rewound_at !== null) {
    return fail('audit_rewind', 'this device rewound its audit history; an operator must accept it first');
  }
  if (checkpoint?.seq !== held.seq) {
    return fail('audit_checkpoint_required', `send auditCheckpoint for audit entry ${held.seq}`, held.seq);
  }
  if (checkpoint.hash !== held.hash) {
    await client.query(
      'INSERT INTO audit_events (device_id, at, kind, reported, held) VALUES ($1, $2, $3, $4, $5)',
      [
        device.device_id,
        now,
        'rewind',
        JSON.stringify({ head: request.auditHead, checkpoint }),
        JSON.stringify(held),
      ],
    );
    await client.query('UPDATE devices SET rewound_at = $2 WHERE device_id = $1', [device.device_id, now]);
    return fail('audit_rewind', `the device's audit history no longer holds entry ${held.seq} as reported`);
  }
  const head = request.auditHead;
  if (head.seq < checkpoint.seq || (head.seq === checkpoint.seq && head.hash !== checkpoint.hash)) {
    return fail('invalid_request', 'auditHead contradicts auditCheckpoint');
  }
  return { ok: true, value: null };
}

interface Pending {
  item: OutboxItem;
  index: number;
}

export async function applyBatch(
  ctx: BatchContext,
  deviceId: string,
  request: OutboxBatchRequest,
): Promise<Outcome<OutboxBatchResponse>> {
  const { now } = ctx;
  return inTransaction(ctx.pool, async (client) => {
    await lockForTransaction(client, `device:${deviceId}`);
    const { rows } = await client.query<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]);
    const device = rows[0];
    if (!device) return fail('not_enrolled', 'this token has no enrolled device');
    const audit = await auditCheck(client, device, request, now);
    // nothing of the batch is applied; a rewind's alert row commits all the same
    if (!audit.ok) return audit;

    const results = new Array<ItemResult | undefined>(request.items.length);
    const fresh = new Map<string, Pending[]>();
    const ids = request.items.map((item) => item.id);
    const known = await client.query<{ id: string; digest: string; result: ItemResult }>(
      'SELECT id, digest, result FROM items WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const knownById = new Map(known.rows.map((row) => [row.id, row]));
    request.items.forEach((item, index) => {
      const row = knownById.get(item.id.toLowerCase());
      if (!row) {
        const group = fresh.get(item.recordId.toLowerCase()) ?? [];
        group.push({ item, index });
        fresh.set(item.recordId.toLowerCase(), group);
      } else if (row.digest === itemDigest(item)) {
        results[index] = row.result;
      } else {
        results[index] = {
          id: item.id,
          status: 'rejected',
          reason: 'key_reused',
          message: 'this id was already used for other content',
          rejectedAt: now.toISOString(),
        };
      }
    });

    // records in one order everywhere: two desks claiming the same submissions cannot deadlock
    for (const [recordId, group] of [...fresh].sort(([a], [b]) => a.localeCompare(b))) {
      await applyRecord(ctx, client, deviceId, request, recordId, group, results);
    }

    const answered = results.map((result, index) => {
      if (!result) throw new Error(`no result for item ${String(request.items[index]?.id)}`);
      return result;
    });
    if (answered.length > 0) {
      await client.query(
        `INSERT INTO receipts (item_id, batch_id, received_at, status)
             SELECT unnest($1::uuid[]), $2, $3, unnest($4::text[])`,
        [request.items.map((i) => i.id), request.batchId, now, answered.map((r) => r.status)],
      );
    }
    await client.query(
      'UPDATE devices SET audit_seq = $2, audit_hash = $3, last_contact_at = $4 WHERE device_id = $1',
      [deviceId, request.auditHead.seq, request.auditHead.hash, now],
    );
    if (ctx.beforeCommit) await ctx.beforeCommit();
    return {
      ok: true as const,
      value: {
        batchId: request.batchId,
        receivedAt: now.toISOString(),
        auditHead: request.auditHead,
        results: answered,
      },
    };
  });
}

async function applyRecord(
  ctx: BatchContext,
  client: Client,
  deviceId: string,
  request: OutboxBatchRequest,
  recordId: string,
  group: Pending[],
  results: (ItemResult | undefined)[],
): Promise<void> {
  const now = ctx.now;
  group.sort((a, b) => a.item.seq - b.item.seq);
  // two desks claiming one submission meet here: the second sees the first's record
  await lockForTransaction(client, `record:${recordId}`);
  const { rows } = await client.query<{ device_id: string; next_seq: number }>(
    'SELECT device_id, next_seq FROM records WHERE record_id = $1 FOR UPDATE',
    [recordId],
  );
  const record = rows[0];
  let expected = record?.next_seq ?? 1;
  let latest: SealedOutboxContent | null = null;
  const store = async (item: OutboxItem, result: ItemResult, consumes: boolean): Promise<void> => {
    await client.query(
      `INSERT INTO items (id, device_id, record_id, seq, digest, status, consumes, result, batch_id, stored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        item.id,
        deviceId,
        recordId,
        item.seq,
        itemDigest(item),
        result.status,
        consumes,
        JSON.stringify(result),
        request.batchId,
        now,
      ],
    );
  };
  const reject = (item: OutboxItem, reason: RejectReason, message: string): ItemResult => ({
    id: item.id,
    status: 'rejected',
    reason,
    message,
    rejectedAt: now.toISOString(),
  });
  for (const { item, index } of group) {
    if (record && record.device_id !== deviceId) {
      const reason = 'record_conflict';
      results[index] = reject(item, reason, 'this record belongs to another device');
      await store(item, results[index], false);
    } else if (item.seq < expected) {
      results[index] = reject(
        item,
        'seq_conflict',
        `sequence number ${item.seq} of this record is already taken`,
      );
      await store(item, results[index], false);
    } else if (item.seq > expected) {
      results[index] = { id: item.id, status: 'gap', expectedSeq: expected };
    } else {
      const verdict = ctx.check(item, deviceId);
      let result: ItemResult;
      if (!verdict.ok) result = reject(item, verdict.reason, verdict.message);
      else if (verdict.content.kind === 'submission.claim') {
        const claimed = await claimSubmission(client, recordId, deviceId, now);
        result = claimed
          ? { id: item.id, status: 'applied', appliedAt: now.toISOString() }
          : reject(item, 'invalid_content', 'no such online submission was offered to this device');
      } else {
        latest = verdict.content;
        result = { id: item.id, status: 'applied', appliedAt: now.toISOString() };
      }
      results[index] = result;
      await store(item, result, true);
      expected += 1;
    }
  }
  if (record && record.device_id !== deviceId) return;
  await client.query(
    `INSERT INTO records (record_id, device_id, next_seq) VALUES ($1, $2, $3)
       ON CONFLICT (record_id) DO UPDATE SET next_seq = excluded.next_seq`,
    [recordId, deviceId, expected],
  );
  if (latest) await keepSnapshot(ctx, client, recordId, latest);
}

/** The newest snapshot, sealed at rest; an erasure leaves the tombstone and nothing else. */
async function keepSnapshot(
  ctx: BatchContext,
  client: Client,
  recordId: string,
  content: SealedOutboxContent,
): Promise<void> {
  await client.query('DELETE FROM record_terms WHERE record_id = $1', [recordId]);
  if (content.kind === 'record.erasure') {
    await client.query(
      'UPDATE records SET snapshot = $2, updated_at = $3, erased_at = $3 WHERE record_id = $1',
      [recordId, sealAtRest({ seq: content.seq, data: content.data }, ctx.dataKey), ctx.now],
    );
    return;
  }
  await client.query(
    'UPDATE records SET snapshot = $2, updated_at = $3 WHERE record_id = $1 AND erased_at IS NULL',
    [recordId, sealAtRest({ seq: content.seq, data: content.data }, ctx.dataKey), ctx.now],
  );
  const terms = termsOf(valuesOfSnapshot(content.data), ctx.lookupKey);
  if (terms.length > 0) {
    await client.query(
      `INSERT INTO record_terms (term, record_id)
         SELECT t, $2 FROM unnest($1::text[]) AS t WHERE EXISTS (SELECT 1 FROM records WHERE record_id = $2 AND erased_at IS NULL)
         ON CONFLICT DO NOTHING`,
      [terms, recordId],
    );
  }
}

/** Operator: a person looked at a rewind and accepts the device's history as it is now. */
export async function acceptAuditRewind(pool: Pool, deviceId: string, now: Date): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    await lockForTransaction(client, `device:${deviceId}`);
    const updated = await client.query(
      'UPDATE devices SET audit_seq = NULL, audit_hash = NULL, rewound_at = NULL WHERE device_id = $1 RETURNING device_id',
      [deviceId],
    );
    if ((updated.rowCount ?? 0) === 0) return false;
    await client.query("INSERT INTO audit_events (device_id, at, kind) VALUES ($1, $2, 'rewind_accepted')", [
      deviceId,
      now,
    ]);
    return true;
  });
}

/** Operator: forgets a stored rejection, so the same key sent again is processed afresh. */
export async function clearRejection(pool: Pool, itemId: string): Promise<boolean> {
  const result = await pool.query("DELETE FROM items WHERE id = $1 AND status = 'rejected'", [itemId]);
  return (result.rowCount ?? 0) > 0;
}
