import { blindTerm } from '../crypto.js';

/**
 * The blind index behind central look-ups: HMACs of the values a desk looks a guest up by, so
 * PostgreSQL can match a phone, a document number or a full name without holding any of them.
 */
export interface LookupValues {
  phone?: string | undefined;
  idNumber?: string | undefined;
  name?: string | undefined;
}

function normalised(kind: keyof LookupValues, value: string): string {
  const trimmed = value.normalize('NFKC').trim();
  if (kind === 'phone') return trimmed.replace(/[\s-]/g, '');
  if (kind === 'idNumber') return trimmed.replace(/\s/g, '').toUpperCase();
  return trimmed.replace(/\s+/g, ' ').toLowerCase();
}

export function termsOf(values: LookupValues, lookupKey: Uint8Array): string[] {
  const terms: string[] = [];
  for (const kind of ['phone', 'idNumber', 'name'] as const) {
    const value = values[kind];
    if (typeof value === 'string' && value.trim() !== '')
      terms.push(blindTerm(kind, normalised(kind, value), lookupKey));
  }
  return terms;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** The look-up values of a record.revision snapshot (its `guest`), as the kiosk sends it. */
export function valuesOfSnapshot(data: Record<string, unknown>): LookupValues {
  const guest = data.guest;
  return {
    phone: text(field(field(guest, 'contact'), 'phone')),
    idNumber: text(field(field(guest, 'idDocument'), 'number')),
    name: text(field(guest, 'name')),
  };
}
