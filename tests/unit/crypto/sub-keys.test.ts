import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { SUB_KEY_CONTEXT, SubKeyId, deriveSubKey } from '../../../electron/core/crypto/sub-keys.js';

beforeAll(async () => {
  await loadSodium();
});

describe('sub-keys', () => {
  it('keeps the ids that data at rest depends on', () => {
    // Changing any of these makes stored payloads unreadable or indexes miss: never edit
    // this expectation, add a new id instead.
    const byNumber = Object.entries(SubKeyId).sort(([, a], [, b]) => a - b);
    expect(byNumber).toEqual([
      ['recordPayload', 1],
      ['blindIndexIdNumber', 2],
      ['blindIndexPhone', 3],
      ['draft', 4],
      ['keyWrapping', 5],
      ['practiceRecordPayload', 6],
      ['practiceBlindIndexIdNumber', 7],
      ['practiceBlindIndexPhone', 8],
      ['complaintNote', 9],
      ['suggestionNote', 10],
    ]);
    expect(Buffer.byteLength(SUB_KEY_CONTEXT)).toBe(8);
  });

  it('derives the same sub-key as before from a fixed DK (known answer)', () => {
    const dk = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const hex = (id: SubKeyId): string => Buffer.from(deriveSubKey(dk, id)).toString('hex');
    expect(hex(SubKeyId.recordPayload)).toBe(
      '507d18cf0078c39177818b02b92892b7008eba76b35959f63ed8ae9c8da53643',
    );
    expect(hex(SubKeyId.blindIndexPhone)).toBe(
      '45c35f714b7b487e8c06b30b220e3054799a42bbbfb7db15294d4e2c125d670d',
    );
  });

  it('gives a different key for every id, and 32 bytes each', () => {
    const dk = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const keys = Object.values(SubKeyId).map((id) => Buffer.from(deriveSubKey(dk, id)).toString('hex'));
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toHaveLength(64);
  });
});
