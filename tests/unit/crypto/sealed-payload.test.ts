import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SealedPayloadError,
  openPayload,
  sealPayload,
  type PayloadBinding,
} from '../../../electron/core/crypto/sealed-payload.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';

beforeAll(async () => {
  await loadSodium();
});

const key = randomBytes(32);
const binding: PayloadBinding = { recordId: 'rec-7f3a', revision: 3, purpose: 'guest-record' };
const guest = {
  name: '张三',
  phone: '+8613812345678',
  idNumber: '11010519491231002X',
  notes: 'prefers ⛷ lessons',
};

function failure(run: () => unknown): SealedPayloadError {
  try {
    run();
  } catch (error) {
    if (error instanceof SealedPayloadError) return error;
    throw error;
  }
  throw new Error('expected SealedPayloadError, but it opened');
}

describe('sealed payload', () => {
  it('round-trips a guest payload, padded to 64-byte blocks', () => {
    const sealed = sealPayload(key, binding, guest);
    expect(Buffer.isBuffer(sealed)).toBe(true);
    expect(sealed[0]).toBe(1);
    expect((sealed.length - 1 - 24 - 16) % 64).toBe(0);
    expect(sealed.includes(Buffer.from('张三'))).toBe(false);
    expect(openPayload(key, binding, sealed)).toEqual(guest);
  });

  it('uses a fresh nonce every time', () => {
    expect(sealPayload(key, binding, guest).equals(sealPayload(key, binding, guest))).toBe(false);
  });

  it('refuses a payload moved to another record, revision or purpose, naming the record', () => {
    const sealed = sealPayload(key, binding, guest);
    const moved: PayloadBinding[] = [
      { ...binding, recordId: 'rec-0001' },
      { ...binding, revision: 4 },
      { ...binding, revision: 2 },
      { ...binding, purpose: 'draft' },
    ];
    for (const other of moved) {
      const error = failure(() => openPayload(key, other, sealed));
      expect(error.problem).toBe('unauthentic');
      expect(error.recordId).toBe(other.recordId);
      expect(error.revision).toBe(other.revision);
      expect(error.message).toContain(other.recordId);
      expect(error.message).toContain(`revision ${other.revision}`);
      for (const value of Object.values(guest)) expect(error.message).not.toContain(value);
    }
  });

  it('refuses another key, a truncated blob and an unknown version', () => {
    const sealed = sealPayload(key, binding, guest);
    expect(failure(() => openPayload(randomBytes(32), binding, sealed)).problem).toBe('unauthentic');
    expect(failure(() => openPayload(key, binding, sealed.subarray(0, 40))).problem).toBe('format');
    expect(failure(() => openPayload(key, binding, sealed.subarray(0, sealed.length - 1))).problem).toBe(
      'unauthentic',
    );
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    expect(failure(() => openPayload(key, binding, v2)).problem).toBe('format');
  });

  it('refuses bad bindings and values that are not JSON', () => {
    expect(() => sealPayload(key, { ...binding, recordId: '' }, guest)).toThrow(TypeError);
    expect(() => sealPayload(key, { ...binding, revision: -1 }, guest)).toThrow(TypeError);
    expect(() => sealPayload(key, { ...binding, revision: 1.5 }, guest)).toThrow(TypeError);
    expect(() => sealPayload(key, binding, undefined)).toThrow(TypeError);
  });

  it('property: any JSON value round-trips for any binding', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.constantFrom('guest-record' as const, 'draft' as const),
        (value, recordId, revision, purpose) => {
          const where = { recordId, revision, purpose };
          const expected: unknown = JSON.parse(JSON.stringify(value));
          expect(openPayload(key, where, sealPayload(key, where, value))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: flipping any bits of any single byte fails with the typed error', () => {
    const sealed = sealPayload(key, binding, guest);
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const tampered = Buffer.from(sealed);
        tampered[at] = (tampered[at] ?? 0) ^ mask;
        const error = failure(() => openPayload(key, binding, tampered));
        expect(error.recordId).toBe(binding.recordId);
        expect(error.revision).toBe(binding.revision);
      }),
      { numRuns: 500 },
    );
  });

  it('flipping every single byte in turn fails', () => {
    const sealed = sealPayload(key, binding, { n: 1 });
    for (let at = 0; at < sealed.length; at++) {
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(() => openPayload(key, binding, tampered)).toThrow(SealedPayloadError);
    }
  });
});
