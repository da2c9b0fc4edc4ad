import { describe, expect, it } from 'vitest';
import { gb11643CheckChar } from '../../../shared/domain/resident-id.js';
import { searchQueryProblem } from '../../../shared/domain/search-query.js';

const TODAY = '2026-11-23';
const body = '11010519850312123';
const good = body + gb11643CheckChar(body);
const wrongCheck = body + (gb11643CheckChar(body) === '0' ? '1' : '0');

describe('what an exact lookup is asked with', () => {
  it('accepts a resident ID with its check character, spaced or lower-case x alike', () => {
    expect(searchQueryProblem({ idNumber: good }, TODAY)).toBeNull();
    expect(searchQueryProblem({ idNumber: `${good.slice(0, 6)} ${good.slice(6)}` }, TODAY)).toBeNull();
  });

  it('says a resident ID’s check character is wrong instead of finding nobody', () => {
    expect(searchQueryProblem({ idNumber: wrongCheck }, TODAY)).toEqual({
      field: 'idNumber',
      code: 'residentId.checksum',
    });
  });

  it('takes other documents’ numbers as they are, but never punctuation or CJK', () => {
    expect(searchQueryProblem({ idNumber: 'E12345678' }, TODAY)).toBeNull();
    expect(searchQueryProblem({ idNumber: 'H1234567890' }, TODAY)).toBeNull();
    expect(searchQueryProblem({ idNumber: '张伟' }, TODAY)).toEqual({
      field: 'idNumber',
      code: 'search.id_number_characters',
    });
    expect(searchQueryProblem({ idNumber: "1' OR 1=1" }, TODAY)?.code).toBe('search.id_number_characters');
  });

  it('says what is wrong with a phone number', () => {
    expect(searchQueryProblem({ phone: '138 0013 8000' }, TODAY)).toBeNull();
    expect(searchQueryProblem({ phone: '138001' }, TODAY)).toEqual({
      field: 'phone',
      code: 'phone.too_short',
    });
    expect(searchQueryProblem({ phone: 'abc' }, TODAY)).toEqual({ field: 'phone', code: 'phone.characters' });
  });
});
