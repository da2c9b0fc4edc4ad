/**
 * The guest record payload: everything that identifies a guest, sealed per revision (DESIGN
 * "Keys and data at rest"), plus the workflow-facing flags vip, doubtful and channel, which the
 * core also keeps in clear columns for queues (`workflowFlags`).
 *
 * Two shapes:
 * - `GuestDraft`: what autosave stores. Everything optional, text exactly as typed (numbers too:
 *   "175" stays a string until submit), so nothing a person typed is ever lost or refused while
 *   they are still typing.
 * - `GuestRecord`: what `validateGuestForSubmit` returns from a draft: normalised copies, E.164
 *   phones, canonical document numbers, the birth date. The draft itself is never changed.
 *
 * Home address: one line of text ("北京市朝阳区建国路88号1单元1201"). A desk types or reads out an
 * address in one breath, Chinese addresses are written largest-first, so the province is still
 * the first words for any later statistics, foreign addresses fit without fighting a Chinese
 * province/city/district form, and cascading pickers would need the full GB/T 2260 region list
 * offline and three extra taps per guest. The policy asks for 家庭住址, not for a postal format.
 *
 * Field paths in errors and lists are dotted: "contact.phone", "ski.rental.heightCm".
 */
import { z } from 'zod';
import { ageOn, GUARDIAN_CONSENT_AGE } from './age.js';
import { calendarDateAt, formatIsoDate, isRealDate, requireIsoDate, type IsoDate } from './calendar.js';
import {
  documentCarriesBirthDate,
  IdDocumentType,
  normaliseIssuingCountry,
  validateIdDocument,
} from './identity-documents.js';
import { validatePhone } from './phone.js';
import type { Sex } from './resident-id.js';
import {
  NAME_MAX_LENGTH,
  normaliseIdentifierInput,
  normaliseNotes,
  normaliseSingleLine,
  NOTES_MAX_LENGTH,
  validateName,
  validateNotes,
  validateSingleLine,
} from './text-normalisation.js';
import type { ValidationCode } from './validation-codes.js';

// ---------------------------------------------------------------------------------------------
// Choices

export const CHANNELS = [
  'on_site_face_to_face',
  'on_site_paper_form',
  'online_website',
  'online_wechat',
  'online_app',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export function isOnlineChannel(channel: Channel): boolean {
  return channel.startsWith('online_');
}

export const SKI_DISCIPLINES = ['ski', 'snowboard', 'both'] as const;
export const SkiDiscipline = z.enum(SKI_DISCIPLINES);
export type SkiDiscipline = z.infer<typeof SkiDiscipline>;

export const SKI_LEVELS = ['beginner', 'intermediate', 'advanced', 'expert'] as const;
export const SkiLevel = z.enum(SKI_LEVELS);
export type SkiLevel = z.infer<typeof SkiLevel>;

/** 'none' and 'undecided' are answers too: the field counts as filled. */
export const LESSON_INTERESTS = ['none', 'undecided', 'group', 'private'] as const;
export const LessonInterest = z.enum(LESSON_INTERESTS);
export type LessonInterest = z.infer<typeof LessonInterest>;

/** EU shoe size (37, 42.5) or mondopoint, the boot length in centimetres ski shops use (26.5). */
export const SHOE_SIZE_SYSTEMS = ['eu', 'mondopoint'] as const;
export const ShoeSizeSystem = z.enum(SHOE_SIZE_SYSTEMS);
export type ShoeSizeSystem = z.infer<typeof ShoeSizeSystem>;

export const CONTACT_RELATIONS = [
  'parent',
  'spouse',
  'partner',
  'child',
  'sibling',
  'relative',
  'friend',
  'colleague',
  'other',
] as const;
export const ContactRelation = z.enum(CONTACT_RELATIONS);
export type ContactRelation = z.infer<typeof ContactRelation>;

/** Who can be a minor's guardian (Civil Code Art. 27): parents first, then grandparents, adult siblings, others. */
export const GUARDIAN_RELATIONS = ['parent', 'grandparent', 'adult_sibling', 'other_legal_guardian'] as const;
export const GuardianRelation = z.enum(GUARDIAN_RELATIONS);
export type GuardianRelation = z.infer<typeof GuardianRelation>;

/**
 * How consent was given: told at the desk and agreed (verbal), signed on the paper form, or
 * ticked in the online form (website / WeChat / app submissions; the brief's verbal/paper_form
 * cannot describe those truthfully).
 */
export const CONSENT_METHODS = ['verbal', 'paper_form', 'online'] as const;
export const ConsentMethod = z.enum(CONSENT_METHODS);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

// ---------------------------------------------------------------------------------------------
// Limits

export const ADDRESS_MAX_LENGTH = 200;
export const NOTICE_VERSION_MAX_LENGTH = 50;
export const DOUBT_REASON_MAX_LENGTH = 500;
/** A draft keeps whatever was typed up to this size (a 5,001-character note must be savable to be fixed). */
export const DRAFT_TEXT_MAX_LENGTH = 20_000;

export const RENTAL_LIMITS = {
  heightCm: { min: 50, max: 250 },
  weightKg: { min: 10, max: 250 },
  shoeSize: { eu: { min: 15, max: 52 }, mondopoint: { min: 13, max: 35 } },
} as const;

// ---------------------------------------------------------------------------------------------
// The draft (autosave)

const DraftText = z.string().max(DRAFT_TEXT_MAX_LENGTH);
/** A number as typed: the UI may send the input's text or an already-parsed number. */
const DraftNumber = z.union([z.number(), z.string().max(100)]);
const DraftDateTime = z.string().max(100);

export const GuestDraft = z.strictObject({
  name: DraftText.optional(),
  /** typed only when the document number does not carry it */
  birthDate: DraftText.optional(),
  contact: z.strictObject({ phone: DraftText.optional() }).optional(),
  idDocument: z
    .strictObject({
      type: IdDocumentType.optional(),
      number: DraftText.optional(),
      /** passports: the issuing state as on the data page (CHN, RUS, D, …) */
      issuingCountry: DraftText.optional(),
    })
    .optional(),
  homeAddress: DraftText.optional(),
  ski: z
    .strictObject({
      discipline: SkiDiscipline.optional(),
      level: SkiLevel.optional(),
      lessonInterest: LessonInterest.optional(),
      rental: z
        .strictObject({
          heightCm: DraftNumber.optional(),
          weightKg: DraftNumber.optional(),
          shoeSize: DraftNumber.optional(),
          shoeSizeSystem: ShoeSizeSystem.optional(),
        })
        .optional(),
    })
    .optional(),
  emergencyContact: z
    .strictObject({
      name: DraftText.optional(),
      phone: DraftText.optional(),
      relation: ContactRelation.optional(),
    })
    .optional(),
  /** 备注 (R10): special information goes here */
  notes: DraftText.optional(),
  guardian: z
    .strictObject({
      name: DraftText.optional(),
      phone: DraftText.optional(),
      relation: GuardianRelation.optional(),
      consent: z
        .strictObject({
          given: z.boolean().optional(),
          method: ConsentMethod.optional(),
          at: DraftDateTime.optional(),
        })
        .optional(),
    })
    .optional(),
  consent: z
    .strictObject({
      /** which notice (purpose, use, retention, rights: R8, PIPL Art. 17) the guest was shown */
      noticeVersion: DraftText.optional(),
      /** consent to the collection and use of the information */
      general: z.boolean().optional(),
      /** separate consent for the ID number, sensitive information (PIPL Art. 28–29) */
      idNumber: z.boolean().optional(),
      method: ConsentMethod.optional(),
      /** ISO 8601 with offset, set when the consent was recorded */
      at: DraftDateTime.optional(),
    })
    .optional(),
  vip: z.boolean().optional(),
  doubtful: z.boolean().optional(),
  /** what is in doubt, for the manager's final review */
  doubtReason: DraftText.optional(),
  channel: Channel.optional(),
});
export type GuestDraft = z.infer<typeof GuestDraft>;

// ---------------------------------------------------------------------------------------------
// The validated record

const E164 = z.string().regex(/^\+[1-9]\d{4,14}$/u);
const IsoDateTime = z.iso.datetime({ offset: true });

export const GuestRecord = z.strictObject({
  name: z.string().min(1).max(NAME_MAX_LENGTH),
  birthDate: z.iso.date(),
  contact: z.strictObject({ phone: E164 }),
  idDocument: z.strictObject({
    type: IdDocumentType,
    number: z.string().regex(/^[A-Z0-9]{5,20}$/u),
    issuingCountry: z
      .string()
      .regex(/^[A-Z]{1,3}$/u)
      .optional(),
  }),
  homeAddress: z.string().min(1).max(ADDRESS_MAX_LENGTH),
  ski: z.strictObject({
    discipline: SkiDiscipline,
    level: SkiLevel,
    lessonInterest: LessonInterest.optional(),
    rental: z
      .strictObject({
        heightCm: z.number().optional(),
        weightKg: z.number().optional(),
        shoeSize: z.number().optional(),
        shoeSizeSystem: ShoeSizeSystem.optional(),
      })
      .optional(),
  }),
  emergencyContact: z
    .strictObject({ name: z.string().min(1).max(NAME_MAX_LENGTH), phone: E164, relation: ContactRelation })
    .optional(),
  notes: z.string().min(1).max(NOTES_MAX_LENGTH).optional(),
  guardian: z
    .strictObject({
      name: z.string().min(1).max(NAME_MAX_LENGTH).optional(),
      phone: E164.optional(),
      relation: GuardianRelation.optional(),
      consent: z
        .strictObject({ given: z.boolean(), method: ConsentMethod.optional(), at: IsoDateTime.optional() })
        .optional(),
    })
    .optional(),
  consent: z.strictObject({
    noticeVersion: z.string().min(1).max(NOTICE_VERSION_MAX_LENGTH),
    general: z.literal(true),
    idNumber: z.literal(true),
    method: ConsentMethod,
    at: IsoDateTime,
  }),
  vip: z.boolean(),
  doubtful: z.boolean(),
  doubtReason: z.string().min(1).max(DOUBT_REASON_MAX_LENGTH).optional(),
  channel: Channel,
});
export type GuestRecord = z.infer<typeof GuestRecord>;

/** The part of a record the core also keeps in clear columns (not identifying). */
export function workflowFlags(record: Pick<GuestRecord, 'vip' | 'doubtful' | 'channel'>): {
  vip: boolean;
  doubtful: boolean;
  channel: Channel;
} {
  return { vip: record.vip, doubtful: record.doubtful, channel: record.channel };
}

// ---------------------------------------------------------------------------------------------
// Required and recommended fields (R2, R7, R8)

/** Always required (R7 name, contact, ID, address, ski preferences; R8 consent; the channel for deadlines). */
export const REQUIRED_FIELDS = [
  'name',
  'contact.phone',
  'idDocument.type',
  'idDocument.number',
  'homeAddress',
  'ski.discipline',
  'ski.level',
  'consent.noticeVersion',
  'consent.general',
  'consent.idNumber',
  'consent.method',
  'consent.at',
  'channel',
] as const;

/** Required when the document number does not carry the birth date (passports, permits, old 永居证). */
export const BIRTH_DATE_FIELD = 'birthDate';

/** Required for a guest under 14 (PIPL Art. 31). */
export const GUARDIAN_REQUIRED_FIELDS = [
  'guardian.name',
  'guardian.phone',
  'guardian.relation',
  'guardian.consent.given',
  'guardian.consent.method',
  'guardian.consent.at',
] as const;

/** Required when the record is marked doubtful: the manager needs to know what to look at. */
export const DOUBT_REASON_FIELD = 'doubtReason';

/** R7 "not limited to": asked for every time, counted by `completeness` (R2, R28). */
export const RECOMMENDED_FIELDS = ['emergencyContact', 'ski.rental', 'ski.lessonInterest', 'notes'] as const;
export type RecommendedField = (typeof RECOMMENDED_FIELDS)[number];

function isBlank(value: string | number | boolean | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return normaliseSingleLine(value) === '';
  return false;
}

const RECOMMENDED_FILLED: Record<RecommendedField, (draft: GuestDraft) => boolean> = {
  emergencyContact: (d) =>
    !isBlank(d.emergencyContact?.name) &&
    !isBlank(d.emergencyContact?.phone) &&
    d.emergencyContact?.relation !== undefined,
  'ski.rental': (d) =>
    !isBlank(d.ski?.rental?.heightCm) &&
    !isBlank(d.ski?.rental?.weightKg) &&
    !isBlank(d.ski?.rental?.shoeSize),
  'ski.lessonInterest': (d) => d.ski?.lessonInterest !== undefined,
  notes: (d) => normaliseNotes(d.notes ?? '') !== '',
};

export interface Completeness {
  readonly filled: readonly RecommendedField[];
  readonly missing: readonly RecommendedField[];
  /** filled / all recommended, 0..1 */
  readonly share: number;
}

/** How many recommended fields are filled (presence, not validity: validity is submit's business). */
export function completeness(draft: GuestDraft): Completeness {
  const filled = RECOMMENDED_FIELDS.filter((field) => RECOMMENDED_FILLED[field](draft));
  const missing = RECOMMENDED_FIELDS.filter((field) => !filled.includes(field));
  return { filled, missing, share: filled.length / RECOMMENDED_FIELDS.length };
}

/**
 * The required fields for this draft today: the fixed list, the birth date when the document
 * does not carry it, the guardian's fields for a guest under 14, the doubt reason when doubtful.
 */
export function requiredFieldsFor(draft: GuestDraft, today: IsoDate): string[] {
  const fields: string[] = [...REQUIRED_FIELDS];
  const type = draft.idDocument?.type;
  const number = normaliseIdentifierInput(draft.idDocument?.number ?? '');
  if (type === undefined || !documentCarriesBirthDate(type, number)) fields.push(BIRTH_DATE_FIELD);
  const birthDate = knownBirthDate(draft, today);
  if (birthDate !== undefined && ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE) {
    fields.push(...GUARDIAN_REQUIRED_FIELDS);
  }
  if (draft.doubtful === true) fields.push(DOUBT_REASON_FIELD);
  return fields;
}

/** The required fields still blank (for the form's "still missing" list). */
export function missingRequiredFields(draft: GuestDraft, today: IsoDate): string[] {
  return requiredFieldsFor(draft, today).filter((path) => {
    const value = valueAt(draft, path);
    return path === 'consent.general' || path === 'consent.idNumber' || path === 'guardian.consent.given'
      ? value !== true
      : isBlank(value as string | number | boolean | undefined);
  });
}

function valueAt(draft: GuestDraft, path: string): unknown {
  let node: unknown = draft;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The birth date from a valid document number, else from a valid typed date, else undefined. */
function knownBirthDate(draft: GuestDraft, today: IsoDate): IsoDate | undefined {
  const { type, number } = draft.idDocument ?? {};
  if (type !== undefined && number !== undefined) {
    const document = validateIdDocument(type, number, today);
    if (document.ok && document.birthDate !== undefined) return document.birthDate;
  }
  const typed = parseDateInput(draft.birthDate ?? '');
  return typed !== undefined && typed >= '1900-01-01' && typed <= today ? typed : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing helpers for typed input

/**
 * A date as a desk types it: 2012-03-09, 2012/3/9, 2012.3.9, 20120309, 2012年3月9日 (full-width
 * digits fine). Undefined unless it is a real date.
 */
export function parseDateInput(raw: string): IsoDate | undefined {
  const text = raw.normalize('NFKC').replace(/\s+/gu, '');
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? formatIsoDate({ year, month, day }) : undefined;
}

/** A decimal number as typed ("175", "42.5", "４２，５"); undefined if it is not one. */
export function parseNumberInput(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = raw.normalize('NFKC').trim().replace(',', '.');
  return /^\d+(?:\.\d+)?$/u.test(text) ? Number(text) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Submit validation

export interface FieldError {
  readonly code: ValidationCode;
  readonly params?: Readonly<Record<string, string | number>>;
}
export type FieldErrors = Readonly<Record<string, FieldError>>;

export interface DerivedFacts {
  readonly birthDate: IsoDate;
  readonly age: number;
  readonly minorUnder14: boolean;
  /** from the document number, when it carries it */
  readonly sex?: Sex;
}

export type SubmitValidation =
  | { readonly ok: true; readonly value: GuestRecord; readonly derived: DerivedFacts }
  | { readonly ok: false; readonly errors: FieldErrors };

class Issues {
  readonly errors: Record<string, FieldError> = {};

  add(path: string, code: ValidationCode, params?: Record<string, string | number>): void {
    this.errors[path] ??= params ? { code, params } : { code };
  }

  get any(): boolean {
    return Object.keys(this.errors).length > 0;
  }
}

function lengthParams(result: { max?: number; length?: number }): Record<string, number> | undefined {
  return result.max === undefined ? undefined : { max: result.max, length: result.length ?? 0 };
}

function requiredName(issues: Issues, path: string, raw: string | undefined): string | undefined {
  if (isBlank(raw)) {
    issues.add(path, 'common.required');
    return undefined;
  }
  const result = validateName(raw ?? '');
  if (result.ok) return result.value;
  issues.add(path, result.code === 'empty' ? 'common.required' : `name.${result.code}`, lengthParams(result));
  return undefined;
}

function requiredPhone(issues: Issues, path: string, raw: string | undefined): string | undefined {
  if (isBlank(raw)) {
    issues.add(path, 'common.required');
    return undefined;
  }
  const result = validatePhone(raw ?? '');
  if (result.ok) return result.value;
  issues.add(path, result.code === 'empty' ? 'common.required' : `phone.${result.code}`);
  return undefined;
}

function requiredLine(
  issues: Issues,
  path: string,
  raw: string | undefined,
  max: number,
): string | undefined {
  if (isBlank(raw)) {
    issues.add(path, 'common.required');
    return undefined;
  }
  const result = validateSingleLine(raw ?? '', max);
  if (result.ok) return result.value;
  issues.add(path, `text.${result.code}`, lengthParams(result));
  return undefined;
}

function required<T>(issues: Issues, path: string, value: T | undefined): T | undefined {
  if (value === undefined) issues.add(path, 'common.required');
  return value;
}

function optionalNumber(
  issues: Issues,
  path: string,
  raw: string | number | undefined,
  range: { readonly min: number; readonly max: number },
): number | undefined {
  if (isBlank(raw) || raw === undefined) return undefined;
  const value = parseNumberInput(raw);
  if (value === undefined) {
    issues.add(path, 'common.not_a_number');
    return undefined;
  }
  if (value < range.min || value > range.max) {
    issues.add(path, 'common.out_of_range', { min: range.min, max: range.max });
    return undefined;
  }
  return value;
}

function requiredDateTime(
  issues: Issues,
  path: string,
  raw: string | undefined,
  today: IsoDate,
): string | undefined {
  if (isBlank(raw)) {
    issues.add(path, 'common.required');
    return undefined;
  }
  const value = (raw ?? '').trim();
  if (!IsoDateTime.safeParse(value).success) {
    issues.add(path, 'common.invalid_datetime');
    return undefined;
  }
  if (calendarDateAt(Date.parse(value)) > today) {
    issues.add(path, 'common.date_future');
    return undefined;
  }
  return value;
}

/** Only keys whose value is defined: a record never carries `undefined` placeholders. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Check a draft for submission (R1, R2, R7, R8, R12) on `today` ('YYYY-MM-DD', the desk's date).
 * Returns normalised copies of every value, or every field's first error keyed by path. The
 * draft is not modified, and nothing in it is dropped: fields the record does not keep for this
 * document type (an issuing state for a resident ID) simply stay in the draft.
 */
export function validateGuestForSubmit(draft: GuestDraft, today: IsoDate): SubmitValidation {
  requireIsoDate(today, 'today');
  const issues = new Issues();

  const name = requiredName(issues, 'name', draft.name);
  const phone = requiredPhone(issues, 'contact.phone', draft.contact?.phone);

  // Identity document, and the birth date it may carry
  const documentType = required(issues, 'idDocument.type', draft.idDocument?.type);
  const rawNumber = draft.idDocument?.number;
  const rawCountry = draft.idDocument?.issuingCountry;
  let idDocument: GuestRecord['idDocument'] | undefined;
  let documentBirthDate: IsoDate | undefined;
  let sex: Sex | undefined;
  if (isBlank(rawNumber)) {
    issues.add('idDocument.number', 'common.required');
  } else if (documentType !== undefined) {
    const typedCountry = documentType === 'passport' ? normaliseIssuingCountry(rawCountry ?? '') : '';
    const issuingCountry = typedCountry === '' ? undefined : typedCountry;
    const result = validateIdDocument(
      documentType,
      rawNumber ?? '',
      today,
      issuingCountry === undefined ? {} : { issuingCountry },
    );
    if (!result.ok) {
      issues.add(
        result.code === 'passport.issuing_country' ? 'idDocument.issuingCountry' : 'idDocument.number',
        result.code,
      );
    } else {
      idDocument = compact({ type: result.type, number: result.value, issuingCountry });
      documentBirthDate = result.birthDate;
      sex = result.sex;
    }
  }

  const birthDate = checkBirthDate(issues, draft, documentType, documentBirthDate, today);

  const homeAddress = requiredLine(issues, 'homeAddress', draft.homeAddress, ADDRESS_MAX_LENGTH);

  // Ski preferences (discipline and level required; lessons and rental recommended)
  const discipline = required(issues, 'ski.discipline', draft.ski?.discipline);
  const level = required(issues, 'ski.level', draft.ski?.level);
  const rental = checkRental(issues, draft);

  const emergencyContact = checkEmergencyContact(issues, draft, phone);

  let notes: string | undefined;
  if (draft.notes !== undefined) {
    const result = validateNotes(draft.notes);
    if (!result.ok) issues.add('notes', `notes.${result.code}`, lengthParams(result));
    else if (result.value !== '') notes = result.value;
  }

  const age = birthDate === undefined ? undefined : ageOn(birthDate, today);
  const minorUnder14 = age !== undefined && age < GUARDIAN_CONSENT_AGE;
  const guardian = checkGuardian(issues, draft, minorUnder14, today);
  const consent = checkConsent(issues, draft, today);

  const vip = draft.vip ?? false;
  const doubtful = draft.doubtful ?? false;
  let doubtReason: string | undefined;
  // required when doubtful; kept (and checked) when given anyway
  if (doubtful || !isBlank(draft.doubtReason)) {
    doubtReason = requiredLine(issues, 'doubtReason', draft.doubtReason, DOUBT_REASON_MAX_LENGTH);
  }
  const channel = required(issues, 'channel', draft.channel);

  if (
    issues.any ||
    name === undefined ||
    phone === undefined ||
    idDocument === undefined ||
    birthDate === undefined ||
    age === undefined ||
    homeAddress === undefined ||
    discipline === undefined ||
    level === undefined ||
    consent === undefined ||
    channel === undefined
  ) {
    return { ok: false, errors: issues.errors };
  }

  const value: GuestRecord = compact({
    name,
    birthDate,
    contact: { phone },
    idDocument,
    homeAddress,
    ski: compact({ discipline, level, lessonInterest: draft.ski?.lessonInterest, rental }),
    emergencyContact,
    notes,
    guardian,
    consent,
    vip,
    doubtful,
    doubtReason,
    channel,
  });
  return {
    ok: true,
    value,
    derived: compact({ birthDate, age, minorUnder14, sex }),
  };
}

function checkBirthDate(
  issues: Issues,
  draft: GuestDraft,
  documentType: IdDocumentType | undefined,
  documentBirthDate: IsoDate | undefined,
  today: IsoDate,
): IsoDate | undefined {
  const typed = draft.birthDate;
  const number = normaliseIdentifierInput(draft.idDocument?.number ?? '');
  const documentCarriesIt = documentType !== undefined && documentCarriesBirthDate(documentType, number);
  if (isBlank(typed)) {
    // a document that carries the date either gave it or has its own error already
    if (documentCarriesIt) return documentBirthDate;
    issues.add('birthDate', 'common.required');
    return undefined;
  }
  const parsed = parseDateInput(typed ?? '');
  if (parsed === undefined) {
    issues.add('birthDate', 'common.invalid_date');
    return undefined;
  }
  if (parsed < '1900-01-01') {
    issues.add('birthDate', 'birthDate.too_early');
    return undefined;
  }
  if (parsed > today) {
    issues.add('birthDate', 'birthDate.future');
    return undefined;
  }
  if (documentBirthDate !== undefined && parsed !== documentBirthDate) {
    issues.add('birthDate', 'birthDate.mismatch_document');
    return undefined;
  }
  return documentBirthDate ?? parsed;
}

function checkRental(
  issues: Issues,
  draft: GuestDraft,
): NonNullable<GuestRecord['ski']['rental']> | undefined {
  const raw = draft.ski?.rental;
  if (raw === undefined) return undefined;
  const heightCm = optionalNumber(issues, 'ski.rental.heightCm', raw.heightCm, RENTAL_LIMITS.heightCm);
  const weightKg = optionalNumber(issues, 'ski.rental.weightKg', raw.weightKg, RENTAL_LIMITS.weightKg);
  let shoeSize: number | undefined;
  let shoeSizeSystem: ShoeSizeSystem | undefined;
  if (!isBlank(raw.shoeSize)) {
    shoeSizeSystem = required(issues, 'ski.rental.shoeSizeSystem', raw.shoeSizeSystem);
    if (shoeSizeSystem !== undefined) {
      const range = RENTAL_LIMITS.shoeSize[shoeSizeSystem];
      shoeSize = optionalNumber(issues, 'ski.rental.shoeSize', raw.shoeSize, range);
    }
  }
  const rental = compact({
    heightCm,
    weightKg,
    shoeSize,
    shoeSizeSystem: shoeSize === undefined ? undefined : shoeSizeSystem,
  });
  return Object.keys(rental).length > 0 ? rental : undefined;
}

function checkEmergencyContact(
  issues: Issues,
  draft: GuestDraft,
  guestPhone: string | undefined,
): GuestRecord['emergencyContact'] {
  const raw = draft.emergencyContact;
  // recommended: absent is fine, but once started it must be usable (a name with no number is not)
  if (raw === undefined || (isBlank(raw.name) && isBlank(raw.phone) && raw.relation === undefined))
    return undefined;
  const name = requiredName(issues, 'emergencyContact.name', raw.name);
  const phone = requiredPhone(issues, 'emergencyContact.phone', raw.phone);
  if (phone !== undefined && phone === guestPhone) {
    issues.add('emergencyContact.phone', 'emergencyContact.same_as_guest');
  }
  const relation = required(issues, 'emergencyContact.relation', raw.relation);
  return name !== undefined && phone !== undefined && phone !== guestPhone && relation !== undefined
    ? { name, phone, relation }
    : undefined;
}

function checkGuardian(
  issues: Issues,
  draft: GuestDraft,
  minorUnder14: boolean,
  today: IsoDate,
): GuestRecord['guardian'] {
  const raw = draft.guardian;
  if (minorUnder14) {
    const name = requiredName(issues, 'guardian.name', raw?.name);
    const phone = requiredPhone(issues, 'guardian.phone', raw?.phone);
    const relation = required(issues, 'guardian.relation', raw?.relation);
    if (raw?.consent?.given !== true) issues.add('guardian.consent.given', 'guardian.consent_required');
    const method = required(issues, 'guardian.consent.method', raw?.consent?.method);
    const at = requiredDateTime(issues, 'guardian.consent.at', raw?.consent?.at, today);
    return { name, phone, relation, consent: { given: true, method, at } };
  }
  // 14 and over: a guardian is optional; whatever was given must still be right
  if (raw === undefined) return undefined;
  const name = isBlank(raw.name) ? undefined : requiredName(issues, 'guardian.name', raw.name);
  const phone = isBlank(raw.phone) ? undefined : requiredPhone(issues, 'guardian.phone', raw.phone);
  const rawConsent = raw.consent;
  const consent =
    rawConsent === undefined || rawConsent.given === undefined
      ? undefined
      : compact({
          given: rawConsent.given,
          method: rawConsent.method,
          at: isBlank(rawConsent.at)
            ? undefined
            : requiredDateTime(issues, 'guardian.consent.at', rawConsent.at, today),
        });
  const guardian = compact({ name, phone, relation: raw.relation, consent });
  return Object.keys(guardian).length > 0 ? guardian : undefined;
}

function checkConsent(issues: Issues, draft: GuestDraft, today: IsoDate): GuestRecord['consent'] | undefined {
  const raw = draft.consent;
  const noticeVersion = requiredLine(
    issues,
    'consent.noticeVersion',
    raw?.noticeVersion,
    NOTICE_VERSION_MAX_LENGTH,
  );
  if (raw?.general !== true) issues.add('consent.general', 'consent.general_required');
  if (raw?.idNumber !== true) issues.add('consent.idNumber', 'consent.id_number_required');
  const method = required(issues, 'consent.method', raw?.method);
  const at = requiredDateTime(issues, 'consent.at', raw?.at, today);
  if (noticeVersion === undefined || method === undefined || at === undefined) return undefined;
  if (raw?.general !== true || raw.idNumber !== true) return undefined;
  return { noticeVersion, general: true, idNumber: true, method, at };
}
