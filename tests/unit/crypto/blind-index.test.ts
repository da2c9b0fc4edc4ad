import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BLIND_INDEX_BYTES,
  BLIND_INDEX_SUB_KEY,
  blindIndex,
} from '../../../electron/core/crypto/blind-index.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { SubKeyId } from '../../../electron/core/crypto/sub-keys.js';

beforeAll(async () => {
  await loadSodium();
});

describe('blind index', () => {
  it('is a short Buffer, deterministic for one key', () => {
    const key = randomBytes(32);
    const a = blindIndex('id-number', key, '11010519491231002X');
    expect(Buffer.isBuffer(a)).toBe(true);
    expect(a).toHaveLength(BLIND_INDEX_BYTES);
    expect(blindIndex('id-number', key, '11010519491231002X').equals(a)).toBe(true);
  });

  it('differs across keys (most of the time: it is only 16 bits)', () => {
    const value = '+8613812345678';
    const indexes = Array.from({ length: 64 }, () =>
      blindIndex('phone', randomBytes(32), value).toString('hex'),
    );
    // 64 random 16-bit values: a handful of collisions at most, never all the same
    expect(new Set(indexes).size).toBeGreaterThan(56);
  });

  it('uses separate DK sub-keys for ID numbers and phones', () => {
    expect(BLIND_INDEX_SUB_KEY).toEqual({
      'id-number': SubKeyId.blindIndexIdNumber,
      phone: SubKeyId.blindIndexPhone,
    });
    const handle = KeyHandle.adopt(randomBytes(32));
    const idKey = handle.subKey(BLIND_INDEX_SUB_KEY['id-number']);
    const phoneKey = handle.subKey(BLIND_INDEX_SUB_KEY.phone);
    expect(Buffer.from(idKey).equals(phoneKey)).toBe(false);
  });

  it('refuses values that are not in normal form, without echoing them', () => {
    const key = randomBytes(32);
    for (const bad of ['11010519491231002x', '110105 19491231002X', '', 'E-1234']) {
      expect(() => blindIndex('id-number', key, bad)).toThrow(TypeError);
    }
    for (const bad of ['13812345678', '+86 138 1234 5678', '+0123', '+861381234567890123']) {
      expect(() => blindIndex('phone', key, bad)).toThrow(TypeError);
    }
    try {
      blindIndex('phone', key, '138 1234 5678');
    } catch (error) {
      expect(String(error)).not.toContain('1234');
    }
  });

  it('spreads distinct values evenly over the index space', () => {
    const key = randomBytes(32);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++)
      seen.add(blindIndex('phone', key, `+86138${String(i).padStart(8, '0')}`).toString('hex'));
    // 2000 distinct values into 65,536 buckets: about 30 share a bucket (1 - e^-x, x = 2000/65536)
    expect(seen.size).toBeGreaterThan(1900);
  });
});
