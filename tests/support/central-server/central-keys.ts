import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PublicKey } from '../../../shared/sync/wire.js';
import { type BoxKeyPair, fromBase64, newBoxKeyPair, toBase64 } from './sealing.js';

/**
 * The central key pair lives beside the central database, so a server restarted on the same
 * folder opens what it sealed before, and centralClientForTests can open stored items even
 * after the server has closed. A test server's private key on disk is fine; a real one is not.
 */
export const CENTRAL_KEYS_FILE = 'central-keys.json';

const KeyFile = z.strictObject({ publicKey: PublicKey, privateKey: z.string() });

function decode(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes?.length !== 32) throw new Error(`${CENTRAL_KEYS_FILE} holds a key that is not 32 bytes`);
  return bytes;
}

export function readCentralKeys(dataDir: string): BoxKeyPair | null {
  const path = join(dataDir, CENTRAL_KEYS_FILE);
  if (!existsSync(path)) return null;
  const file = KeyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return { publicKey: decode(file.publicKey), privateKey: decode(file.privateKey) };
}

export function writeCentralKeys(dataDir: string, keys: BoxKeyPair): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = { publicKey: toBase64(keys.publicKey), privateKey: toBase64(keys.privateKey) };
  writeFileSync(join(dataDir, CENTRAL_KEYS_FILE), JSON.stringify(file), { mode: 0o600 });
}

/** Keys given by the test win (and are stored); otherwise the stored ones; otherwise new ones. */
export function loadOrCreateCentralKeys(dataDir: string, given?: BoxKeyPair): BoxKeyPair {
  if (given) {
    writeCentralKeys(dataDir, given);
    return given;
  }
  const stored = readCentralKeys(dataDir);
  if (stored) return stored;
  const fresh = newBoxKeyPair();
  writeCentralKeys(dataDir, fresh);
  return fresh;
}
