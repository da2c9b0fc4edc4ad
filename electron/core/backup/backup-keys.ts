import type { Database } from 'better-sqlite3';
import type { KeyHandle } from '../crypto/key-handle.js';
import { recoveryWrappingKey } from '../crypto/recovery-key.js';
import {
  generateBoxKeyPair,
  unwrapBoxSecretKey,
  wipeBoxKeyPair,
  wrapBoxSecretKey,
  type BoxKeyPair,
} from '../crypto/sealed-box.js';
import { readySodium } from '../crypto/sodium.js';
import { SubKeyId } from '../crypto/sub-keys.js';

/**
 * The store's backup key pair (migration 0007). Backups are sealed to its public key, so the
 * daily backup needs no DK and runs while the kiosk is locked; its secret key is stored wrapped
 * by the DK sub-key SubKeyId.keyWrapping and by the recovery key's wrapping key.
 */
export interface BackupKeyRow {
  public_key: Buffer;
  dk_wrapped_sk: string;
  recovery_wrapped_sk: string | null;
  created_at: number;
  recovery_added_at: number | null;
}

/** True once migration 0007 has run on this database. */
export function hasBackupTables(db: Database): boolean {
  return (
    db
      .prepare(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('backup_keys', 'backup_history')",
      )
      .pluck()
      .get() === 2
  );
}

export function readBackupKeys(db: Database): BackupKeyRow | undefined {
  if (!hasBackupTables(db)) return undefined;
  return db
    .prepare<[], BackupKeyRow>(
      'SELECT public_key, dk_wrapped_sk, recovery_wrapped_sk, created_at, recovery_added_at FROM backup_keys WHERE singleton = 1',
    )
    .get();
}

/**
 * Makes the pair if the store has none: wrapped under DK, and under the recovery key when it is
 * in hand (first setup). Returns true when this call made it. Runs inside the caller's
 * transaction when there is one; a second process racing here loses quietly (INSERT OR IGNORE).
 */
export function createBackupKeys(
  db: Database,
  keys: KeyHandle,
  recoveryKey: Uint8Array | null,
  now: number,
): boolean {
  if (!hasBackupTables(db) || readBackupKeys(db)) return false;
  const pair = generateBoxKeyPair('backup');
  try {
    const dkWrapped = wrapBoxSecretKey(pair, keys.subKey(SubKeyId.keyWrapping));
    const recoveryWrapped = recoveryKey ? wrapForRecovery(pair, recoveryKey) : null;
    const changes = db
      .prepare(
        `INSERT OR IGNORE INTO backup_keys
           (singleton, public_key, dk_wrapped_sk, recovery_wrapped_sk, created_at, recovery_added_at)
         VALUES (1, ?, ?, ?, ?, ?)`,
      )
      .run(
        Buffer.from(pair.publicKey),
        dkWrapped,
        recoveryWrapped,
        now,
        recoveryWrapped ? now : null,
      ).changes;
    return changes === 1;
  } finally {
    wipeBoxKeyPair(pair);
  }
}

/**
 * A store set up before migration 0007 gets its pair from the first person who signs in or
 * unlocks (anyone holding DK): the DK copy only, because the recovery key is not in hand.
 */
export function ensureBackupKeys(db: Database, keys: KeyHandle, now: number): boolean {
  return createBackupKeys(db, keys, null, now);
}

/**
 * Fills in the recovery copy of the backup secret key the next time the recovery key is entered
 * (recovery at the kiosk), for a pair that was made without it. Returns true when it wrote it.
 */
export function addRecoveryCopy(
  db: Database,
  keys: KeyHandle,
  recoveryKey: Uint8Array,
  now: number,
): boolean {
  const row = readBackupKeys(db);
  if (!row || row.recovery_wrapped_sk !== null) return false;
  const pair = unwrapBackupKeyWithDataKey(row.dk_wrapped_sk, row.public_key, keys);
  try {
    const wrapped = wrapForRecovery(pair, recoveryKey);
    return (
      db
        .prepare(
          'UPDATE backup_keys SET recovery_wrapped_sk = ?, recovery_added_at = ? WHERE singleton = 1 AND recovery_wrapped_sk IS NULL',
        )
        .run(wrapped, now).changes === 1
    );
  } finally {
    wipeBoxKeyPair(pair);
  }
}

/**
 * A new recovery key replaced the old one (FirstSetup.reissueRecoveryKey): the recovery copy of
 * the backup secret key follows it, or it would open only with the retired key. Run it in the
 * same transaction as the keyring change. Returns true when the store has a pair to re-wrap.
 */
export function replaceRecoveryCopy(
  db: Database,
  keys: KeyHandle,
  recoveryKey: Uint8Array,
  now: number,
): boolean {
  const row = readBackupKeys(db);
  if (!row) return false;
  const pair = unwrapBackupKeyWithDataKey(row.dk_wrapped_sk, row.public_key, keys);
  try {
    db.prepare(
      'UPDATE backup_keys SET recovery_wrapped_sk = ?, recovery_added_at = ? WHERE singleton = 1',
    ).run(wrapForRecovery(pair, recoveryKey), now);
    return true;
  } finally {
    wipeBoxKeyPair(pair);
  }
}

function wrapForRecovery(pair: BoxKeyPair, recoveryKey: Uint8Array): string {
  const kek = recoveryWrappingKey(recoveryKey);
  try {
    return wrapBoxSecretKey(pair, kek);
  } finally {
    readySodium().memzero(kek);
  }
}

/** The pair from its DK copy; KeyUnwrapError when DK is not this store's or the copy is damaged. */
export function unwrapBackupKeyWithDataKey(
  stored: string,
  publicKey: Uint8Array,
  keys: KeyHandle,
): BoxKeyPair {
  return unwrapBoxSecretKey(stored, 'backup', publicKey, keys.subKey(SubKeyId.keyWrapping));
}

/** The pair from its recovery copy; KeyUnwrapError for another store's recovery key. */
export function unwrapBackupKeyWithRecoveryKey(
  stored: string,
  publicKey: Uint8Array,
  recoveryKey: Uint8Array,
): BoxKeyPair {
  const kek = recoveryWrappingKey(recoveryKey);
  try {
    return unwrapBoxSecretKey(stored, 'backup', publicKey, kek);
  } finally {
    readySodium().memzero(kek);
  }
}
