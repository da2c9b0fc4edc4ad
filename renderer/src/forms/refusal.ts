import { PASSWORD_MAX, PASSWORD_MIN, STAFF_NAME_MAX } from '../../../shared/domain/staff-account-rules.js';
import type { CoreErrorShape, ErrorCode } from '../../../shared/ipc/errors.js';

/** A catalog key and its values, translated where it is shown. */
export interface Message {
  key: string;
  values?: Record<string, string | number>;
}

/**
 * Problem codes the core (and the contract's schemas) put in `fields`: staff-account-rules.ts
 * (names, passwords), the recovery key's format, the confirmation of its groups, and the
 * account an action targeted.
 */
export const PROBLEM_CODES: ReadonlySet<string> = new Set([
  'required',
  'repeat_mismatch',
  'name_required',
  'name_too_long',
  'name_characters',
  'name_taken',
  'not_maintainer',
  'too_short',
  'too_long',
  'contains_name',
  'too_simple',
  'same_as_current',
  'length',
  'character',
  'checksum',
  'mismatch',
  'self',
  'not_desk_role',
  'not_found',
  'version_taken',
  'version_characters',
  'notice_too_short',
  'notice_too_long',
]);

const PROBLEM_VALUES: Readonly<Record<string, Record<string, number>>> = {
  too_short: { min: PASSWORD_MIN },
  too_long: { max: PASSWORD_MAX },
  name_too_long: { max: STAFF_NAME_MAX },
};

export function problemMessage(code: string): Message {
  if (!PROBLEM_CODES.has(code)) return { key: 'problems.unknown' };
  const values = PROBLEM_VALUES[code];
  return values ? { key: `problems.${code}`, values } : { key: `problems.${code}` };
}

export interface Refusal {
  /** what the form says above its button; null when the notes next to the fields say it all */
  summary: Message | null;
  /** notes next to the fields the form shows, by field name */
  fields: Record<string, Message>;
  /** for a lockout: when another attempt is accepted (core's clock, ms since epoch) */
  retryAt?: number;
}

/**
 * Splits a refusal into notes next to the form's fields and one summary. `shown` maps the
 * error's field paths to the form's field names (a path that is not shown goes to the summary,
 * so no problem is ever swallowed). `wording` says an error in the form's own terms (on the lock
 * screen there is no name that could be wrong).
 */
export function describeRefusal(
  error: CoreErrorShape,
  shown: Readonly<Record<string, string>>,
  wording: Partial<Record<ErrorCode, Message>> = {},
): Refusal {
  const fields: Record<string, Message> = {};
  let unshown: Message | null = null;
  for (const [path, code] of Object.entries(error.fields ?? {})) {
    const field = shown[path];
    if (field !== undefined) fields[field] ??= problemMessage(code);
    else unshown ??= problemMessage(code);
  }
  const anyShown = Object.keys(fields).length > 0;
  const summary: Message | null =
    unshown ??
    (anyShown ? { key: 'errors.checkFields' } : (wording[error.code] ?? { key: `errors.${error.code}` }));
  const refusal: Refusal = { summary, fields };
  if (error.retryAt !== undefined) refusal.retryAt = error.retryAt;
  return refusal;
}

/** A refusal made by the page itself (empty fields, repeated password differs). */
export function localRefusal(fields: Record<string, Message>): Refusal | null {
  return Object.keys(fields).length > 0 ? { summary: { key: 'errors.checkFields' }, fields } : null;
}

/** `t` as every component gets it from useTranslation(), narrowed to what messages need. */
export type Translate = (key: string, values: Record<string, string | number>) => string;

export function say(t: Translate, message: Message): string {
  return t(message.key, message.values ?? {});
}
