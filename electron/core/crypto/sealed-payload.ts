import { randomBytes } from 'node:crypto';
import { encodeAssociatedData } from './associated-data.js';
import { CryptoError } from './crypto-error.js';
import { assertKey } from './key-checks.js';
import { readySodium } from './sodium.js';
import { SUB_KEY_BYTES } from './sub-keys.js';

/**
 * One JSON payload per record revision, sealed with XChaCha20-Poly1305 under a DK sub-key
 * (SubKeyId.recordPayload for records, SubKeyId.draft for drafts).
 *
 * Blob layout (a SQLite BLOB):
 *
 *   byte 0        format version, 0x01
 *   bytes 1–24    nonce, 24 random bytes from node:crypto (random XChaCha nonces never
 *                 realistically repeat, so no counter has to survive crashes or restores)
 *   bytes 25–     ciphertext of the padded plaintext, then the 16-byte Poly1305 tag
 *
 * Plaintext: the UTF-8 JSON, then 0x80, then zeros up to a multiple of 64 bytes (ISO/IEC
 * 7816-4 padding), so the blob's length tells the length of a name or address only to
 * within 64 bytes.
 *
 * Additional data: encodeAssociatedData("snowdesk/payload/v1", [purpose, recordId,
 * revision in decimal]). A blob copied to another row, another revision or another purpose
 * does not open, and opening says so with SealedPayloadError; it never returns a payload that
 * is not exactly the one sealed for that place.
 */

export const SEALED_PAYLOAD_VERSION = 1;
const AD_DOMAIN = 'snowdesk/payload/v1';
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const PAD_BLOCK = 64;
const HEADER_BYTES = 1 + NONCE_BYTES;

/**
 * 'record-note': free text staff write about a record (review comments, reasons, contact notes),
 * sealed under the record sub-key; the binding's record id names the note's place
 * ("<record id>#<slot>#<key>", see SealedRecordStore.sealNote) and its revision is 0.
 * 'complaint-note' / 'suggestion-note': the same for a complaint's or a suggestion's text, under
 * their own sub-keys, bound to "<complaint or suggestion id>#<slot>#<key>" (crypto/sealed-note.ts).
 */
export type PayloadPurpose = 'guest-record' | 'draft' | 'record-note' | 'complaint-note' | 'suggestion-note';

/** Where a payload belongs. None of it is guest data, so errors may name it. */
export interface PayloadBinding {
  readonly recordId: string;
  readonly revision: number;
  readonly purpose: PayloadPurpose;
}

export type SealedPayloadProblem = 'unauthentic' | 'format' | 'not-json';

/**
 * A payload that does not open for the place it was asked for: altered, truncated, moved from
 * another record or revision, or sealed under another key. Names the record and revision so
 * the core can report and audit it; never carries any of the contents.
 */
export class SealedPayloadError extends CryptoError {
  readonly code = 'sealed_payload';
  readonly recordId: string;
  readonly revision: number;
  readonly purpose: PayloadPurpose;
  constructor(
    binding: PayloadBinding,
    readonly problem: SealedPayloadProblem,
  ) {
    super(
      `the ${binding.purpose} payload of record ${binding.recordId} revision ${binding.revision} does not open: ` +
        (problem === 'unauthentic'
          ? 'it was altered, belongs to another record or revision, or was sealed under another key'
          : problem === 'format'
            ? 'it is not a sealed payload of a known format'
            : 'its contents are not the JSON that was sealed'),
    );
    this.name = 'SealedPayloadError';
    this.recordId = binding.recordId;
    this.revision = binding.revision;
    this.purpose = binding.purpose;
  }
}

function associatedData(binding: PayloadBinding): Uint8Array {
  const { recordId, revision, purpose } = binding;
  if (typeof recordId !== 'string' || recordId.length === 0 || recordId.length > 200)
    throw new TypeError('a record id must be 1-200 characters');
  if (!Number.isSafeInteger(revision) || revision < 0)
    throw new TypeError('a revision must be a non-negative integer');
  return encodeAssociatedData(AD_DOMAIN, [purpose, recordId, String(revision)]);
}

/**
 * Seals `value` (anything JSON.stringify accepts) for `binding`. The UTF-8 plaintext buffer
 * is zeroed before returning; the intermediate JSON string cannot be (strings are immutable).
 */
export function sealPayload(key: Uint8Array, binding: PayloadBinding, value: unknown): Buffer {
  assertKey(key, SUB_KEY_BYTES, 'payload key');
  const ad = associatedData(binding);
  const json: unknown = JSON.stringify(value);
  if (typeof json !== 'string') throw new TypeError('a payload must be JSON-serialisable');
  const length = Buffer.byteLength(json, 'utf8');
  const plaintext = Buffer.alloc((Math.floor(length / PAD_BLOCK) + 1) * PAD_BLOCK);
  plaintext.write(json, 0, 'utf8');
  plaintext[length] = 0x80;
  const sodium = readySodium();
  try {
    const nonce = randomBytes(NONCE_BYTES);
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
    return Buffer.concat([Buffer.of(SEALED_PAYLOAD_VERSION), nonce, ciphertext]);
  } finally {
    sodium.memzero(plaintext);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function unpaddedLength(plaintext: Uint8Array): number | null {
  let end = plaintext.length - 1;
  while (end >= 0 && plaintext[end] === 0) end--;
  return end >= 0 && plaintext[end] === 0x80 ? end : null;
}

/**
 * The value sealed for `binding`, as `unknown`: the caller validates its shape (a zod schema)
 * as with any other input. SealedPayloadError if it does not open for exactly that binding.
 */
export function openPayload(key: Uint8Array, binding: PayloadBinding, sealed: Uint8Array): unknown {
  assertKey(key, SUB_KEY_BYTES, 'payload key');
  const ad = associatedData(binding);
  if (sealed.length < HEADER_BYTES + TAG_BYTES + PAD_BLOCK || sealed[0] !== SEALED_PAYLOAD_VERSION)
    throw new SealedPayloadError(binding, 'format');
  const sodium = readySodium();
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(HEADER_BYTES),
      ad,
      sealed.subarray(1, HEADER_BYTES),
      key,
    );
  } catch {
    throw new SealedPayloadError(binding, 'unauthentic');
  }
  try {
    const length = unpaddedLength(plaintext);
    if (length === null) throw new SealedPayloadError(binding, 'format');
    return JSON.parse(utf8.decode(plaintext.subarray(0, length))) as unknown;
  } catch (error) {
    if (error instanceof SealedPayloadError) throw error;
    // authentic bytes that are not our JSON: only a bug on the sealing side gets here
    throw new SealedPayloadError(binding, 'not-json');
  } finally {
    sodium.memzero(plaintext);
  }
}
