import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { FakeDevice } from '../../support/central-server/fake-device.js';
import { sealJson } from '../../support/central-server/sealing.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral({ enrolled: true });

describe('per-record order', () => {
  it('applies a record’s items in sequence even when the batch lists them backwards', async () => {
    const recordId = randomUUID();
    const items = [
      central.device.item(recordId),
      central.device.item(recordId),
      central.device.item(recordId),
    ];
    const answer = await central.device.sendOk([...items].reverse());

    expect(answer.results.map((r) => [r.id, r.status])).toEqual(
      [...items].reverse().map((item) => [item.id, 'applied']),
    );
    const stored = await centralClientForTests(central.server);
    try {
      const history = stored.appliedOf(recordId);
      expect(history.map((i) => i.seq)).toEqual([1, 2, 3]);
      expect(history.map((i) => i.order)).toEqual([...history.map((i) => i.order)].sort((a, b) => a - b));
      expect(stored.compare(items.map(({ recordId: r, seq }) => ({ recordId: r, seq }))).ok).toBe(true);
    } finally {
      stored.close();
    }
  });

  it('reports a gap with the sequence number it waits for, and applies nothing after it', async () => {
    const recordId = randomUUID();
    const one = central.device.item(recordId);
    const two = central.device.item(recordId);
    const three = central.device.item(recordId);
    const other = central.device.item(randomUUID());

    const answer = await central.device.sendOk([one, three, other]);
    expect(answer.results).toEqual([
      expect.objectContaining({ id: one.id, status: 'applied' }),
      { id: three.id, status: 'gap', expectedSeq: 2 },
      expect.objectContaining({ id: other.id, status: 'applied' }),
    ]);

    // a gap is not remembered: once the missing item comes, the rest follows
    const filled = await central.device.sendOk([two, three]);
    expect(filled.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.appliedOf(recordId).map((i) => i.id)).toEqual([one.id, two.id, three.id]);
    } finally {
      stored.close();
    }
  });

  it('reports a gap when a record starts anywhere but 1', async () => {
    const item = central.device.item(randomUUID(), { seq: 4 });
    const answer = await central.device.sendOk([item]);
    expect(answer.results[0]).toEqual({ id: item.id, status: 'gap', expectedSeq: 1 });
  });

  it('refuses a second item for a position that is taken, without disturbing the record', async () => {
    const recordId = randomUUID();
    const first = central.device.item(recordId);
    await central.device.sendOk([first]);
    const rival = central.device.item(recordId, { seq: 1 });

    const answer = await central.device.sendOk([rival]);
    expect(answer.results[0]).toMatchObject({ id: rival.id, status: 'rejected', reason: 'seq_conflict' });
    const again = await central.device.sendOk([rival]);
    expect(again.results).toEqual(answer.results);
    const next = await central.device.sendOk([central.device.item(recordId, { seq: 2 })]);
    expect(next.results[0]?.status).toBe('applied');
  });

  it('refuses items it cannot open, or whose content names another position, and moves on', async () => {
    const recordId = randomUUID();
    const garbled = {
      ...central.device.item(recordId),
      sealed: sealJson({ v: 1 }, central.device.publicKey),
    };
    const moved = central.device.item(recordId, { content: { seq: 7 } });
    const fine = central.device.item(recordId);

    const answer = await central.device.sendOk([garbled, moved, fine]);
    expect(answer.results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'unsealable' }),
      expect.objectContaining({ status: 'rejected', reason: 'sealed_mismatch' }),
      expect.objectContaining({ status: 'applied' }),
    ]);
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.itemsOf(recordId).map((i) => [i.seq, i.status, i.consumesSeq])).toEqual([
        [1, 'rejected', true],
        [2, 'rejected', true],
        [3, 'applied', true],
      ]);
    } finally {
      stored.close();
    }
  });

  it('refuses content that is not the contract’s, and a box sealed for another device', async () => {
    const recordId = randomUUID();
    const wrongShape = central.device.item(recordId, {
      content: { kind: 'record.delete' as 'record.erasure' },
    });
    const otherDevice = central.device.item(recordId, { content: { deviceId: randomUUID() } });
    const answer = await central.device.sendOk([wrongShape, otherDevice]);
    expect(answer.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
      'invalid_content',
      'sealed_mismatch',
    ]);
  });

  it('keeps a record to the device that started it', async () => {
    const recordId = randomUUID();
    await central.device.sendOk([central.device.item(recordId)]);
    const intruder = await FakeDevice.enrol(central.server);
    const answer = await intruder.sendOk([intruder.item(recordId, { seq: 2 })]);
    expect(answer.results[0]).toMatchObject({ status: 'rejected', reason: 'record_conflict' });
  });

  it('lets an operator clear a rejection so the same key is processed afresh', async () => {
    const recordId = randomUUID();
    const garbled = {
      ...central.device.item(recordId),
      sealed: sealJson({ v: 1 }, central.device.publicKey),
    };
    await central.device.sendOk([garbled]);
    central.server.clearRejection(garbled.id);
    const answer = await central.device.sendOk([garbled]);
    // its position was consumed by the first rejection, so now it is a conflict, not a gap
    expect(answer.results[0]).toMatchObject({ status: 'rejected', reason: 'seq_conflict' });
  });

  it('compare() names what is missing, what is extra and what is out of order', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await central.device.sendOk([central.device.item(a), central.device.item(a), central.device.item(b)]);
    const stored = await centralClientForTests(central.server);
    try {
      const verdict = stored.compare([
        { recordId: a, seq: 1 },
        { recordId: a, seq: 2 },
        { recordId: a, seq: 3 },
      ]);
      expect(verdict.ok).toBe(false);
      expect(verdict.missing).toEqual([{ recordId: a, seq: 3 }]);
      expect(verdict.unexpected.map((i) => i.recordId)).toEqual([b]);
      expect(verdict.outOfOrder).toEqual([]);
    } finally {
      stored.close();
    }
  });
});
