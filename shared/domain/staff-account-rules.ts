import { z } from 'zod';

/**
 * Rules for staff names and passwords, shared so the UI can explain them before the core
 * refuses. Passwords: length over composition (NIST SP 800-63B), any script (CJK and emoji
 * work), a cap so a pasted novel cannot make Argon2 hash megabytes.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const STAFF_NAME_MAX = 40;

/** words of shared/ipc/problem-codes.ts, so the core puts them in a refusal as they are */
export type PasswordProblem =
  'password.too_short' | 'password.too_long' | 'password.contains_name' | 'password.too_simple';

const COMMON = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  'password',
  'password1',
  'qwertyui',
  'qwerty123',
  'abc12345',
  'iloveyou',
  'snowdesk',
  'snowdesk1',
  'welcome1',
  'admin123',
  'a1234567',
  '1qaz2wsx',
  'woaini1314',
  '5201314',
]);

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** As a person counts: "密码密码密码密码" is 8 characters long, and so is "🎿" × 8. */
export function passwordLength(password: string): number {
  return Array.from(graphemes.segment(password.normalize('NFC'))).length;
}

export function passwordProblem(password: string, staffName?: string): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return 'password.too_short';
  if (length > PASSWORD_MAX) return 'password.too_long';
  const lower = password.normalize('NFC').toLowerCase();
  if (staffName && staffName.trim().length >= 3 && lower.includes(staffName.trim().toLowerCase())) {
    return 'password.contains_name';
  }
  if (COMMON.has(lower) || new Set(lower).size <= 2) return 'password.too_simple';
  return null;
}

/** Case-insensitive, width-insensitive key so "Wang Li" and "wang li" are one account. */
export function staffNameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export const StaffName = z
  .string()
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'account.name_required')
      .max(STAFF_NAME_MAX, 'account.name_too_long')
      // letters of any script, digits, spaces, dots, middle dots, hyphens, underscores
      .regex(/^[\p{L}\p{M}\p{N} .·_-]+$/u, 'account.name_characters'),
  );

/** Transport bound only; the policy above decides what is acceptable. */
export const PasswordInput = z.string().min(1).max(1024);
