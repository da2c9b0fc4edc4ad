import { assertKey } from './key-checks.js';
import { readySodium } from './sodium.js';

export const DATA_KEY_BYTES = 32;
export const SUB_KEY_BYTES = 32;

/** crypto_kdf context: exactly 8 bytes, the same for every sub-key of DK. */
export const SUB_KEY_CONTEXT = 'SnowdKey';

/**
 * The sub-keys derived from DK with crypto_kdf_derive_from_key. These numbers are part of
 * the data at rest and MUST NEVER CHANGE or be reused for another purpose: changing one makes
 * every payload sealed under it unreadable, or every blind index under it silently miss.
 * A new purpose takes the next unused number.
 */
export const SubKeyId = Object.freeze({
  /** sealed guest-record payloads (sealed-payload.ts) */
  recordPayload: 1,
  /** blind index over normalised ID document numbers (blind-index.ts) */
  blindIndexIdNumber: 2,
  /** blind index over E.164 phone numbers (blind-index.ts) */
  blindIndexPhone: 3,
  /** sealed drafts, kept apart from finished records */
  draft: 4,
  /** wraps key pairs' secret keys (sealed-box.ts), so DK itself only ever feeds this KDF */
  keyWrapping: 5,
  /**
   * The practice store's (R6) counterparts of 1–3: practice payloads and blind indexes live under
   * their own keys, so a practice row copied into the real store never opens there, and a
   * practice lookup never matches a real digest.
   */
  practiceRecordPayload: 6,
  practiceBlindIndexIdNumber: 7,
  practiceBlindIndexPhone: 8,
  /** guest complaints (R27): what the guest said, investigation notes, the answer given */
  complaintNote: 9,
  /** staff suggestions (R17): staff may quote guests, so the text is sealed like guest prose */
  suggestionNote: 10,
} as const);

export type SubKeyId = (typeof SubKeyId)[keyof typeof SubKeyId];

/** A fresh 32-byte sub-key; the caller (normally KeyHandle) owns it and wipes it. */
export function deriveSubKey(dataKey: Uint8Array, id: SubKeyId): Uint8Array {
  assertKey(dataKey, DATA_KEY_BYTES, 'data key');
  return readySodium().crypto_kdf_derive_from_key(SUB_KEY_BYTES, id, SUB_KEY_CONTEXT, dataKey);
}
