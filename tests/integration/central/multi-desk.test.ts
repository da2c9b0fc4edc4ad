import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealJsonTo, sodiumReady } from '../../../central/crypto.js';
import { InboxPageV11 } from '../../../shared/sync/wire-1-1.js';
import { OutboxBatchResponse } from '../../../shared/sync/wire.js';
import {
  type CentralChild,
  type CentralDatabase,
  createCentralDatabase,
  enrolmentCode,
  spawnCentral,
} from '../../support/central-pg.js';
import { call } from '../../support/core-harness.js';
import { hireTheDesk, signInAs } from '../../support/desk-harness.js';
import {
  drainKiosk,
  readKiosk,
  type SyncKiosk,
  syncKiosk,
  writeRecordChanges,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Many desks, one resort: two real kiosk cores, each talking to its own central process, both
 * processes on one PostgreSQL. A guest entered at desk A is found at desk B; an online
 * submission is offered to both desks, claimed at A and withdrawn at B.
 */
let db: CentralDatabase;
let centrals: CentralChild[];
let dirs: ReturnType<typeof tempDir>[];
let deskA: SyncKiosk;
let deskB: SyncKiosk;

async function enrolledKiosk(central: CentralChild, name: string): Promise<SyncKiosk> {
  const dir = tempDir();
  dirs.push(dir);
  const kiosk = await syncKiosk(dir.path, null);
  const result = await call(kiosk.core, 'sync.enrol', { code: await enrolmentCode(db, central.url, name) });
  if (!result.ok) throw new Error(`enrolment failed: ${result.problem}`);
  await kiosk.sync.settled();
  return kiosk;
}

/** What the kiosk itself would send once it claims (its token, its device id, its audit head). */
async function claimAs(kiosk: SyncKiosk, url: string, submissionId: string): Promise<OutboxBatchResponse> {
  const known = readKiosk(kiosk.dataDir, (k) => ({
    token: k.prepare('SELECT device_token FROM sync_enrolment').pluck().get() as string,
    key: k.prepare('SELECT central_public_key FROM sync_enrolment').pluck().get() as string,
    held: k.prepare('SELECT held_audit_seq AS seq, held_audit_hash AS hash FROM sync_state').get() as {
      seq: number;
      hash: string;
    },
  }));
  // the head the central side holds, as its checkpoint and as the head: the chain did not move
  const head = known.held;
  const id = randomUUID();
  const content = {
    v: 1,
    id,
    deviceId: kiosk.deviceId,
    recordId: submissionId,
    seq: 1,
    kind: 'submission.claim',
    occurredAt: new Date().toISOString(),
    data: {},
  };
  const reply = await fetch(`${url}/v1/outbox/batches`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${known.token}`,
      'Snowdesk-Protocol': '1.1',
      'Content-Type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify({
      deviceId: kiosk.deviceId,
      batchId: randomUUID(),
      sentAt: new Date().toISOString(),
      auditHead: head,
      auditCheckpoint: head,
      items: [{ id, recordId: submissionId, seq: 1, sealed: sealJsonTo(content, known.key) }],
    }),
  });
  return OutboxBatchResponse.parse(await reply.json());
}

async function inboxOf(kiosk: SyncKiosk, url: string): Promise<InboxPageV11> {
  const token = readKiosk(
    kiosk.dataDir,
    (k) => k.prepare('SELECT device_token FROM sync_enrolment').pluck().get() as string,
  );
  const reply = await fetch(`${url}/v1/inbox?limit=100`, {
    headers: { Authorization: `Bearer ${token}`, 'Snowdesk-Protocol': '1.1' },
  });
  return InboxPageV11.parse(await reply.json());
}

beforeAll(async () => {
  await sodiumReady();
  dirs = [];
  db = await createCentralDatabase();
  centrals = await Promise.all([spawnCentral(db), spawnCentral(db)]);
  const [one, two] = centrals;
  if (!one || !two) throw new Error('no central processes');
  deskA = await enrolledKiosk(one, 'Rental desk');
  deskB = await enrolledKiosk(two, 'Ticket hall');
}, 60_000);

afterAll(async () => {
  for (const kiosk of [deskA, deskB]) kiosk.core.close();
  for (const dir of dirs) dir.remove();
  await Promise.all(centrals.map((c) => c.stop()));
  await db.drop();
});

describe('two desks, two central processes, one PostgreSQL', () => {
  it('a guest entered at desk A is found at desk B, sealed both ways and audited at both ends', async () => {
    const phone = '+8613712345678';
    const [written] = writeRecordChanges(deskA, {
      records: 1,
      changes: 1,
      guest: () => ({ name: 'Returning Guest', contact: { phone } }),
    });
    expect((await drainKiosk(deskA)).waiting).toBe(0);

    await hireTheDesk(deskB.core);
    await signInAs(deskB.core, 'alice');
    const found = await call(deskB.core, 'sync.lookUpCentral', { kind: 'duplicates', phone });
    expect(found).toMatchObject({
      searched: 'central',
      matches: [{ recordId: written?.recordId, deviceId: deskA.deviceId }],
    });
    if (found.searched !== 'central') throw new Error('not searched centrally');
    expect(found.matches[0]?.data).toMatchObject({ guest: { name: 'Returning Guest' } });

    const devices = JSON.parse((await db.cli('devices', '--json')).out) as {
      name: string;
      lastContactAt: string | null;
    }[];
    expect(devices).toHaveLength(2);
    expect(devices.every((d) => d.lastContactAt !== null)).toBe(true);
    const audit = readKiosk(deskB.dataDir, (k) =>
      k.prepare("SELECT outcome, reason FROM audit_log WHERE action = 'sync.central_lookup'").all(),
    );
    expect(audit).toEqual([{ outcome: 'ok', reason: 'duplicates: 1 central match(es)' }]);
    // nothing of the guest in clear in any table of the central database
    const dump = await import('pg').then(async ({ default: pg }) => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const rows = await client.query<{ t: string }>(
        "SELECT string_agg(t::text, ' ') AS t FROM (SELECT row_to_json(r) AS t FROM records r UNION ALL SELECT row_to_json(i) FROM items i UNION ALL SELECT row_to_json(l) FROM lookups l) x",
      );
      await client.end();
      return rows.rows[0]?.t ?? '';
    });
    expect(dump).not.toContain('Returning Guest');
    expect(dump).not.toContain('13712345678');
  });

  it('an online submission is offered to both desks; claimed at A, it is withdrawn at B', async () => {
    const [one, two] = centrals;
    if (!one || !two) throw new Error('no central processes');
    const key = (await db.cli('channel-key', 'wechat')).out.trim();
    const intake = await fetch(`${one.url}/v1/intake/wechat`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Snowdesk-Protocol': '1.1',
        'Content-Type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ submission: { name: 'Online Guest', contact: { phone: '+8613900001111' } } }),
    });
    expect(intake.status).toBe(201);
    const { id, offeredTo } = (await intake.json()) as { id: string; offeredTo: number };
    expect(offeredTo).toBe(2);

    for (const kiosk of [deskA, deskB]) {
      await drainKiosk(kiosk);
      const pulled = readKiosk(
        kiosk.dataDir,
        (k) =>
          k.prepare('SELECT channel FROM sync_inbox WHERE id = ?').get(id) as { channel: string } | undefined,
      );
      expect(pulled).toEqual({ channel: 'wechat' });
    }

    expect((await claimAs(deskA, one.url, id)).results[0]).toMatchObject({ status: 'applied' });
    expect((await claimAs(deskB, two.url, id)).results[0]).toMatchObject({
      status: 'rejected',
      reason: 'record_conflict',
    });
    const atB = await inboxOf(deskB, two.url);
    expect(atB.items).toContainEqual(expect.objectContaining({ kind: 'withdrawal', withdraws: id }));
    const atA = await inboxOf(deskA, one.url);
    expect(atA.items.some((item) => 'kind' in item && item.withdraws === id)).toBe(false);
  });

  it('with its central process gone, desk B says it searched locally only', async () => {
    await centrals[1]?.stop();
    const result = await call(deskB.core, 'sync.lookUpCentral', { kind: 'search', name: 'Returning Guest' });
    expect(result).toEqual({ searched: 'local_only', why: 'unreachable' });
  });
});
