import type { Argon2Params } from '../../../electron/core/crypto/argon2-params.js';

/** libsodium's minimum Argon2id cost: tests pass it explicitly, production never sees it. */
export const CHEAP_ARGON2: Argon2Params = { opslimit: 1, memlimit: 8 * 1024 };
