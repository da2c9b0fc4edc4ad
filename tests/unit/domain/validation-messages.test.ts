import { describe, expect, it } from 'vitest';
import { allProblemCodes, PROBLEM_GROUPS } from '../../../shared/ipc/problem-codes.js';
import { validationEn } from '../../../shared/i18n/validation.en.js';
import { validationZhCN } from '../../../shared/i18n/validation.zh-CN.js';

type Catalog = Readonly<Record<string, Readonly<Record<string, string>>>>;

function message(catalog: Catalog, code: string): string | undefined {
  const [group, key] = code.split('.');
  return group === undefined || key === undefined ? undefined : catalog[group]?.[key];
}

function keys(catalog: Catalog): string[] {
  return Object.entries(catalog).flatMap(([group, messages]) =>
    Object.keys(messages).map((k) => `${group}.${k}`),
  );
}

const interpolations = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]).sort();

describe('validation message catalogs', () => {
  const codes = allProblemCodes();

  it('have exactly one message per code, in both languages', () => {
    expect(keys(validationZhCN).sort()).toEqual([...codes].sort());
    expect(keys(validationEn).sort()).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(validationZhCN)).toEqual(Object.keys(PROBLEM_GROUPS));
  });

  it('are never empty, and zh-CN is Chinese', () => {
    for (const code of codes) {
      expect(message(validationZhCN, code)?.trim(), code).toBeTruthy();
      expect(message(validationEn, code)?.trim(), code).toBeTruthy();
      expect(message(validationZhCN, code), code).toMatch(/\p{Script=Han}/u);
    }
  });

  it('use the same interpolations in both languages', () => {
    for (const code of codes) {
      expect(interpolations(message(validationEn, code) ?? ''), code).toEqual(
        interpolations(message(validationZhCN, code) ?? ''),
      );
    }
  });

  it('say what the brief asks for the ID checksum', () => {
    expect(validationZhCN.residentId.checksum).toContain('身份证号码校验位不正确，请核对最后一位');
  });
});
