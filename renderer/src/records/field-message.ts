import type { CoreErrorShape } from '../../../shared/ipc/errors.js';
import type { Message } from '../forms/refusal.js';
import { allValidationCodes } from '../../../shared/domain/validation-codes.js';
import type { FieldProblem } from './draft-model.js';

const KNOWN: ReadonlySet<string> = new Set(allValidationCodes());

/** A domain code ("residentId.checksum") as a message of the validation catalog. */
export function validationMessage(problem: FieldProblem | string): Message {
  const { code, params } = typeof problem === 'string' ? { code: problem, params: undefined } : problem;
  if (!KNOWN.has(code)) return { key: 'problems.unknown' };
  return params ? { key: `validation:${code}`, values: { ...params } } : { key: `validation:${code}` };
}

/** A record action's refusal in one message: the domain's first field code, else the error code. */
export function recordRefusalMessage(error: CoreErrorShape): Message {
  const firstCode = Object.values(error.fields ?? {})[0];
  return firstCode ? validationMessage(firstCode) : { key: `errors.${error.code}` };
}
