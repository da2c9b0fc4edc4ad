import type { ErrorCode } from '../../shared/ipc/errors.js';
import type { ProblemCode } from '../../shared/ipc/problem-codes.js';

/** An expected failure a handler reports; dispatch turns it into an error value. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, ProblemCode>,
    /** for 'account_locked_out': when another attempt will be accepted */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
