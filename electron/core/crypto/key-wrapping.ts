import { randomBytes } from 'node:crypto';
import { ARGON2_PARAMS, isAcceptedArgon2Params, type Argon2Params } from './argon2-params.js';
import { decodeBase64Url, encodeBase64Url, isWellFormedText } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { deriveKeyOffThread } from './argon2-worker.js';
import { assertKey } from './key-checks.js';
import { readySodium } from './sodium.js';

/**
 * Wrapping a key (DK, or a key pair's secret key) under another: XChaCha20-Poly1305 with a
 * random 24-byte nonce, and additional data that says what the wrapped key is and whose it is,
 * so a wrapped key copied onto another account, or offered as another kind of key, fails to
 * open. The wrapping key either comes from a password through Argon2id (parameters and salt
 * stored beside the result) or is itself a high-entropy key (recovery key, DK sub-key).
 *
 * Serialised form, one line of ASCII for a TEXT column (base64url without padding, integers
 * in decimal without leading zeros):
 *
 *   sdwk1.argon2id.<opslimit>.<memlimit bytes>.<salt 16 B>.<nonce 24 B>.<ciphertext+tag>
 *   sdwk1.key.<nonce 24 B>.<ciphertext+tag>
 *
 * "sdwk1" is the format version; a later format gets a new prefix and this parser keeps
 * reading the old one.
 */

export const WRAPPING_KEY_BYTES = 32;
const SALT_BYTES = 16;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 64;
const FORMAT = 'sdwk1';

/** What kinds of key get wrapped. Members never contain "/": the label stays unambiguous. */
export type WrapPurpose = 'dk' | 'box-sk';

/**
 * The additional data of a wrapped key: "snowdesk/<purpose>/v1/<owner>", for instance
 * "snowdesk/dk/v1/account:<accountId>". Only the owner varies within a purpose and it comes
 * last, so distinct owners always give distinct labels. Branded so that only wrapLabel()
 * makes one.
 */
export type WrapLabel = string & { readonly __brand: 'WrapLabel' };

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function wrapLabel(purpose: WrapPurpose, owner: string): WrapLabel {
  if (owner.length === 0 || owner.length > 256 || !isWellFormedText(owner) || CONTROL.test(owner))
    throw new TypeError('a wrapped key owner must be 1-256 characters of well-formed printable text');
  return `snowdesk/${purpose}/v1/${owner}` as WrapLabel;
}

export interface PasswordWrappedKey {
  readonly kind: 'password';
  readonly params: Argon2Params;
  readonly salt: Uint8Array;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export interface KeyWrappedKey {
  readonly kind: 'key';
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export type WrappedKey = PasswordWrappedKey | KeyWrappedKey;

/**
 * The password (or recovery key) was wrong, or the wrapped key or its label was altered.
 * The two cannot be told apart, by design: the AEAD tag fails the same way for both, and
 * storing anything that could tell them apart (a password verifier, a checksum of the
 * plaintext) would only give an attacker with the database another way to test guesses.
 */
export class KeyUnwrapError extends CryptoError {
  readonly code = 'key_unwrap_failed';
  constructor(readonly label: WrapLabel) {
    super(`cannot unwrap the key (${label}): wrong password or damaged key; the two look the same`);
    this.name = 'KeyUnwrapError';
  }
}

/** A serialised wrapped key that is not well formed: damaged text, not a wrong secret. */
export class KeyFormatError extends CryptoError {
  readonly code = 'key_format';
  constructor(detail: string) {
    super(`not a valid wrapped key: ${detail}`);
    this.name = 'KeyFormatError';
  }
}

/**
 * Passwords are compared as UTF-8 bytes after Unicode NFC normalisation. The same visible
 * password can arrive as different code points depending on the keyboard, IME or operating
 * system (a precomposed "é" or "e" + combining accent; Hangul as syllables or jamo); without
 * NFC the person types exactly what they chose and is refused. NFC (canonical composition)
 * does not fold characters that merely look alike, unlike NFKC, which would also merge
 * full-width and half-width forms and so quietly change what the password is. The string
 * itself cannot be wiped (JavaScript strings are immutable); its UTF-8 copy is.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

/** Argon2id on the worker thread (argon2-worker.ts); the password's UTF-8 copy never stays here. */
function passwordKey(password: string, salt: Uint8Array, params: Argon2Params): Promise<Uint8Array> {
  return deriveKeyOffThread(
    Buffer.from(normalizePassword(password), 'utf8'),
    salt,
    params,
    WRAPPING_KEY_BYTES,
  );
}

function assertSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES)
    throw new TypeError(`a wrapped secret must be ${MIN_SECRET_BYTES}-${MAX_SECRET_BYTES} bytes`);
}

function seal(
  secret: Uint8Array,
  kek: Uint8Array,
  label: WrapLabel,
): { nonce: Uint8Array; ciphertext: Uint8Array } {
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = readySodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
    secret,
    label,
    null,
    nonce,
    kek,
  );
  return { nonce, ciphertext };
}

function open(wrapped: WrappedKey, kek: Uint8Array, label: WrapLabel): Uint8Array {
  try {
    return readySodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      wrapped.ciphertext,
      label,
      wrapped.nonce,
      kek,
    );
  } catch {
    throw new KeyUnwrapError(label);
  }
}

/**
 * Wraps `secret` under a key derived from `password`. It costs one Argon2id run (see
 * argon2-params.ts), on a worker thread (argon2-worker.ts) so the calling thread stays free.
 */
export function wrapWithPassword(
  secret: Uint8Array,
  password: string,
  label: WrapLabel,
  params: Argon2Params = ARGON2_PARAMS,
): Promise<PasswordWrappedKey> {
  return Promise.resolve().then(async () => {
    assertSecret(secret);
    if (normalizePassword(password).length === 0) throw new TypeError('a password must not be empty');
    if (!isAcceptedArgon2Params(params)) throw new TypeError('Argon2 parameters out of the accepted range');
    const salt = randomBytes(SALT_BYTES);
    const kek = await passwordKey(password, salt, params);
    try {
      return { kind: 'password', params: { ...params }, salt, ...seal(secret, kek, label) };
    } finally {
      readySodium().memzero(kek);
    }
  });
}

/** The wrapped secret, or KeyUnwrapError. The caller owns the result and wipes it. */
export function unwrapWithPassword(
  wrapped: PasswordWrappedKey,
  password: string,
  label: WrapLabel,
): Promise<Uint8Array> {
  return Promise.resolve().then(async () => {
    // parseWrappedKey checks this too; a hand-built object must not choose its own cost either
    if (!isAcceptedArgon2Params(wrapped.params)) throw new KeyFormatError('Argon2 parameters out of range');
    const kek = await passwordKey(password, wrapped.salt, wrapped.params);
    try {
      return open(wrapped, kek, label);
    } finally {
      readySodium().memzero(kek);
    }
  });
}

/**
 * Wraps `secret` under a high-entropy 32-byte key (a recovery key's wrapping key, a DK
 * sub-key). No Argon2: stretching only helps a secret that can be guessed.
 */
export function wrapWithKey(secret: Uint8Array, kek: Uint8Array, label: WrapLabel): KeyWrappedKey {
  assertSecret(secret);
  assertKey(kek, WRAPPING_KEY_BYTES, 'wrapping key');
  return { kind: 'key', ...seal(secret, kek, label) };
}

export function unwrapWithKey(wrapped: KeyWrappedKey, kek: Uint8Array, label: WrapLabel): Uint8Array {
  assertKey(kek, WRAPPING_KEY_BYTES, 'wrapping key');
  return open(wrapped, kek, label);
}

/** True when a password-wrapped key was made with less than `target` and should be re-wrapped. */
export function needsStrongerParams(
  wrapped: PasswordWrappedKey,
  target: Argon2Params = ARGON2_PARAMS,
): boolean {
  return wrapped.params.opslimit < target.opslimit || wrapped.params.memlimit < target.memlimit;
}

export function serializeWrappedKey(wrapped: WrappedKey): string {
  const tail = [encodeBase64Url(wrapped.nonce), encodeBase64Url(wrapped.ciphertext)];
  if (wrapped.kind === 'key') return [FORMAT, 'key', ...tail].join('.');
  const { opslimit, memlimit } = wrapped.params;
  return [
    FORMAT,
    'argon2id',
    String(opslimit),
    String(memlimit),
    encodeBase64Url(wrapped.salt),
    ...tail,
  ].join('.');
}

function decimal(text: string | undefined, what: string): number {
  if (text === undefined || !/^(0|[1-9][0-9]{0,14})$/.test(text)) throw new KeyFormatError(`bad ${what}`);
  return Number(text);
}

function base64(text: string | undefined, what: string, length?: number): Uint8Array {
  const bytes = text === undefined ? null : decodeBase64Url(text);
  if (bytes === null || (length !== undefined && bytes.length !== length))
    throw new KeyFormatError(`bad ${what}`);
  return bytes;
}

function ciphertext(text: string | undefined): Uint8Array {
  const bytes = base64(text, 'ciphertext');
  if (bytes.length < MIN_SECRET_BYTES + TAG_BYTES || bytes.length > MAX_SECRET_BYTES + TAG_BYTES)
    throw new KeyFormatError('bad ciphertext length');
  return bytes;
}

/** Reads the serialised form; throws KeyFormatError on anything but an exact, sane value. */
export function parseWrappedKey(text: string): WrappedKey {
  const parts = text.split('.');
  if (parts[0] !== FORMAT) throw new KeyFormatError('unknown format version');
  if (parts[1] === 'key' && parts.length === 4) {
    return { kind: 'key', nonce: base64(parts[2], 'nonce', NONCE_BYTES), ciphertext: ciphertext(parts[3]) };
  }
  if (parts[1] === 'argon2id' && parts.length === 7) {
    const params = { opslimit: decimal(parts[2], 'opslimit'), memlimit: decimal(parts[3], 'memlimit') };
    if (!isAcceptedArgon2Params(params)) throw new KeyFormatError('Argon2 parameters out of range');
    return {
      kind: 'password',
      params,
      salt: base64(parts[4], 'salt', SALT_BYTES),
      nonce: base64(parts[5], 'nonce', NONCE_BYTES),
      ciphertext: ciphertext(parts[6]),
    };
  }
  throw new KeyFormatError('unknown kind');
}

/** parseWrappedKey, insisting on a password-wrapped key (an account's DK). */
export function parsePasswordWrappedKey(text: string): PasswordWrappedKey {
  const wrapped = parseWrappedKey(text);
  if (wrapped.kind !== 'password') throw new KeyFormatError('expected a password-wrapped key');
  return wrapped;
}

/** parseWrappedKey, insisting on a key-wrapped key (recovery, box secret keys). */
export function parseKeyWrappedKey(text: string): KeyWrappedKey {
  const wrapped = parseWrappedKey(text);
  if (wrapped.kind !== 'key') throw new KeyFormatError('expected a key-wrapped key');
  return wrapped;
}
