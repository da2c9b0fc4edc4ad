import { describe, expect, it } from 'vitest';
import { loadSodium, readySodium } from '../../../electron/core/crypto/sodium.js';

describe('loadSodium', () => {
  it('resolves once to the ready library', async () => {
    const [a, b] = await Promise.all([loadSodium(), loadSodium()]);
    expect(a).toBe(b);
    expect(readySodium()).toBe(a);
    expect(a.crypto_aead_xchacha20poly1305_ietf_KEYBYTES).toBe(32);
  });
});
