import { describe, expect, it } from 'vitest';
import { gb11643CheckChar } from '../../../shared/domain/resident-id.js';
import {
  commentablePaths,
  commentsByPath,
  type FieldProblem,
  FIELD_PATHS,
  formatDuration,
  isoWithChinaOffset,
  knownAge,
  problemsOf,
  problemsToShow,
  requirementOf,
  showsGuardian,
  valueAt,
  withValue,
} from '../../../renderer/src/records/draft-model.js';
import { REVIEW_FIELD_PATHS } from '../../../shared/ipc/record-schemas.js';
import { GuestDraft } from '../../../shared/domain/guest-record.js';

const TODAY = '2026-11-23';

function residentId(birth: string): string {
  const body = `110105${birth}031`;
  return body + gb11643CheckChar(body);
}

describe('draft paths', () => {
  it('sets a nested leaf without touching the original', () => {
    const before = { name: '张伟' };
    const after = withValue(before, 'ski.rental.heightCm', '175');
    expect(after).toEqual({ name: '张伟', ski: { rental: { heightCm: '175' } } });
    expect(before).toEqual({ name: '张伟' });
    expect(valueAt(after, 'ski.rental.heightCm')).toBe('175');
    expect(valueAt(after, 'ski.level')).toBeUndefined();
    expect(valueAt(null, 'name')).toBeUndefined();
  });

  it('removes a cleared leaf and the sections it leaves empty (strict schemas refuse placeholders)', () => {
    const draft = withValue({ name: 'A' }, 'emergencyContact.relation', 'spouse');
    expect(withValue(draft, 'emergencyContact.relation', undefined)).toEqual({ name: 'A' });
    expect(GuestDraft.safeParse(withValue(draft, 'emergencyContact.relation', undefined)).success).toBe(true);
  });

  it('keeps what was typed exactly, spaces, line breaks and emoji included', () => {
    const typed = '  第一行\n第二行 ⛷ ';
    expect(valueAt(withValue({}, 'notes', typed), 'notes')).toBe(typed);
  });

  it('lays out only paths a review comment may point at', () => {
    for (const path of FIELD_PATHS) expect(REVIEW_FIELD_PATHS).toContain(path);
    expect(commentablePaths({ name: 'A' })).toEqual(['_', 'name']);
  });
});

describe('what the form asks for', () => {
  it('marks required and recommended fields; the birth date only when the document lacks it', () => {
    const resident = { idDocument: { type: 'resident_id' as const, number: residentId('19850312') } };
    expect(requirementOf('name', resident, TODAY)).toBe('required');
    expect(requirementOf('emergencyContact.phone', resident, TODAY)).toBe('recommended');
    expect(requirementOf('ski.rental.heightCm', resident, TODAY)).toBe('recommended');
    expect(requirementOf('vip', resident, TODAY)).toBe('optional');
    expect(requirementOf('birthDate', resident, TODAY)).toBe('optional');
    expect(requirementOf('birthDate', { idDocument: { type: 'passport', number: 'E12345678' } }, TODAY)).toBe(
      'required',
    );
  });

  it('shows the guardian when the age says under 14, from the ID number or a typed birth date', () => {
    const child = { idDocument: { type: 'resident_id' as const, number: residentId('20160501') } };
    expect(knownAge(child, TODAY)).toBe(10);
    expect(showsGuardian(child, TODAY)).toBe(true);
    expect(requirementOf('guardian.consent.given', child, TODAY)).toBe('required');
    expect(showsGuardian({ birthDate: '2012年11月23日' }, TODAY)).toBe(false); // 14 today
    expect(showsGuardian({ birthDate: '2012/11/24' }, TODAY)).toBe(true);
    expect(showsGuardian({ birthDate: '2099-01-01' }, TODAY)).toBe(false);
    expect(showsGuardian({ guardian: { name: '张伟' } }, TODAY)).toBe(true);
  });
});

describe('problems beside the fields', () => {
  it('finds a wrong checksum and a phone slip by path, with the catalog codes', () => {
    const problems = problemsOf(
      {
        idDocument: { type: 'resident_id', number: '110105198503121230' },
        contact: { phone: '138 0013 800' },
      },
      TODAY,
    );
    expect(problems['idDocument.number']).toEqual({ code: 'residentId.checksum' });
    expect(problems['contact.phone']).toEqual({ code: 'phone.too_short' });
    expect(problems.name).toEqual({ code: 'common.required' });
  });

  it('while typing: wrong values of touched fields only; "required" once asked for', () => {
    const all: Record<string, FieldProblem> = {
      name: { code: 'common.required' },
      'contact.phone': { code: 'phone.too_short' },
      homeAddress: { code: 'text.too_long', params: { max: 200, length: 201 } },
    };
    const touched = new Set(['name', 'contact.phone']);
    expect(Object.keys(problemsToShow(all, touched, false))).toEqual(['contact.phone']);
    expect(Object.keys(problemsToShow(all, touched, true))).toEqual(['name', 'contact.phone', 'homeAddress']);
  });

  it('groups review comments by field', () => {
    expect(
      commentsByPath([
        { path: 'contact.phone', text: 'a' },
        { path: '_', text: 'b' },
        { path: 'contact.phone', text: 'c' },
      ]),
    ).toEqual({ 'contact.phone': ['a', 'c'], _: ['b'] });
  });
});

describe('times', () => {
  it('counts down in minutes and seconds, hours when long, overdue by the same measure', () => {
    expect(formatDuration(15 * 60_000)).toBe('15:00');
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(2 * 3_600_000)).toBe('2:00:00');
    expect(formatDuration(-(3 * 60_000 + 5_000))).toBe('3:05');
  });

  it('records consent times in China time with the offset the core accepts', () => {
    const at = isoWithChinaOffset(Date.UTC(2026, 10, 23, 17, 30, 5));
    expect(at).toBe('2026-11-24T01:30:05+08:00');
    expect(Date.parse(at)).toBe(Date.UTC(2026, 10, 23, 17, 30, 5));
  });
});
