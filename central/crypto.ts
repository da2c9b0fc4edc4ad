import { createHash, createHmac, randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

/**
 * The central side's cryptography, on base64 text as it travels: crypto_box_seal to open what
 * devices seal and to seal inbox items to them, secretbox for guest data at rest, and HMAC for
 * the blind index that lets look-ups match without any clear value in a table.
 */

export interface BoxKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export async function sodiumReady(): Promise<void> {
  await sodium.ready;
}

export function toBase64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
}

/** Null for text that is not canonical base64. */
export function fromBase64(text: string): Uint8Array | null {
  try {
    const bytes = sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
    return toBase64(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

export function newBoxKeyPair(): BoxKeyPair {
  const seed = randomBytes(sodium.crypto_box_SEEDBYTES);
  const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(seed);
  return { publicKey, privateKey };
}

export function sealJsonTo(value: unknown, recipientPublicKeyBase64: string): string {
  const key = fromBase64(recipientPublicKeyBase64);
  if (key?.length !== sodium.crypto_box_PUBLICKEYBYTES) throw new Error('not a crypto_box public key');
  return toBase64(sodium.crypto_box_seal(sodium.from_string(JSON.stringify(value)), key));
}

export type Opened = { ok: true; value: unknown } | { ok: false; problem: 'unsealable' | 'not_json' };

/** Tries each key pair, newest first: items sealed to a rotated-out key still open. */
export function openSealedJson(sealedBase64: string, keys: readonly BoxKeyPair[]): Opened {
  const bytes = fromBase64(sealedBase64);
  if (!bytes || bytes.length < sodium.crypto_box_SEALBYTES) return { ok: false, problem: 'unsealable' };
  for (const pair of keys) {
    let plain: Uint8Array;
    try {
      plain = sodium.crypto_box_seal_open(bytes, pair.publicKey, pair.privateKey);
    } catch {
      continue;
    }
    try {
      return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain)) };
    } catch {
      return { ok: false, problem: 'not_json' };
    } finally {
      sodium.memzero(plain);
    }
  }
  return { ok: false, problem: 'unsealable' };
}

/** Guest data at rest: nonce ‖ secretbox, under the operator's data key. */
export function sealAtRest(value: unknown, dataKey: Uint8Array): Buffer {
  const nonce = randomBytes(sodium.crypto_secretbox_NONCEBYTES);
  const box = sodium.crypto_secretbox_easy(sodium.from_string(JSON.stringify(value)), nonce, dataKey);
  return Buffer.concat([nonce, box]);
}

export function openAtRest(stored: Buffer, dataKey: Uint8Array): unknown {
  const nonce = stored.subarray(0, sodium.crypto_secretbox_NONCEBYTES);
  const box = stored.subarray(sodium.crypto_secretbox_NONCEBYTES);
  const plain = sodium.crypto_secretbox_open_easy(box, nonce, dataKey);
  return JSON.parse(new TextDecoder().decode(plain));
}

/** The blind-index term of one normalised value: equal values match, no value can be read back. */
export function blindTerm(kind: string, value: string, lookupKey: Uint8Array): string {
  return createHmac('sha256', lookupKey).update(`${kind}\n${value}`, 'utf8').digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A bearer secret: 32 random bytes, base64url, with a prefix that says what it is for. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
