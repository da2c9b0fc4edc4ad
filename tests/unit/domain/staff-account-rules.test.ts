import { describe, expect, it } from 'vitest';
import {
  passwordLength,
  passwordProblem,
  StaffName,
  staffNameKey,
} from '../../../shared/domain/staff-account-rules.js';

describe('password rules', () => {
  it.each([
    ['powder-day-42', null],
    ['滑雪场冬天快乐', 'password.too_short'],
    ['滑雪场🎿冬天快乐', null],
    ['short1', 'password.too_short'],
    ['x'.repeat(129), 'password.too_long'],
    ['12345678', 'password.too_simple'],
    ['Password', 'password.too_simple'],
    ['abababababab', 'password.too_simple'],
    ['li na rocks 99', 'password.contains_name'],
  ] as const)('%s → %s', (password, problem) => {
    expect(passwordProblem(password, 'Li Na')).toBe(problem);
  });

  it('counts characters as a person does', () => {
    expect(passwordLength('密码密码')).toBe(4);
    expect(passwordLength('🎿🎿')).toBe(2);
    expect(passwordLength('e\u0301')).toBe(1);
  });
});

describe('staff names', () => {
  it('normalises spaces and compares without case or width', () => {
    expect(StaffName.parse('  Li   Na ')).toBe('Li Na');
    expect(staffNameKey('ＬＩ　ＮＡ')).toBe(staffNameKey('li na'));
  });

  it.each(['', '   ', 'x'.repeat(41), 'Robert"); DROP TABLE staff;--', 'name\u0000'])(
    'refuses %j',
    (name) => {
      expect(StaffName.safeParse(name).success).toBe(false);
    },
  );

  it('accepts Chinese names with a middle dot', () => {
    expect(StaffName.parse('阿依古丽·买买提')).toBe('阿依古丽·买买提');
  });
});
