import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { OutboxBatchResponse } from '../../../shared/sync/wire.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { FakeDevice } from '../../support/central-server/fake-device.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';

let central: TempCentral;
let device: FakeDevice;

beforeEach(async () => {
  central = await startTempCentral();
  device = await FakeDevice.enrol(central.server);
});

afterEach(async () => {
  await central.dispose();
});

describe('Idempotency-Key: each item is applied once, and a repeat gets the same answer', () => {
  it('applies a batch sent twice once, and answers the repeat with the same results', async () => {
    const recordId = randomUUID();
    const items = [device.item(recordId), device.item(recordId), device.item(randomUUID())];
    const batch = device.batch(items);

    const first = await device.sendOk(batch);
    const second = await device.sendOk(device.batch(items));

    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(second.results).toEqual(first.results);
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.applied()).toHaveLength(3);
      for (const item of items) expect(stored.timesReceived(item.id)).toBe(2);
      expect(stored.compare(items.map(({ recordId: r, seq, id }) => ({ recordId: r, seq, id }))).ok).toBe(
        true,
      );
    } finally {
      stored.close();
    }
  });

  it('answers a repeat from memory even when it arrives regrouped with new items', async () => {
    const recordId = randomUUID();
    const one = device.item(recordId);
    const two = device.item(recordId);
    const first = await device.sendOk([one]);
    const regrouped = await device.sendOk([two, one]);

    expect(regrouped.results[1]).toEqual(first.results[0]);
    expect(regrouped.results[0]).toMatchObject({ id: two.id, status: 'applied' });
  });

  it('refuses a known key with other content, and keeps the first answer for the original', async () => {
    const recordId = randomUUID();
    const original = device.item(recordId);
    await device.sendOk([original]);
    const impostor = { ...device.item(recordId, { seq: 1 }), id: original.id };

    const answer = await device.sendOk([impostor]);
    expect(answer.results[0]).toMatchObject({ id: original.id, status: 'rejected', reason: 'key_reused' });
    const again = await device.sendOk([original]);
    expect(again.results[0]).toMatchObject({ status: 'applied' });

    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.appliedOf(recordId)).toHaveLength(1);
      expect(stored.appliedOf(recordId)[0]?.content?.data).toEqual({
        revision: 1,
        state: 'awaiting_cross_review',
      });
    } finally {
      stored.close();
    }
  });

  it('remembers final results across a restart of the central side', async () => {
    const items = [device.item(randomUUID()), device.item(randomUUID())];
    const first = await device.sendOk(items);
    await central.restart();

    const again = await device.sendOk(items);
    expect(again.results).toEqual(first.results);
  });

  it('a lost acknowledgement: committed, connection dropped, resend answered without applying twice', async () => {
    const recordId = randomUUID();
    const items = [device.item(recordId), device.item(recordId)];
    const batch = device.batch(items);
    central.server.faults.dropAfterCommitNext(1, { path: SYNC_PATHS.outboxBatches });

    await expect(device.send(batch)).rejects.toThrow();
    // the device never learnt the new head, so its checkpoint is stale: the contract's extra round
    const stale = await device.send(device.batch(items));
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'audit_checkpoint_required', checkpointSeq: 3 } });
    device.heldHead = { seq: 3, hash: device.audit.at(3) ?? '' };
    const resent = OutboxBatchResponse.parse((await device.send(device.batch(items))).json);

    expect(resent.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.appliedOf(recordId).map((i) => i.id)).toEqual(items.map((i) => i.id));
      expect(stored.timesReceived(items[0]?.id ?? '')).toBe(2);
    } finally {
      stored.close();
    }
    expect(central.server.requests().map((r) => r.fault)).toContain('drop_after_commit');
  });

  it('refuses a batch that names one id twice, applying nothing', async () => {
    const item = device.item(randomUUID());
    const answer = await device.send([item, item]);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'invalid_request' } });
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.applied()).toHaveLength(0);
    } finally {
      stored.close();
    }
  });
});
