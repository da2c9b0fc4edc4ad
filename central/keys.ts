import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { PublicKey } from '../shared/sync/wire.js';
import { type BoxKeyPair, fromBase64, newBoxKeyPair, toBase64 } from './crypto.js';

/**
 * The operator's keys, in one file outside the database (a dump of PostgreSQL alone opens
 * nothing): the central box key pairs (newest first; older ones are kept because a kiosk may be
 * offline for weeks with items sealed to them), the data key that seals guest data at rest, and
 * the look-up key of the blind index.
 */
export interface CentralKeys {
  box: BoxKeyPair[];
  dataKey: Uint8Array;
  lookupKey: Uint8Array;
}

const KeyFile = z.strictObject({
  v: z.literal(1),
  box: z.array(z.strictObject({ publicKey: PublicKey, privateKey: z.string() })).min(1),
  dataKey: z.string(),
  lookupKey: z.string(),
});

function key32(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes?.length !== 32) throw new Error('the key file holds a key that is not 32 bytes');
  return bytes;
}

export function readCentralKeys(path: string): CentralKeys {
  const file = KeyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  return {
    box: file.box.map((pair) => ({ publicKey: key32(pair.publicKey), privateKey: key32(pair.privateKey) })),
    dataKey: key32(file.dataKey),
    lookupKey: key32(file.lookupKey),
  };
}

export function writeCentralKeys(path: string, keys: CentralKeys): void {
  const file: z.infer<typeof KeyFile> = {
    v: 1,
    box: keys.box.map((pair) => ({
      publicKey: toBase64(pair.publicKey),
      privateKey: toBase64(pair.privateKey),
    })),
    dataKey: toBase64(keys.dataKey),
    lookupKey: toBase64(keys.lookupKey),
  };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/** Creates the file once; an existing file is never overwritten (it is what opens the data). */
export function ensureCentralKeys(path: string): { keys: CentralKeys; created: boolean } {
  if (existsSync(path)) return { keys: readCentralKeys(path), created: false };
  const keys: CentralKeys = {
    box: [newBoxKeyPair()],
    dataKey: new Uint8Array(randomBytes(32)),
    lookupKey: new Uint8Array(randomBytes(32)),
  };
  writeCentralKeys(path, keys);
  return { keys, created: true };
}

/** Rotation: a new key pair in front; the old ones stay so what was sealed to them still opens. */
export function rotateBoxKey(path: string): CentralKeys {
  const keys = readCentralKeys(path);
  const next = { ...keys, box: [newBoxKeyPair(), ...keys.box] };
  writeCentralKeys(path, next);
  return next;
}

export function currentPublicKey(keys: CentralKeys): string {
  const first = keys.box[0];
  if (!first) throw new Error('no central key pair');
  return toBase64(first.publicKey);
}
