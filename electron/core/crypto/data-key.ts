import { randomBytes } from 'node:crypto';
import type { Argon2Params } from './argon2-params.js';
import { KeyHandle } from './key-handle.js';
import {
  needsStrongerParams,
  parseKeyWrappedKey,
  parsePasswordWrappedKey,
  serializeWrappedKey,
  unwrapWithKey,
  unwrapWithPassword,
  wrapLabel,
  wrapWithKey,
  wrapWithPassword,
  type WrapLabel,
} from './key-wrapping.js';
import { recoveryWrappingKey } from './recovery-key.js';
import { readySodium } from './sodium.js';
import { DATA_KEY_BYTES } from './sub-keys.js';

/**
 * The data key (DK): 32 random bytes made once at first setup, never stored in clear. Each
 * staff account stores it wrapped under its password, and the recovery key wraps it once
 * more. Results and inputs here are the serialised strings of key-wrapping.ts, ready for a
 * TEXT column, and unwrapping yields a KeyHandle so DK is held for wiping from the start.
 */

export function generateDataKey(): Uint8Array {
  return randomBytes(DATA_KEY_BYTES);
}

/** "snowdesk/dk/v1/account:<accountId>": DK wrapped for one account opens for that account only. */
export function accountKeyLabel(accountId: string): WrapLabel {
  return wrapLabel('dk', `account:${accountId}`);
}

/** "snowdesk/dk/v1/recovery:<storeId>": the recovery copy of one store's DK. */
export function recoveryKeyLabel(storeId: string): WrapLabel {
  return wrapLabel('dk', `recovery:${storeId}`);
}

/** DK wrapped under an account's password; `params` only for tests and the benchmark. */
export async function wrapDataKeyForAccount(
  handle: KeyHandle,
  password: string,
  accountId: string,
  params?: Argon2Params,
): Promise<string> {
  const wrapped = await wrapWithPassword(handle.dataKey(), password, accountKeyLabel(accountId), params);
  return serializeWrappedKey(wrapped);
}

/**
 * Unlock: DK from an account's stored wrapped key. KeyUnwrapError for a wrong password or a
 * damaged (or moved) wrapped key; KeyFormatError for text that is not a wrapped key at all.
 */
export async function unwrapDataKeyForAccount(
  stored: string,
  password: string,
  accountId: string,
): Promise<KeyHandle> {
  const wrapped = parsePasswordWrappedKey(stored);
  const dataKey = await unwrapWithPassword(wrapped, password, accountKeyLabel(accountId));
  return adoptDataKey(dataKey);
}

/**
 * True when the stored key was wrapped with weaker Argon2 parameters than `target` (the
 * production ones by default): after a successful unlock, re-wrap it while DK is in hand.
 */
export function accountKeyNeedsRewrap(stored: string, target?: Argon2Params): boolean {
  return needsStrongerParams(parsePasswordWrappedKey(stored), target);
}

export function wrapDataKeyForRecovery(handle: KeyHandle, recoveryKey: Uint8Array, storeId: string): string {
  const kek = recoveryWrappingKey(recoveryKey);
  try {
    return serializeWrappedKey(wrapWithKey(handle.dataKey(), kek, recoveryKeyLabel(storeId)));
  } finally {
    readySodium().memzero(kek);
  }
}

/** DK after every password is lost. KeyUnwrapError: not this store's recovery key, or damaged. */
export function unwrapDataKeyWithRecoveryKey(
  stored: string,
  recoveryKey: Uint8Array,
  storeId: string,
): KeyHandle {
  const wrapped = parseKeyWrappedKey(stored);
  const kek = recoveryWrappingKey(recoveryKey);
  try {
    return adoptDataKey(unwrapWithKey(wrapped, kek, recoveryKeyLabel(storeId)));
  } finally {
    readySodium().memzero(kek);
  }
}

function adoptDataKey(dataKey: Uint8Array): KeyHandle {
  if (dataKey.length !== DATA_KEY_BYTES) {
    // authentic but not a DK: a wrapped key of another kind under a DK label cannot happen
    // unless the label scheme is broken, so refuse rather than adopt it
    readySodium().memzero(dataKey);
    throw new TypeError('the unwrapped key is not a data key');
  }
  return KeyHandle.adopt(dataKey);
}
