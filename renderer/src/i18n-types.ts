/**
 * The catalogs' keys as types: a misspelled or missing `t()` key, or a Message naming one, fails
 * `npm run typecheck` (zh-CN is the reference; en is typed equal to it in shared/i18n).
 */
import type { KeyPrefix, ParseKeys } from 'i18next';
import { catalogs } from '../../shared/i18n/index.js';
import type { zhCN } from '../../shared/i18n/zh-CN.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

/** A key of the catalog: "records.intake.title", "validation.phone.too_short". */
export type MessageKey = ParseKeys;

/** A group of messages: "records.field", "records.choice.level". */
export type MessageGroup = Exclude<KeyPrefix<'translation'>, undefined>;

/**
 * A key built from data (a field path, a choice the domain lists): the group is checked by the
 * compiler, the rest against the catalog here, so a gap shows `fallback` rather than a raw key.
 * Tests walk every path and choice the domain has (tests/unit/i18n).
 */
export function keyIn(group: MessageGroup, part: string, fallback: MessageKey): MessageKey {
  const key = `${group}.${part}`;
  return hasMessage(key) ? key : fallback;
}

function hasMessage(key: string): key is MessageKey {
  let node: unknown = catalogs['zh-CN'];
  const parts = key.split('.');
  for (const [index, part] of parts.entries()) {
    if (typeof node !== 'object' || node === null) return false;
    const children = node as Record<string, unknown>;
    // a plural is stored as key_one / key_other and asked for as key
    node = index === parts.length - 1 && !(part in children) ? children[`${part}_other`] : children[part];
  }
  return typeof node === 'string';
}
