import { z } from 'zod';
import { ProblemCode } from './problem-codes.js';

/** Every error that crosses the door carries one of these codes, never a stack. */
export const ERROR_CODES = [
  'unknown_method',
  'invalid_input',
  'payload_too_large',
  'not_signed_in',
  'locked',
  'forbidden',
  'storage_unavailable',
  /** the data folder's disk is full: the change was not saved (SQLITE_FULL, ENOSPC) */
  'disk_full',
  /** the data folder has become read-only: the change was not saved (SQLITE_READONLY, EROFS) */
  'storage_read_only',
  'wrong_credentials',
  'account_disabled',
  'account_locked_out',
  'password_change_required',
  'wrong_recovery_key',
  'conflict',
  'not_found',
  'record_damaged',
  'protocol',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const CoreErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** field path ("contact.phone", or WHOLE_INPUT) -> what is wrong there, in the one vocabulary */
  fields: z.record(z.string(), ProblemCode).optional(),
  /** for 'account_locked_out': when another attempt will be accepted (ms since epoch) */
  retryAt: z.number().optional(),
});
export type CoreErrorShape = z.infer<typeof CoreErrorShape>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CoreErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  fields?: Record<string, ProblemCode>,
  retryAt?: number,
): Result<T> {
  const error: CoreErrorShape = { code, message };
  if (fields) error.fields = fields;
  if (retryAt !== undefined) error.retryAt = retryAt;
  return { ok: false, error };
}
