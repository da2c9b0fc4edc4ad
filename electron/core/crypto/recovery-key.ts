import { randomBytes } from 'node:crypto';
import { decodeCrockford, encodeCrockford } from './crockford-base32.js';
import { CryptoError } from './crypto-error.js';
import { assertKey } from './key-checks.js';
import { readySodium } from './sodium.js';

/**
 * The recovery key: 32 random bytes, shown once at setup for the owner to print or write
 * down, that wraps DK a second time so the store survives every password being lost.
 *
 * Shown form: the 32 key bytes followed by 3 check bytes (35 bytes = 280 bits = exactly 56
 * Crockford base32 characters, no padding bits), in 14 groups of 4 joined by "-":
 *
 *   7K3M-Q9XA-…-R2ZD
 *
 * The check bytes are a keyed derivation of the key (below), so a mistyped character is
 * caught with probability 1 − 2⁻²⁴ before any unwrap is tried, and the person is told
 * "mistyped" instead of "wrong key". Crockford's own mod-37 check symbols are not used: they
 * add "*~$=U", which are hard to read back from paper and to type on a Chinese IME.
 *
 * Parsing is tolerant of how people copy keys: NFKC first (full-width ＡＢＣ１２３ from an IME
 * become ASCII), any case, spaces and dashes anywhere, O for 0 and I or L for 1.
 *
 * The wrapping key comes from crypto_kdf_derive_from_key, not Argon2: a recovery key has
 * 256 bits of entropy, so there is nothing to stretch (no attacker enumerates 2²⁵⁶ keys, slow
 * or fast). The KDF only separates uses, so the bytes shown on paper are never themselves an
 * AEAD key, and the check bytes reveal nothing about the wrapping key.
 */

export const RECOVERY_KEY_BYTES = 32;
const CHECK_BYTES = 3;
const GROUP_LENGTH = 4;
const RECOVERY_CONTEXT = 'SnowdRcv';
/** crypto_kdf ids under RECOVERY_CONTEXT: part of the data at rest, never change them. */
const WRAPPING_KEY_ID = 1;
const CHECK_ID = 2;

export const RECOVERY_KEY_LENGTH = Math.ceil(((RECOVERY_KEY_BYTES + CHECK_BYTES) * 8) / 5);

export type RecoveryKeyProblem = 'length' | 'character' | 'checksum';

/** The typed text is not a recovery key; the message never repeats any of it. */
export class RecoveryKeyFormatError extends CryptoError {
  readonly code = 'recovery_key_format';
  constructor(readonly problem: RecoveryKeyProblem) {
    super(
      problem === 'length'
        ? `a recovery key has ${RECOVERY_KEY_LENGTH} characters`
        : problem === 'character'
          ? 'a recovery key contains a character that recovery keys do not use'
          : 'a character of the recovery key is mistyped',
    );
    this.name = 'RecoveryKeyFormatError';
  }
}

export function generateRecoveryKey(): Uint8Array {
  return randomBytes(RECOVERY_KEY_BYTES);
}

function checkBytes(key: Uint8Array): Uint8Array {
  const sodium = readySodium();
  const derived = sodium.crypto_kdf_derive_from_key(16, CHECK_ID, RECOVERY_CONTEXT, key);
  const check = derived.slice(0, CHECK_BYTES);
  sodium.memzero(derived);
  return check;
}

/** The shown form, 14 groups of 4 characters. Show it once; never log or store it. */
export function formatRecoveryKey(key: Uint8Array): string {
  assertKey(key, RECOVERY_KEY_BYTES, 'recovery key');
  const all = new Uint8Array(RECOVERY_KEY_BYTES + CHECK_BYTES);
  const check = checkBytes(key);
  all.set(key);
  all.set(check, RECOVERY_KEY_BYTES);
  const text = encodeCrockford(all);
  readySodium().memzero(all);
  readySodium().memzero(check);
  return text.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'g'))?.join('-') ?? text;
}

const SEPARATORS = /[\s\-‐‑‒–—―−_]/gu;

/** The key bytes from what a person typed, or RecoveryKeyFormatError saying what is wrong. */
export function parseRecoveryKey(text: string): Uint8Array {
  const compact = text.normalize('NFKC').replace(SEPARATORS, '').toUpperCase();
  if (compact.length !== RECOVERY_KEY_LENGTH) throw new RecoveryKeyFormatError('length');
  const decoded = decodeCrockford(compact, RECOVERY_KEY_BYTES + CHECK_BYTES);
  if (decoded === null) {
    // the length already matched, so only a character outside the alphabet gets here
    throw new RecoveryKeyFormatError('character');
  }
  const sodium = readySodium();
  const key = decoded.slice(0, RECOVERY_KEY_BYTES);
  const typedCheck = decoded.subarray(RECOVERY_KEY_BYTES);
  const expected = checkBytes(key);
  const matches = sodium.memcmp(typedCheck, expected);
  sodium.memzero(decoded);
  sodium.memzero(expected);
  if (!matches) {
    sodium.memzero(key);
    throw new RecoveryKeyFormatError('checksum');
  }
  return key;
}

/** The 32-byte key that wraps DK (and the backup secret key) under this recovery key. */
export function recoveryWrappingKey(key: Uint8Array): Uint8Array {
  assertKey(key, RECOVERY_KEY_BYTES, 'recovery key');
  return readySodium().crypto_kdf_derive_from_key(32, WRAPPING_KEY_ID, RECOVERY_CONTEXT, key);
}
