import type { Database } from 'better-sqlite3';
import { asBuffer } from '../crypto/bytes.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import {
  type BoxKeyPair,
  generateBoxKeyPair,
  unwrapBoxSecretKey,
  wipeBoxKeyPair,
  wrapBoxSecretKey,
} from '../crypto/sealed-box.js';
import { SubKeyId } from '../crypto/sub-keys.js';
import { prepared } from '../db/statement-cache.js';

/**
 * The two key pairs sync keeps, public keys in clear and secret keys wrapped by DK's
 * key-wrapping sub-key:
 * - 'device': made at enrolment; its public key goes to the central side, which seals inbox
 *   items (online submissions) to it. Opening them needs an unlocked session.
 * - 'holding': made the first time a record changes before the kiosk is enrolled. Outbox items
 *   written then are sealed to it (sealing needs no secret), and resealed to the central key at
 *   enrolment, when the maintainer's session holds DK. So no outbox content is ever on disk in
 *   clear, and none is sealed to a key the central side might not hold.
 */
export type SyncKeyRole = 'device' | 'holding';

interface KeyRow {
  public_key: Buffer;
  wrapped_secret_key: string;
}

export function syncPublicKey(db: Database, role: SyncKeyRole): Uint8Array | null {
  const row = prepared<[string], { public_key: Buffer }>(
    db,
    'SELECT public_key FROM sync_key_pairs WHERE role = ?',
  ).get(role);
  return row ? new Uint8Array(row.public_key) : null;
}

/** The public key of `role`, made (and its secret wrapped with DK) if there is none yet. */
export function ensureSyncKeyPair(db: Database, role: SyncKeyRole, keys: KeyHandle, now: number): Uint8Array {
  const existing = syncPublicKey(db, role);
  if (existing) return existing;
  const pair = generateBoxKeyPair(role);
  try {
    const wrapped = wrapBoxSecretKey(pair, keys.subKey(SubKeyId.keyWrapping));
    db.prepare(
      'INSERT INTO sync_key_pairs (role, public_key, wrapped_secret_key, created_at) VALUES (?, ?, ?, ?)',
    ).run(role, asBuffer(pair.publicKey), wrapped, now);
    return Uint8Array.from(pair.publicKey);
  } finally {
    wipeBoxKeyPair(pair);
  }
}

const opened = new WeakMap<KeyHandle, Map<SyncKeyRole, BoxKeyPair>>();

/**
 * The key pair with its secret key, for an unlocked session. The secret is held by the
 * session's KeyHandle, so lock and sign-out wipe it with DK; one copy per handle and role.
 * Null when the pair does not exist.
 */
export function openSyncKeyPair(db: Database, role: SyncKeyRole, keys: KeyHandle): BoxKeyPair | null {
  let cache = opened.get(keys);
  const cached = cache?.get(role);
  if (cached && !keys.wiped) return cached;
  const row = db
    .prepare<[string], KeyRow>('SELECT public_key, wrapped_secret_key FROM sync_key_pairs WHERE role = ?')
    .get(role);
  if (!row) return null;
  const pair = unwrapBoxSecretKey(
    row.wrapped_secret_key,
    role,
    new Uint8Array(row.public_key),
    keys.subKey(SubKeyId.keyWrapping),
  );
  keys.hold(pair.secretKey);
  if (!cache) {
    cache = new Map();
    opened.set(keys, cache);
  }
  cache.set(role, pair);
  return pair;
}
