import type { Database } from 'better-sqlite3';
import type { StuckItem, StuckReason } from '../../../shared/ipc/sync-schemas.js';
import { SYNC_LIMITS } from '../../../shared/sync/protocol.js';
import type { ItemResult, OutboxItem, OutboxKind } from '../../../shared/sync/wire.js';
import type { AuditLog } from '../audit/audit-log.js';

/**
 * The sender's side of the outbox: which rows go in the next batch, what an acknowledged
 * batch changes, what is stuck. Rows move pending -> delivered (the central side said
 * `applied`) or pending -> quarantined (refused for good, or unsendable); nothing else ever
 * marks a row delivered.
 */

export interface QueuedItem {
  n: number;
  item: OutboxItem;
  gaps: number;
}

interface PendingRow {
  n: number;
  id: string;
  record_id: string;
  seq: number;
  sealed_to: 'central' | 'holding';
  sealed: Buffer | null;
  gaps: number;
}

interface PositionRow {
  n: number;
  state: 'pending' | 'delivered' | 'quarantined';
  sealed: Buffer | null;
}

interface StuckRow {
  id: string;
  record_id: string;
  seq: number;
  kind: OutboxKind;
  problem: StuckReason;
  problem_message: string | null;
  quarantined_at: number;
}

/** Room for the batch's envelope (ids, audit head, checkpoint) under the 4 MiB body limit. */
const ENVELOPE_BYTES = 16 * 1024;
/** JSON around one item: {"id":"…","recordId":"…","seq":…,"sealed":"…"}, generously. */
const ITEM_OVERHEAD_BYTES = 160;
/** A record whose item the central side reports missing this often is given up on. */
export const MAX_GAPS_PER_ITEM = 5;
/** docs/sync-protocol.md 8.4: delivered items are kept 30 days, to resend after a central restore. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export class OutboxQueue {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The oldest pending rows, at most `maxItems` and within the body limit, in the order they
   * were written, which is each record's sequence order. A record with a row still sealed to
   * the holding key (not resealed yet) is left out entirely, so its later rows cannot overtake it.
   */
  nextBatch(maxItems: number, maxBytes = SYNC_LIMITS.maxBodyBytes - ENVELOPE_BYTES): QueuedItem[] {
    const limit = Math.max(1, Math.min(maxItems, SYNC_LIMITS.maxBatchItems));
    const rows = this.db
      .prepare<[], PendingRow>(
        "SELECT n, id, record_id, seq, sealed_to, sealed, gaps FROM sync_outbox WHERE state = 'pending' ORDER BY n",
      )
      .iterate();
    const batch: QueuedItem[] = [];
    const held = new Set<string>();
    let bytes = 0;
    for (const row of rows) {
      if (row.sealed_to === 'holding' || row.sealed === null) held.add(row.record_id);
      if (held.has(row.record_id) || row.sealed === null) continue;
      const sealed = row.sealed.toString('base64');
      const size = sealed.length + ITEM_OVERHEAD_BYTES;
      if (batch.length > 0 && bytes + size > maxBytes) break;
      bytes += size;
      batch.push({
        n: row.n,
        gaps: row.gaps,
        item: { id: row.id, recordId: row.record_id, seq: row.seq, sealed },
      });
      if (batch.length >= limit) break;
    }
    return batch;
  }

  /**
   * Applies the central side's results, which the caller has checked name exactly the items
   * sent, in order. Call inside a transaction with the audit head the answer carried.
   */
  applyResults(batch: readonly QueuedItem[], results: readonly ItemResult[], now: number): void {
    // a delivered item of an erased record keeps no copy: it is not resent after a central restore
    const delivered = this.db.prepare(
      `UPDATE sync_outbox SET state = 'delivered', delivered_at = ?, attempts = attempts + 1,
         sealed = CASE WHEN EXISTS (SELECT 1 FROM sync_outbox e WHERE e.record_id = sync_outbox.record_id
                                      AND e.kind = 'record.erasure') THEN NULL ELSE sealed END
       WHERE n = ? AND state = 'pending'`,
    );
    batch.forEach((queued, i) => {
      const result = results[i];
      if (!result || result.id !== queued.item.id) throw new Error('results do not match the batch');
      switch (result.status) {
        case 'applied':
          delivered.run(now, queued.n);
          break;
        case 'rejected':
          this.quarantine(queued.n, result.reason, result.message, now);
          break;
        case 'gap':
          this.gap(queued, result.expectedSeq, now);
          break;
      }
    });
  }

  /** Takes an item out of the queue for the maintainer, with the reason, and audits it. */
  quarantine(n: number, reason: StuckReason, message: string | null, now: number): void {
    const row = this.db
      .prepare<[number], { record_id: string }>('SELECT record_id FROM sync_outbox WHERE n = ?')
      .get(n);
    const changed = this.db
      .prepare(
        `UPDATE sync_outbox SET state = 'quarantined', problem = ?, problem_message = ?, quarantined_at = ?,
           attempts = attempts + 1 WHERE n = ? AND state = 'pending'`,
      )
      .run(reason, message?.slice(0, 1000) ?? null, now, n).changes;
    if (changed === 1 && row) {
      this.audit.append({
        actorId: null,
        action: 'sync.outbox_quarantined',
        targetType: 'record',
        targetId: row.record_id,
        outcome: 'failed',
        reason,
      });
    }
  }

  /**
   * `gap`: the central side waits for an earlier item of the record (8.4). Delivered but lost
   * there (a central restore): sent again. Pending: it goes in the next batch anyway. Gone,
   * erased or stuck: the record's later items cannot be applied and are quarantined with it.
   */
  private gap(queued: QueuedItem, expectedSeq: number, now: number): void {
    this.db
      .prepare('UPDATE sync_outbox SET gaps = gaps + 1, attempts = attempts + 1 WHERE n = ?')
      .run(queued.n);
    const { recordId, seq } = queued.item;
    const missing =
      expectedSeq < seq
        ? this.db
            .prepare<[string, number], PositionRow>(
              'SELECT n, state, sealed FROM sync_outbox WHERE record_id = ? AND seq = ?',
            )
            .get(recordId, expectedSeq)
        : undefined;
    if (expectedSeq < seq && (!missing || missing.sealed === null || missing.state === 'quarantined')) {
      this.quarantineRecordAfter(recordId, expectedSeq, now);
      return;
    }
    if (missing?.state === 'delivered') {
      this.db
        .prepare("UPDATE sync_outbox SET state = 'pending', delivered_at = NULL WHERE n = ?")
        .run(missing.n);
    }
    if (queued.gaps + 1 >= MAX_GAPS_PER_ITEM) {
      this.quarantine(
        queued.n,
        'gap_unrecoverable',
        `the central system keeps waiting for item ${String(expectedSeq)} of this record`,
        now,
      );
    }
  }

  private quarantineRecordAfter(recordId: string, seq: number, now: number): void {
    const rows = this.db
      .prepare<[string, number], { n: number }>(
        "SELECT n FROM sync_outbox WHERE record_id = ? AND seq > ? AND state = 'pending' ORDER BY seq",
      )
      .all(recordId, seq);
    for (const row of rows) {
      this.quarantine(
        row.n,
        'gap_unrecoverable',
        `the central system waits for item ${String(seq)} of this record, which this kiosk cannot send`,
        now,
      );
    }
  }

  /** Items not yet acknowledged by the central system. */
  waiting(): number {
    return (
      this.db
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE state = 'pending'")
        .get()?.n ?? 0
    );
  }

  stuckCount(): number {
    return (
      this.db
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_outbox WHERE state = 'quarantined'")
        .get()?.n ?? 0
    );
  }

  stuck(limit = 1000): StuckItem[] {
    return this.db
      .prepare<[number], StuckRow>(
        `SELECT id, record_id, seq, kind, problem, problem_message, quarantined_at FROM sync_outbox
          WHERE state = 'quarantined' ORDER BY n LIMIT ?`,
      )
      .all(limit)
      .map((row) => ({
        direction: 'outbox' as const,
        id: row.id,
        recordId: row.record_id,
        seq: row.seq,
        kind: row.kind,
        reason: row.problem,
        message: row.problem_message,
        since: row.quarantined_at,
      }));
  }

  /**
   * The maintainer sends stuck items again (after the central side cleared a rejection, 8.4):
   * each named item, and the later items of its record that were stuck behind it.
   */
  retry(ids: readonly string[]): number {
    const find = this.db.prepare<[string], { record_id: string; seq: number }>(
      "SELECT record_id, seq FROM sync_outbox WHERE id = ? AND state = 'quarantined'",
    );
    const requeue = this.db.prepare(
      `UPDATE sync_outbox SET state = 'pending', problem = NULL, problem_message = NULL, quarantined_at = NULL,
         gaps = 0 WHERE state = 'quarantined' AND sealed IS NOT NULL
         AND ((record_id = @recordId AND seq = @seq)
           OR (record_id = @recordId AND seq > @seq AND problem = 'gap_unrecoverable'))`,
    );
    let count = 0;
    for (const id of ids) {
      const row = find.get(id);
      if (row) count += requeue.run({ recordId: row.record_id, seq: row.seq }).changes;
    }
    return count;
  }

  /** Forgets delivered items older than the retention period. */
  prune(now: number): number {
    return this.db
      .prepare("DELETE FROM sync_outbox WHERE state = 'delivered' AND delivered_at < ?")
      .run(now - DELIVERED_RETENTION_MS).changes;
  }
}
