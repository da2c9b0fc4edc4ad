/**
 * Crockford's base32 (https://www.crockford.com/base32.html): digits and upper-case letters
 * without I, L, O and U, so a person reading a printed key aloud or typing it back is not
 * misled by look-alikes. Bits are taken most significant first.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUES = new Map<string, number>();
for (let i = 0; i < CROCKFORD_ALPHABET.length; i++) VALUES.set(CROCKFORD_ALPHABET.charAt(i), i);
// Crockford's decoding rules: O reads as 0, I and L read as 1.
VALUES.set('O', 0);
VALUES.set('I', 1);
VALUES.set('L', 1);

/** Encodes whole bytes; the caller picks lengths where 8·bytes is a multiple of 5. */
export function encodeCrockford(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET.charAt((acc >> bits) & 31);
    }
  }
  if (bits > 0) out += CROCKFORD_ALPHABET.charAt((acc << (5 - bits)) & 31);
  return out;
}

/**
 * Decodes upper-case Crockford text (O, I and L accepted as 0, 1, 1) into `bytes` bytes, or
 * null if a character is not in the alphabet or the length does not match.
 */
export function decodeCrockford(text: string, bytes: number): Uint8Array | null {
  if (text.length !== Math.ceil((bytes * 8) / 5)) return null;
  const out = new Uint8Array(bytes);
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const c of text) {
    const v = VALUES.get(c);
    if (v === undefined) return null;
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (at < bytes) out[at++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
