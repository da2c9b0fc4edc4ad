import { assertKey } from './key-checks.js';
import { readySodium } from './sodium.js';
import { SUB_KEY_BYTES, SubKeyId } from './sub-keys.js';

/**
 * Blind indexes for exact lookups of sealed values: keyed BLAKE2b (crypto_generichash with a
 * DK sub-key, one key per kind) of the normalised value, truncated to BLIND_INDEX_BYTES.
 * A lookup fetches the rows whose index matches, opens their payloads and compares the real
 * values; the index only narrows the search.
 *
 * Normal forms (the caller normalises, with the validators in shared/domain; this module
 * refuses anything not in normal form, because a value indexed one way and looked up
 * another would miss silently):
 *   id-number  the document number alone, upper-case ASCII letters and digits, no spaces or
 *              punctuation: "11010519491231002X", "E12345678", "H12345678"
 *   phone      E.164: "+" then the country code and number, digits only: "+8613812345678"
 *
 * Length: 2 bytes (16 bits, 65,536 index values), chosen for the design size of 1M records.
 *   - Candidates per lookup at 1M records: 1,000,000 / 65,536 ≈ 15.3 unrelated rows besides
 *     the real matches. Each costs one payload open, about 6 µs for an 800-byte payload on
 *     the development machine, so ≈ 0.1 ms per lookup: well inside the 1 ms p50 budget.
 *     (100k records: ≈ 1.5 candidates.)
 *   - What a hit proves: at 1M records an index value is in use with probability
 *     1 − e^(−15.3) ≈ 0.9999998, so finding a row under the index of a given ID number says
 *     nothing on its own about that ID number being stored; only opening the candidates does,
 *     and that needs DK. Likewise, to someone holding the database file without the key,
 *     rows sharing an index value are mostly unrelated guests, not one person's visits.
 *   - The alternatives: 3 bytes gives 0.06 candidates at 1M but only 5.8% of index values
 *     in use, so a hit is ~94% proof of presence; 4 bytes is proof outright. 1 byte would
 *     make every lookup open ~3,900 rows.
 *   - Below roughly 50k records most index values are unused and a hit becomes evidence
 *     again; a fixed length cannot avoid that, and the index key is still needed to compute
 *     the index of a chosen value in the first place.
 * Changing the length, the key ids or the normal forms means rebuilding every index.
 */

export const BLIND_INDEX_BYTES = 2;

export type BlindIndexKind = 'id-number' | 'phone';

/** The DK sub-key each kind uses. */
export const BLIND_INDEX_SUB_KEY: Readonly<Record<BlindIndexKind, SubKeyId>> = Object.freeze({
  'id-number': SubKeyId.blindIndexIdNumber,
  phone: SubKeyId.blindIndexPhone,
});

const NORMAL_FORM: Readonly<Record<BlindIndexKind, RegExp>> = {
  'id-number': /^[0-9A-Z]{1,64}$/,
  phone: /^\+[1-9][0-9]{1,14}$/,
};

/**
 * The index of `normalizedValue`, as a Buffer for an indexed SQLite BLOB column. `key` is
 * the DK sub-key BLIND_INDEX_SUB_KEY[kind]. Deterministic per key; differs across keys.
 */
export function blindIndex(kind: BlindIndexKind, key: Uint8Array, normalizedValue: string): Buffer {
  assertKey(key, SUB_KEY_BYTES, 'blind index key');
  if (!NORMAL_FORM[kind].test(normalizedValue))
    throw new TypeError(`a ${kind} must be normalised before indexing (see blind-index.ts)`);
  const sodium = readySodium();
  // a full 32-byte keyed hash, then truncation: any prefix of a PRF output is a PRF output
  const digest = sodium.crypto_generichash(32, normalizedValue, key);
  const index = Buffer.from(digest.subarray(0, BLIND_INDEX_BYTES));
  sodium.memzero(digest);
  return index;
}
