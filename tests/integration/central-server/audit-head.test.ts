import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { FakeDevice } from '../../support/central-server/fake-device.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral({ enrolled: true });

async function storedHeadAndEvents(): Promise<{ head: unknown; kinds: string[] }> {
  const stored = await centralClientForTests(central.server);
  try {
    return {
      head: stored.auditHead(central.device.deviceId),
      kinds: stored.auditEvents(central.device.deviceId).map((e) => e.kind),
    };
  } finally {
    stored.close();
  }
}

describe('the audit head travels with each batch', () => {
  it('holds the head of every accepted batch, an empty batch included', async () => {
    const first = await central.device.sendOk([central.device.item(randomUUID())]);
    expect(first.auditHead).toEqual(central.device.audit.head());
    central.device.audit.append(5);
    const heartbeat = await central.device.sendOk([]);
    expect(heartbeat.auditHead).toEqual({ seq: 8, hash: central.device.audit.at(8) });
    expect((await storedHeadAndEvents()).head).toEqual(central.device.audit.head());
  });

  it('asks for a checkpoint at the head it holds, and accepts the batch once it comes', async () => {
    await central.device.sendOk([]);
    central.device.audit.append(2);
    const without = await central.device.send(
      central.device.batch([central.device.item(randomUUID())], { checkpoint: null }),
    );
    expect(without.status).toBe(409);
    expect(without.json).toEqual({
      error: { code: 'audit_checkpoint_required', message: expect.any(String) as string, checkpointSeq: 3 },
    });
    const withIt = await central.device.send(
      central.device.batch([central.device.item(randomUUID())], {
        checkpoint: central.device.checkpointFor(3),
      }),
    );
    expect(withIt.status).toBe(200);
  });

  it('detects a history rewritten behind an advancing head, applies nothing, and keeps refusing', async () => {
    await central.device.sendOk([central.device.item(randomUUID())]);
    central.device.audit.append(4);
    // someone edits entry 2 and recomputes the chain: the head moved on and looks consistent
    central.device.audit.rewriteFrom(2);
    const item = central.device.item(randomUUID());

    const answer = await central.device.send([item]);
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ error: { code: 'audit_rewind' } });
    const again = await central.device.send([item]);
    expect(again.status).toBe(409);

    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.item(item.id)).toBeNull();
      const rewind = stored.auditEvents(central.device.deviceId).find((e) => e.kind === 'rewind');
      expect(rewind?.held).toEqual({ seq: 3, hash: expect.any(String) as string });
    } finally {
      stored.close();
    }
  });

  it('detects a history rolled back to an older backup (the device has no entry at the held seq)', async () => {
    central.device.audit.append(7);
    await central.device.sendOk([]);
    central.device.audit.truncateTo(4);
    central.device.audit.append(10); // new entries past the old head do not hide it
    // a restored device also restored its memory of the held head: it sends an older checkpoint
    central.device.heldHead = { seq: 4, hash: central.device.audit.at(4) ?? '' };
    const first = await central.device.send([]);
    expect(first.json).toMatchObject({ error: { code: 'audit_checkpoint_required', checkpointSeq: 10 } });
    const answer = await central.device.send(
      central.device.batch([], { checkpoint: central.device.checkpointFor(10) }),
    );
    expect(answer.json).toMatchObject({ error: { code: 'audit_rewind' } });

    const shorter = new FakeDevice(
      central.server,
      central.device.token,
      central.device.deviceId,
      central.device.keys,
    );
    shorter.audit.truncateTo(2);
    const missing = await shorter.send(shorter.batch([], { checkpoint: { seq: 10, hash: null } }));
    expect(missing.json).toMatchObject({ error: { code: 'audit_rewind' } });
    expect((await storedHeadAndEvents()).kinds.filter((k) => k === 'rewind')).toHaveLength(2);
  });

  it('starts afresh once a person at the central side accepts the rewind', async () => {
    await central.device.sendOk([]);
    central.device.audit.rewriteFrom(1);
    expect((await central.device.send([])).status).toBe(409);

    central.server.acceptAuditRewind(central.device.deviceId);
    central.device.heldHead = null;
    const answer = await central.device.sendOk([central.device.item(randomUUID())]);
    expect(answer.auditHead).toEqual(central.device.audit.head());
    expect((await storedHeadAndEvents()).kinds).toEqual(['rewind', 'rewind_accepted']);
  });

  it('refuses a head that contradicts its own checkpoint', async () => {
    central.device.audit.append(2);
    await central.device.sendOk([]);
    const batch = central.device.batch([]);
    const answer = await central.device.send({
      ...batch,
      auditHead: { seq: 2, hash: central.device.audit.at(2) ?? '' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
