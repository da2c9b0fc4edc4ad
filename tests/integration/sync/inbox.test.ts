import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { newBoxKeyPair, sealJson, toBase64 } from '../../support/central-server/sealing.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { ADMIN, call, FIRST_MANAGER } from '../../support/core-harness.js';
import { filesContaining } from '../../support/desk-harness.js';
import { readKiosk, statusWhen, type SyncKiosk, syncKiosk } from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Online submissions (R9, R11) from the central inbox: pulled by a locked kiosk and kept sealed,
 * opened when certified desk staff unlock, landed in the online queue with the two-hour clock
 * from the central side's receivedAt; what does not open or validate is quarantined, shown to
 * the maintainer and reported to the central side, never dropped.
 */

const FIRST = 'first-powder-2026!';
const PASSWORD = 'powder-day-2026!';
const ALICE = { name: 'Alice Li', password: PASSWORD };

let central: TempCentral;
let dir: ReturnType<typeof tempDir>;
let kiosk: SyncKiosk;

async function signInFirstTime(name: string): Promise<void> {
  await call(kiosk.core, 'session.signIn', { name, password: FIRST });
  await call(kiosk.core, 'session.changePassword', { current: FIRST, next: PASSWORD });
}

beforeEach(async () => {
  central = await startTempCentral();
  dir = tempDir();
  kiosk = await syncKiosk(dir.path, central.server);
  const alice = await call(kiosk.core, 'staff.create', {
    name: 'Alice Li',
    role: 'specialist',
    password: FIRST,
  });
  await call(kiosk.core, 'session.signOut', {});
  await call(kiosk.core, 'session.signIn', FIRST_MANAGER);
  await call(kiosk.core, 'staff.certify', { id: alice.id, certified: true });
  await call(kiosk.core, 'session.signOut', {});
  await signInFirstTime('Alice Li');
  await call(kiosk.core, 'session.signOut', {});
});

afterEach(async () => {
  kiosk.core.close();
  dir.remove();
  await central.dispose();
});

function devicePublicKey(): string {
  return readKiosk(dir.path, (db) => {
    const key = db
      .prepare("SELECT public_key FROM sync_key_pairs WHERE role = 'device'")
      .pluck()
      .get() as Buffer;
    return key.toString('base64');
  });
}

function inboxRows(): { id: string; state: string; problem: string | null; sealed: number }[] {
  return readKiosk(dir.path, (db) =>
    db
      .prepare<[], { id: string; state: string; problem: string | null; sealed: number }>(
        'SELECT id, state, problem, sealed IS NOT NULL AS sealed FROM sync_inbox ORDER BY n',
      )
      .all(),
  );
}

/** A raw inbox item whose sealed content is `content`, sealed to `key`. */
function rawItem(content: Record<string, unknown>, key = devicePublicKey()) {
  const id = randomUUID();
  const receivedAt = new Date(kiosk.clock.now() - 5 * 60_000).toISOString();
  const full = { v: 1, id, channel: 'app', receivedAt, submission: { name: 'Raw Guest' }, ...content };
  return { id, channel: 'app' as const, receivedAt, sealed: sealJson(full, key) };
}

describe('the inbox of online submissions', () => {
  it('pulls while nobody is signed in, opens at a desk unlock into the online queue, quarantines and reports the bad ones', async () => {
    const receivedAt = new Date(kiosk.clock.now() - 30 * 60_000).toISOString();
    const good = [
      central.server.addInboxItem(kiosk.deviceId, {
        channel: 'website',
        receivedAt,
        submission: { name: '线上客人', contact: { phone: '+8613800138000' } },
      }),
      central.server.addInboxItem(kiosk.deviceId, {
        channel: 'wechat',
        receivedAt,
        submission: { name: 'Wechat Guest' },
      }),
    ];
    const unsealable = rawItem({}, toBase64(newBoxKeyPair().publicKey));
    const invalid = rawItem({ v: 2 });
    const mismatch = rawItem({ id: randomUUID() });
    const notAGuest = rawItem({ submission: { name: 42, favourite: 'powder' } });
    for (const item of [unsealable, invalid, mismatch, notAGuest])
      central.server.addRawInboxItem(kiosk.deviceId, item);

    // nobody is signed in: the round pulls, stores sealed and acknowledges, and opens nothing
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ state: 'idle', inboxToOpen: 6, stuck: 0 });
    expect(inboxRows().map((r) => r.state)).toEqual(Array(6).fill('sealed'));
    const inspector = await centralClientForTests(central.server);
    try {
      expect(inspector.inboxAcked(kiosk.deviceId)).toBe(6);
    } finally {
      inspector.close();
    }
    expect(filesContaining(dir.path, '线上客人')).toEqual([]);

    // a maintainer's unlock opens nothing: maintainers see no guest data
    await call(kiosk.core, 'session.signIn', ADMIN);
    kiosk.sync.openInbox();
    expect(kiosk.sync.status().inboxToOpen).toBe(6);
    await call(kiosk.core, 'session.signOut', {});

    // certified desk staff sign in: everything is opened; the bad ones quarantined, then reported
    await call(kiosk.core, 'session.signIn', ALICE);
    await statusWhen(kiosk, (s) => s.inboxToOpen === 0 && s.stuck === 4);
    await kiosk.sync.settled();
    const queue = await call(kiosk.core, 'online.queue', {});
    expect(queue.items.map((item) => [item.channel, item.receivedAt, item.guestName]).sort()).toEqual(
      [
        ['online_website', Date.parse(receivedAt), '线上客人'],
        ['online_wechat', Date.parse(receivedAt), 'Wechat Guest'],
      ].sort(),
    );
    // the two-hour clock runs from the central side's receivedAt (R11)
    for (const item of queue.items) {
      expect(item.deadline).toMatchObject({ dueAt: Date.parse(receivedAt) + 2 * 60 * 60_000 });
    }
    expect(filesContaining(dir.path, '线上客人')).toEqual([]);
    await call(kiosk.core, 'session.signOut', {});

    await call(kiosk.core, 'session.signIn', ADMIN);
    const stuck = await call(kiosk.core, 'sync.stuck', {});
    expect(stuck.map((s) => (s.direction === 'inbox' ? [s.id, s.reason, s.reported] : null))).toEqual([
      [unsealable.id, 'unsealable', true],
      [invalid.id, 'invalid_content', true],
      [mismatch.id, 'sealed_mismatch', true],
      [notAGuest.id, 'invalid_content', true],
    ]);
    // never dropped: still here, sealed as it came
    expect(inboxRows().filter((r) => r.state === 'quarantined')).toEqual(
      [unsealable, invalid, mismatch, notAGuest].map((item) => ({
        id: item.id,
        state: 'quarantined',
        problem: expect.any(String) as string,
        sealed: 1,
      })),
    );
    expect(
      inboxRows()
        .filter((r) => r.state === 'handed_off')
        .map((r) => [r.id, r.sealed]),
    ).toEqual(good.map((item) => [item.id, 0]));
    const reported = await centralClientForTests(central.server);
    try {
      expect(reported.inboxReports(kiosk.deviceId).map((r) => [r.itemId, r.reason, r.known])).toEqual([
        [unsealable.id, 'unsealable', true],
        [invalid.id, 'invalid_content', true],
        [mismatch.id, 'sealed_mismatch', true],
        [notAGuest.id, 'invalid_content', true],
      ]);
      for (const report of reported.inboxReports(kiosk.deviceId))
        expect(report.detail).not.toContain('powder');
    } finally {
      reported.close();
    }
  });

  it('an item pulled while the desk is locked opens at the unlock', async () => {
    await call(kiosk.core, 'session.signIn', ALICE);
    await call(kiosk.core, 'session.lock', {});
    central.server.addInboxItem(kiosk.deviceId, { channel: 'app', submission: { name: 'Late Guest' } });
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    expect(kiosk.sync.status().inboxToOpen).toBe(1);
    await call(kiosk.core, 'session.unlock', { password: PASSWORD });
    await statusWhen(kiosk, (s) => s.inboxToOpen === 0);
    expect((await call(kiosk.core, 'online.queue', {})).items.map((i) => i.guestName)).toEqual([
      'Late Guest',
    ]);
  });

  it('ignores an item it already has when an acknowledgement was lost', async () => {
    central.server.addInboxItem(kiosk.deviceId, { channel: 'app', submission: { name: 'Once Only' } });
    central.server.faults.dropAfterCommitNext(1, { path: '/v1/inbox/ack' });
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ state: 'retrying', inboxToOpen: 1 });
    kiosk.scheduler.fireNext();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({ state: 'idle', inboxToOpen: 1 });
    expect(inboxRows()).toHaveLength(1);
  });
});
