import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { CoreError } from '../core-error.js';
import { BLIND_INDEX_SUB_KEY, blindIndex, type BlindIndexKind } from '../crypto/blind-index.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { openPayload, sealPayload, SealedPayloadError } from '../crypto/sealed-payload.js';
import { SubKeyId } from '../crypto/sub-keys.js';
import { prepared } from '../db/statement-cache.js';

/** Normalised values to index for one revision: ID document number, phones (E.164). */
export interface IndexValues {
  idNumber?: string;
  phones?: readonly string[];
}

export interface RevisionRef {
  recordId: string;
  revision: number;
}

/** The DK sub-keys a store seals and indexes under: the real store's, or the practice store's (R6). */
export interface RecordKeyIds {
  readonly payload: SubKeyId;
  readonly blindIndex: Readonly<Record<BlindIndexKind, SubKeyId>>;
}

export const REAL_RECORD_KEYS: RecordKeyIds = Object.freeze({
  payload: SubKeyId.recordPayload,
  blindIndex: BLIND_INDEX_SUB_KEY,
});

export const PRACTICE_RECORD_KEYS: RecordKeyIds = Object.freeze({
  payload: SubKeyId.practiceRecordPayload,
  blindIndex: Object.freeze({
    'id-number': SubKeyId.practiceBlindIndexIdNumber,
    phone: SubKeyId.practiceBlindIndexPhone,
  }),
});

/**
 * Where a note lives: free text staff write about a record (a review round's comments, a reason,
 * a contact note). `slot` names the kind of note and `key` the row it belongs to within the record
 * (a round number, a revision, an attempt or request id), so a note sealed for one place never
 * opens in another.
 */
export interface NoteRef {
  recordId: string;
  slot:
    | 'review-round'
    | 'correction-reason'
    | 'contact-note'
    | 'erasure-reason'
    | 'erasure-decision'
    /** a sampling audit's note on a field (R26); key: `<sample id>/<field path>` */
    | 'audit-check';
  key: string;
}

/**
 * The encrypted store of guest payloads. It knows nothing of the workflow: it seals a payload
 * per revision under the record sub-key, bound to (record id, revision), keeps the blind index
 * in step, and opens what it sealed. A payload that fails to open is reported by record and
 * revision with 'record_damaged', never returned as garbage.
 *
 * All writes run inside the caller's transaction when there is one, so a record change, its
 * audit entry and its outbox row commit together.
 */
export class SealedRecordStore {
  private readonly insertRecord: Statement;
  private readonly insertRevision: Statement;
  private readonly insertIndex: Statement;
  private readonly selectRevision: Statement<[string, number], { sealed: Buffer | null }>;
  private readonly selectCandidates: Statement<[string, Buffer], RevisionRef>;

  constructor(
    private readonly db: Database,
    private readonly keys: () => KeyHandle,
    private readonly now: () => number,
    private readonly keyIds: RecordKeyIds = REAL_RECORD_KEYS,
  ) {
    this.insertRecord = db.prepare('INSERT INTO guest_records (id, created_at, created_by) VALUES (?, ?, ?)');
    this.insertRevision = db.prepare(
      'INSERT INTO record_revisions (record_id, revision, sealed, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertIndex = db.prepare(
      'INSERT OR IGNORE INTO blind_index (kind, digest, record_id, revision) VALUES (?, ?, ?, ?)',
    );
    this.selectRevision = db.prepare(
      'SELECT sealed FROM record_revisions WHERE record_id = ? AND revision = ?',
    );
    this.selectCandidates = db.prepare(
      `SELECT b.record_id AS recordId, b.revision AS revision FROM blind_index b
         JOIN guest_records g ON g.id = b.record_id AND g.erased_at IS NULL
        WHERE b.kind = ? AND b.digest = ?`,
    );
  }

  createRecord(
    actorId: string,
    payload: unknown,
    index: IndexValues,
    recordId: string = randomUUID(),
  ): RevisionRef {
    return this.inTransaction(() => {
      this.insertRecord.run(recordId, this.now(), actorId);
      this.writeRevision({ recordId, revision: 1 }, actorId, payload, index);
      return { recordId, revision: 1 };
    });
  }

  addRevision(recordId: string, actorId: string, payload: unknown, index: IndexValues): RevisionRef {
    return this.inTransaction(() => {
      const latest = prepared<[string], { n: number | null }>(
        this.db,
        'SELECT max(revision) AS n FROM record_revisions WHERE record_id = ?',
      ).get(recordId);
      if (latest?.n == null) throw new CoreError('not_found', `No record ${recordId}`);
      const ref = { recordId, revision: latest.n + 1 };
      this.writeRevision(ref, actorId, payload, index);
      return ref;
    });
  }

  /** Replaces the payload of an existing revision in place (an autosaved draft being edited). */
  replaceRevision(ref: RevisionRef, payload: unknown, index: IndexValues): void {
    this.inTransaction(() => {
      const sealed = sealPayload(this.recordKey(), { ...ref, purpose: 'guest-record' }, payload);
      const changed = prepared(
        this.db,
        'UPDATE record_revisions SET sealed = ? WHERE record_id = ? AND revision = ? AND sealed IS NOT NULL',
      ).run(sealed, ref.recordId, ref.revision).changes;
      if (changed !== 1)
        throw new CoreError('not_found', `No revision ${ref.recordId}#${String(ref.revision)}`);
      prepared(this.db, 'DELETE FROM blind_index WHERE record_id = ? AND revision = ?').run(
        ref.recordId,
        ref.revision,
      );
      this.writeIndex(ref, index);
    });
  }

  openRevision(ref: RevisionRef): unknown {
    const row = this.selectRevision.get(ref.recordId, ref.revision);
    if (!row) throw new CoreError('not_found', `No revision ${ref.recordId}#${String(ref.revision)}`);
    if (row.sealed === null) throw new CoreError('not_found', `Record ${ref.recordId} was erased`);
    return this.open(ref, row.sealed);
  }

  /** Opens a sealed blob read elsewhere (doctor, export); same checks as openRevision. */
  open(ref: RevisionRef, sealed: Buffer): unknown {
    try {
      return openPayload(this.recordKey(), { ...ref, purpose: 'guest-record' }, sealed);
    } catch (error) {
      if (error instanceof SealedPayloadError) {
        throw new CoreError(
          'record_damaged',
          `Record ${ref.recordId} revision ${String(ref.revision)} does not open (${error.problem}): it was altered, moved or damaged`,
        );
      }
      throw error;
    }
  }

  /** Candidate revisions whose indexed value may equal `normalizedValue`; the caller opens and compares. */
  candidates(kind: BlindIndexKind, normalizedValue: string): RevisionRef[] {
    const digest = blindIndex(kind, this.keys().subKey(this.keyIds.blindIndex[kind]), normalizedValue);
    return this.selectCandidates.all(kind, digest);
  }

  /** Destroys every payload of the record and its index entries; the record row stays as a tombstone. */
  erase(recordId: string, actorId: string): void {
    this.inTransaction(() => {
      const changed = prepared(
        this.db,
        'UPDATE guest_records SET erased_at = ?, erased_by = ? WHERE id = ? AND erased_at IS NULL',
      ).run(this.now(), actorId, recordId).changes;
      if (changed !== 1) throw new CoreError('not_found', `No record ${recordId} to erase`);
      prepared(this.db, 'UPDATE record_revisions SET sealed = NULL WHERE record_id = ?').run(recordId);
      prepared(this.db, 'DELETE FROM blind_index WHERE record_id = ?').run(recordId);
    });
  }

  private writeRevision(ref: RevisionRef, actorId: string, payload: unknown, index: IndexValues): void {
    const sealed = sealPayload(this.recordKey(), { ...ref, purpose: 'guest-record' }, payload);
    this.insertRevision.run(ref.recordId, ref.revision, sealed, this.now(), actorId);
    this.writeIndex(ref, index);
  }

  private writeIndex(ref: RevisionRef, index: IndexValues): void {
    const values: [BlindIndexKind, string][] = [];
    if (index.idNumber) values.push(['id-number', index.idNumber]);
    for (const phone of index.phones ?? []) values.push(['phone', phone]);
    for (const [kind, value] of values) {
      const digest = blindIndex(kind, this.keys().subKey(this.keyIds.blindIndex[kind]), value);
      this.insertIndex.run(kind, digest, ref.recordId, ref.revision);
    }
  }

  /** Seals a note (any JSON) for `ref` under the record sub-key. */
  sealNote(ref: NoteRef, value: unknown): Buffer {
    return sealPayload(this.recordKey(), noteBinding(ref), value);
  }

  /** Opens a note sealed by sealNote for exactly `ref`; 'record_damaged' otherwise. */
  openNote(ref: NoteRef, sealed: Buffer): unknown {
    try {
      return openPayload(this.recordKey(), noteBinding(ref), sealed);
    } catch (error) {
      if (error instanceof SealedPayloadError) {
        throw new CoreError(
          'record_damaged',
          `A ${ref.slot} note of record ${ref.recordId} does not open (${error.problem}): it was altered, moved or damaged`,
        );
      }
      throw error;
    }
  }

  private recordKey(): Uint8Array {
    return this.keys().subKey(this.keyIds.payload);
  }

  private inTransaction<T>(work: () => T): T {
    return this.db.inTransaction ? work() : this.db.transaction(work)();
  }
}

function noteBinding(ref: NoteRef): { recordId: string; revision: number; purpose: 'record-note' } {
  return { recordId: `${ref.recordId}#${ref.slot}#${ref.key}`, revision: 0, purpose: 'record-note' };
}
