import { isWellFormedText } from './bytes.js';

/**
 * The canonical encoding of the additional data that binds a ciphertext to where it belongs:
 * every part (the domain first, then the fields) as a 4-byte big-endian byte length followed
 * by its UTF-8 bytes. The length prefixes make the encoding injective: no choice of values
 * makes ("a:b", "c") and ("a", "b:c") collide, as a joined string would. The same values
 * always give the same bytes, so this format must never change for a given domain string;
 * a new format gets a new domain ("…/v2").
 */
export function encodeAssociatedData(domain: string, fields: readonly string[]): Uint8Array {
  const parts = [domain, ...fields].map((part) => {
    if (!isWellFormedText(part)) throw new TypeError('additional data must be well-formed text');
    return Buffer.from(part, 'utf8');
  });
  const out = Buffer.alloc(parts.reduce((n, p) => n + 4 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.writeUInt32BE(p.length, at);
    p.copy(out, at + 4);
    at += 4 + p.length;
  }
  return out;
}
