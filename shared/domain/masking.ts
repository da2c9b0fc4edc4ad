/**
 * Masked forms for lists and search results (DESIGN "Keys and data at rest"): enough to tell two
 * guests apart at a glance, never enough to use the number. Revealing the full value is a separate,
 * audited permission.
 *
 *   maskIdNumber('11010519491231002X') -> '110***********002X'  (first 3, last 4 of 18)
 *   maskPhone('+8613800138000')        -> '138****8000'         (Chinese numbers without +86)
 *   maskPhone('+85291234567')          -> '+852 ****4567'
 *
 * At least half of the characters are always hidden, so short numbers reveal less.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { normaliseIdentifierInput } from './text-normalisation.js';

const MASK = '*';

/** Keep `head` leading and `tail` trailing characters, mask the rest. */
function keepEnds(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (head + tail >= chars.length) return MASK.repeat(chars.length);
  const end = tail > 0 ? chars.slice(-tail).join('') : '';
  return chars.slice(0, head).join('') + MASK.repeat(chars.length - head - tail) + end;
}

/** How much of a run of `n` digits may show: 3 + 4 for 11 and more, less for shorter numbers. */
function phoneEnds(n: number): [number, number] {
  if (n >= 8) return [Math.min(3, n - 8), 4];
  const tail = Math.floor(n / 2);
  return [0, tail];
}

/** Mask a stored (E.164) phone number; anything unparseable is masked digit by digit. */
export function maskPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone.normalize('NFKC'), 'CN');
  if (!parsed) {
    const digits = phone.normalize('NFKC').replace(/\D/gu, '');
    return keepEnds(digits, ...phoneEnds(digits.length));
  }
  const national = parsed.nationalNumber;
  const masked = keepEnds(national, ...phoneEnds(national.length));
  return parsed.countryCallingCode === '86' ? masked : `+${parsed.countryCallingCode} ${masked}`;
}

/** Mask any identity-document number: 18 characters -> first 3 and last 4 shown. */
export function maskIdNumber(idNumber: string): string {
  const value = normaliseIdentifierInput(idNumber);
  const n = Array.from(value).length;
  if (n >= 14) return keepEnds(value, 3, 4);
  if (n >= 8) return keepEnds(value, 1, 3);
  return keepEnds(value, 0, Math.min(2, Math.floor(n / 2)));
}
