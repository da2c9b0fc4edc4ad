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

describe('the name index built in slices (the core thread keeps answering)', () => {
  // a slow source: each name costs a little CPU, so a build spans many slices
  function* slowNames(count: number): Generator<readonly [string, string[]]> {
    for (let i = 0; i < count; i++) {
      const until = performance.now() + 0.05;
      while (performance.now() < until);
      yield [`r${String(i)}`, [i === 0 ? '张伟' : `李${String(i)}`]];
    }
  }

  it('lets other work run between slices and keeps changes made meanwhile', async () => {
    const index = new NameIndex();
    let turns = 0;
    const other = setInterval(() => {
      turns++;
      index.update('new', ['张伟新']);
      index.remove('r0');
    }, 0);
    await index.buildInSlices(() => slowNames(2_000), 2);
    clearInterval(other);
    expect(turns).toBeGreaterThan(0);
    expect(index.built).toBe(true);
    expect(index.search('张伟', 10).map((m) => m.recordId)).toEqual(['new']);
    expect(index.search('李1999', 10).map((m) => m.recordId)).toEqual(['r1999']);
  });

  it('throws a build away when the names are dropped (lock) meanwhile', async () => {
    const index = new NameIndex();
    const building = index.buildInSlices(() => slowNames(2_000), 1);
    setImmediate(() => {
      index.drop();
    });
    await building;
    expect(index.built).toBe(false);
    expect(index.underConstruction).toBe(false);
  });
});
