import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { OutboxBatchResponse } from '../../../shared/sync/wire.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral({ enrolled: true });

describe('Idempotency-Key: each item is applied once, and a repeat gets the same answer', () => {
  it('applies a batch sent twice once, and answers the repeat with the same results', async () => {
    const recordId = randomUUID();
    const items = [
      central.device.item(recordId),
      central.device.item(recordId),
      central.device.item(randomUUID()),
    ];
    const batch = central.device.batch(items);

    const first = await central.device.sendOk(batch);
    const second = await central.device.sendOk(central.device.batch(items));

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
    const one = central.device.item(recordId);
    const two = central.device.item(recordId);
    const first = await central.device.sendOk([one]);
    const regrouped = await central.device.sendOk([two, one]);

    expect(regrouped.results[1]).toEqual(first.results[0]);
    expect(regrouped.results[0]).toMatchObject({ id: two.id, status: 'applied' });
  });

  it('refuses a known key with other content, and keeps the first answer for the original', async () => {
    const recordId = randomUUID();
    const original = central.device.item(recordId);
    await central.device.sendOk([original]);
    const impostor = { ...central.device.item(recordId, { seq: 1 }), id: original.id };

    const answer = await central.device.sendOk([impostor]);
    expect(answer.results[0]).toMatchObject({ id: original.id, status: 'rejected', reason: 'key_reused' });
    const again = await central.device.sendOk([original]);
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
    const items = [central.device.item(randomUUID()), central.device.item(randomUUID())];
    const first = await central.device.sendOk(items);
    await central.restart();

    const again = await central.device.sendOk(items);
    expect(again.results).toEqual(first.results);
  });

  it('a lost acknowledgement: committed, connection dropped, resend answered without applying twice', async () => {
    const recordId = randomUUID();
    const items = [central.device.item(recordId), central.device.item(recordId)];
    const batch = central.device.batch(items);
    central.server.faults.dropAfterCommitNext(1, { path: SYNC_PATHS.outboxBatches });

    await expect(central.device.send(batch)).rejects.toThrow();
    // the device never learnt the new head, so its checkpoint is stale: the contract's extra round
    const stale = await central.device.send(central.device.batch(items));
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ error: { code: 'audit_checkpoint_required', checkpointSeq: 3 } });
    central.device.heldHead = { seq: 3, hash: central.device.audit.at(3) ?? '' };
    const resent = OutboxBatchResponse.parse((await central.device.send(central.device.batch(items))).json);

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
    const item = central.device.item(randomUUID());
    const answer = await central.device.send([item, item]);
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
