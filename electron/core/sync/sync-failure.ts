import type { SyncProblem } from '../../../shared/ipc/sync-schemas.js';
import type { SyncErrorCode } from '../../../shared/sync/error-codes.js';
import type { CentralFailure } from './central-client.js';

/**
 * What the sync loop makes of a failure: the problem a desk worker is told about, whether
 * retrying can fix it (docs/sync-protocol.md 6.3), whether the central system was reached at
 * all (the header's online/offline), and how long the central side asked to be left alone.
 */
export interface Verdict {
  problem: SyncProblem;
  retry: 'backoff' | 'never';
  reachable: boolean;
  retryAfterMs: number | null;
  /** English, for the maintainer and the log; never guest data */
  detail: string;
}

export class SyncFailure extends Error {
  constructor(readonly verdict: Verdict) {
    super(verdict.detail);
    this.name = 'SyncFailure';
  }
}

/** Thrown (and swallowed) when the core closes in the middle of a round. */
export class SyncClosed extends Error {
  constructor() {
    super('sync stopped');
    this.name = 'SyncClosed';
  }
}

const BY_CODE: Partial<Record<SyncErrorCode, SyncProblem>> = {
  unauthorized: 'token_rejected',
  not_enrolled: 'not_enrolled_at_central',
  device_mismatch: 'device_mismatch',
  enrolment_conflict: 'enrolment_conflict',
  audit_rewind: 'audit_rewind',
  rate_limited: 'central_busy',
  unavailable: 'central_busy',
  internal: 'central_failed',
  audit_checkpoint_required: 'central_failed',
};

function statusProblem(status: number, code: SyncErrorCode | null): SyncProblem {
  const known = code === null ? undefined : BY_CODE[code];
  if (known) return known;
  if (status === 401) return 'token_rejected';
  if (status === 429 || status === 503) return 'central_busy';
  if (status === 408 || status >= 500) return 'central_failed';
  return 'protocol_mismatch';
}

export function verdictOf(failure: CentralFailure): Verdict {
  switch (failure.kind) {
    case 'network':
      return {
        problem: failure.problem,
        retry: failure.problem === 'tls_pin_mismatch' ? 'never' : 'backoff',
        reachable: false,
        retryAfterMs: null,
        detail: failure.detail,
      };
    case 'version':
      return {
        problem: 'protocol_mismatch',
        retry: 'never',
        reachable: true,
        retryAfterMs: null,
        detail: failure.detail,
      };
    case 'malformed':
      return {
        problem: 'bad_answer',
        retry: 'backoff',
        reachable: true,
        retryAfterMs: null,
        detail: `HTTP ${String(failure.status)}: ${failure.detail}`,
      };
    case 'status': {
      const gateway = failure.code === null && [502, 503, 504].includes(failure.status);
      return {
        problem: statusProblem(failure.status, failure.code),
        retry: failure.retry === 'never' ? 'never' : 'backoff',
        reachable: !gateway,
        retryAfterMs: failure.retryAfterMs,
        detail: `HTTP ${String(failure.status)}${failure.code ? ` ${failure.code}` : ''}${failure.message ? `: ${failure.message}` : ''}`,
      };
    }
  }
}

export function stopWith(problem: SyncProblem, detail: string): SyncFailure {
  return new SyncFailure({ problem, retry: 'never', reachable: true, retryAfterMs: null, detail });
}
