import type { FieldSpec } from './draft-model.js';
import type { Translate } from '../forms/refusal.js';
import { keyIn, type MessageKey } from '../i18n-types.js';

/** A choice's label: "records.choice.<group>.<option>" for a group the domain lists. */
export function choiceKey(group: string, option: string): MessageKey {
  return keyIn('records.choice', `${group}.${option}`, 'records.choice.empty');
}

/** A consent time as the desk reads it ("2026-11-23 09:55"). */
export function formatInstant(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/u.exec(iso);
  return match ? `${match[1] ?? ''} ${match[2] ?? ''}` : iso;
}

/** "10:05:09" in China time, for "saved at" and history lines. */
export function formatClock(instant: number): string {
  const local = new Date(instant + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
}

/** "2026-11-23 10:05" in China time. */
export function formatDateTime(instant: number): string {
  const local = new Date(instant + 8 * 3_600_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}

/** How a field's value reads on the review screens; '' when nothing was entered. */
export function displayValue(t: Translate, spec: FieldSpec, value: unknown): string {
  // a flag never ticked is a "no", not a blank
  if (spec.kind === 'flag') return value === true ? t('records.yes', {}) : t('records.no', {});
  if (value === undefined || value === null || value === '') return '';
  if (spec.kind === 'choice' && spec.choices && typeof value === 'string') {
    return t(choiceKey(spec.choices, value));
  }
  if (spec.path.endsWith('.at') && typeof value === 'string') return formatInstant(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
