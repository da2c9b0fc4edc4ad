import type { SyncErrorCode } from '../../shared/sync/error-codes.js';

/** What a store operation answers: a value, or the protocol error the HTTP layer writes out. */
export type Outcome<T> =
  { ok: true; value: T } | { ok: false; code: SyncErrorCode; message: string; checkpointSeq?: number };

export function fail<T>(code: SyncErrorCode, message: string, checkpointSeq?: number): Outcome<T> {
  return checkpointSeq === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, checkpointSeq };
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
