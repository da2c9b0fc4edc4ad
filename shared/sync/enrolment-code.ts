import { EnrolmentCodeContent } from './wire.js';

/**
 * An enrolment code bundles what a maintainer would otherwise type (URL, device token, central
 * public key, optional certificate pins) into one string to paste or scan:
 * `snowdesk-enrol:1:` followed by base64url (no padding) of the JSON of EnrolmentCodeContent.
 * The JSON is kept to ASCII (\u escapes), so encoding it needs no TextEncoder and this file
 * stays pure TypeScript.
 */
export const ENROLMENT_CODE_PREFIX = 'snowdesk-enrol:1:';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Far beyond any real code; stops a pasted novel before it is decoded. */
const MAX_CODE_CHARS = 8192;

function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function base64UrlEncode(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i);
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) : -1;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) : -1;
    const n = (a << 16) | ((b < 0 ? 0 : b) << 8) | (c < 0 ? 0 : c);
    out += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63);
    if (b >= 0) out += ALPHABET.charAt((n >> 6) & 63);
    if (c >= 0) out += ALPHABET.charAt(n & 63);
  }
  return out;
}

/** Returns null for anything that is not canonical base64url of ASCII text. */
function base64UrlDecode(text: string): string | null {
  if (text.length % 4 === 1) return null;
  let out = '';
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    const values: number[] = [];
    for (let j = 0; j < chunk.length; j += 1) values.push(ALPHABET.indexOf(chunk.charAt(j)));
    if (values.some((v) => v < 0)) return null;
    const [v0 = 0, v1 = 0, v2 = 0, v3 = 0] = values;
    const n = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255].slice(0, chunk.length - 1);
    for (const byte of bytes) {
      if (byte > 127) return null;
      out += String.fromCharCode(byte);
    }
  }
  // a non-canonical tail (stray low bits) would let two strings mean one code
  return base64UrlEncode(out) === text ? out : null;
}

export function encodeEnrolmentCode(content: EnrolmentCodeContent): string {
  return ENROLMENT_CODE_PREFIX + base64UrlEncode(asciiJson(EnrolmentCodeContent.parse(content)));
}

export type DecodedEnrolmentCode =
  | { ok: true; content: EnrolmentCodeContent }
  | { ok: false; problem: 'prefix' | 'encoding' | 'json' | 'content' };

/** Surrounding whitespace (from a paste) is ignored; everything else must be exact. */
export function decodeEnrolmentCode(code: string): DecodedEnrolmentCode {
  const text = code.trim();
  if (text.length > MAX_CODE_CHARS || !text.startsWith(ENROLMENT_CODE_PREFIX)) {
    return { ok: false, problem: 'prefix' };
  }
  const json = base64UrlDecode(text.slice(ENROLMENT_CODE_PREFIX.length));
  if (json === null) return { ok: false, problem: 'encoding' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'json' };
  }
  const parsed = EnrolmentCodeContent.safeParse(value);
  return parsed.success ? { ok: true, content: parsed.data } : { ok: false, problem: 'content' };
}
