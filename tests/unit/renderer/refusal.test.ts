import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/ipc/errors.js';
import { catalogs, LANGUAGES } from '../../../shared/i18n/index.js';
import {
  describeRefusal,
  localRefusal,
  PROBLEM_CODES,
  problemMessage,
} from '../../../renderer/src/forms/refusal.js';

function lookup(tree: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe('refusals next to fields', () => {
  it('puts each field problem at the form field that shows it, with one summary', () => {
    const refusal = describeRefusal(
      { code: 'invalid_input', message: 'x', fields: { next: 'contains_name' } },
      { current: 'current', next: 'next' },
    );
    expect(refusal.fields).toEqual({ next: { key: 'problems.contains_name' } });
    expect(refusal.summary).toEqual({ key: 'errors.checkFields' });
  });

  it('maps the core’s paths to the form’s names (the confirmation groups)', () => {
    const refusal = describeRefusal(
      { code: 'invalid_input', message: 'x', fields: { '3': 'mismatch' } },
      {
        '3': 'g3',
        'groups.3': 'g3',
      },
    );
    expect(refusal.fields).toEqual({ g3: { key: 'problems.mismatch' } });
  });

  it('never swallows a problem the form has no field for', () => {
    const refusal = describeRefusal({ code: 'conflict', message: 'x', fields: { id: 'self' } }, {});
    expect(refusal.fields).toEqual({});
    expect(refusal.summary).toEqual({ key: 'problems.self' });
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

  it('keeps when a lockout ends', () => {
    const refusal = describeRefusal({ code: 'account_locked_out', message: 'x', retryAt: 1234 }, {});
    expect(refusal).toMatchObject({ retryAt: 1234, summary: { key: 'errors.account_locked_out' } });
  });

  it('gives limits to the messages that state them, and a plain message for unknown codes', () => {
    expect(problemMessage('too_short')).toEqual({ key: 'problems.too_short', values: { min: 8 } });
    expect(problemMessage('name_too_long')).toEqual({ key: 'problems.name_too_long', values: { max: 40 } });
    expect(problemMessage('Too small: expected string')).toEqual({ key: 'problems.unknown' });
  });

  it('refuses locally only when something is wrong', () => {
    expect(localRefusal({})).toBeNull();
    expect(localRefusal({ name: { key: 'problems.required' } })?.summary).toEqual({
      key: 'errors.checkFields',
    });
  });

  it.each(LANGUAGES)('%s has a message for every error code and problem code', (language) => {
    for (const code of ERROR_CODES)
      expect(lookup(catalogs[language], `errors.${code}`), code).toEqual(expect.any(String));
    for (const code of [...PROBLEM_CODES, 'unknown']) {
      expect(lookup(catalogs[language], `problems.${code}`), code).toEqual(expect.any(String));
    }
  });
});
