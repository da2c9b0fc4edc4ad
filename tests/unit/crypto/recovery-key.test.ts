import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCrockford, encodeCrockford } from '../../../electron/core/crypto/crockford-base32.js';
import {
  generateDataKey,
  unwrapDataKeyForAccount,
  unwrapDataKeyWithRecoveryKey,
  wrapDataKeyForAccount,
  wrapDataKeyForRecovery,
} from '../../../electron/core/crypto/data-key.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { KeyUnwrapError } from '../../../electron/core/crypto/key-wrapping.js';
import {
  RECOVERY_KEY_LENGTH,
  RecoveryKeyFormatError,
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
} from '../../../electron/core/crypto/recovery-key.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { CHEAP_ARGON2 } from './cheap-params.js';

beforeAll(async () => {
  await loadSodium();
});

const SHOWN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$/;

function problemOf(text: string): string {
  try {
    parseRecoveryKey(text);
  } catch (error) {
    if (error instanceof RecoveryKeyFormatError) return error.problem;
    throw error;
  }
  return 'none';
}

/** a different valid Crockford character at position `at` of the shown text */
function mistype(shown: string, at: number): string {
  const c = shown.charAt(at);
  const other = c === 'A' ? 'B' : 'A';
  return shown.slice(0, at) + other + shown.slice(at + 1);
}

describe('recovery key format', () => {
  it('shows 56 Crockford characters in 14 groups of 4 and parses back', () => {
    const key = generateRecoveryKey();
    const shown = formatRecoveryKey(key);
    expect(shown).toMatch(SHOWN);
    expect(shown.replaceAll('-', '')).toHaveLength(RECOVERY_KEY_LENGTH);
    expect(Buffer.from(parseRecoveryKey(shown)).equals(key)).toBe(true);
  });

  it('parses what people type: lower case, spaces, other dashes, O/0, I/1, L/1, full-width', () => {
    const key = generateRecoveryKey();
    const shown = formatRecoveryKey(key);
    const variants = [
      shown.toLowerCase(),
      shown.replaceAll('-', ' '),
      shown.replaceAll('-', ''),
      `  ${shown.replaceAll('-', ' – ')}\n`,
      shown.replaceAll('0', 'O').replaceAll('1', 'I'),
      shown.replaceAll('0', 'o').replaceAll('1', 'l'),
      // what a Chinese IME in full-width mode produces
      shown.replace(/[0-9A-Z-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ];
    for (const typed of variants) expect(Buffer.from(parseRecoveryKey(typed)).equals(key), typed).toBe(true);
  });

  it('catches any single mistyped character with the check', () => {
    const shown = formatRecoveryKey(generateRecoveryKey());
    for (let at = 0; at < shown.length; at++) {
      if (shown.charAt(at) === '-') continue;
      expect(problemOf(mistype(shown, at))).toBe('checksum');
    }
  });

  it('says which kind of mistake it is, without repeating the key', () => {
    const shown = formatRecoveryKey(generateRecoveryKey());
    expect(problemOf(shown.slice(0, -1))).toBe('length');
    expect(problemOf(shown + 'A')).toBe('length');
    expect(problemOf('U' + shown.slice(1))).toBe('character');
    expect(problemOf('*' + shown.slice(1))).toBe('character');
    try {
      parseRecoveryKey(mistype(shown, 0));
    } catch (error) {
      expect(String(error)).not.toContain(shown.slice(5, 9));
    }
  });

  it('unwraps DK after the password is lost', async () => {
    const handle = KeyHandle.adopt(generateDataKey());
    const dk = Buffer.from(handle.dataKey());
    const recoveryKey = generateRecoveryKey();
    const shown = formatRecoveryKey(recoveryKey);
    const forAccount = await wrapDataKeyForAccount(handle, 'forgotten 密碼', 'acc-1', CHEAP_ARGON2);
    const forRecovery = wrapDataKeyForRecovery(handle, recoveryKey, 'store-1');
    handle.wipe();

    await expect(unwrapDataKeyForAccount(forAccount, 'what was it?', 'acc-1')).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
    const typed = shown.toLowerCase().replaceAll('-', ' ');
    const recovered = unwrapDataKeyWithRecoveryKey(forRecovery, parseRecoveryKey(typed), 'store-1');
    expect(Buffer.from(recovered.dataKey()).equals(dk)).toBe(true);

    // and a new password can be set from the recovered DK
    const newWrap = await wrapDataKeyForAccount(recovered, 'new 密碼 ❄', 'acc-1', CHEAP_ARGON2);
    const again = await unwrapDataKeyForAccount(newWrap, 'new 密碼 ❄', 'acc-1');
    expect(Buffer.from(again.dataKey()).equals(dk)).toBe(true);
  });

  it('refuses another recovery key, or the recovery copy of another store', () => {
    const handle = KeyHandle.adopt(generateDataKey());
    const recoveryKey = generateRecoveryKey();
    const stored = wrapDataKeyForRecovery(handle, recoveryKey, 'store-1');
    expect(() => unwrapDataKeyWithRecoveryKey(stored, generateRecoveryKey(), 'store-1')).toThrow(
      KeyUnwrapError,
    );
    expect(() => unwrapDataKeyWithRecoveryKey(stored, recoveryKey, 'store-2')).toThrow(KeyUnwrapError);
  });
});

describe('Crockford base32', () => {
  it('round-trips any 35 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 35, maxLength: 35 }), (bytes) => {
        const text = encodeCrockford(bytes);
        expect(text).toHaveLength(56);
        expect(decodeCrockford(text, 35)).toEqual(bytes);
      }),
    );
  });

  it('matches the reference alphabet on a known value', () => {
    expect(encodeCrockford(Uint8Array.of(0, 0, 0, 0, 0))).toBe('00000000');
    expect(encodeCrockford(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff))).toBe('ZZZZZZZZ');
    // 0x08 0x42 0x10 0x84 0x21 = 00001 00001 00001 ... (eight 1s)
    expect(encodeCrockford(Uint8Array.of(0x08, 0x42, 0x10, 0x84, 0x21))).toBe('11111111');
    expect(decodeCrockford('ILILILIL', 5)).toEqual(Uint8Array.of(0x08, 0x42, 0x10, 0x84, 0x21));
  });
});
