import { randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

/**
 * crypto_box_seal for the central test server and the tests, on base64 text as it travels.
 * Randomness comes from node:crypto (libsodium's own generator is slow on some machines), so
 * sealing is spelled out: an ephemeral key pair from a random seed, the nonce BLAKE2b-192 of
 * (ephemeral public key || recipient public key), crypto_box_easy — byte for byte what
 * libsodium's crypto_box_seal produces, and what crypto_box_seal_open opens.
 */

export interface BoxKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export async function sodiumReady(): Promise<typeof sodium> {
  await sodium.ready;
  return sodium;
}

export function toBase64(bytes: Uint8Array): string {
  return sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
}

/** Null for text that is not canonical base64, instead of a throw from deep inside libsodium. */
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
  sodium.memzero(seed);
  return { publicKey, privateKey };
}

/** The same key pair for the same seed text: for published test vectors, never for real keys. */
export function demoBoxKeyPair(label: string): BoxKeyPair {
  const seed = sodium.crypto_generichash(sodium.crypto_box_SEEDBYTES, sodium.from_string(label), null);
  const { publicKey, privateKey } = sodium.crypto_box_seed_keypair(seed);
  return { publicKey, privateKey };
}

export function seal(plaintext: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  const ephemeral = newBoxKeyPair();
  const both = new Uint8Array(2 * sodium.crypto_box_PUBLICKEYBYTES);
  both.set(ephemeral.publicKey, 0);
  both.set(recipientPublicKey, sodium.crypto_box_PUBLICKEYBYTES);
  const nonce = sodium.crypto_generichash(sodium.crypto_box_NONCEBYTES, both, null);
  const boxed = sodium.crypto_box_easy(plaintext, nonce, recipientPublicKey, ephemeral.privateKey);
  sodium.memzero(ephemeral.privateKey);
  const out = new Uint8Array(ephemeral.publicKey.length + boxed.length);
  out.set(ephemeral.publicKey, 0);
  out.set(boxed, ephemeral.publicKey.length);
  return out;
}

/** Seals the UTF-8 JSON of `value` and returns base64, as an OutboxItem or InboxItem carries it. */
export function sealJson(value: unknown, recipientPublicKeyBase64: string): string {
  const key = fromBase64(recipientPublicKeyBase64);
  if (key?.length !== sodium.crypto_box_PUBLICKEYBYTES) throw new Error('not a crypto_box public key');
  return toBase64(seal(sodium.from_string(JSON.stringify(value)), key));
}

/** The plaintext bytes, or null when the box does not open with this key pair. */
export function openSealed(sealedBase64: string, keys: BoxKeyPair): Uint8Array | null {
  const bytes = fromBase64(sealedBase64);
  if (!bytes || bytes.length < sodium.crypto_box_SEALBYTES) return null;
  try {
    return sodium.crypto_box_seal_open(bytes, keys.publicKey, keys.privateKey);
  } catch {
    return null;
  }
}

export type OpenedJson = { ok: true; value: unknown } | { ok: false; problem: 'unsealable' | 'not_json' };

export function openSealedJson(sealedBase64: string, keys: BoxKeyPair): OpenedJson {
  const bytes = openSealed(sealedBase64, keys);
  if (!bytes) return { ok: false, problem: 'unsealable' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'not_json' };
  } finally {
    sodium.memzero(bytes);
  }
}
