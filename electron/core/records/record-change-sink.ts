import type { Database } from 'better-sqlite3';
import type { Channel, GuestRecord } from '../../../shared/domain/guest-record.js';

/**
 * A revision that became valid: a full snapshot (docs/sync-protocol.md `record.revision`), so the
 * central side never needs an earlier item to apply it. `guest` is the revision's validated data.
 */
export interface RevisionValidPayload {
  readonly guest: GuestRecord;
  readonly workflow: {
    readonly revision: number;
    /** the revision this one replaces (a guest correction), or null for a first entry */
    readonly supersedes: number | null;
    readonly channel: Channel;
    readonly vip: boolean;
    readonly doubtful: boolean;
    readonly entrantId: string;
    readonly crossReviewerId: string;
    readonly finalReviewerId: string | null;
    readonly entryStartedAt: number;
    readonly receivedAt: number | null;
    readonly submittedAt: number;
    readonly validAt: number;
  };
}

/** An approved erasure (`record.erasure`): the tombstone, no guest data. */
export interface ErasedPayload {
  readonly erasedAt: number;
  readonly requestedBy: string;
  readonly approvedBy: string;
}

export type RecordChange =
  | {
      readonly recordId: string;
      readonly revision: number;
      readonly kind: 'revision_valid';
      readonly occurredAt: number;
      readonly payload: RevisionValidPayload;
    }
  | {
      readonly recordId: string;
      readonly revision: number;
      readonly kind: 'erased';
      readonly occurredAt: number;
      readonly payload: ErasedPayload;
    };

/**
 * Told of every change the central system must learn about, INSIDE the transaction that makes the
 * change (with its audit entry): the sync outbox writes its row on `db` there, so the change and
 * its outbox row commit together or not at all (transactional outbox). A sink that throws rolls
 * the change back. It must seal what it keeps (the payload carries guest data in clear) and must
 * not keep `payload` beyond the call.
 *
 * Only the real store has a sink; the practice store's is always the no-op (R6: never synced).
 */
export interface RecordChangeSink {
  recordChanged(db: Database, change: RecordChange): void;
}

export const NO_RECORD_CHANGE_SINK: RecordChangeSink = Object.freeze({
  recordChanged: () => undefined,
});
