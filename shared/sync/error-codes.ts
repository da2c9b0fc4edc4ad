import { z } from 'zod';

/**
 * What a device does after an error answer:
 * - 'backoff': try again later, with exponential backoff and full jitter, and no sooner than
 *   Retry-After says;
 * - 'now': send again at once after doing what the error asks (see audit_checkpoint_required);
 * - 'never': the same request will fail the same way; stop and show the maintainer.
 */
export type RetryRule = 'backoff' | 'now' | 'never';

export interface SyncErrorSpec {
  readonly status: number;
  readonly retry: RetryRule;
}

/** Every error code the central side may answer, with its HTTP status and retry rule. */
export const SYNC_ERRORS = {
  invalid_request: { status: 400, retry: 'never' },
  unsupported_version: { status: 400, retry: 'never' },
  invalid_cursor: { status: 400, retry: 'never' },
  unauthorized: { status: 401, retry: 'never' },
  not_enrolled: { status: 403, retry: 'never' },
  device_mismatch: { status: 403, retry: 'never' },
  not_found: { status: 404, retry: 'never' },
  method_not_allowed: { status: 405, retry: 'never' },
  enrolment_conflict: { status: 409, retry: 'never' },
  // 1.1, intake only: a channel reused a submission id for other content
  submission_conflict: { status: 409, retry: 'never' },
  audit_checkpoint_required: { status: 409, retry: 'now' },
  audit_rewind: { status: 409, retry: 'never' },
  payload_too_large: { status: 413, retry: 'never' },
  unsupported_media_type: { status: 415, retry: 'never' },
  rate_limited: { status: 429, retry: 'backoff' },
  internal: { status: 500, retry: 'backoff' },
  unavailable: { status: 503, retry: 'backoff' },
} as const satisfies Record<string, SyncErrorSpec>;

export type SyncErrorCode = keyof typeof SYNC_ERRORS;
export const SYNC_ERROR_CODES = Object.keys(SYNC_ERRORS) as [SyncErrorCode, ...SyncErrorCode[]];
export const SyncErrorCodeSchema = z.enum(SYNC_ERROR_CODES);

/**
 * The rule for an answer whose body may not be ours at all (a proxy's 502 page, a cut
 * connection): statuses alone decide, and only a well-formed error body can make a 4xx
 * retryable. Everything at 5xx, 408 and 429 is worth another try.
 */
export function retryRuleForStatus(status: number, code: SyncErrorCode | undefined): RetryRule {
  if (code !== undefined && SYNC_ERRORS[code].status === status) return SYNC_ERRORS[code].retry;
  if (status === 408 || status === 429 || status >= 500) return 'backoff';
  return 'never';
}
