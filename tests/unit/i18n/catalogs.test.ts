import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES } from '../../../shared/i18n/index.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

describe('message catalogs', () => {
  const zh = new Map(leaves(catalogs['zh-CN']));

  it.each(LANGUAGES)('%s has exactly the zh-CN keys, none empty', (language) => {
    const messages = new Map(leaves(catalogs[language]));
    expect([...messages.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, text] of messages) expect(text.trim(), key).not.toBe('');
  });

  it('zh-CN is written in Chinese, not left in English', () => {
    const english = [...zh].filter(
      ([key, text]) => !/[\u4e00-\u9fff]/.test(text) && !key.startsWith('language.'),
    );
    expect(english).toEqual([]);
  });
});
