/**
 * Pure helpers of the guest-record screens: reading and writing a draft by dotted path, the
 * fields in the order the desk asks for them, what a field's value looks like on screen, and
 * which problems the domain's validators find (the core checks again on submit).
 */
import { ageOn, GUARDIAN_CONSENT_AGE } from '../../../shared/domain/age.js';
import type { IsoDate } from '../../../shared/domain/calendar.js';
import { keyIn, type MessageKey } from '../i18n-types.js';
import {
  missingRequiredFields,
  parseDateInput,
  requiredFieldsFor,
  validateGuestForSubmit,
  type FieldError,
  type GuestDraft,
} from '../../../shared/domain/guest-record.js';
import { validateIdDocument } from '../../../shared/domain/identity-documents.js';
import type { ReviewComment } from '../../../shared/ipc/record-schemas.js';

/** A draft is a tree of plain values; read one leaf by "a.b.c". */
export function valueAt(draft: GuestDraft | null | undefined, path: string): unknown {
  let node: unknown = draft;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/**
 * A copy of `draft` with the leaf at `path` set; `undefined` removes it, and a section left
 * without any field disappears with it (the contract's objects are strict and all-optional).
 */
export function withValue(draft: GuestDraft, path: string, value: unknown): GuestDraft {
  const keys = path.split('.');
  const without = (node: Record<string, unknown>, key: string) =>
    Object.fromEntries(Object.entries(node).filter(([k]) => k !== key));
  const set = (node: Record<string, unknown> | undefined, index: number): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(node ?? {}) };
    const key = keys[index] ?? '';
    if (index === keys.length - 1)
      return value === undefined ? without(copy, key) : { ...copy, [key]: value };
    const child = set(copy[key] as Record<string, unknown> | undefined, index + 1);
    return isEmptyObject(child) ? without(copy, key) : { ...copy, [key]: child };
  };
  return set(draft, 0);
}

export type FieldKind = 'text' | 'textarea' | 'choice' | 'flag';

export interface FieldSpec {
  readonly path: string;
  readonly kind: FieldKind;
  /** catalog group of the choices (records.choice.<group>.<value>) */
  readonly choices?: string;
}

export interface SectionSpec {
  readonly id:
    | 'identity'
    | 'contact'
    | 'address'
    | 'ski'
    | 'rental'
    | 'emergency'
    | 'guardian'
    | 'notes'
    | 'flags'
    | 'consent';
  readonly fields: readonly FieldSpec[];
}

/** The record's fields in the order the desk asks for them (the form, self-review and reviews). */
export const SECTIONS: readonly SectionSpec[] = [
  {
    id: 'identity',
    fields: [
      { path: 'name', kind: 'text' },
      { path: 'idDocument.type', kind: 'choice', choices: 'idType' },
      { path: 'idDocument.number', kind: 'text' },
      { path: 'idDocument.issuingCountry', kind: 'text' },
      { path: 'birthDate', kind: 'text' },
    ],
  },
  { id: 'contact', fields: [{ path: 'contact.phone', kind: 'text' }] },
  { id: 'address', fields: [{ path: 'homeAddress', kind: 'text' }] },
  {
    id: 'ski',
    fields: [
      { path: 'ski.discipline', kind: 'choice', choices: 'discipline' },
      { path: 'ski.level', kind: 'choice', choices: 'level' },
      { path: 'ski.lessonInterest', kind: 'choice', choices: 'lesson' },
    ],
  },
  {
    id: 'rental',
    fields: [
      { path: 'ski.rental.heightCm', kind: 'text' },
      { path: 'ski.rental.weightKg', kind: 'text' },
      { path: 'ski.rental.shoeSize', kind: 'text' },
      { path: 'ski.rental.shoeSizeSystem', kind: 'choice', choices: 'shoeSystem' },
    ],
  },
  {
    id: 'emergency',
    fields: [
      { path: 'emergencyContact.name', kind: 'text' },
      { path: 'emergencyContact.phone', kind: 'text' },
      { path: 'emergencyContact.relation', kind: 'choice', choices: 'relation' },
    ],
  },
  {
    id: 'guardian',
    fields: [
      { path: 'guardian.name', kind: 'text' },
      { path: 'guardian.phone', kind: 'text' },
      { path: 'guardian.relation', kind: 'choice', choices: 'guardianRelation' },
      { path: 'guardian.consent.given', kind: 'flag' },
      { path: 'guardian.consent.method', kind: 'choice', choices: 'consentMethod' },
      { path: 'guardian.consent.at', kind: 'text' },
    ],
  },
  { id: 'notes', fields: [{ path: 'notes', kind: 'textarea' }] },
  {
    id: 'flags',
    fields: [
      { path: 'channel', kind: 'choice', choices: 'channel' },
      { path: 'vip', kind: 'flag' },
      { path: 'doubtful', kind: 'flag' },
      { path: 'doubtReason', kind: 'text' },
    ],
  },
  {
    id: 'consent',
    fields: [
      { path: 'consent.noticeVersion', kind: 'text' },
      { path: 'consent.general', kind: 'flag' },
      { path: 'consent.idNumber', kind: 'flag' },
      { path: 'consent.method', kind: 'choice', choices: 'consentMethod' },
      { path: 'consent.at', kind: 'text' },
    ],
  },
];

export const FIELD_PATHS: readonly string[] = SECTIONS.flatMap((s) => s.fields.map((f) => f.path));

/** The catalog key of a field's label ("_" is the record as a whole). */
export function fieldLabelKey(path: string): MessageKey {
  return path === '_' ? 'records.wholeRecord' : keyIn('records.field', path, 'validation.input.not_a_field');
}

/** The recommended fields of guest-record.ts are sections; the form marks the fields in them. */
const RECOMMENDED_PREFIXES = ['emergencyContact.', 'ski.rental.', 'ski.lessonInterest', 'notes'];

export type Requirement = 'required' | 'recommended' | 'optional';

/** Required today for this draft (the list grows with a minor, a doubt, a document without a birth date). */
export function requirementOf(path: string, draft: GuestDraft, today: IsoDate): Requirement {
  if (requiredFieldsFor(draft, today).includes(path)) return 'required';
  return RECOMMENDED_PREFIXES.some((prefix) => path.startsWith(prefix)) ? 'recommended' : 'optional';
}

/** The guest's age on `today`, from the document number or the typed birth date, when known. */
export function knownAge(draft: GuestDraft, today: IsoDate): number | undefined {
  const { type, number } = draft.idDocument ?? {};
  let birth: IsoDate | undefined;
  if (type !== undefined && number !== undefined) {
    const document = validateIdDocument(type, number, today);
    if (document.ok) birth = document.birthDate;
  }
  birth ??= parseDateInput(draft.birthDate ?? '');
  if (birth === undefined || birth < '1900-01-01' || birth > today) return undefined;
  return ageOn(birth, today);
}

/** The guardian section appears when the age says so, or when something is already in it. */
export function showsGuardian(draft: GuestDraft, today: IsoDate): boolean {
  const age = knownAge(draft, today);
  if (age !== undefined && age < GUARDIAN_CONSENT_AGE) return true;
  return draft.guardian !== undefined && Object.keys(draft.guardian).length > 0;
}

/** the domain's own error for a field (guest-record.ts), a word of the one vocabulary */
export type FieldProblem = FieldError;

/** Every field's first problem as the domain sees it today, keyed by path. */
export function problemsOf(draft: GuestDraft, today: IsoDate): Record<string, FieldProblem> {
  const result = validateGuestForSubmit(draft, today);
  if (result.ok) return {};
  const problems: Record<string, FieldProblem> = {};
  for (const [path, error] of Object.entries(result.errors)) {
    problems[path] = error.params ? { code: error.code, params: error.params } : { code: error.code };
  }
  return problems;
}

/** Problems worth showing while typing: wrong values anywhere, "required" only where asked for. */
export function problemsToShow(
  all: Readonly<Record<string, FieldProblem>>,
  touched: ReadonlySet<string>,
  showRequired: boolean,
): Record<string, FieldProblem> {
  const shown: Record<string, FieldProblem> = {};
  for (const [path, problem] of Object.entries(all)) {
    const isRequired = problem.code === 'common.required';
    if (showRequired || (touched.has(path) && !isRequired)) shown[path] = problem;
  }
  return shown;
}

export { missingRequiredFields };

/** Comments of a review, grouped by field path. */
export function commentsByPath(comments: readonly ReviewComment[]): Record<string, string[]> {
  const byPath: Record<string, string[]> = {};
  for (const comment of comments) (byPath[comment.path] ??= []).push(comment.text);
  return byPath;
}

/** Field paths a comment may point at in the review screen, in form order (plus the whole record). */
export function commentablePaths(draft: GuestDraft | null): string[] {
  return ['_', ...FIELD_PATHS.filter((path) => draft === null || valueAt(draft, path) !== undefined)];
}

/** "14:59", "1:05:00": the time left (or overdue) of a deadline, for the queues. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0
    ? `${String(hours)}:${two(minutes)}:${two(seconds)}`
    : `${String(minutes)}:${two(seconds)}`;
}

/** An ISO 8601 instant with the desk's offset (China, UTC+8), as consent times are recorded. */
export function isoWithChinaOffset(instant: number): string {
  const local = new Date(instant + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${String(local.getUTCFullYear())}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
    `T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}+08:00`
  );
}
