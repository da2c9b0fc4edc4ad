import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

async function storedHeadAndEvents(): Promise<{ head: unknown; kinds: string[] }> {
  const stored = await centralClientForTests(central.server);
  try {
    return {
      head: stored.auditHead(device.deviceId),
      kinds: stored.auditEvents(device.deviceId).map((e) => e.kind),
    };
  } finally {
    stored.close();
  }
}

describe('the audit head travels with each batch', () => {
  it('holds the head of every accepted batch, an empty batch included', async () => {
    const first = await device.sendOk([device.item(randomUUID())]);
    expect(first.auditHead).toEqual(device.audit.head());
    device.audit.append(5);
    const heartbeat = await device.sendOk([]);
    expect(heartbeat.auditHead).toEqual({ seq: 8, hash: device.audit.at(8) });
    expect((await storedHeadAndEvents()).head).toEqual(device.audit.head());
  });

  it('asks for a checkpoint at the head it holds, and accepts the batch once it comes', async () => {
    await device.sendOk([]);
    device.audit.append(2);
    const without = await device.send(device.batch([device.item(randomUUID())], { checkpoint: null }));
    expect(without.status).toBe(409);
    expect(without.json).toEqual({
      error: { code: 'audit_checkpoint_required', message: expect.any(String) as string, checkpointSeq: 3 },
    });
    const withIt = await device.send(
      device.batch([device.item(randomUUID())], { checkpoint: device.checkpointFor(3) }),
    );
    expect(withIt.status).toBe(200);
  });

  it('detects a history rewritten behind an advancing head, applies nothing, and keeps refusing', async () => {
    await device.sendOk([device.item(randomUUID())]);
    device.audit.append(4);
    // someone edits entry 2 and recomputes the chain: the head moved on and looks consistent
    device.audit.rewriteFrom(2);
    const item = device.item(randomUUID());

    const answer = await device.send([item]);
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ error: { code: 'audit_rewind' } });
    const again = await device.send([item]);
    expect(again.status).toBe(409);

    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.item(item.id)).toBeNull();
      const rewind = stored.auditEvents(device.deviceId).find((e) => e.kind === 'rewind');
      expect(rewind?.held).toEqual({ seq: 3, hash: expect.any(String) as string });
    } finally {
      stored.close();
    }
  });

  it('detects a history rolled back to an older backup (the device has no entry at the held seq)', async () => {
    device.audit.append(7);
    await device.sendOk([]);
    device.audit.truncateTo(4);
    device.audit.append(10); // new entries past the old head do not hide it
    // a restored device also restored its memory of the held head: it sends an older checkpoint
    device.heldHead = { seq: 4, hash: device.audit.at(4) ?? '' };
    const first = await device.send([]);
    expect(first.json).toMatchObject({ error: { code: 'audit_checkpoint_required', checkpointSeq: 10 } });
    const answer = await device.send(device.batch([], { checkpoint: device.checkpointFor(10) }));
    expect(answer.json).toMatchObject({ error: { code: 'audit_rewind' } });

    const shorter = new FakeDevice(central.server, device.token, device.deviceId, device.keys);
    shorter.audit.truncateTo(2);
    const missing = await shorter.send(shorter.batch([], { checkpoint: { seq: 10, hash: null } }));
    expect(missing.json).toMatchObject({ error: { code: 'audit_rewind' } });
    expect((await storedHeadAndEvents()).kinds.filter((k) => k === 'rewind')).toHaveLength(2);
  });

  it('starts afresh once a person at the central side accepts the rewind', async () => {
    await device.sendOk([]);
    device.audit.rewriteFrom(1);
    expect((await device.send([])).status).toBe(409);

    central.server.acceptAuditRewind(device.deviceId);
    device.heldHead = null;
    const answer = await device.sendOk([device.item(randomUUID())]);
    expect(answer.auditHead).toEqual(device.audit.head());
    expect((await storedHeadAndEvents()).kinds).toEqual(['rewind', 'rewind_accepted']);
  });

  it('refuses a head that contradicts its own checkpoint', async () => {
    device.audit.append(2);
    await device.sendOk([]);
    const batch = device.batch([]);
    const answer = await device.send({ ...batch, auditHead: { seq: 2, hash: device.audit.at(2) ?? '' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
