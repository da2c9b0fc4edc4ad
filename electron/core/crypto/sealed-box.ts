import { asBuffer, encodeBase64Url } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { assertKey } from './key-checks.js';
import {
  parseKeyWrappedKey,
  serializeWrappedKey,
  unwrapWithKey,
  wrapLabel,
  wrapWithKey,
  type WrapLabel,
} from './key-wrapping.js';
import { readySodium } from './sodium.js';

/**
 * Public-key sealing (crypto_box_seal: X25519 + XSalsa20-Poly1305 with a fresh ephemeral key
 * per message) for the work that runs while the kiosk is locked and DK is gone: outbox rows
 * are sealed to the central system's public key, backups to the backup public key, and the
 * central system seals inbox items to this device's public key. Sealing needs only the public
 * key; opening needs the secret key, which is stored wrapped (wrapBoxSecretKey) under a DK
 * sub-key (SubKeyId.keyWrapping) or the recovery key's wrapping key.
 *
 * A sealed box has no additional data and does not say who sealed it. Whatever must be bound
 * to it (record id, revision, outbox id) goes inside the sealed message, and the receiver
 * checks it against where the box was found.
 */

/** 'holding': seals sync outbox items written before enrolment, until the central key is known. */
export type BoxKeyRole = 'device' | 'central' | 'backup' | 'holding';

export const BOX_PUBLIC_KEY_BYTES = 32;
export const BOX_SECRET_KEY_BYTES = 32;
/** what sealing adds to a message: ephemeral public key and tag */
export const SEALED_BOX_OVERHEAD = 48;

export interface BoxKeyPair {
  readonly role: BoxKeyRole;
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export type SealedBoxProblem = 'unauthentic' | 'format' | 'seal-failed';

export class SealedBoxError extends CryptoError {
  readonly code = 'sealed_box';
  constructor(readonly problem: SealedBoxProblem) {
    super(
      problem === 'unauthentic'
        ? 'the sealed box does not open: sealed to another key, or altered'
        : problem === 'format'
          ? 'not a sealed box: too short'
          : 'cannot seal to this public key',
    );
    this.name = 'SealedBoxError';
  }
}

export function generateBoxKeyPair(role: BoxKeyRole): BoxKeyPair {
  const { publicKey, privateKey } = readySodium().crypto_box_keypair();
  return { role, publicKey, secretKey: privateKey };
}

/** Zeroes the secret key of a pair that is no longer needed. */
export function wipeBoxKeyPair(keyPair: BoxKeyPair): void {
  readySodium().memzero(keyPair.secretKey);
}

function assertPublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== BOX_PUBLIC_KEY_BYTES)
    throw new TypeError(`a public key is ${BOX_PUBLIC_KEY_BYTES} bytes`);
}

/** Seals `message` so that only the holder of the matching secret key can open it. */
export function sealToPublicKey(publicKey: Uint8Array, message: Uint8Array): Buffer {
  assertPublicKey(publicKey);
  try {
    return asBuffer(readySodium().crypto_box_seal(message, publicKey));
  } catch {
    // libsodium refuses low-order public keys (the all-zero key among them)
    throw new SealedBoxError('seal-failed');
  }
}

/** The sealed message, or SealedBoxError: never bytes that were not sealed to this key pair. */
export function openSealedBox(keyPair: BoxKeyPair, sealed: Uint8Array): Uint8Array {
  assertPublicKey(keyPair.publicKey);
  assertKey(keyPair.secretKey, BOX_SECRET_KEY_BYTES, 'box secret key');
  if (sealed.length < SEALED_BOX_OVERHEAD) throw new SealedBoxError('format');
  try {
    return readySodium().crypto_box_seal_open(sealed, keyPair.publicKey, keyPair.secretKey);
  } catch {
    throw new SealedBoxError('unauthentic');
  }
}

/** sealToPublicKey for a JSON value; the UTF-8 plaintext is zeroed after sealing. */
export function sealJsonToPublicKey(publicKey: Uint8Array, value: unknown): Buffer {
  const json: unknown = JSON.stringify(value);
  if (typeof json !== 'string') throw new TypeError('a sealed value must be JSON-serialisable');
  const plaintext = Buffer.from(json, 'utf8');
  try {
    return sealToPublicKey(publicKey, plaintext);
  } finally {
    readySodium().memzero(plaintext);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** openSealedBox for a JSON value, as `unknown` for the caller to validate. */
export function openSealedJson(keyPair: BoxKeyPair, sealed: Uint8Array): unknown {
  const plaintext = openSealedBox(keyPair, sealed);
  try {
    return JSON.parse(utf8.decode(plaintext)) as unknown;
  } catch {
    throw new SealedBoxError('format');
  } finally {
    readySodium().memzero(plaintext);
  }
}

/**
 * "snowdesk/box-sk/v1/<role>:<public key, base64url>": a wrapped secret key opens only as
 * the secret half of that role's pair with that public key.
 */
export function boxSecretKeyLabel(role: BoxKeyRole, publicKey: Uint8Array): WrapLabel {
  assertPublicKey(publicKey);
  return wrapLabel('box-sk', `${role}:${encodeBase64Url(publicKey)}`);
}

/**
 * The pair's secret key wrapped under `wrappingKey` (a DK sub-key, SubKeyId.keyWrapping, or
 * recoveryWrappingKey(recovery key)), serialised as in key-wrapping.ts. Store the public key
 * beside it in clear: unattended work needs only that.
 */
export function wrapBoxSecretKey(keyPair: BoxKeyPair, wrappingKey: Uint8Array): string {
  const label = boxSecretKeyLabel(keyPair.role, keyPair.publicKey);
  return serializeWrappedKey(wrapWithKey(keyPair.secretKey, wrappingKey, label));
}

/**
 * The key pair back, with its secret key checked against the public key. KeyUnwrapError for
 * a wrong wrapping key or a damaged or moved wrapped key. The caller wipes the result, for
 * instance by KeyHandle.hold(pair.secretKey).
 */
export function unwrapBoxSecretKey(
  stored: string,
  role: BoxKeyRole,
  publicKey: Uint8Array,
  wrappingKey: Uint8Array,
): BoxKeyPair {
  const sodium = readySodium();
  const secretKey = unwrapWithKey(
    parseKeyWrappedKey(stored),
    wrappingKey,
    boxSecretKeyLabel(role, publicKey),
  );
  const derivedPublic =
    secretKey.length === BOX_SECRET_KEY_BYTES ? sodium.crypto_scalarmult_base(secretKey) : null;
  if (derivedPublic === null || !sodium.memcmp(derivedPublic, publicKey)) {
    // authentic under the label yet not the pair's secret: a bug on the wrapping side
    sodium.memzero(secretKey);
    throw new TypeError('the unwrapped secret key does not match its public key');
  }
  return { role, publicKey: Uint8Array.from(publicKey), secretKey };
}
