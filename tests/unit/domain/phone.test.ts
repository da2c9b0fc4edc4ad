import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../../shared/domain/masking.js';
import { normalisePhoneInput, samePhone, validatePhone } from '../../../shared/domain/phone.js';

describe('validatePhone', () => {
  it.each([
    ['a bare mobile', '13800138000'],
    ['spaces', '138 0013 8000'],
    ['dashes', '138-0013-8000'],
    ['+86 and spaces', '+86 138 0013 8000'],
    ['0086', '0086 13800138000'],
    ['86 without +', '86 138 0013 8000'],
    ['full-width digits and ＋', '＋８６ １３８ ００１３ ８０００'],
    ['surrounding spaces and a line break', '  13800138000\n'],
    ['parentheses', '(+86) 138 0013 8000'],
  ])('accepts a Chinese mobile with %s', (_label, input) => {
    expect(validatePhone(input)).toEqual({
      ok: true,
      value: '+8613800138000',
      country: 'CN',
      kind: 'mobile',
    });
  });

  it('accepts Chinese landlines with the area code, with or without the trunk 0', () => {
    for (const input of ['010-8888 8888', '(010) 88888888', '+86 10 8888 8888', '+86 010 8888 8888']) {
      expect(validatePhone(input)).toEqual({
        ok: true,
        value: '+861088888888',
        country: 'CN',
        kind: 'fixed_line',
      });
    }
  });

  it('accepts foreign numbers in international form', () => {
    expect(validatePhone('+852 9123 4567')).toMatchObject({ ok: true, value: '+85291234567', country: 'HK' });
    expect(validatePhone('+7 912 345-67-89')).toMatchObject({
      ok: true,
      value: '+79123456789',
      kind: 'mobile',
    });
    expect(validatePhone('+82 10-1234-5678')).toMatchObject({
      ok: true,
      value: '+821012345678',
      country: 'KR',
    });
  });

  it.each([
    ['empty', '  ', 'empty'],
    ['letters', '138abc38000', 'characters'],
    ['an extension in Chinese', '13800138000转12', 'characters'],
    ['a + in the middle', '138+00138000', 'characters'],
    ['a mobile one digit short', '1380013800', 'too_short'],
    ['a mobile one digit long', '138001380001', 'too_long'],
    ['a bank short code', '95588', 'too_short'],
    ['a non-existent number', '12345678901', 'invalid'],
    ['an unknown country code', '+999 123 456', 'invalid_country'],
    ['a 400 service number', '400-812-3123', 'not_personal'],
    ['an 800 toll-free number', '800 810 8888', 'not_personal'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validatePhone(input)).toEqual({ ok: false, code });
  });

  it('normalises typed input before parsing', () => {
    expect(normalisePhoneInput('＋８６ １３８－００１３－８０００')).toBe('+8613800138000');
  });

  it('compares numbers by their E.164 form', () => {
    expect(samePhone('138 0013 8000', '+86 13800138000')).toBe(true);
    expect(samePhone('138 0013 8000', '138 0013 8001')).toBe(false);
    expect(samePhone('not a number', 'not a number')).toBe(false);
  });
});

describe('masking', () => {
  it('masks Chinese mobiles as the lists show them', () => {
    expect(maskPhone('+8613800138000')).toBe('138****8000');
  });

  it('masks landlines and foreign numbers, hiding at least half', () => {
    expect(maskPhone('+861088888888')).toBe('10****8888');
    expect(maskPhone('+85291234567')).toBe('+852 ****4567');
    expect(maskPhone('+12025550123')).toBe('+1 20****0123');
  });

  it('masks unparseable text digit by digit, never showing it whole', () => {
    expect(maskPhone('12')).toBe('*2');
    expect(maskPhone('')).toBe('');
  });

  it('masks ID numbers: first 3 and last 4 of 18', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('110105 19491231 002x')).toBe('110***********002X');
  });

  it('masks shorter document numbers more', () => {
    expect(maskIdNumber('E12345678')).toBe('E*****678');
    expect(maskIdNumber('H1234567890')).toBe('H*******890');
    expect(maskIdNumber('USA310085061501')).toBe('USA********1501');
    expect(maskIdNumber('12345')).toBe('***45');
    expect(maskIdNumber('')).toBe('');
  });
});
