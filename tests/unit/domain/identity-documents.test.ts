import { describe, expect, it } from 'vitest';
import {
  documentCarriesBirthDate,
  isPrcPassportNumber,
  validateIdDocument,
} from '../../../shared/domain/identity-documents.js';
import { permanentResidenceId } from './helpers.js';

const TODAY = '2025-01-15';

describe('validateIdDocument: resident_id', () => {
  it('dispatches to the resident ID validator with qualified codes', () => {
    expect(validateIdDocument('resident_id', '11010519491231002x', TODAY)).toEqual({
      ok: true,
      type: 'resident_id',
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(validateIdDocument('resident_id', '110105194912310021', TODAY)).toEqual({
      ok: false,
      code: 'residentId.checksum',
    });
  });
});

describe('validateIdDocument: passport', () => {
  it.each([
    ['a PRC e-passport', 'E12345678', 'E12345678'],
    ['an older PRC passport', 'G12345678', 'G12345678'],
    ['a PRC passport of the E + letter series', 'EA1234567', 'EA1234567'],
    ['a Russian passport', '72 1234567', '721234567'],
    ['a US passport', '123456789', '123456789'],
    ['a lowercase German passport', 'c01x00t47', 'C01X00T47'],
    ['full-width input', 'Ｅ１２３４５６７８', 'E12345678'],
  ])('accepts %s', (_label, input, value) => {
    expect(validateIdDocument('passport', input, TODAY)).toEqual({ ok: true, type: 'passport', value });
  });

  it.each([
    ['empty', '', 'passport.empty'],
    ['too short', '1234', 'passport.length'],
    ['too long', 'A'.repeat(21), 'passport.length'],
    ['punctuation', 'E1234-5678', 'passport.characters'],
    ['Chinese characters', '护照E1234567', 'passport.characters'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validateIdDocument('passport', input, TODAY)).toEqual({ ok: false, code });
  });

  it('holds a passport issued by CHN to the PRC formats', () => {
    expect(validateIdDocument('passport', 'E12345678', TODAY, { issuingCountry: 'chn' }).ok).toBe(true);
    expect(validateIdDocument('passport', 'EA1234567', TODAY, { issuingCountry: 'CHN' }).ok).toBe(true);
    expect(validateIdDocument('passport', 'E1234567', TODAY, { issuingCountry: 'CHN' })).toEqual({
      ok: false,
      code: 'passport.prc_format',
    });
    expect(validateIdDocument('passport', 'K12345678', TODAY, { issuingCountry: 'CHN' })).toEqual({
      ok: false,
      code: 'passport.prc_format',
    });
    // the same number from another state is just a passport number
    expect(validateIdDocument('passport', 'E1234567', TODAY, { issuingCountry: 'RUS' }).ok).toBe(true);
    expect(validateIdDocument('passport', 'C01X00T47', TODAY, { issuingCountry: 'D<<' }).ok).toBe(true);
  });

  it('refuses an issuing state that is not 1–3 letters', () => {
    expect(validateIdDocument('passport', 'E12345678', TODAY, { issuingCountry: 'CH1' })).toEqual({
      ok: false,
      code: 'passport.issuing_country',
    });
  });

  it('recognises PRC passport numbers', () => {
    expect(isPrcPassportNumber('E12345678')).toBe(true);
    expect(isPrcPassportNumber('G12345678')).toBe(true);
    expect(isPrcPassportNumber('EA1234567')).toBe(true);
    expect(isPrcPassportNumber('E1234567')).toBe(false);
    expect(isPrcPassportNumber('P12345678')).toBe(false);
  });
});

describe('validateIdDocument: hk_macao_permit', () => {
  it.each([
    ['Hong Kong card', 'H12345678'],
    ['Macao card', 'M12345678'],
    ['older 10-digit booklet', 'H1234567801'],
    ['lowercase with spaces', ' h 1234 5678 '],
  ])('accepts a %s', (_label, input) => {
    expect(validateIdDocument('hk_macao_permit', input, TODAY)).toMatchObject({ ok: true });
  });

  it.each([
    ['empty', '', 'hkMacaoPermit.empty'],
    ['wrong letter', 'K12345678', 'hkMacaoPermit.prefix'],
    ['digits only', '12345678', 'hkMacaoPermit.prefix'],
    ['7 digits', 'H1234567', 'hkMacaoPermit.length'],
    ['9 digits', 'H123456789', 'hkMacaoPermit.length'],
    ['a hyphen', 'H-12345678', 'hkMacaoPermit.characters'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validateIdDocument('hk_macao_permit', input, TODAY)).toEqual({ ok: false, code });
  });
});

describe('validateIdDocument: taiwan_permit', () => {
  it.each([
    ['the 8-digit card', '12345678'],
    ['the older 10-digit booklet', '1234567890'],
    ['full-width digits', '１２３４５６７８'],
  ])('accepts %s', (_label, input) => {
    expect(validateIdDocument('taiwan_permit', input, TODAY)).toMatchObject({
      ok: true,
      type: 'taiwan_permit',
    });
  });

  it.each([
    ['empty', '', 'taiwanPermit.empty'],
    ['9 digits', '123456789', 'taiwanPermit.length'],
    ['a letter', 'T1234567', 'taiwanPermit.characters'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validateIdDocument('taiwan_permit', input, TODAY)).toEqual({ ok: false, code });
  });
});

describe('validateIdDocument: foreign_permanent_residence', () => {
  const card2023 = permanentResidenceId('31', '840', '19850615', '001');

  it('accepts the 2023 card and reads the birth date and sex from it', () => {
    expect(validateIdDocument('foreign_permanent_residence', card2023, TODAY)).toEqual({
      ok: true,
      type: 'foreign_permanent_residence',
      value: card2023,
      birthDate: '1985-06-15',
      sex: 'male',
    });
  });

  it('accepts the older 15-character card', () => {
    expect(validateIdDocument('foreign_permanent_residence', 'usa310085061501', TODAY)).toMatchObject({
      ok: true,
      value: 'USA310085061501',
    });
  });

  it.each([
    ['empty', '', 'foreignPermanentResidence.empty'],
    ['wrong check character', `${card2023.slice(0, 17)}${card2023.endsWith('0') ? '1' : '0'}`, 'checksum'],
    ['not starting with 9', `8${card2023.slice(1)}`, 'format'],
    ['an unknown issuing province', permanentResidenceId('99', '840', '19850615'), 'region'],
    ['Hong Kong as issuing province', permanentResidenceId('81', '840', '19850615'), 'region'],
    ['31 February', permanentResidenceId('31', '840', '19850231'), 'birth_date_invalid'],
    ['a future birth date', permanentResidenceId('31', '840', '20250116'), 'birth_date_future'],
    ['a birth date before 1900', permanentResidenceId('31', '840', '18991231'), 'birth_date_too_early'],
    ['16 characters', card2023.slice(0, 16), 'length'],
    ['15 characters of the wrong shape', 'US1310085061501', 'format'],
    ['punctuation', 'USA-31008506150', 'characters'],
  ])('refuses %s', (_label, input, code) => {
    const expected = code.includes('.') ? code : `foreignPermanentResidence.${code}`;
    expect(validateIdDocument('foreign_permanent_residence', input, TODAY)).toEqual({
      ok: false,
      code: expected,
    });
  });
});

describe('documentCarriesBirthDate', () => {
  it('is true for numbers that encode the birth date', () => {
    expect(documentCarriesBirthDate('resident_id')).toBe(true);
    expect(documentCarriesBirthDate('foreign_permanent_residence', '9'.repeat(18))).toBe(true);
    expect(documentCarriesBirthDate('foreign_permanent_residence', 'USA310085061501')).toBe(false);
    expect(documentCarriesBirthDate('passport')).toBe(false);
    expect(documentCarriesBirthDate('hk_macao_permit')).toBe(false);
    expect(documentCarriesBirthDate('taiwan_permit')).toBe(false);
  });
});
