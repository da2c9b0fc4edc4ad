import { describe, expect, it } from 'vitest';
import {
  NOTES_MAX_LENGTH,
  normaliseName,
  normaliseNotes,
  normaliseSingleLine,
  textLength,
  validateName,
  validateNotes,
  validateSingleLine,
} from '../../../shared/domain/text-normalisation.js';

describe('normaliseSingleLine', () => {
  it('trims and collapses pasted line breaks, tabs and full-width spaces into one space', () => {
    expect(normaliseSingleLine('  北京市朝阳区\r\n   建国路88号\t1单元  ')).toBe(
      '北京市朝阳区 建国路88号 1单元',
    );
    expect(normaliseSingleLine('\u3000上海市\u00a0\u00a0黄浦区\u2028南京东路\u3000')).toBe(
      '上海市 黄浦区 南京东路',
    );
  });

  it('applies NFC so the same text is the same string', () => {
    expect(normaliseSingleLine('Jose\u0301')).toBe('José');
  });

  it('removes invisible characters that only come with pasting', () => {
    expect(normaliseSingleLine('\uFEFF张\u200B三')).toBe('张三');
  });
});

describe('validateSingleLine', () => {
  it('accepts SQL-like and markup-like text as plain text, unchanged', () => {
    const text = "Robert'); DROP TABLE guests;-- <script>alert(1)</script>";
    expect(validateSingleLine(text, 200)).toEqual({ ok: true, value: text });
  });

  it('refuses control characters and bidi overrides', () => {
    expect(validateSingleLine('建国路\u000088号', 200)).toEqual({ ok: false, code: 'control_characters' });
    expect(validateSingleLine('建国路\u202E88号', 200)).toEqual({ ok: false, code: 'control_characters' });
  });

  it('refuses text over the limit, with the numbers for the message', () => {
    expect(validateSingleLine('a'.repeat(11), 10)).toEqual({
      ok: false,
      code: 'too_long',
      max: 10,
      length: 11,
    });
  });
});

describe('names', () => {
  it.each([
    ['a Chinese name', '张三', '张三'],
    ['a transliterated name with the middle dot', '买买提·艾力', '买买提·艾力'],
    ['a bullet •', '买买提•艾力', '买买提·艾力'],
    ['a katakana middle dot ・', '买买提・艾力', '买买提·艾力'],
    ['a half-width katakana middle dot ･', '买买提･艾力', '买买提·艾力'],
    ['a hyphenation point ‧', '买买提‧艾力', '买买提·艾力'],
    ['a full-width full stop ．', '买买提．艾力', '买买提·艾力'],
    ['a dot operator ⋅', '买买提⋅艾力', '买买提·艾力'],
    ['an ASCII full stop between Chinese characters', '买买提.艾力', '买买提·艾力'],
    ['a Chinese full stop between Chinese characters', '买买提。艾力', '买买提·艾力'],
    ['spaces around the dot', '买买提 · 艾力', '买买提·艾力'],
    ['Greek ano teleia (NFC makes it ·)', '买买提\u0387艾力', '买买提·艾力'],
    ['a Latin name', 'John Smith', 'John Smith'],
    ['an apostrophe', "Siobhán O'Brien", "Siobhán O'Brien"],
    ['a hyphen and a typographic apostrophe', 'Jean-Luc D’Arcy', 'Jean-Luc D’Arcy'],
    ['an initial', 'John Q. Public', 'John Q. Public'],
    ['full-width Latin letters', 'Ｊｏｈｎ\u3000Ｓｍｉｔｈ', 'John Smith'],
    ['Cyrillic', 'Анна Иванова', 'Анна Иванова'],
    ['a name pasted with a line break and leading spaces', '   Anna\r\n  Karenina ', 'Anna Karenina'],
    ['a CJK Extension B character', '𠀋三', '𠀋三'],
    ['Korean', '김민준', '김민준'],
  ])('accepts %s', (_label, input, value) => {
    expect(validateName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['blank', '   ', 'empty'],
    ['an emoji', '张三😀', 'emoji'],
    ['a flag', '张三🇨🇳', 'emoji'],
    ['a ZWJ emoji sequence', '张三👨‍👩‍👧', 'emoji'],
    ['a heart with variation selector', '张三❤️', 'emoji'],
    ['a NUL', '张\u0000三', 'control_characters'],
    ['an escape', 'Anna\u001b[31m', 'control_characters'],
    ['a right-to-left override', 'Anna\u202EanivaK', 'control_characters'],
    ['a zero-width joiner', '张\u200D三', 'control_characters'],
    ['digits', '张三1', 'characters'],
    ['SQL-like text', "Robert'); DROP TABLE guests;--", 'characters'],
    ['a leading dot', '·艾力', 'middle_dot'],
    ['a trailing dot', '买买提·', 'middle_dot'],
    ['two dots', '买买提··艾力', 'middle_dot'],
  ] as const)('refuses %s', (_label, input, code) => {
    expect(validateName(input)).toMatchObject({ ok: false, code });
  });

  it('refuses names over 100 characters', () => {
    expect(validateName('a'.repeat(100)).ok).toBe(true);
    expect(validateName('a'.repeat(101))).toEqual({ ok: false, code: 'too_long', max: 100, length: 101 });
  });

  it('does not turn a full stop between Latin letters into a middle dot', () => {
    expect(normaliseName('J.R.R. Tolkien')).toBe('J.R.R. Tolkien');
  });
});

describe('notes', () => {
  it('keeps line breaks, trims trailing spaces, normalises CRLF', () => {
    expect(normaliseNotes('\n\n第一行   \r\n  第二行缩进\t\r\n\r\n第三行  \n\n')).toBe(
      '第一行\n  第二行缩进\n\n第三行',
    );
  });

  it('accepts exactly 5,000 characters and refuses 5,001', () => {
    expect(validateNotes('雪'.repeat(NOTES_MAX_LENGTH))).toEqual({ ok: true, value: '雪'.repeat(5000) });
    expect(validateNotes('雪'.repeat(NOTES_MAX_LENGTH + 1))).toEqual({
      ok: false,
      code: 'too_long',
      max: 5000,
      length: 5001,
    });
  });

  it('counts characters, not UTF-16 units, and counts after trimming', () => {
    expect(validateNotes('𠀋'.repeat(5000)).ok).toBe(true);
    expect(validateNotes(`${'a'.repeat(5000)}    \n\n`).ok).toBe(true);
    expect(textLength('𠀋a')).toBe(2);
  });

  it('accepts SQL-like text, emoji and tabs as plain text', () => {
    const text = "'; DELETE FROM guests WHERE '1'='1\n喜欢单板 🏂\t需要头盔";
    expect(validateNotes(text)).toEqual({ ok: true, value: text });
  });

  it('refuses control characters other than tab and line feed', () => {
    expect(validateNotes('备注\u0007')).toEqual({ ok: false, code: 'control_characters' });
    expect(validateNotes('备注\u2067隐藏')).toEqual({ ok: false, code: 'control_characters' });
  });
});
