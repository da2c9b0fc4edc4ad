import { KeyWipedError } from './crypto-error.js';
import { readySodium } from './sodium.js';

/**
 * Every primitive checks the key it is handed. A wrong length is a programming error; an
 * all-zero key is almost surely one that wipe() zeroed while a caller still held it, and
 * using it would silently seal under, or index with, a key anybody can compute.
 */
export function assertKey(key: Uint8Array, bytes: number, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== bytes)
    throw new TypeError(`${what} must be ${bytes} bytes`);
  if (readySodium().is_zero(key)) throw new KeyWipedError(what);
}
