import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { blindIndex } from '../../../electron/core/crypto/blind-index.js';
import { KeyWipedError } from '../../../electron/core/crypto/crypto-error.js';
import { generateDataKey, wrapDataKeyForAccount } from '../../../electron/core/crypto/data-key.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { sealPayload } from '../../../electron/core/crypto/sealed-payload.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { SubKeyId } from '../../../electron/core/crypto/sub-keys.js';
import { CHEAP_ARGON2 } from './cheap-params.js';

beforeAll(async () => {
  await loadSodium();
});

const isZero = (bytes: Uint8Array): boolean => bytes.every((b) => b === 0);

describe('KeyHandle', () => {
  it('wipe() zeroes DK, every derived sub-key and every held secret', () => {
    const dk = generateDataKey();
    const handle = KeyHandle.adopt(dk);
    const subKeys = Object.values(SubKeyId).map((id) => handle.subKey(id));
    const held = handle.hold(randomBytes(32));
    for (const key of [dk, ...subKeys, held]) expect(isZero(key)).toBe(false);

    handle.wipe();

    expect(handle.wiped).toBe(true);
    for (const key of [dk, ...subKeys, held]) expect(isZero(key)).toBe(true);
    handle.wipe(); // a second lock is harmless
  });

  it('derives each sub-key once and hands out the held buffer', () => {
    const handle = KeyHandle.adopt(generateDataKey());
    expect(handle.subKey(SubKeyId.recordPayload)).toBe(handle.subKey(SubKeyId.recordPayload));
    expect(Buffer.from(handle.subKey(SubKeyId.recordPayload)).equals(handle.subKey(SubKeyId.draft))).toBe(
      false,
    );
  });

  it('refuses every use after wipe() instead of handing out zeros', async () => {
    const handle = KeyHandle.adopt(generateDataKey());
    const payloadKey = handle.subKey(SubKeyId.recordPayload);
    const phoneKey = handle.subKey(SubKeyId.blindIndexPhone);
    handle.wipe();
    expect(() => handle.dataKey()).toThrow(KeyWipedError);
    expect(() => handle.subKey(SubKeyId.draft)).toThrow(KeyWipedError);
    const late = randomBytes(32);
    expect(() => handle.hold(late)).toThrow(KeyWipedError);
    expect(isZero(late)).toBe(true);
    // a caller that kept a sub-key across the lock is stopped too
    const binding = { recordId: 'r1', revision: 1, purpose: 'guest-record' } as const;
    expect(() => sealPayload(payloadKey, binding, { a: 1 })).toThrow(KeyWipedError);
    expect(() => blindIndex('phone', phoneKey, '+8613812345678')).toThrow(KeyWipedError);
    await expect(wrapDataKeyForAccount(handle, 'pw', 'acc', CHEAP_ARGON2)).rejects.toBeInstanceOf(
      KeyWipedError,
    );
  });

  it('adopts only 32-byte keys', () => {
    expect(() => KeyHandle.adopt(new Uint8Array(16))).toThrow(TypeError);
  });
});
