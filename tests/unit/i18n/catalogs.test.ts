import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES, type Language } from '../../../shared/i18n/index.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

/**
 * The plural forms each language has (CLDR, as i18next asks Intl.PluralRules): zh-CN says
 * "{{count}} 条" one way (`key_other`), English needs `key_one` and `key_other`.
 */
function pluralForms(language: Language): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Keys with their plural suffix taken off, each once: what the code asks `t()` for. */
function messageKeys(language: Language): string[] {
  return [...new Set(leaves(catalogs[language]).map(([key]) => key.replace(PLURAL, '')))].sort();
}

describe('message catalogs', () => {
  const zh = new Map(leaves(catalogs['zh-CN']));

  it.each(LANGUAGES)('%s has exactly the zh-CN keys, none empty', (language) => {
    expect(messageKeys(language)).toEqual(messageKeys('zh-CN'));
    for (const [key, text] of leaves(catalogs[language])) expect(text.trim(), key).not.toBe('');
  });

  it.each(LANGUAGES)('%s has every plural form its language has for each counted message', (language) => {
    const keys = leaves(catalogs[language]).map(([key]) => key);
    const plurals = new Set(keys.filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, '')));
    expect(plurals.size).toBeGreaterThan(0);
    for (const base of plurals) {
      const forms = keys.filter((key) => key.replace(PLURAL, '') === base && PLURAL.test(key));
      expect(forms.map((key) => PLURAL.exec(key)?.[1]).sort(), base).toEqual(pluralForms(language).sort());
    }
  });

  it('zh-CN is written in Chinese, not left in English', () => {
    const english = [...zh].filter(
      ([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !key.startsWith('language.'),
    );
    expect(english).toEqual([]);
  });
});

describe('plurals read right', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { 'zh-CN': { translation: catalogs['zh-CN'] }, en: { translation: catalogs.en } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
  });

  it.each([
    ['records.queue.comments', 1, '1 review comment'],
    ['records.queue.comments', 2, '2 review comments'],
    ['records.queue.contactAttempts', 1, 'Contacted 1 time'],
    ['records.queue.contactAttempts', 2, 'Contacted 2 times'],
  ])('en %s at %d: %s', (key, count, text) => {
    expect(i18n.t(key, { count, lng: 'en' })).toBe(text);
  });

  it('zh-CN has one form for every count', () => {
    expect(i18n.t('records.queue.comments', { count: 1, lng: 'zh-CN' })).toBe('1 条审核意见');
    expect(i18n.t('records.queue.comments', { count: 2, lng: 'zh-CN' })).toBe('2 条审核意见');
  });
});
