import { KeyWipedError } from './crypto-error.js';
import { readySodium } from './sodium.js';
import { DATA_KEY_BYTES, deriveSubKey, type SubKeyId } from './sub-keys.js';

/**
 * Holds DK while the kiosk is unlocked, with every sub-key derived from it and any other
 * secret unwrapped with it, so that lock and sign-out have one call, wipe(), that zeroes them
 * all. After wipe() every accessor throws KeyWipedError instead of handing out zeros.
 *
 * The handle adopts the buffers it is given (no copy), so there is one copy of each key to
 * wipe. Buffers handed out are the held ones: callers use them and do not keep them beyond the
 * operation at hand. What JavaScript cannot promise: copies a garbage collector or libsodium's
 * WebAssembly heap made along the way are outside its reach.
 */
export class KeyHandle {
  #dataKey: Uint8Array | null;
  readonly #subKeys = new Map<SubKeyId, Uint8Array>();
  readonly #held = new Set<Uint8Array>();

  private constructor(dataKey: Uint8Array) {
    this.#dataKey = dataKey;
  }

  /** Takes ownership of `dataKey`: wipe() zeroes that very buffer. */
  static adopt(dataKey: Uint8Array): KeyHandle {
    if (!(dataKey instanceof Uint8Array) || dataKey.length !== DATA_KEY_BYTES)
      throw new TypeError(`a data key is ${DATA_KEY_BYTES} bytes`);
    return new KeyHandle(dataKey);
  }

  get wiped(): boolean {
    return this.#dataKey === null;
  }

  /** DK itself, for wrapping it for another account or a new recovery key; otherwise use sub-keys. */
  dataKey(): Uint8Array {
    if (this.#dataKey === null) throw new KeyWipedError('data key');
    return this.#dataKey;
  }

  /** The sub-key `id`, derived on first use and kept until wipe(). */
  subKey(id: SubKeyId): Uint8Array {
    const dataKey = this.dataKey();
    let key = this.#subKeys.get(id);
    if (key === undefined) {
      key = deriveSubKey(dataKey, id);
      this.#subKeys.set(id, key);
    }
    return key;
  }

  /** Adopts another secret opened with this handle (a backup secret key) so wipe() zeroes it too. */
  hold<T extends Uint8Array>(secret: T): T {
    if (this.#dataKey === null) {
      readySodium().memzero(secret);
      throw new KeyWipedError('data key');
    }
    this.#held.add(secret);
    return secret;
  }

  /** Zeroes DK, every sub-key and every held secret. Safe to call more than once. */
  wipe(): void {
    const sodium = readySodium();
    for (const key of this.#subKeys.values()) sodium.memzero(key);
    for (const secret of this.#held) sodium.memzero(secret);
    if (this.#dataKey !== null) sodium.memzero(this.#dataKey);
    this.#subKeys.clear();
    this.#held.clear();
    this.#dataKey = null;
  }
}
