import { GuestDraft } from '../../../shared/domain/guest-record.js';
import { validatePhone } from '../../../shared/domain/phone.js';
import { normaliseIdentifierInput, normaliseSingleLine } from '../../../shared/domain/text-normalisation.js';
import { CoreError } from '../core-error.js';
import type { IndexValues } from './sealed-record-store.js';

/** An opened payload, checked like any other input: a payload of another shape is damage. */
export function asDraft(payload: unknown, where: string): GuestDraft {
  const parsed = GuestDraft.safeParse(payload);
  if (!parsed.success) throw new CoreError('record_damaged', `The data of ${where} is not a guest record`);
  return parsed.data;
}

const ID_NUMBER_FORM = /^[0-9A-Z]{1,64}$/;

/** The document number as the blind index keeps it, or undefined when none is typed in a usable form. */
export function normalisedIdNumber(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = normaliseIdentifierInput(raw);
  return ID_NUMBER_FORM.test(value) ? value : undefined;
}

/** A phone as E.164, or undefined unless it is a valid number. */
export function normalisedPhone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const result = validatePhone(raw);
  return result.ok ? result.value : undefined;
}

/** The guest's own phone and the other phones on the record (guardian, emergency contact). */
export function phonesOf(draft: GuestDraft): { own: string | undefined; all: string[] } {
  const own = normalisedPhone(draft.contact?.phone);
  const others = [draft.guardian?.phone, draft.emergencyContact?.phone].map(normalisedPhone);
  return { own, all: [...new Set([own, ...others].filter((p): p is string => p !== undefined))] };
}

/** What the blind index keeps for a revision: drafts too, so a half-typed guest is found again. */
export function indexValuesOf(draft: GuestDraft): IndexValues {
  const idNumber = normalisedIdNumber(draft.idDocument?.number);
  const phones = phonesOf(draft).all;
  return idNumber === undefined ? { phones } : { idNumber, phones };
}

export function guestNameOf(draft: GuestDraft | null): string {
  return draft?.name === undefined ? '' : normaliseSingleLine(draft.name);
}

/** Dotted paths of every leaf value, for comparing two drafts. */
function leaves(value: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      leaves(child, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

/** The field paths whose value differs between two drafts: names for the audit log, never values. */
export function changedFieldPaths(before: GuestDraft, after: GuestDraft): string[] {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const paths = new Set<string>();
  for (const [path, value] of a) if (!Object.is(b.get(path), value)) paths.add(path);
  for (const path of b.keys()) if (!a.has(path)) paths.add(path);
  return [...paths].sort();
}
