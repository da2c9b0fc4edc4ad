import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../electron/core/csv.js';

describe('the one CSV writer', () => {
  it.each(['=1+1', '+1+cmd|" /C calc"!A0', '-1+1', '@SUM(A1)', '\t=1', '\r=1', '+8613800138000'])(
    'makes %j text a spreadsheet does not run',
    (risky) => {
      expect(csvCell(risky).replace(/^"/u, '')).toMatch(/^'/u);
    },
  );

  it('quotes per RFC 4180 and leaves plain text, numbers and empty cells as they are', () => {
    expect(csvCell('Alice Li')).toBe('Alice Li');
    expect(csvCell('Li, "Al"')).toBe('"Li, ""Al"""');
    expect(csvCell('两\n行')).toBe('"两\n行"');
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvLine(['a', 42, null, -3])).toBe('a,42,,-3');
  });
});
