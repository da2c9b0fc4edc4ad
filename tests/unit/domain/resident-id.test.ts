import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gb11643CheckChar,
  hasValidGb11643CheckChar,
  PROVINCE_CODES,
  validateResidentId,
} from '../../../shared/domain/resident-id.js';
import { residentId } from './helpers.js';

const TODAY = '2025-01-15';

describe('validateResidentId', () => {
  it('accepts the well-known valid number and reads birth date and sex from it', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('reads an odd 17th digit as male', () => {
    const id = residentId('440305', '19900101', '013');
    expect(validateResidentId(id, TODAY)).toMatchObject({ ok: true, sex: 'male', birthDate: '1990-01-01' });
  });

  it.each([
    ['lowercase x', '11010519491231002x'],
    ['surrounding spaces and tabs', '  \t11010519491231002X  '],
    ['grouping spaces', '110105 19491231 002X'],
    ['full-width digits and Ｘ', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width lowercase ｘ and ideographic spaces', '\u3000１１０１０５１９４９１２３１００２ｘ\u3000'],
  ])('normalises %s', (_label, input) => {
    expect(validateResidentId(input, TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['wrong check character', '110105194912310021', 'checksum'],
    ['one digit mistyped', '11010519491231012X', 'checksum'],
    ['two digits swapped', '11010519491213002X', 'checksum'],
    ['empty', '   ', 'empty'],
    ['17 characters', '11010519491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'characters'],
    ['19 digits', '1101051949123100201', 'length'],
    ['15-digit first-generation number', '110105491231002', 'legacy_15'],
    ['a letter inside', '1101051949123100A2', 'characters'],
    ['X not at the end', '1101051949X231002X', 'characters'],
    ['a hyphen', '110105-19491231-002X', 'characters'],
    ['SQL in the field', "1' OR '1'='1", 'characters'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validateResidentId(input, TODAY)).toEqual({ ok: false, code });
  });

  it.each([
    ['00', '000000'],
    ['91', '910000'],
    ['16', '160000'],
  ])('refuses the region code %s', (_label, region) => {
    expect(validateResidentId(residentId(region, '19900101'), TODAY)).toEqual({ ok: false, code: 'region' });
  });

  it('accepts every province-level code', () => {
    for (const code of PROVINCE_CODES) {
      expect(validateResidentId(residentId(`${code}0101`, '19900101'), TODAY).ok).toBe(true);
    }
  });

  it.each([
    ['31 February', '20010231'],
    ['30 February of a leap year', '20000230'],
    ['29 February 1900 (not a leap year)', '19000229'],
    ['month 13', '19901301'],
    ['day 00', '19900100'],
    ['31 April', '19900431'],
  ])('refuses a birth date of %s', (_label, birth) => {
    expect(validateResidentId(residentId('110105', birth), TODAY)).toEqual({
      ok: false,
      code: 'birth_date_invalid',
    });
  });

  it('accepts 29 February of a leap year', () => {
    expect(validateResidentId(residentId('110105', '20000229'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
  });

  it('refuses a birth date after today and accepts one of today', () => {
    expect(validateResidentId(residentId('110105', '20250116'), TODAY)).toEqual({
      ok: false,
      code: 'birth_date_future',
    });
    expect(validateResidentId(residentId('110105', '20250115'), TODAY)).toMatchObject({ ok: true });
  });

  it('refuses a birth date before 1900 and accepts 1 January 1900', () => {
    expect(validateResidentId(residentId('110105', '18991231'), TODAY)).toEqual({
      ok: false,
      code: 'birth_date_too_early',
    });
    expect(validateResidentId(residentId('110105', '19000101'), TODAY)).toMatchObject({ ok: true });
  });

  it('throws on a malformed today (a programming error, not input)', () => {
    expect(() => validateResidentId('11010519491231002X', '2025-02-30')).toThrow(RangeError);
  });
});

describe('gb11643CheckChar', () => {
  it('computes ISO 7064 MOD 11-2', () => {
    expect(gb11643CheckChar('11010519491231002')).toBe('X');
    expect(gb11643CheckChar('44052418800101001')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => gb11643CheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => gb11643CheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

// -----------------------------------------------------------------------------------------------
// Properties

/** A real date from 1900-01-01 to TODAY, as YYYYMMDD. */
const birthDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 0, 15)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));

const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    rest: fc.stringMatching(/^\d{4}$/),
    birth: birthDate,
    sequence: fc.stringMatching(/^\d{3}$/),
  })
  .map(({ province, rest, birth, sequence }) => residentId(province + rest, birth, sequence));

const DIGITS = '0123456789';
const CHECK_CHARS = '0123456789X';

describe('resident ID properties', () => {
  it('every generated valid number validates, with its birth date and sex', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const result = validateResidentId(id, TODAY);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value).toBe(id);
        expect(result.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14));
        expect(result.sex).toBe(Number(id[16]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('any single-character change fails the check character', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.nat(10), (id, position, pick) => {
        const alphabet = position === 17 ? CHECK_CHARS : DIGITS;
        const current = id.charAt(position);
        const others = Array.from(alphabet).filter((c) => c !== current);
        const replacement = others[pick % others.length] ?? '0';
        const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(hasValidGb11643CheckChar(mutated)).toBe(false);
        expect(validateResidentId(mutated, TODAY).ok).toBe(false);
      }),
    );
  });

  it('the lowercase and spaced forms of a valid number validate to the same value', () => {
    fc.assert(
      fc.property(validId, fc.stringMatching(/^[ \t\u3000]{0,3}$/), (id, padding) => {
        const result = validateResidentId(`${padding}${id.toLowerCase()}${padding}`, TODAY);
        expect(result).toMatchObject({ ok: true, value: id });
      }),
    );
  });
});
