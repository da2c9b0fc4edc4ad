import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import {
  type AuditCheckpoint,
  type OutboxBatchRequest,
  OutboxBatchResponse,
} from '../../../shared/sync/wire.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CentralClient, CentralFailure } from './central-client.js';
import type { OutboxQueue, QueuedItem } from './outbox-queue.js';
import { SyncFailure, verdictOf } from './sync-failure.js';
import type { SyncStateStore } from './sync-store.js';

/**
 * Sends the outbox, one batch at a time (docs/sync-protocol.md 8), until it is empty.
 *
 * For each batch: the oldest pending rows (each record's items in sequence order), the audit
 * head, and the checkpoint at the head the central side last acknowledged (10). Only a 200
 * whose results name exactly the items sent, in order, changes anything, and then in one
 * transaction: applied -> delivered, rejected -> quarantined, gap -> resend from the expected
 * item, plus the audit head the central side now holds. Anything else leaves every row as it
 * was and throws a SyncFailure for the loop to back off or stop on; because each item keeps
 * its id, whatever the central side applied without our hearing is answered again verbatim.
 */

export interface SenderDeps {
  db: Database;
  deviceId: string;
  audit: AuditLog;
  queue: OutboxQueue;
  state: SyncStateStore;
  client: CentralClient;
  now: () => number;
  /** at most SYNC_LIMITS.maxBatchItems */
  maxBatchItems: number;
  /** throws SyncClosed once the core is closing: called after every await */
  guard: () => void;
  /** after each acknowledged batch: the status changed */
  onProgress: () => void;
}

export interface DrainResult {
  batches: number;
  delivered: number;
}

function checkpointFor(audit: AuditLog, seq: number): AuditCheckpoint {
  const entry = audit.entries({ afterSeq: seq - 1, limit: 1 })[0];
  return { seq, hash: entry?.seq === seq ? entry.hash.toString('hex') : null };
}

function failWith(failure: CentralFailure): never {
  throw new SyncFailure(verdictOf(failure));
}

/** Results that are not one per item sent, in request order, prove nothing: nothing is marked. */
function resultsMatch(batch: readonly QueuedItem[], response: OutboxBatchResponse): boolean {
  return (
    response.results.length === batch.length &&
    response.results.every((result, i) => result.id === batch[i]?.item.id)
  );
}

export async function drainOutbox(deps: SenderDeps): Promise<DrainResult> {
  const { db, audit, queue, state, client } = deps;
  let maxItems = deps.maxBatchItems;
  const result: DrainResult = { batches: 0, delivered: 0 };
  for (;;) {
    const head = audit.head();
    // the protocol needs a head (seq >= 1); a kiosk with no audit entry has made no record either
    if (!head) return result;
    const held = state.heldHead();
    const batch = queue.nextBatch(maxItems);
    // at least one batch every round, empty if need be, so the central side sees the head and
    // hears from the desk even on days without records (10: SHOULD); then only while items wait
    if (batch.length === 0 && result.batches > 0) return result;

    const request = (checkpointSeq: number | null): OutboxBatchRequest => ({
      deviceId: deps.deviceId,
      batchId: randomUUID(),
      sentAt: new Date(deps.now()).toISOString(),
      auditHead: head,
      ...(checkpointSeq === null ? {} : { auditCheckpoint: checkpointFor(audit, checkpointSeq) }),
      items: batch.map((queued) => queued.item),
    });

    let answer = await client.post(SYNC_PATHS.outboxBatches, request(held?.seq ?? null), OutboxBatchResponse);
    deps.guard();
    // "retry now", once per attempt: the central side names the entry it wants to compare
    if (
      !answer.ok &&
      answer.failure.kind === 'status' &&
      answer.failure.code === 'audit_checkpoint_required'
    ) {
      const seq = answer.failure.checkpointSeq;
      if (seq === null) failWith(answer.failure);
      answer = await client.post(SYNC_PATHS.outboxBatches, request(seq), OutboxBatchResponse);
      deps.guard();
    }
    if (!answer.ok) {
      const failure = answer.failure;
      if (failure.kind === 'status' && failure.code === 'payload_too_large') {
        if (batch.length > 1) {
          maxItems = Math.ceil(batch.length / 2);
          continue;
        }
        const only = batch[0];
        if (only) {
          db.transaction(() => {
            queue.quarantine(
              only.n,
              'too_large',
              'the central system refused this item as too large',
              deps.now(),
            );
          })();
          continue;
        }
      }
      failWith(failure);
    }
    const response = answer.value as OutboxBatchResponse;
    if (!resultsMatch(batch, response)) {
      failWith({
        kind: 'malformed',
        status: 200,
        detail: 'the results do not name exactly the items sent, in order',
      });
    }
    const now = deps.now();
    db.transaction(() => {
      queue.applyResults(batch, response.results, now);
      state.setHeldHead(response.auditHead);
      state.succeeded(now);
    })();
    result.batches += 1;
    result.delivered += response.results.filter((r) => r.status === 'applied').length;
    deps.onProgress();
    if (batch.length === 0) return result;
  }
}
