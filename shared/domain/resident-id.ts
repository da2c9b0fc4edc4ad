/**
 * The 18-character PRC citizen identity number (公民身份号码), GB 11643-1999:
 *
 *   RRRRRR YYYYMMDD SSS C
 *   6-digit address code (GB/T 2260), birth date, sequence (17th digit odd = male, even = female),
 *   check character: ISO 7064 MOD 11-2 over the first 17 digits, 'X' standing for 10.
 *
 * We check what a machine can check (R1): shape, a real province-level code, a real birth date that
 * is neither before 1900 nor after today, and the check character. Whether the number belongs to
 * the person in front of the desk is for the specialist and the reviewers.
 */
import { formatIsoDate, isRealDate, requireIsoDate, type IsoDate } from './calendar.js';
import { normaliseIdentifierInput } from './text-normalisation.js';

export const RESIDENT_ID_ERROR_CODES = [
  'empty',
  'characters',
  /** 15 digits: a first-generation number, out of use since 2013 */
  'legacy_15',
  'length',
  'region',
  'birth_date_invalid',
  'birth_date_too_early',
  'birth_date_future',
  'checksum',
] as const;
export type ResidentIdErrorCode = (typeof RESIDENT_ID_ERROR_CODES)[number];

export type Sex = 'male' | 'female';

export type ResidentIdResult =
  | { readonly ok: true; readonly value: string; readonly birthDate: IsoDate; readonly sex: Sex }
  | { readonly ok: false; readonly code: ResidentIdErrorCode };

/**
 * Province-level address codes (GB/T 2260): 11–15 north, 21–23 north-east, 31–37 east, 41–46
 * south-central, 50–54 south-west, 61–65 north-west, 71 Taiwan, 81 Hong Kong, 82 Macao.
 * 83 is not a province: it is the code on residence permits for Taiwan residents (港澳台居民居住证),
 * as 81 and 82 are on those for Hong Kong and Macao residents. The permits share this number's
 * format and checksum and are accepted wherever the card is, so a desk takes all three.
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** Mainland provinces only: the places that issue cards (used for the 2023 permanent-residence card). */
export const MAINLAND_PROVINCE_CODES: ReadonlySet<string> = new Set(
  [...PROVINCE_CODES].filter((code) => !['71', '81', '82', '83'].includes(code)),
);

/** Weights 2^(17-i) mod 11 for positions i = 1..17 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const DIGITS_17 = /^\d{17}$/;

/** The check character for 17 digits: '0'–'9' or 'X'. Throws on anything but 17 ASCII digits. */
export function gb11643CheckChar(first17: string): string {
  if (!DIGITS_17.test(first17)) throw new RangeError('gb11643CheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** 17 digits + a matching check character (uppercase X only; normalise first). */
export function hasValidGb11643CheckChar(value: string): boolean {
  if (value.length !== 18) return false;
  const body = value.slice(0, 17);
  return DIGITS_17.test(body) && gb11643CheckChar(body) === value.charAt(17);
}

/** Digits, with an X allowed only as the last character. */
const ID_CHARACTERS = /^\d*X?$/;

type BodyCheck =
  | { readonly ok: true; readonly birthDate: IsoDate; readonly sex: Sex }
  | {
      readonly ok: false;
      readonly code: 'birth_date_invalid' | 'birth_date_too_early' | 'birth_date_future' | 'checksum';
    };

/**
 * The parts GB 11643 numbers share after the address code: birth date at characters 7–14, sex at
 * 17, check character at 18. The 2023 foreign permanent-residence number uses the same layout.
 */
export function checkGb11643Body(value: string, today: IsoDate): BodyCheck {
  const todayParts = requireIsoDate(today, 'today');
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (!isRealDate(year, month, day)) return { ok: false, code: 'birth_date_invalid' };
  const birthDate = formatIsoDate({ year, month, day });
  if (year < 1900) return { ok: false, code: 'birth_date_too_early' };
  if (birthDate > formatIsoDate(todayParts)) return { ok: false, code: 'birth_date_future' };
  if (!hasValidGb11643CheckChar(value)) return { ok: false, code: 'checksum' };
  const sex: Sex = Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, birthDate, sex };
}

/**
 * Validate a resident ID number as typed or pasted: surrounding and grouping spaces, full-width
 * digits and a lowercase x are accepted and normalised; `value` is the canonical 18 characters.
 * `today` ('YYYY-MM-DD', the desk's date in China) bounds the birth date.
 */
export function validateResidentId(raw: string, today: IsoDate): ResidentIdResult {
  const value = normaliseIdentifierInput(raw);
  if (value === '') return { ok: false, code: 'empty' };
  if (!ID_CHARACTERS.test(value)) return { ok: false, code: 'characters' };
  if (value.length === 15 && !value.endsWith('X')) return { ok: false, code: 'legacy_15' };
  if (value.length !== 18) return { ok: false, code: 'length' };
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, code: 'region' };
  const body = checkGb11643Body(value, today);
  if (!body.ok) return body;
  return { ok: true, value, birthDate: body.birthDate, sex: body.sex };
}
