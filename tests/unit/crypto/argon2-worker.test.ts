import { beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS } from '../../../electron/core/crypto/argon2-params.js';
import { deriveKeyOffThread } from '../../../electron/core/crypto/argon2-worker.js';
import { loadSodium, readySodium } from '../../../electron/core/crypto/sodium.js';

beforeAll(async () => {
  await loadSodium();
});

describe('Argon2id on the worker thread', () => {
  it('gives the same key as libsodium on this thread, and takes the password buffer away', async () => {
    const sodium = readySodium();
    const salt = new Uint8Array(16).fill(7);
    const params = { opslimit: 1, memlimit: 64 * 1024 };
    const expected = sodium.crypto_pwhash(
      32,
      Buffer.from('滑雪🎿pass'),
      salt,
      params.opslimit,
      params.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    const password = Buffer.from('滑雪🎿pass');
    const key = await deriveKeyOffThread(password, salt, params, 32);
    expect(Buffer.from(key).equals(Buffer.from(expected))).toBe(true);
    expect(password.every((b) => b === 0)).toBe(true);
  });

  it('leaves this thread free while it works (timers keep firing during a production-cost run)', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 1);
    try {
      await deriveKeyOffThread(Buffer.from('a password'), new Uint8Array(16), ARGON2_PARAMS, 32);
    } finally {
      clearInterval(timer);
    }
    // on this thread the run would block every timer until it ended: ticks would be 0 or 1
    expect(ticks).toBeGreaterThan(20);
  });

  it('runs concurrent derivations and answers each its own', async () => {
    const params = { opslimit: 1, memlimit: 64 * 1024 };
    const salt = new Uint8Array(16);
    const [a, b] = await Promise.all([
      deriveKeyOffThread(Buffer.from('first-password'), salt, params, 32),
      deriveKeyOffThread(Buffer.from('second-password'), salt, params, 32),
    ]);
    const again = await deriveKeyOffThread(Buffer.from('first-password'), salt, params, 32);
    expect(Buffer.from(a).equals(Buffer.from(again))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
