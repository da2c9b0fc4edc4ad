import type { z } from 'zod';
import { SYNC_ERRORS, type SyncErrorCode } from '../../shared/sync/error-codes.js';
import { SYNC_LIMITS } from '../../shared/sync/protocol.js';
import type { ErrorResponse } from '../../shared/sync/wire.js';
import type { Outcome } from '../store/outcome.js';

/** An answer before it is written: the HTTP layer adds the headers every answer carries. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(body: unknown, status = 200): Answer {
  return { status, body };
}

export function error(code: SyncErrorCode, message: string, checkpointSeq?: number): Answer {
  const body: ErrorResponse = {
    error: {
      code,
      message: message.slice(0, SYNC_LIMITS.maxMessageChars),
      ...(checkpointSeq === undefined ? {} : { checkpointSeq }),
    },
  };
  const headers: Record<string, string> = {};
  if (code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="snowdesk", error="invalid_token"';
  if (code === 'rate_limited' || code === 'unavailable') headers['Retry-After'] = '30';
  return { status: SYNC_ERRORS[code].status, body, headers };
}

export function fromOutcome<T>(outcome: Outcome<T>): Answer {
  return outcome.ok ? ok(outcome.value) : error(outcome.code, outcome.message, outcome.checkpointSeq);
}

/** Where a body broke the schema, without its values: messages never carry guest data. */
export function schemaProblem(zodError: z.ZodError): string {
  return zodError.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`)
    .join('; ');
}
