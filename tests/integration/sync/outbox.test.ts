import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/core/audit/audit-log.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { SealedRecordStore } from '../../../electron/core/records/sealed-record-store.js';
import { enqueue, type OutboxConfig, resealHoldingItems } from '../../../electron/core/sync/outbox.js';
import { OutboxQueue } from '../../../electron/core/sync/outbox-queue.js';
import { syncPublicKey } from '../../../electron/core/sync/sync-keys.js';
import { writeEnrolment } from '../../../electron/core/sync/sync-store.js';
import { SealedOutboxContent } from '../../../shared/sync/wire.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import {
  type BoxKeyPair,
  newBoxKeyPair,
  openSealedJson,
  sealJson,
  toBase64,
} from '../../support/central-server/sealing.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { call } from '../../support/core-harness.js';
import { filesContaining } from '../../support/desk-harness.js';
import {
  drainKiosk,
  readKiosk,
  type SyncKiosk,
  syncKiosk,
  writeRecordChanges,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

describe('the outbox, written in the caller’s transaction', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database.Database;
  let keys: KeyHandle;
  let config: OutboxConfig;
  let store: SealedRecordStore;
  let central: BoxKeyPair;
  const deviceId = randomUUID();

  beforeEach(async () => {
    await loadSodium();
    dir = tempDir();
    const opened = openDatabase(dir.path, { now: () => 1, log: silentLogger });
    if (!opened.ok) throw new Error('no database');
    db = opened.db;
    db.prepare(
      "INSERT INTO staff (id, name, name_key, role, wrapped_dk, created_at) VALUES ('s1', 'Li', 'li', 'specialist', 'k', 1)",
    ).run();
    keys = KeyHandle.adopt(randomBytes(32));
    config = { deviceId, now: () => Date.UTC(2026, 0, 2), keys: () => keys };
    store = new SealedRecordStore(
      db,
      () => keys,
      () => 1,
    );
    central = newBoxKeyPair();
  });

  afterEach(() => {
    keys.wipe();
    db.close();
    dir.remove();
  });

  function enrolTo(publicKey: Uint8Array): void {
    writeEnrolment(db, {
      url: 'http://127.0.0.1:9',
      token: 'x'.repeat(43),
      centralPublicKey: toBase64(publicKey),
      tlsPins: [],
      deviceName: 'Desk',
      enrolledAt: 1,
      centralEnrolledAt: '2026-01-01T00:00:00.000Z',
      enrolledBy: 's1',
    });
  }

  function newRecord(): string {
    return store.createRecord('s1', { name: 'x' }, {}).recordId;
  }

  function sealedOf(id: string): Buffer {
    return db.prepare('SELECT sealed FROM sync_outbox WHERE id = ?').pluck().get(id) as Buffer;
  }

  it('numbers each record’s items 1, 2, 3 and seals the snapshot to the central key, bound to its row', () => {
    enrolTo(central.publicKey);
    const a = newRecord();
    const b = newRecord();
    const items = [a, b, a, a, b].map((recordId, i) =>
      db.transaction(() =>
        enqueue(db, config, {
          recordId,
          revision: i + 1,
          kind: 'record.revision',
          data: { guest: { name: '龚雪霁' } },
        }),
      )(),
    );
    expect(items.map((i) => [i.recordId, i.seq, i.sealedTo])).toEqual([
      [a, 1, 'central'],
      [b, 1, 'central'],
      [a, 2, 'central'],
      [a, 3, 'central'],
      [b, 2, 'central'],
    ]);
    const third = items[2];
    if (!third) throw new Error('no item');
    const opened = openSealedJson(sealedOf(third.id).toString('base64'), central);
    expect(opened.ok).toBe(true);
    expect(SealedOutboxContent.parse(opened.ok ? opened.value : null)).toEqual({
      v: 1,
      id: third.id,
      deviceId,
      recordId: a,
      seq: 2,
      kind: 'record.revision',
      occurredAt: '2026-01-02T00:00:00.000Z',
      data: { guest: { name: '龚雪霁' } },
    });
    expect(filesContaining(dir.path, '龚雪霁')).toEqual([]);
  });

  it('rolls back with the caller: no row without its change, no number used up', () => {
    enrolTo(central.publicKey);
    const recordId = newRecord();
    expect(() =>
      db.transaction(() => {
        enqueue(db, config, { recordId, revision: 1, kind: 'record.revision', data: {} });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
    expect(enqueue(db, config, { recordId, revision: 1, kind: 'record.revision', data: {} }).seq).toBe(1);
  });

  it('refuses what the protocol cannot carry: a record id that is not a UUID, a snapshot over 64 KiB', () => {
    enrolTo(central.publicKey);
    expect(() =>
      enqueue(db, config, { recordId: 'r1', revision: 1, kind: 'record.revision', data: {} }),
    ).toThrow(/UUID/);
    const recordId = newRecord();
    expect(() =>
      enqueue(db, config, {
        recordId,
        revision: 1,
        kind: 'record.revision',
        data: { notes: 'x'.repeat(70_000) },
      }),
    ).toThrow(/more than the central system accepts/);
  });

  it('before enrolment: sealed to the holding key, resealed to the central key at enrolment; erasure redacts', () => {
    const kept = newRecord();
    const erased = newRecord();
    const first = enqueue(db, config, {
      recordId: kept,
      revision: 1,
      kind: 'record.revision',
      data: { guest: { name: '龚雪霁' } },
    });
    const secret = enqueue(db, config, {
      recordId: erased,
      revision: 1,
      kind: 'record.revision',
      data: { guest: { name: '冰' } },
    });
    const tombstone = enqueue(db, config, {
      recordId: erased,
      revision: 1,
      kind: 'record.erasure',
      data: { erasedAt: 5 },
    });
    expect([first.sealedTo, secret.sealedTo, tombstone.sealedTo]).toEqual(['holding', 'holding', 'holding']);
    const holding = syncPublicKey(db, 'holding');
    expect(holding).not.toBeNull();
    // nobody but the holding key opens them; the central key does not
    expect(openSealedJson(sealedOf(first.id).toString('base64'), central).ok).toBe(false);

    // without DK there is no holding key to make: a change before enrolment needs an unlocked session
    db.prepare('DELETE FROM sync_key_pairs').run();
    db.prepare('DELETE FROM sync_outbox').run();
    expect(() =>
      enqueue(
        db,
        { ...config, keys: () => null },
        { recordId: kept, revision: 2, kind: 'record.revision', data: {} },
      ),
    ).toThrow(/unlocked session/);
    const again = enqueue(db, config, {
      recordId: kept,
      revision: 2,
      kind: 'record.revision',
      data: { guest: { name: '龚雪霁' } },
    });
    const erasedAgain = enqueue(db, config, {
      recordId: erased,
      revision: 2,
      kind: 'record.revision',
      data: { guest: { name: '冰' } },
    });
    enqueue(db, config, { recordId: erased, revision: 2, kind: 'record.erasure', data: {} });

    db.transaction(() => {
      enrolTo(central.publicKey);
      expect(resealHoldingItems(db, deviceId, central.publicKey, keys, 9)).toEqual({
        resealed: 3,
        quarantined: 0,
      });
    })();
    const opened = openSealedJson(sealedOf(again.id).toString('base64'), central);
    expect(opened.ok && opened.value).toMatchObject({
      id: again.id,
      seq: again.seq,
      data: { guest: { name: '龚雪霁' } },
    });
    // the erased guest's earlier snapshot was replaced before it ever left the kiosk
    const redacted = openSealedJson(sealedOf(erasedAgain.id).toString('base64'), central);
    expect(redacted.ok && redacted.value).toMatchObject({ data: { revision: 2, redacted: 'erased' } });
    expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE sealed_to = 'holding'").pluck().get()).toBe(0);
  });

  it('quarantines a held row that does not open at enrolment instead of sending it', () => {
    const recordId = newRecord();
    const held = enqueue(db, config, { recordId, revision: 1, kind: 'record.revision', data: {} });
    db.prepare('UPDATE sync_outbox SET sealed = ? WHERE id = ?').run(
      Buffer.from(sealJson({ v: 1 }, toBase64(newBoxKeyPair().publicKey)), 'base64'),
      held.id,
    );
    expect(resealHoldingItems(db, deviceId, central.publicKey, keys, 9)).toEqual({
      resealed: 0,
      quarantined: 1,
    });
    expect(new OutboxQueue(db, new AuditLog(db, deviceId, () => 1)).stuck()).toMatchObject([
      { id: held.id, reason: 'unsealable' },
    ]);
  });
});

describe('what the central side answers per item', () => {
  let central: TempCentral;
  let dir: ReturnType<typeof tempDir>;
  let kiosk: SyncKiosk;

  beforeEach(async () => {
    central = await startTempCentral();
    dir = tempDir();
    kiosk = await syncKiosk(dir.path, central.server, { tuning: { maxBatchItems: 3 } });
  });

  afterEach(async () => {
    kiosk.core.close();
    dir.remove();
    await central.dispose();
  });

  function edit(sql: string, ...params: unknown[]): void {
    const db = new Database(join(dir.path, DATABASE_FILE));
    try {
      db.prepare(sql).run(...params);
    } finally {
      db.close();
    }
  }

  it('gap: an item the central side lost (restored from backup) is sent again, then the rest', async () => {
    const expected = writeRecordChanges(kiosk, { records: 2, changes: 3 });
    const lost = expected[0];
    if (!lost) throw new Error('no items');
    // the kiosk believes the first item delivered; the central side never got it
    edit("UPDATE sync_outbox SET state = 'delivered', delivered_at = 1 WHERE id = ?", lost.id);
    expect(await drainKiosk(kiosk)).toMatchObject({ state: 'idle', waiting: 0, stuck: 0 });
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.compare(expected)).toEqual({ ok: true, missing: [], unexpected: [], outOfOrder: [] });
    } finally {
      stored.close();
    }
  });

  it('gap for an item the kiosk no longer has: the record’s later items are stuck, shown, never dropped', async () => {
    const expected = writeRecordChanges(kiosk, { records: 2, changes: 2 });
    const [gone, other, secondOfGone] = expected;
    if (!gone || !other || !secondOfGone) throw new Error('no items');
    const row = readKiosk(dir.path, (db) =>
      db.prepare('SELECT * FROM sync_outbox WHERE id = ?').get(gone.id),
    ) as Record<string, unknown>;
    edit('DELETE FROM sync_outbox WHERE id = ?', gone.id);
    const status = await drainKiosk(kiosk);
    expect(status).toMatchObject({ state: 'idle', waiting: 0, stuck: 1 });
    expect(await call(kiosk.core, 'sync.stuck', {})).toEqual([
      expect.objectContaining({
        direction: 'outbox',
        id: secondOfGone.id,
        reason: 'gap_unrecoverable',
        seq: 2,
      }),
    ]);
    const stored = await centralClientForTests(central.server);
    try {
      expect(
        stored
          .applied()
          .map((i) => i.id)
          .sort(),
      ).toEqual(
        expected
          .filter((e) => e.recordId === other.recordId)
          .map((e) => e.id)
          .sort(),
      );
    } finally {
      stored.close();
    }

    // the missing item is back (restored); the maintainer retries the stuck one: both go, in order
    const db = new Database(join(dir.path, DATABASE_FILE));
    try {
      const columns = Object.keys(row).filter((c) => c !== 'n');
      db.prepare(
        `INSERT INTO sync_outbox (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      ).run(Object.fromEntries(columns.map((c) => [c, row[c]])));
    } finally {
      db.close();
    }
    expect(await call(kiosk.core, 'sync.retry', { ids: [secondOfGone.id] })).toMatchObject({ stuck: 0 });
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ waiting: 0, stuck: 0 });
    const after = await centralClientForTests(central.server);
    try {
      expect(after.compare(expected)).toEqual({ ok: true, missing: [], unexpected: [], outOfOrder: [] });
    } finally {
      after.close();
    }
  });

  it('rejected: quarantined with the central side’s reason and audited; the record goes on', async () => {
    const expected = writeRecordChanges(kiosk, { records: 1, changes: 3 });
    const [first, bad, third] = expected;
    if (!first || !bad || !third) throw new Error('no items');
    edit(
      'UPDATE sync_outbox SET sealed = ? WHERE id = ?',
      Buffer.from(sealJson({ v: 1 }, toBase64(newBoxKeyPair().publicKey)), 'base64'),
      bad.id,
    );
    expect(await drainKiosk(kiosk)).toMatchObject({ waiting: 0, stuck: 1 });
    expect(await call(kiosk.core, 'sync.stuck', {})).toEqual([
      expect.objectContaining({
        id: bad.id,
        reason: 'unsealable',
        message: 'the sealed box does not open with the central key',
      }),
    ]);
    const stored = await centralClientForTests(central.server);
    try {
      // the bad item took its position (8.4): the next snapshot was applied after it
      expect(stored.appliedOf(first.recordId).map((i) => i.id)).toEqual([first.id, third.id]);
      expect(stored.item(bad.id)).toMatchObject({ status: 'rejected', consumesSeq: true });
    } finally {
      stored.close();
    }
    // the maintainer's retry meets the stored rejection again: still stuck, never resent by itself
    await call(kiosk.core, 'sync.retry', { ids: [bad.id] });
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ waiting: 0, stuck: 1 });
    const audit = readKiosk(dir.path, (db) =>
      db.prepare("SELECT action, reason FROM audit_log WHERE action LIKE 'sync.%' ORDER BY seq").raw().all(),
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        ['sync.outbox_quarantined', 'unsealable'],
        ['sync.retry', 'outbox:1,inbox:0'],
      ]),
    );
  });
});
