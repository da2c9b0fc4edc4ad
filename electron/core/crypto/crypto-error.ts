/**
 * The codes of every failure the crypto layer reports on purpose. The core maps them to its
 * own error codes; messages never carry key material or guest data, only identifiers.
 */
export type CryptoErrorCode =
  'key_unwrap_failed' | 'key_format' | 'key_wiped' | 'recovery_key_format' | 'sealed_payload' | 'sealed_box';

export abstract class CryptoError extends Error {
  abstract readonly code: CryptoErrorCode;
}

/** A key was used after wipe(): a lock or sign-out raced with work that still held it. */
export class KeyWipedError extends CryptoError {
  readonly code = 'key_wiped';
  constructor(what: string) {
    super(`${what} was wiped (locked or signed out)`);
    this.name = 'KeyWipedError';
  }
}
