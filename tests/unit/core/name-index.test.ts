import { describe, expect, it } from 'vitest';
import { foldName, NameIndex } from '../../../electron/core/records/name-index.js';
import { usesPracticeStore } from '../../../shared/domain/practice-mode.js';
import { REVIEW_FIELD_PATHS } from '../../../shared/ipc/record-schemas.js';

function built(entries: [string, string[]][]): NameIndex {
  const index = new NameIndex();
  index.ensureBuilt(() => entries);
  return index;
}

describe('the in-memory name index', () => {
  const index = built([
    ['r1', ['张伟']],
    ['r2', ['单田芳']],
    ['r3', ['Anna Müller']],
    ['r4', ['买买提·艾力']],
    ['r5', ['张伟明', '张卫明']],
  ]);
  const ids = (q: string) => index.search(q, 50).map((m) => m.recordId);

  it('matches substrings of the name, its pinyin and its initials, best matches first', () => {
    expect(ids('张伟')).toEqual(['r1', 'r5']);
    expect(ids('zw')).toEqual(['r1', 'r5']);
    expect(ids('zwm')).toEqual(['r5']);
    expect(ids('Zhang Wei')).toEqual(['r1', 'r5']);
    expect(ids('weiming')).toEqual(['r5']);
    // the surname reading: 单 is Shan as a surname
    expect(ids('shantianfang')).toEqual(['r2']);
    expect(ids('stf')).toEqual(['r2']);
  });

  it('ignores case, width, accents, spaces and middle dots', () => {
    expect(ids('muller')).toEqual(['r3']);
    expect(ids('ＡＮＮＡ')).toEqual(['r3']);
    expect(ids('买买提艾力')).toEqual(['r4']);
    expect(foldName(' Anna·Müller ')).toBe('annamuller');
  });

  it('answers nothing for an empty query, follows updates, and forgets everything when dropped', () => {
    expect(ids(' · ')).toEqual([]);
    index.update('r1', ['李娜']);
    expect(ids('ln')).toEqual(['r1']);
    index.remove('r1');
    expect(ids('ln')).toEqual([]);
    index.drop();
    expect(index.built).toBe(false);
    expect(() => index.search('x', 1)).toThrow(/not built/);
    // updates while not built are ignored: the next build reads the store
    index.update('r9', ['王芳']);
    expect(index.built).toBe(false);
  });
});

describe('practice routing (R6)', () => {
  it('sends uncertified staff of a role that touches guests to the practice store and nobody else', () => {
    expect(usesPracticeStore({ role: 'specialist', certified: false })).toBe(true);
    expect(usesPracticeStore({ role: 'lead', certified: false })).toBe(true);
    expect(usesPracticeStore({ role: 'manager', certified: false })).toBe(true);
    expect(usesPracticeStore({ role: 'specialist', certified: true })).toBe(false);
    // certification opens guest data for the supervisor too (issue 12)
    expect(usesPracticeStore({ role: 'supervisor', certified: false })).toBe(true);
    expect(usesPracticeStore({ role: 'supervisor', certified: true })).toBe(false);
    expect(usesPracticeStore({ role: 'maintainer', certified: false })).toBe(false);
  });
});

describe('review comment paths', () => {
  it('are the guest record’s fields and sections, and "_" for the whole record', () => {
    expect(REVIEW_FIELD_PATHS).toEqual(
      expect.arrayContaining([
        '_',
        'name',
        'contact',
        'contact.phone',
        'ski.rental.heightCm',
        'guardian.consent.given',
      ]),
    );
    expect(REVIEW_FIELD_PATHS).not.toContain('contact.phone.13800138000');
  });
});
