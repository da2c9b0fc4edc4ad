import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/core-error.js';
import { generateDataKey } from '../../../electron/core/crypto/data-key.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { migrate } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { SealedRecordStore } from '../../../electron/core/records/sealed-record-store.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Database.Database;
let keys: KeyHandle;
let store: SealedRecordStore;

const guest = (name: string, id: string, phone: string) => ({
  name,
  idDocument: { type: 'resident_id', number: id },
  phone,
});

beforeAll(async () => {
  await loadSodium();
});

beforeEach(() => {
  dir = tempDir();
  db = new Database(join(dir.path, 'snowdesk.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, () => 1);
  db.prepare(
    "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('s1', 'Li', 'li', 'specialist', 'k', 1)",
  ).run();
  keys = KeyHandle.adopt(generateDataKey());
  store = new SealedRecordStore(
    db,
    () => keys,
    () => 1000,
  );
});

afterEach(() => {
  keys.wipe();
  db.close();
  dir.remove();
});

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof CoreError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('the sealed record store', () => {
  it('seals, opens and finds by blind index', () => {
    const a = store.createRecord('s1', guest('张伟', '11010519491231002X', '+8613800138000'), {
      idNumber: '11010519491231002X',
      phones: ['+8613800138000'],
    });
    store.createRecord('s1', guest('Anna Müller', 'C12345678', '+4915123456789'), {
      idNumber: 'C12345678',
      phones: ['+4915123456789'],
    });
    expect(store.openRevision(a)).toEqual(guest('张伟', '11010519491231002X', '+8613800138000'));
    expect(store.candidates('id-number', '11010519491231002X')).toContainEqual(a);
    expect(store.candidates('phone', '+8613800138000')).toContainEqual(a);
    const raw = db.prepare('SELECT sealed FROM record_revisions').pluck().all() as Buffer[];
    for (const blob of raw) expect(blob.toString('latin1')).not.toMatch(/张伟|Anna|1101051949|13800138000/);
  });

  it('adds revisions that open on their own and keep the index per revision', () => {
    const a = store.createRecord('s1', guest('张伟', '11010519491231002X', '+8613800138000'), {
      idNumber: '11010519491231002X',
      phones: ['+8613800138000'],
    });
    const b = store.addRevision(a.recordId, 's1', guest('张伟', '11010519491231002X', '+8613900139000'), {
      idNumber: '11010519491231002X',
      phones: ['+8613900139000'],
    });
    expect(b.revision).toBe(2);
    expect(store.openRevision(a)).toMatchObject({ phone: '+8613800138000' });
    expect(store.openRevision(b)).toMatchObject({ phone: '+8613900139000' });
    expect(store.candidates('phone', '+8613900139000')).toContainEqual(b);
  });

  it('a flipped byte, a swapped row or a copied revision fails with an error naming the record', () => {
    const a = store.createRecord('s1', guest('A', '11010519491231002X', '+8613800138000'), {});
    const b = store.createRecord('s1', guest('B', 'E12345678', '+8613900139000'), {});
    const sealedA = db
      .prepare('SELECT sealed FROM record_revisions WHERE record_id = ?')
      .pluck()
      .get(a.recordId) as Buffer;
    const sealedB = db
      .prepare('SELECT sealed FROM record_revisions WHERE record_id = ?')
      .pluck()
      .get(b.recordId) as Buffer;

    const flipped = Buffer.from(sealedA);
    flipped[flipped.length - 20] = (flipped[flipped.length - 20] ?? 0) ^ 0x01;
    db.prepare('UPDATE record_revisions SET sealed = ? WHERE record_id = ?').run(flipped, a.recordId);
    expect(codeOf(() => store.openRevision(a))).toMatch(
      new RegExp(`^record_damaged: Record ${a.recordId} revision 1`),
    );

    db.prepare('UPDATE record_revisions SET sealed = ? WHERE record_id = ?').run(sealedB, a.recordId);
    expect(codeOf(() => store.openRevision(a))).toMatch(/^record_damaged/);

    db.prepare('UPDATE record_revisions SET sealed = ? WHERE record_id = ?').run(sealedA, a.recordId);
    expect(store.openRevision(a)).toMatchObject({ name: 'A' });
  });

  it('another data key opens nothing', () => {
    const a = store.createRecord('s1', guest('A', '11010519491231002X', '+8613800138000'), {});
    const other = KeyHandle.adopt(generateDataKey());
    const stranger = new SealedRecordStore(
      db,
      () => other,
      () => 1,
    );
    expect(codeOf(() => stranger.openRevision(a))).toMatch(/^record_damaged/);
    other.wipe();
  });

  it('erasure destroys every payload and index entry, and keeps a tombstone', () => {
    const a = store.createRecord('s1', guest('A', '11010519491231002X', '+8613800138000'), {
      idNumber: '11010519491231002X',
    });
    store.addRevision(a.recordId, 's1', guest('A2', '11010519491231002X', '+8613800138000'), {
      idNumber: '11010519491231002X',
    });
    store.erase(a.recordId, 's1');
    expect(db.prepare('SELECT count(*) FROM record_revisions WHERE sealed IS NOT NULL').pluck().get()).toBe(
      0,
    );
    expect(store.candidates('id-number', '11010519491231002X')).toEqual([]);
    expect(db.prepare('SELECT erased_by FROM guest_records WHERE id = ?').pluck().get(a.recordId)).toBe('s1');
    expect(codeOf(() => store.openRevision(a))).toMatch(/^not_found/);
  });

  it('refuses to work once the keys are wiped (locked)', () => {
    keys.wipe();
    expect(() => store.createRecord('s1', guest('A', 'X1', '+8613800138000'), {})).toThrow(/wiped/);
    keys = KeyHandle.adopt(generateDataKey());
  });
});
