import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/ipc/errors.js';
import { catalogs, LANGUAGES } from '../../../shared/i18n/index.js';
import { validationEn } from '../../../shared/i18n/validation.en.js';
import { validationZhCN } from '../../../shared/i18n/validation.zh-CN.js';
import { allProblemCodes, ProblemCode } from '../../../shared/ipc/problem-codes.js';
import { fieldsFromZodError } from '../../../shared/ipc/validation-fields.js';
import { StaffName } from '../../../shared/domain/staff-account-rules.js';
import {
  describeRefusal,
  localRefusal,
  problemMessage,
  refusalMessage,
} from '../../../renderer/src/forms/refusal.js';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('one vocabulary of problems', () => {
  it('spells every code group.code', () => {
    for (const code of allProblemCodes()) {
      expect(code).toMatch(/^[a-zA-Z]+\.[a-z0-9_]+$/);
      // the catalogs key messages by code, and i18next reads key_other as a plural
      expect(code).not.toMatch(/_(zero|one|two|few|many|other)$/);
    }
  });

  it('turns a schema’s own word into a problem, and zod’s words into input.invalid', () => {
    const named = StaffName.safeParse('Li <Na>');
    expect(named.success || fieldsFromZodError(named.error)).toEqual({ _: 'account.name_characters' });
    const typed = ProblemCode.safeParse('too_short');
    expect(typed.success).toBe(false);
    const wrongType = StaffName.safeParse(42);
    expect(wrongType.success || fieldsFromZodError(wrongType.error)).toEqual({ _: 'input.invalid' });
  });

  it.each([
    ['zh-CN', validationZhCN],
    ['en', validationEn],
  ])('%s has a message for every problem', (_language, catalog) => {
    for (const code of allProblemCodes()) expect(lookup(catalog, code), code).toEqual(expect.any(String));
  });
});

describe('refusals next to fields', () => {
  it('puts each field problem at the form field that shows it, with one summary', () => {
    const refusal = describeRefusal(
      { code: 'invalid_input', message: 'x', fields: { next: 'password.contains_name' } },
      { current: 'current', next: 'next' },
    );
    expect(refusal.fields).toEqual({ next: { key: 'validation.password.contains_name' } });
    expect(refusal.summary).toEqual({ key: 'errors.checkFields' });
  });

  it('maps the core’s paths to the form’s names (the confirmation groups)', () => {
    const refusal = describeRefusal(
      { code: 'invalid_input', message: 'x', fields: { '3': 'recoveryKey.mismatch' } },
      {
        '3': 'g3',
        'groups.3': 'g3',
      },
    );
    expect(refusal.fields).toEqual({ g3: { key: 'validation.recoveryKey.mismatch' } });
  });

  it('never swallows a problem the form has no field for', () => {
    const refusal = describeRefusal({ code: 'conflict', message: 'x', fields: { id: 'account.self' } }, {});
    expect(refusal.fields).toEqual({});
    expect(refusal.summary).toEqual({ key: 'validation.account.self' });
  });

  it('says an error without fields in its own words, or the form’s', () => {
    const wrong = { code: 'wrong_credentials' as const, message: 'x' };
    expect(describeRefusal(wrong, {}).summary).toEqual({ key: 'errors.wrong_credentials' });
    expect(
      describeRefusal(wrong, {}, { wrong_credentials: { key: 'errors.wrongPassword' } }).summary,
    ).toEqual({
      key: 'errors.wrongPassword',
    });
  });

  it('says a refusal in one message: its first problem, else its code', () => {
    expect(refusalMessage({ code: 'conflict', message: 'x', fields: { _: 'workflow.forbidden' } })).toEqual({
      key: 'validation.workflow.forbidden',
    });
    expect(refusalMessage({ code: 'locked', message: 'x' })).toEqual({ key: 'errors.locked' });
  });

  it('keeps when a lockout ends', () => {
    const refusal = describeRefusal({ code: 'account_locked_out', message: 'x', retryAt: 1234 }, {});
    expect(refusal).toMatchObject({ retryAt: 1234, summary: { key: 'errors.account_locked_out' } });
  });

  it('gives limits to the messages that state them, and a plain message for unknown codes', () => {
    expect(problemMessage('password.too_short')).toEqual({
      key: 'validation.password.too_short',
      values: { min: 8 },
    });
    expect(problemMessage('account.name_too_long')).toEqual({
      key: 'validation.account.name_too_long',
      values: { max: 40 },
    });
    expect(problemMessage({ code: 'text.too_long', params: { max: 200, length: 201 } })).toEqual({
      key: 'validation.text.too_long',
      values: { max: 200, length: 201 },
    });
    expect(problemMessage('Too small: expected string' as ProblemCode)).toEqual({
      key: 'validation.input.invalid',
    });
  });

  it('refuses locally only when something is wrong', () => {
    expect(localRefusal({})).toBeNull();
    expect(localRefusal({ name: problemMessage('account.required') })?.summary).toEqual({
      key: 'errors.checkFields',
    });
  });

  it.each(LANGUAGES)('%s has a message for every error code', (language) => {
    for (const code of ERROR_CODES)
      expect(lookup(catalogs[language], `errors.${code}`), code).toEqual(expect.any(String));
  });
});
