import { PASSWORD_MAX, PASSWORD_MIN, STAFF_NAME_MAX } from '../../../shared/domain/staff-account-rules.js';
import type { CoreErrorShape, ErrorCode } from '../../../shared/ipc/errors.js';
import { isProblemCode, type ProblemCode } from '../../../shared/ipc/problem-codes.js';
import type { TFunction } from 'i18next';
import type { MessageKey } from '../i18n-types.js';

/** A catalog key and its values, translated where it is shown. */
export interface Message {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** A problem the page found itself, with the values its message states ({{max}}, {{length}}). */
export interface ProblemWithValues {
  readonly code: ProblemCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** The limits some messages state, which the core does not repeat in `fields`. */
const PROBLEM_VALUES: Partial<Record<ProblemCode, Record<string, number>>> = {
  'password.too_short': { min: PASSWORD_MIN },
  'password.too_long': { max: PASSWORD_MAX },
  'account.name_too_long': { max: STAFF_NAME_MAX },
};

/** One problem of the vocabulary as a message of the `validation` catalog. */
export function problemMessage(problem: ProblemCode | ProblemWithValues): Message {
  const { code, params } = typeof problem === 'string' ? { code: problem, params: undefined } : problem;
  // a code from an older core (the type says it cannot happen; the wire may still carry one)
  if (!isProblemCode(code)) return { key: 'validation.input.invalid' };
  const values = params ?? PROBLEM_VALUES[code];
  return values ? { key: `validation.${code}`, values: { ...values } } : { key: `validation.${code}` };
}

export interface Refusal {
  /** what the form says above its button; null when the notes next to the fields say it all */
  summary: Message | null;
  /** notes next to the fields the form shows, by field name */
  fields: Record<string, Message>;
  /** for a lockout: when another attempt is accepted (core's clock, ms since epoch) */
  retryAt?: number;
}

/** How a form words errors in its own terms (on the lock screen no name can be wrong). */
export type Wording = Partial<Record<ErrorCode, Message>>;

/**
 * Splits a refusal into notes next to the form's fields and one summary. `shown` maps the
 * error's field paths to the form's field names (a path that is not shown goes to the summary,
 * so no problem is ever swallowed).
 */
export function describeRefusal(
  error: CoreErrorShape,
  shown: Readonly<Record<string, string>> = {},
  wording: Wording = {},
): Refusal {
  const fields: Record<string, Message> = {};
  let unshown: Message | null = null;
  for (const [path, code] of Object.entries(error.fields ?? {})) {
    const field = shown[path];
    if (field !== undefined) fields[field] ??= problemMessage(code);
    else unshown ??= problemMessage(code);
  }
  const anyShown = Object.keys(fields).length > 0;
  const summary: Message =
    unshown ?? (anyShown ? { key: 'errors.checkFields' } : errorMessage(error, wording));
  const refusal: Refusal = { summary, fields };
  if (error.retryAt !== undefined) refusal.retryAt = error.retryAt;
  return refusal;
}

/** A refusal in one message, for a button without fields: its first problem, else its code. */
export function refusalMessage(error: CoreErrorShape, wording: Wording = {}): Message {
  return describeRefusal(error, {}, wording).summary ?? errorMessage(error, wording);
}

function errorMessage(error: CoreErrorShape, wording: Wording): Message {
  return wording[error.code] ?? { key: `errors.${error.code}` };
}

/** A refusal made by the page itself (empty fields, repeated password differs). */
export function localRefusal(fields: Record<string, Message>): Refusal | null {
  return Object.keys(fields).length > 0 ? { summary: { key: 'errors.checkFields' }, fields } : null;
}

/** `t` as every component gets it from useTranslation(). */
export type Translate = TFunction;

/** A message made elsewhere: its key was checked where it was made, its values travel with it. */
export function say(t: Translate, message: Message): string {
  const lookup = t as unknown as (key: string, values: Readonly<Record<string, string | number>>) => string;
  return lookup(message.key, message.values ?? {});
}
