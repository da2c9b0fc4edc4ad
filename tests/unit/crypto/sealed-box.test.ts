import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataKey } from '../../../electron/core/crypto/data-key.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { KeyUnwrapError } from '../../../electron/core/crypto/key-wrapping.js';
import { generateRecoveryKey, recoveryWrappingKey } from '../../../electron/core/crypto/recovery-key.js';
import {
  SEALED_BOX_OVERHEAD,
  SealedBoxError,
  generateBoxKeyPair,
  openSealedBox,
  openSealedJson,
  sealJsonToPublicKey,
  sealToPublicKey,
  unwrapBoxSecretKey,
  wipeBoxKeyPair,
  wrapBoxSecretKey,
} from '../../../electron/core/crypto/sealed-box.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { SubKeyId } from '../../../electron/core/crypto/sub-keys.js';

beforeAll(async () => {
  await loadSodium();
});

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SealedBoxError) return error.problem;
    throw error;
  }
  return 'opened';
}

describe('sealed box', () => {
  it('round-trips to a public key and opens only with the matching pair', () => {
    const central = generateBoxKeyPair('central');
    const message = randomBytes(100);
    const sealed = sealToPublicKey(central.publicKey, message);
    expect(sealed).toHaveLength(100 + SEALED_BOX_OVERHEAD);
    expect(Buffer.from(openSealedBox(central, sealed)).equals(message)).toBe(true);

    const other = generateBoxKeyPair('central');
    expect(problemOf(() => openSealedBox(other, sealed))).toBe('unauthentic');
    expect(problemOf(() => openSealedBox({ ...central, secretKey: other.secretKey }, sealed))).toBe(
      'unauthentic',
    );
  });

  it('refuses altered and truncated boxes', () => {
    const pair = generateBoxKeyPair('device');
    const sealed = sealToPublicKey(pair.publicKey, Buffer.from('hello'));
    for (let at = 0; at < sealed.length; at++) {
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 0x80;
      expect(problemOf(() => openSealedBox(pair, tampered))).toBe('unauthentic');
    }
    expect(problemOf(() => openSealedBox(pair, sealed.subarray(0, 47)))).toBe('format');
  });

  it('refuses to seal to an all-zero public key', () => {
    expect(problemOf(() => sealToPublicKey(new Uint8Array(32), Buffer.from('x')))).toBe('seal-failed');
  });

  it('round-trips JSON', () => {
    const backup = generateBoxKeyPair('backup');
    const value = { outboxId: 'a1b2', record: { name: '李四' } };
    expect(openSealedJson(backup, sealJsonToPublicKey(backup.publicKey, value))).toEqual(value);
  });

  it('wraps the secret key under a DK sub-key and under the recovery key', () => {
    const backup = generateBoxKeyPair('backup');
    const secret = Buffer.from(backup.secretKey);
    const handle = KeyHandle.adopt(generateDataKey());
    const recoveryKey = generateRecoveryKey();
    const byDk = wrapBoxSecretKey(backup, handle.subKey(SubKeyId.keyWrapping));
    const byRecovery = wrapBoxSecretKey(backup, recoveryWrappingKey(recoveryKey));
    const sealed = sealToPublicKey(backup.publicKey, Buffer.from('nightly backup'));
    wipeBoxKeyPair(backup);
    expect(backup.secretKey.every((b) => b === 0)).toBe(true);

    const fromDk = unwrapBoxSecretKey(byDk, 'backup', backup.publicKey, handle.subKey(SubKeyId.keyWrapping));
    expect(Buffer.from(fromDk.secretKey).equals(secret)).toBe(true);
    expect(Buffer.from(openSealedBox(fromDk, sealed)).toString()).toBe('nightly backup');
    const fromRecovery = unwrapBoxSecretKey(
      byRecovery,
      'backup',
      backup.publicKey,
      recoveryWrappingKey(recoveryKey),
    );
    expect(Buffer.from(fromRecovery.secretKey).equals(secret)).toBe(true);

    // held by the handle, so lock wipes it
    handle.hold(fromDk.secretKey);
    handle.wipe();
    expect(fromDk.secretKey.every((b) => b === 0)).toBe(true);
  });

  it('refuses a wrapped secret key offered under another role, public key or wrapping key', () => {
    const device = generateBoxKeyPair('device');
    const kek = randomBytes(32);
    const stored = wrapBoxSecretKey(device, kek);
    expect(() => unwrapBoxSecretKey(stored, 'backup', device.publicKey, kek)).toThrow(KeyUnwrapError);
    expect(() => unwrapBoxSecretKey(stored, 'device', generateBoxKeyPair('device').publicKey, kek)).toThrow(
      KeyUnwrapError,
    );
    expect(() => unwrapBoxSecretKey(stored, 'device', device.publicKey, randomBytes(32))).toThrow(
      KeyUnwrapError,
    );
    expect(unwrapBoxSecretKey(stored, 'device', device.publicKey, kek).role).toBe('device');
  });
});
