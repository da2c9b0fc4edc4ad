import { afterEach, describe, expect, it } from 'vitest';
import { storageFailure } from '../../../electron/core/db/storage-failure.js';
import { tempDir } from '../../support/temp-dir.js';

/** Errors shaped as better-sqlite3's SqliteError and Node's system errors carry them: a `code`. */
function failure(code: string): Error {
  return Object.assign(new Error('database or disk is full'), { code });
}

let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  dir?.remove();
  dir = undefined;
});

describe('naming a failed write to the data folder', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['SQLITE_READONLY', 'storage_read_only'],
    ['SQLITE_READONLY_DBMOVED', 'storage_read_only'],
    ['EROFS', 'storage_read_only'],
  ])('%s is %s, with a message that names no SQLite internals', (code, expected) => {
    const error = storageFailure(failure(code), '/nonexistent');
    expect(error?.code).toBe(expected);
    expect(error?.message).not.toMatch(/SQLITE|E[A-Z]{3,}/);
  });

  it('asks the folder itself what an I/O error means, and calls a writable folder unavailable', () => {
    dir = tempDir('snowdesk-storage-');
    expect(storageFailure(failure('SQLITE_IOERR_WRITE'), dir.path)?.code).toBe('storage_unavailable');
  });

  it('leaves everything else to the generic answer', () => {
    for (const other of [
      new Error('x'),
      failure('SQLITE_CONSTRAINT_TRIGGER'),
      failure('SQLITE_BUSY'),
      null,
      'x',
    ])
      expect(storageFailure(other, '/nonexistent')).toBeNull();
  });
});
