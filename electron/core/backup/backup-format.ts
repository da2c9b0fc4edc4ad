import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { decodeBase64Url } from '../crypto/bytes.js';
import { readySodium } from '../crypto/sodium.js';
import { BackupError } from './backup-error.js';

/**
 * The backup file (docs/backup-format.md is the reference; keep the two in step):
 *
 *   offset  size  what
 *   0       8     magic "SDBACKUP"
 *   8       2     format version, unsigned big-endian (1)
 *   10      4     header length N, unsigned big-endian (1 .. 1 MiB)
 *   14      N     header, UTF-8 JSON (BackupHeader below), in clear
 *   14+N    32    SHA-256 of bytes [0, 14+N): tells a damaged header from a wrong key
 *   46+N    ...   the database in secretstream messages, each a 4-byte big-endian length L then
 *                 L bytes (crypto_secretstream_xchacha20poly1305: plaintext + 17 bytes); the
 *                 last message carries TAG_FINAL, every other TAG_MESSAGE, and nothing follows
 *                 the final one. The first message's additional data is the whole prefix
 *                 (bytes [0, 46+N)), so the header is authenticated by the file key.
 *
 * The file key (32 random bytes, the secretstream key) is sealed with crypto_box_seal to the
 * store's backup public key; it is in the header as `sealedFileKey`.
 */

export const BACKUP_MAGIC = Buffer.from('SDBACKUP', 'latin1');
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_EXTENSION = '.sdbak';
/** plaintext bytes per secretstream message */
export const CHUNK_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 1024 * 1024;
const FIXED_PREFIX = 14;
const CHECKSUM_BYTES = 32;
const LENGTH_BYTES = 4;

function base64Bytes(length: number) {
  return z
    .string()
    .refine((text) => decodeBase64Url(text)?.length === length, `${String(length)} bytes, base64url`);
}

const WrappedKeyText = z.string().min(1).max(1024);

export const BackupHeader = z.strictObject({
  format: z.literal('snowdesk-backup'),
  /** the kiosk the backup was made on (device.device_id) */
  deviceId: z.string().min(1).max(64),
  /** milliseconds since the epoch, UTC */
  createdAt: z.number().int().nonnegative(),
  /** PRAGMA user_version of the backed-up database */
  schemaVersion: z.number().int().min(1).max(10_000),
  /** length of the database file inside, bytes */
  plainBytes: z.number().int().positive(),
  chunkBytes: z
    .number()
    .int()
    .min(4096)
    .max(16 * 1024 * 1024),
  /** the backup public key the file key is sealed to (crypto_box, 32 bytes) */
  publicKey: base64Bytes(32),
  /** crypto_box_seal(file key) to publicKey: 32 + 48 bytes */
  sealedFileKey: base64Bytes(80),
  /** the secretstream header */
  streamHeader: base64Bytes(24),
  /**
   * What opens the backup without the kiosk, copied from the backed-up database: the two copies
   * of the backup secret key, the recovery copy of DK, and the maintainers' password copies of DK
   * (their name keys are staff names, in clear in the live database too). All are wrapped keys in
   * key-wrapping.ts form; none opens without the recovery key or a maintainer's password.
   */
  keys: z.strictObject({
    dkWrappedSecretKey: WrappedKeyText,
    recoveryWrappedSecretKey: WrappedKeyText.nullable(),
    recoveryWrappedDk: WrappedKeyText,
    maintainers: z
      .array(
        z.strictObject({
          id: z.string().min(1).max(128),
          nameKey: z.string().min(1).max(256),
          wrappedDk: WrappedKeyText,
        }),
      )
      .max(1000),
  }),
});
export type BackupHeader = z.infer<typeof BackupHeader>;

/** magic, version, header and checksum: everything before the first stream message. */
export function encodePrefix(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const fixed = Buffer.alloc(FIXED_PREFIX);
  BACKUP_MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(BACKUP_FORMAT_VERSION, 8);
  fixed.writeUInt32BE(json.length, 10);
  const body = Buffer.concat([fixed, json]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

async function readExactly(
  file: FileHandle,
  position: number,
  length: number,
  into?: Buffer,
): Promise<Buffer | null> {
  const buffer = into ? into.subarray(0, length) : Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) return null;
    done += bytesRead;
  }
  return buffer;
}

export interface ParsedPrefix {
  header: BackupHeader;
  prefix: Buffer;
}

/** Reads and checks the prefix; BackupError not_a_backup, truncated or tampered. */
export async function readPrefix(file: FileHandle, fileSize: number): Promise<ParsedPrefix> {
  const head = await readExactly(file, 0, Math.min(FIXED_PREFIX, fileSize));
  const magicLength = Math.min(BACKUP_MAGIC.length, head?.length ?? 0);
  if (
    !head ||
    magicLength === 0 ||
    !head.subarray(0, magicLength).equals(BACKUP_MAGIC.subarray(0, magicLength))
  ) {
    throw new BackupError('not_a_backup', 'This file is not a Snowdesk backup');
  }
  if (head.length < FIXED_PREFIX) {
    throw new BackupError('truncated', 'The backup file ends inside its header: it is incomplete');
  }
  const fixed = head;
  const version = fixed.readUInt16BE(8);
  if (version !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      'not_a_backup',
      `This backup is of format version ${String(version)}; this Snowdesk reads version ${String(BACKUP_FORMAT_VERSION)}`,
    );
  }
  const length = fixed.readUInt32BE(10);
  if (length < 2 || length > MAX_HEADER_BYTES) {
    throw new BackupError('tampered', 'The backup header is damaged (impossible length)');
  }
  if (FIXED_PREFIX + length + CHECKSUM_BYTES > fileSize) {
    throw new BackupError('truncated', 'The backup file ends inside its header: it is incomplete');
  }
  const rest = await readExactly(file, FIXED_PREFIX, length + CHECKSUM_BYTES);
  if (!rest) throw new BackupError('truncated', 'The backup file ends inside its header: it is incomplete');
  const body = Buffer.concat([fixed, rest.subarray(0, length)]);
  if (!createHash('sha256').update(body).digest().equals(rest.subarray(length))) {
    throw new BackupError('tampered', 'The backup header is damaged or was altered (checksum mismatch)');
  }
  let json: unknown;
  try {
    json = JSON.parse(rest.subarray(0, length).toString('utf8'));
  } catch {
    throw new BackupError('tampered', 'The backup header is damaged (not JSON)');
  }
  const parsed = BackupHeader.safeParse(json);
  if (!parsed.success) throw new BackupError('tampered', 'The backup header is damaged (unexpected fields)');
  return { header: parsed.data, prefix: Buffer.concat([body, rest.subarray(length)]) };
}

/** Yield to the event loop every few messages so a kiosk stays responsive during a backup. */
const YIELD_EVERY = 16;
/** messages per read and write while encrypting (1 MiB of plaintext) */
const MESSAGES_PER_IO = 16;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

type Sodium = ReturnType<typeof readySodium>;
export type PushState = ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_push']>['state'];

/** A secretstream under `fileKey`: its state, and its header for the backup header. */
export function startStream(fileKey: Uint8Array): { state: PushState; streamHeader: Uint8Array } {
  const { state, header } = readySodium().crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  return { state, streamHeader: header };
}

/** Where the database bytes come from: a snapshot file, or a serialized image in memory. */
export interface PlainSource {
  /** `length` bytes from `position` into `into` (returned), or null past the end */
  read(position: number, length: number, into: Buffer): Promise<Buffer | null>;
}

export function fileSource(file: FileHandle): PlainSource {
  return { read: (position, length, into) => readExactly(file, position, length, into) };
}

export function memorySource(bytes: Buffer): PlainSource {
  return {
    read: (position, length, into) => {
      if (position + length > bytes.length) return Promise.resolve(null);
      bytes.copy(into, 0, position, position + length);
      return Promise.resolve(into.subarray(0, length));
    },
  };
}

/**
 * Encrypts the first `plainBytes` bytes of `source` into `target` from `offset` on (the caller
 * wrote the prefix before it). Returns the offset after the last message.
 */
export async function encryptStream(
  state: PushState,
  prefix: Buffer,
  source: PlainSource,
  plainBytes: number,
  target: FileHandle,
  offset: number,
  chunkBytes = CHUNK_BYTES,
): Promise<number> {
  const sodium = readySodium();
  // read and write in blocks of many messages: fewer system calls, same format
  const block = Buffer.alloc(Math.min(chunkBytes * MESSAGES_PER_IO, plainBytes));
  let read = 0;
  let position = offset;
  let index = 0;
  try {
    while (read < plainBytes) {
      const want = Math.min(block.length, plainBytes - read);
      const plain = await source.read(read, want, block);
      if (!plain)
        throw new BackupError('snapshot_failed', 'The database copy ended early while it was encrypted');
      const out: Buffer[] = [];
      for (let at = 0; at < want; at += chunkBytes) {
        const piece = plain.subarray(at, Math.min(at + chunkBytes, want));
        const last = read + at + piece.length === plainBytes;
        const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
          state,
          piece,
          index === 0 ? prefix : null,
          last
            ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
        );
        const length = Buffer.alloc(LENGTH_BYTES);
        length.writeUInt32BE(sealed.length);
        out.push(length, Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length));
        index++;
      }
      const bytes = Buffer.concat(out);
      await writeAll(target, bytes, position);
      position += bytes.length;
      read += want;
      await yieldNow();
    }
  } finally {
    block.fill(0);
  }
  return position;
}

export async function writeAll(file: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Decrypts the stream after the prefix into `target` from offset 0, checking every message: the
 * first against the prefix, the order (secretstream chains them), the final tag, nothing after
 * it, and the length the header announced. BackupError truncated or tampered; the caller removes
 * `target` on failure.
 */
export async function decryptStream(
  source: FileHandle,
  fileSize: number,
  parsed: ParsedPrefix,
  fileKey: Uint8Array,
  target: FileHandle,
): Promise<void> {
  const sodium = readySodium();
  const { header, prefix } = parsed;
  const streamHeader = decodeBase64Url(header.streamHeader);
  if (!streamHeader) throw new BackupError('tampered', 'The backup header is damaged (stream header)');
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(streamHeader, fileKey);
  const maxMessage = header.chunkBytes + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  let position = prefix.length;
  let written = 0;
  let index = 0;
  for (;;) {
    if (position === fileSize) {
      throw new BackupError('truncated', 'The backup file ends before its last part: it is incomplete');
    }
    const lengthBytes = await readExactly(source, position, LENGTH_BYTES);
    if (!lengthBytes)
      throw new BackupError('truncated', 'The backup file ends inside a part: it is incomplete');
    const length = lengthBytes.readUInt32BE(0);
    if (length < sodium.crypto_secretstream_xchacha20poly1305_ABYTES || length > maxMessage) {
      throw new BackupError('tampered', `The backup is damaged or was altered (part ${String(index + 1)})`);
    }
    if (position + LENGTH_BYTES + length > fileSize) {
      throw new BackupError('truncated', 'The backup file ends inside a part: it is incomplete');
    }
    const sealed = await readExactly(source, position + LENGTH_BYTES, length);
    if (!sealed) throw new BackupError('truncated', 'The backup file ends inside a part: it is incomplete');
    position += LENGTH_BYTES + length;
    let opened: { message: Uint8Array; tag: number } | false;
    try {
      opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, index === 0 ? prefix : null);
    } catch {
      opened = false;
    }
    if (!opened) {
      throw new BackupError(
        'tampered',
        `The backup is damaged or was altered (part ${String(index + 1)} does not open)`,
      );
    }
    index++;
    await writeAll(
      target,
      Buffer.from(opened.message.buffer, opened.message.byteOffset, opened.message.length),
      written,
    );
    written += opened.message.length;
    if (written > header.plainBytes)
      throw new BackupError('tampered', 'The backup is longer than its header says');
    if (opened.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    if (opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE) {
      throw new BackupError('tampered', 'The backup is damaged (unexpected part tag)');
    }
    if (index % YIELD_EVERY === 0) await yieldNow();
  }
  if (position !== fileSize) throw new BackupError('tampered', 'The backup has data after its last part');
  if (written !== header.plainBytes)
    throw new BackupError('tampered', 'The backup is shorter than its header says');
}
