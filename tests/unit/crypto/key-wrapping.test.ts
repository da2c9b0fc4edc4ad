import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS } from '../../../electron/core/crypto/argon2-params.js';
import {
  KeyFormatError,
  KeyUnwrapError,
  needsStrongerParams,
  parseKeyWrappedKey,
  parsePasswordWrappedKey,
  parseWrappedKey,
  serializeWrappedKey,
  unwrapWithKey,
  unwrapWithPassword,
  wrapLabel,
  wrapWithKey,
  wrapWithPassword,
} from '../../../electron/core/crypto/key-wrapping.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { CHEAP_ARGON2 } from './cheap-params.js';

beforeAll(async () => {
  await loadSodium();
});

const label = wrapLabel('dk', 'account:alice');

describe('password wrapping', () => {
  it('round-trips a secret through the serialised form', async () => {
    const secret = randomBytes(32);
    const wrapped = await wrapWithPassword(secret, 'correct horse', label, CHEAP_ARGON2);
    const text = serializeWrappedKey(wrapped);
    expect(text).toMatch(
      /^sdwk1\.argon2id\.1\.8192\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{64}$/,
    );
    const opened = await unwrapWithPassword(parsePasswordWrappedKey(text), 'correct horse', label);
    expect(Buffer.from(opened).equals(secret)).toBe(true);
  });

  it('refuses a wrong password with KeyUnwrapError, which says the cases look the same', async () => {
    const wrapped = await wrapWithPassword(randomBytes(32), 'correct horse', label, CHEAP_ARGON2);
    const attempt = unwrapWithPassword(wrapped, 'correct hors', label);
    await expect(attempt).rejects.toBeInstanceOf(KeyUnwrapError);
    await expect(attempt).rejects.toThrow(/wrong password or damaged key/);
  });

  it('accepts CJK and emoji passwords, and only the exact one', async () => {
    const password = '滑雪場服務台🎿⛷️パスワード';
    const secret = randomBytes(32);
    const wrapped = await wrapWithPassword(secret, password, label, CHEAP_ARGON2);
    expect(Buffer.from(await unwrapWithPassword(wrapped, password, label)).equals(secret)).toBe(true);
    await expect(unwrapWithPassword(wrapped, '滑雪場服務台🎿パスワード', label)).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
  });

  it('treats canonically equivalent spellings (NFC and NFD) as the same password', async () => {
    const composed = 'Zoë-Café'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const secret = randomBytes(32);
    const wrapped = await wrapWithPassword(secret, decomposed, label, CHEAP_ARGON2);
    expect(Buffer.from(await unwrapWithPassword(wrapped, composed, label)).equals(secret)).toBe(true);
  });

  it('fails when the wrapped key is moved to another account', async () => {
    const wrapped = await wrapWithPassword(randomBytes(32), 'pw', label, CHEAP_ARGON2);
    await expect(unwrapWithPassword(wrapped, 'pw', wrapLabel('dk', 'account:bob'))).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
    await expect(
      unwrapWithPassword(wrapped, 'pw', wrapLabel('box-sk', 'account:alice')),
    ).rejects.toBeInstanceOf(KeyUnwrapError);
  });

  it('fails on a damaged ciphertext, salt or parameter as on a wrong password', async () => {
    const wrapped = await wrapWithPassword(randomBytes(32), 'pw', label, CHEAP_ARGON2);
    const ciphertext = Uint8Array.from(wrapped.ciphertext);
    ciphertext[5] = (ciphertext[5] ?? 0) ^ 1;
    await expect(unwrapWithPassword({ ...wrapped, ciphertext }, 'pw', label)).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
    const salt = Uint8Array.from(wrapped.salt);
    salt[0] = (salt[0] ?? 0) ^ 1;
    await expect(unwrapWithPassword({ ...wrapped, salt }, 'pw', label)).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
    const params = { ...wrapped.params, opslimit: 2 };
    await expect(unwrapWithPassword({ ...wrapped, params }, 'pw', label)).rejects.toBeInstanceOf(
      KeyUnwrapError,
    );
  });

  it('refuses an empty password and out-of-range parameters when wrapping', async () => {
    await expect(wrapWithPassword(randomBytes(32), '', label, CHEAP_ARGON2)).rejects.toThrow(TypeError);
    await expect(
      wrapWithPassword(randomBytes(32), 'pw', label, { opslimit: 1, memlimit: 4 * 1024 ** 3 }),
    ).rejects.toThrow(TypeError);
  });

  it('says when stored parameters are weaker than the production ones', async () => {
    const wrapped = await wrapWithPassword(randomBytes(32), 'pw', label, CHEAP_ARGON2);
    expect(needsStrongerParams(wrapped)).toBe(true);
    expect(needsStrongerParams(wrapped, CHEAP_ARGON2)).toBe(false);
  });

  it('wraps and unwraps with the production parameters', { timeout: 20_000 }, async () => {
    const secret = randomBytes(32);
    const wrapped = await wrapWithPassword(secret, '雪 ⛷ snow', label);
    expect(wrapped.params).toEqual(ARGON2_PARAMS);
    expect(needsStrongerParams(wrapped)).toBe(false);
    const text = serializeWrappedKey(wrapped);
    expect(text.startsWith(`sdwk1.argon2id.${ARGON2_PARAMS.opslimit}.${ARGON2_PARAMS.memlimit}.`)).toBe(true);
    const opened = await unwrapWithPassword(parsePasswordWrappedKey(text), '雪 ⛷ snow', label);
    expect(Buffer.from(opened).equals(secret)).toBe(true);
  });
});

describe('key wrapping', () => {
  it('round-trips and fails under another key or label', () => {
    const kek = randomBytes(32);
    const secret = randomBytes(32);
    const text = serializeWrappedKey(wrapWithKey(secret, kek, label));
    expect(text).toMatch(/^sdwk1\.key\.[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{64}$/);
    expect(Buffer.from(unwrapWithKey(parseKeyWrappedKey(text), kek, label)).equals(secret)).toBe(true);
    expect(() => unwrapWithKey(parseKeyWrappedKey(text), randomBytes(32), label)).toThrow(KeyUnwrapError);
    expect(() => unwrapWithKey(parseKeyWrappedKey(text), kek, wrapLabel('dk', 'account:bob'))).toThrow(
      KeyUnwrapError,
    );
  });
});

describe('serialised form', () => {
  it('refuses malformed text with KeyFormatError', async () => {
    const good = serializeWrappedKey(await wrapWithPassword(randomBytes(32), 'pw', label, CHEAP_ARGON2));
    const parts = good.split('.');
    const bad = [
      '',
      'sdwk2' + good.slice(5),
      good + '.',
      good.replace('argon2id', 'argon2i'),
      [...parts.slice(0, 2), '01', ...parts.slice(3)].join('.'),
      [...parts.slice(0, 3), '9999999999', ...parts.slice(4)].join('.'),
      [...parts.slice(0, 2), '99', ...parts.slice(3)].join('.'),
      [...parts.slice(0, 4), (parts[4] ?? '') + 'A', ...parts.slice(5)].join('.'),
      [...parts.slice(0, 6), (parts[6] ?? '') + '=='].join('.'),
      [...parts.slice(0, 6), (parts[6] ?? '').slice(0, 10)].join('.'),
      good.replace(/\.([A-Za-z0-9_-])/, '.+$1'),
    ];
    for (const text of bad) expect(() => parseWrappedKey(text), text).toThrow(KeyFormatError);
    expect(() => parseKeyWrappedKey(good)).toThrow(KeyFormatError);
  });

  it('refuses owners that would make labels ambiguous or unprintable', () => {
    expect(() => wrapLabel('dk', '')).toThrow(TypeError);
    expect(() => wrapLabel('dk', 'account:a\nb')).toThrow(TypeError);
    expect(() => wrapLabel('dk', 'account:\uD800')).toThrow(TypeError);
    expect(wrapLabel('dk', 'account:42')).toBe('snowdesk/dk/v1/account:42');
  });
});
