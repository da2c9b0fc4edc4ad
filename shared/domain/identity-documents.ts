/**
 * Identity documents a guest may show at a mainland desk, and their number formats.
 *
 * Sources: the issuing authorities' public descriptions as summarised below; the 2023 permanent-
 * residence layout is from the National Immigration Administration's 《新版外国人永久居留身份证
 * 机读信息规则（2023版）》 (number starts with 9, MOD 11-2 check character like GB 11643).
 * - 居民身份证: GB 11643-1999, see resident-id.ts.
 * - 护照 passport: PRC ordinary passports are G + 8 digits (before 2012), E + 8 digits
 *   (e-passports from 2012) and E + letter + 7 digits (once the E + 8-digit series ran out). Other
 *   countries' numbers vary (ICAO 9303 allows up to 9 characters in the MRZ, more with the optional
 *   field), so foreign passports are checked for 5–20 letters and digits only.
 * - 港澳居民来往内地通行证 (回乡证): the card version (2013 onward) is H (Hong Kong) or M (Macao)
 *   + 8 digits; the older booklet had H/M + 10 digits (8 + a 2-digit issue count).
 * - 台湾居民来往大陆通行证 (台胞证): the card version (2015 onward) is 8 digits; the older
 *   booklet had 10 digits.
 * - 外国人永久居留身份证: the 2023 version (National Immigration Administration, issued from
 *   1 December 2023) follows GB 11643: 18 characters, '9' (foreigner), 2-digit province of the
 *   issuing office, 3-digit nationality code, YYYYMMDD birth date, 3-digit sequence (odd = male),
 *   MOD 11-2 check character. The 2004/2017 versions, still valid, are 15 characters: 3-letter
 *   nationality code + 12 digits (shape checked only).
 */
import { z } from 'zod';
import type { IsoDate } from './calendar.js';
import {
  checkGb11643Body,
  MAINLAND_PROVINCE_CODES,
  validateResidentId,
  type ResidentIdErrorCode,
  type Sex,
} from './resident-id.js';
import { normaliseIdentifierInput } from './text-normalisation.js';

export const ID_DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
] as const;
export const IdDocumentType = z.enum(ID_DOCUMENT_TYPES);
export type IdDocumentType = z.infer<typeof IdDocumentType>;

/** Documents whose number carries the holder's birth date. */
export function documentCarriesBirthDate(type: IdDocumentType, normalisedNumber?: string): boolean {
  if (type === 'resident_id') return true;
  if (type === 'foreign_permanent_residence') return normalisedNumber?.length !== 15;
  return false;
}

export const PASSPORT_ERROR_CODES = [
  'empty',
  'characters',
  'length',
  'prc_format',
  'issuing_country',
] as const;
export type PassportErrorCode = (typeof PASSPORT_ERROR_CODES)[number];

export const HK_MACAO_PERMIT_ERROR_CODES = ['empty', 'characters', 'prefix', 'length'] as const;
export type HkMacaoPermitErrorCode = (typeof HK_MACAO_PERMIT_ERROR_CODES)[number];

export const TAIWAN_PERMIT_ERROR_CODES = ['empty', 'characters', 'length'] as const;
export type TaiwanPermitErrorCode = (typeof TAIWAN_PERMIT_ERROR_CODES)[number];

export const FOREIGN_PERMANENT_RESIDENCE_ERROR_CODES = [
  'empty',
  'characters',
  'length',
  'format',
  'region',
  'birth_date_invalid',
  'birth_date_too_early',
  'birth_date_future',
  'checksum',
] as const;
export type ForeignPermanentResidenceErrorCode = (typeof FOREIGN_PERMANENT_RESIDENCE_ERROR_CODES)[number];

/** Error codes qualified by document, so each has its own message ("residentId.checksum"). */
export type IdDocumentErrorCode =
  | `residentId.${ResidentIdErrorCode}`
  | `passport.${PassportErrorCode}`
  | `hkMacaoPermit.${HkMacaoPermitErrorCode}`
  | `taiwanPermit.${TaiwanPermitErrorCode}`
  | `foreignPermanentResidence.${ForeignPermanentResidenceErrorCode}`;

export type IdDocumentResult =
  | {
      readonly ok: true;
      readonly type: IdDocumentType;
      /** the canonical number: no spaces, ASCII, uppercase */
      readonly value: string;
      /** when the number encodes it (resident ID, 2023 permanent-residence card) */
      readonly birthDate?: IsoDate;
      readonly sex?: Sex;
    }
  | { readonly ok: false; readonly code: IdDocumentErrorCode };

export interface IdDocumentOptions {
  /**
   * Passports only: the issuing state as printed on the data page (ICAO 9303 code: 'CHN', 'RUS',
   * 'D' for Germany). 'CHN' holds the number to the PRC formats; at a mainland desk a Chinese
   * citizen's passport is a mainland one (Hong Kong and Macao residents use the 回乡证).
   */
  readonly issuingCountry?: string;
}

const ALPHANUMERIC = /^[A-Z0-9]+$/u;
const PRC_PASSPORT = /^(?:[EG]\d{8}|E[A-Z]\d{7})$/u;
const ISSUING_COUNTRY = /^[A-Z]{1,3}$/u;

/** Normalise an issuing-state code as typed ("chn", "D<<"); '' when none was given. */
export function normaliseIssuingCountry(raw: string): string {
  return normaliseIdentifierInput(raw).replace(/<+$/u, '');
}

export function isPrcPassportNumber(value: string): boolean {
  return PRC_PASSPORT.test(value);
}

function validatePassport(value: string, options: IdDocumentOptions): IdDocumentResult {
  if (value === '') return { ok: false, code: 'passport.empty' };
  const country = options.issuingCountry === undefined ? '' : normaliseIssuingCountry(options.issuingCountry);
  if (country !== '' && !ISSUING_COUNTRY.test(country))
    return { ok: false, code: 'passport.issuing_country' };
  if (!ALPHANUMERIC.test(value)) return { ok: false, code: 'passport.characters' };
  if (country === 'CHN') {
    return PRC_PASSPORT.test(value)
      ? { ok: true, type: 'passport', value }
      : { ok: false, code: 'passport.prc_format' };
  }
  if (value.length < 5 || value.length > 20) return { ok: false, code: 'passport.length' };
  return { ok: true, type: 'passport', value };
}

function validateHkMacaoPermit(value: string): IdDocumentResult {
  if (value === '') return { ok: false, code: 'hkMacaoPermit.empty' };
  if (!ALPHANUMERIC.test(value)) return { ok: false, code: 'hkMacaoPermit.characters' };
  if (!/^[HM]\d*$/u.test(value)) return { ok: false, code: 'hkMacaoPermit.prefix' };
  if (value.length !== 9 && value.length !== 11) return { ok: false, code: 'hkMacaoPermit.length' };
  return { ok: true, type: 'hk_macao_permit', value };
}

function validateTaiwanPermit(value: string): IdDocumentResult {
  if (value === '') return { ok: false, code: 'taiwanPermit.empty' };
  if (!/^\d+$/u.test(value)) return { ok: false, code: 'taiwanPermit.characters' };
  if (value.length !== 8 && value.length !== 10) return { ok: false, code: 'taiwanPermit.length' };
  return { ok: true, type: 'taiwan_permit', value };
}

function validateForeignPermanentResidence(value: string, today: IsoDate): IdDocumentResult {
  if (value === '') return { ok: false, code: 'foreignPermanentResidence.empty' };
  if (!ALPHANUMERIC.test(value)) return { ok: false, code: 'foreignPermanentResidence.characters' };
  if (value.length === 15) {
    return /^[A-Z]{3}\d{12}$/u.test(value)
      ? { ok: true, type: 'foreign_permanent_residence', value }
      : { ok: false, code: 'foreignPermanentResidence.format' };
  }
  if (value.length !== 18) return { ok: false, code: 'foreignPermanentResidence.length' };
  if (!/^9\d{16}[\dX]$/u.test(value)) return { ok: false, code: 'foreignPermanentResidence.format' };
  if (!MAINLAND_PROVINCE_CODES.has(value.slice(1, 3))) {
    return { ok: false, code: 'foreignPermanentResidence.region' };
  }
  const body = checkGb11643Body(value, today);
  if (!body.ok) return { ok: false, code: `foreignPermanentResidence.${body.code}` };
  return { ok: true, type: 'foreign_permanent_residence', value, birthDate: body.birthDate, sex: body.sex };
}

/**
 * Validate a document number for its type. Input is normalised first (spaces, full-width
 * characters, case), so "h 1234 5678" is the permit H12345678.
 */
export function validateIdDocument(
  type: IdDocumentType,
  raw: string,
  today: IsoDate,
  options: IdDocumentOptions = {},
): IdDocumentResult {
  switch (type) {
    case 'resident_id': {
      const result = validateResidentId(raw, today);
      return result.ok
        ? { ok: true, type, value: result.value, birthDate: result.birthDate, sex: result.sex }
        : { ok: false, code: `residentId.${result.code}` };
    }
    case 'passport':
      return validatePassport(normaliseIdentifierInput(raw), options);
    case 'hk_macao_permit':
      return validateHkMacaoPermit(normaliseIdentifierInput(raw));
    case 'taiwan_permit':
      return validateTaiwanPermit(normaliseIdentifierInput(raw));
    case 'foreign_permanent_residence':
      return validateForeignPermanentResidence(normaliseIdentifierInput(raw), today);
  }
}
