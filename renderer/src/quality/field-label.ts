import type { i18n as I18n } from 'i18next';

/**
 * The catalog's name of a field path ("contact.phone" -> 电话). A section ("ski.rental") or a path
 * the catalog lacks has no single label: the path itself is shown rather than a missing key.
 */
export function fieldLabel(i18n: I18n, path: string): string {
  const key = path === '_' ? 'records.wholeRecord' : `records.field.${path}`;
  const value: unknown = i18n.getResource(i18n.language, 'translation', key);
  return typeof value === 'string' ? value : path;
}
