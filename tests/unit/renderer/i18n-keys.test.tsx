import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldLabelKey, FIELD_PATHS, SECTIONS } from '../../../renderer/src/records/draft-model.js';
import { choiceKey } from '../../../renderer/src/records/display.js';
import { initI18n } from '../../../renderer/src/i18n.js';
import { keyIn, type MessageKey } from '../../../renderer/src/i18n-types.js';

/**
 * Never called: `npm run typecheck` compiles it. If a misspelled key were accepted, the
 * `@ts-expect-error` lines would have no error to expect and the type check would fail.
 */
export function typosDoNotCompile(t: TFunction): string[] {
  const fine: MessageKey = 'records.intake.title';
  return [
    t(fine),
    t('records.queue.comments', { count: 2 }),
    // @ts-expect-error -- a misspelled key
    t('records.intake.titel'),
    // @ts-expect-error -- a key the catalogs lack
    t('records.nowhere'),
    // @ts-expect-error -- a group, not a message
    t('records.intake'),
  ];
}

describe('keys built from the domain’s data', () => {
  beforeAll(async () => {
    await initI18n();
  });

  it('name every field of the form, every section, and fall back where the catalog is silent', () => {
    for (const path of FIELD_PATHS) expect(fieldLabelKey(path), path).toBe(`records.field.${path}`);
    for (const section of SECTIONS)
      expect(keyIn('records.section', section.id, 'records.wholeRecord')).toBe(
        `records.section.${section.id}`,
      );
    expect(fieldLabelKey('no.such.field')).toBe('validation.input.not_a_field');
    expect(choiceKey('level', 'beginner')).toBe('records.choice.level.beginner');
    expect(choiceKey('level', 'wizard')).toBe('records.choice.empty');
  });

  it('ask a counted message by its base key', () => {
    expect(keyIn('records.queue', 'comments', 'records.none')).toBe('records.queue.comments');
    expect(i18next.exists('records.queue.comments_other')).toBe(true);
  });
});
