/**
 * Phone numbers as a desk hears them: "138 0013 8000", "+86 138-0013-8000", "0086…", full-width
 * digits from a Chinese input method, a Hong Kong or Russian mobile. Stored as E.164.
 *
 * Metadata: `libphonenumber-js/max`, everywhere in this project. The `min` metadata only checks a
 * number's length and leading digits, so it cannot tell a mobile from a landline, nor a 400
 * service number (shared cost) from a person's phone; `max` carries the full number patterns and
 * types. A contact phone that turns out to be a 400/800 hotline is a typical desk mistake we want
 * to catch (R1), and the UI can say "landline" next to a fixed number. The larger bundle is
 * irrelevant for an offline kiosk that ships everything anyway. Never mix `min` and `max` in
 * one process: a number valid under one may not be under the other.
 */
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumberType,
} from 'libphonenumber-js/max';

export const DEFAULT_PHONE_REGION: CountryCode = 'CN';

export const PHONE_ERROR_CODES = [
  'empty',
  /** letters or symbols other than + ( ) - . / and spaces */
  'characters',
  /** a +country code that does not exist */
  'invalid_country',
  'too_short',
  'too_long',
  /** right length but not a number that exists in that country's numbering plan */
  'invalid',
  /** a service number (400/800, premium rate, …), not a phone a person answers */
  'not_personal',
] as const;
export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number];

export type PhoneKind = 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'other';

export type PhoneResult =
  | {
      readonly ok: true;
      /** E.164, e.g. +8613800138000 */
      readonly value: string;
      /** ISO 3166-1 alpha-2 when the number belongs to one region */
      readonly country: string | undefined;
      readonly kind: PhoneKind;
    }
  | { readonly ok: false; readonly code: PhoneErrorCode };

/** Separators people type or paste between digit groups (NFKC already made full-width ones ASCII). */
const SEPARATORS = /[\s\-\u2010-\u2015.()/]/gu;
const PHONE_CHARACTERS = /^\+?\d+$/u;
/** Chinese mobile numbers: 11 digits starting 13–19 (a landline's area code never starts 1[3-9]). */
const CN_MOBILE_PREFIX = /^1[3-9]/u;

const NOT_PERSONAL: ReadonlySet<PhoneNumberType> = new Set<PhoneNumberType>([
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'VOICEMAIL',
]);

/** NFKC (full-width digits, ＋, －), separators removed. Empty when nothing was typed. */
export function normalisePhoneInput(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u00AD\u200B\u2060\uFEFF]/gu, '')
    .replace(SEPARATORS, '');
}

function kindOf(type: PhoneNumberType): PhoneKind {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed_line';
    case 'FIXED_LINE_OR_MOBILE':
      return 'fixed_line_or_mobile';
    default:
      return 'other';
  }
}

/**
 * Validate a phone number. Without a + or 00 prefix the number is read as Chinese (the default
 * region); "+86", "0086" and a bare "86" before an 11-digit mobile are all understood.
 */
export function validatePhone(raw: string, defaultRegion: CountryCode = DEFAULT_PHONE_REGION): PhoneResult {
  const compact = normalisePhoneInput(raw);
  if (compact === '') return { ok: false, code: 'empty' };
  if (!PHONE_CHARACTERS.test(compact)) return { ok: false, code: 'characters' };

  switch (validatePhoneNumberLength(compact, defaultRegion)) {
    case 'INVALID_COUNTRY':
      return { ok: false, code: 'invalid_country' };
    case 'TOO_SHORT':
      return { ok: false, code: 'too_short' };
    case 'TOO_LONG':
      return { ok: false, code: 'too_long' };
    case 'NOT_A_NUMBER':
    case 'INVALID_LENGTH':
      return { ok: false, code: 'invalid' };
    case undefined:
      break;
  }

  const parsed = parsePhoneNumberFromString(compact, defaultRegion);
  if (!parsed) return { ok: false, code: 'invalid' };

  // A Chinese mobile with a digit missing or one too many is still a plausible landline length, so
  // the library only says "invalid"; the desk deserves the precise message.
  if (parsed.countryCallingCode === '86' && CN_MOBILE_PREFIX.test(parsed.nationalNumber)) {
    if (parsed.nationalNumber.length < 11) return { ok: false, code: 'too_short' };
    if (parsed.nationalNumber.length > 11) return { ok: false, code: 'too_long' };
  }
  if (!parsed.isValid()) return { ok: false, code: 'invalid' };

  const type = parsed.getType();
  if (type !== undefined && NOT_PERSONAL.has(type)) return { ok: false, code: 'not_personal' };
  return {
    ok: true,
    value: parsed.number,
    country: parsed.country,
    kind: type === undefined ? 'other' : kindOf(type),
  };
}

/** The same number for comparisons (duplicates, "emergency contact is the guest's own phone"). */
export function samePhone(a: string, b: string): boolean {
  const left = validatePhone(a);
  const right = validatePhone(b);
  return left.ok && right.ok && left.value === right.value;
}
