import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import type { Core } from '../../../electron/core/create-core.js';
import { ADMIN, call, setUpKiosk } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, filesContaining, PASSWORD, PEOPLE } from '../../support/desk-harness.js';
import {
  drainKiosk,
  openSyncCore,
  readKiosk,
  statusWhen,
  type SyncKiosk,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The desk and sync together, through the real record workflow: a record that becomes valid
 * writes its outbox row in the same transaction, the desk keeps working while the central
 * system is down (R29), and whatever waited goes out when it is back, without anyone acting.
 */

let central: TempCentral;
let dir: ReturnType<typeof tempDir>;
let kiosk: SyncKiosk;
type Person = 'manager' | 'alice' | 'bob';
let ids: Record<Person, string>;

/** First setup (with the certified first manager); two specialists the manager certifies; nobody signed in. */
async function staffForSync(core: Core): Promise<Record<Person, string>> {
  await setUpKiosk(core);
  const made = {} as Record<Person, string>;
  for (const person of ['alice', 'bob'] as const) {
    const { name, role } = PEOPLE[person];
    made[person] = (await call(core, 'staff.create', { name, role, password: `first-${PASSWORD}` })).id;
  }
  await call(core, 'session.signOut', {});
  for (const person of ['alice', 'bob'] as const) {
    await call(core, 'session.signIn', { name: PEOPLE[person].name, password: `first-${PASSWORD}` });
    await call(core, 'session.changePassword', { current: `first-${PASSWORD}`, next: PASSWORD });
    await call(core, 'session.signOut', {});
  }
  const signedIn = await call(core, 'session.signIn', { name: PEOPLE.manager.name, password: PASSWORD });
  if (signedIn.status !== 'signed-in') throw new Error('the first manager did not sign in');
  made.manager = signedIn.staff.id;
  for (const person of ['alice', 'bob'] as const) {
    await call(core, 'staff.certify', { id: made[person], certified: true });
  }
  await call(core, 'session.signOut', {});
  return made;
}

beforeEach(async () => {
  central = await startTempCentral();
  dir = tempDir();
  const opened = await openSyncCore(dir.path);
  ids = await staffForSync(opened.core);
  const info = await call(opened.core, 'app.info', {});
  if (info.storage.state !== 'ready') throw new Error('storage is not ready');
  kiosk = { ...opened, dataDir: dir.path, deviceId: info.storage.deviceId, adminId: '' };
});

afterEach(async () => {
  kiosk.core.close();
  dir.remove();
  await central.dispose();
});

async function as<T>(person: Person, work: () => Promise<T>): Promise<T> {
  await call(kiosk.core, 'session.signIn', { name: PEOPLE[person].name, password: PASSWORD });
  try {
    return await work();
  } finally {
    await call(kiosk.core, 'session.signOut', {});
  }
}

async function enrol(): Promise<void> {
  await call(kiosk.core, 'session.signIn', ADMIN);
  const result = await call(kiosk.core, 'sync.enrol', {
    code: central.server.enrolmentCode(central.server.issueToken()),
  });
  expect(result.ok).toBe(true);
  await call(kiosk.core, 'session.signOut', {});
  await kiosk.sync.settled();
}

/** Alice enters and submits, Bob approves: the record becomes valid. */
async function validRecord(name: string): Promise<string> {
  const recordId = await as('alice', async () => {
    const started = await call(kiosk.core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: adultGuest({ name }),
    });
    await call(kiosk.core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST });
    return started.recordId;
  });
  await as('bob', () => call(kiosk.core, 'review.approveCross', { recordId }));
  return recordId;
}

describe('the desk and the central system', () => {
  it('stays fully usable while the central system is down, and sends what waited when it is back', async () => {
    await enrol();
    await central.server.faults.refuseConnections('closed');
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({
      state: 'retrying',
      online: false,
      lastError: { problem: 'offline' },
    });

    // entry, review and erasure all work offline; each change waits in the outbox
    const first = await validRecord('李雪');
    const second = await validRecord('王冰');
    await as('alice', () =>
      call(kiosk.core, 'erasure.request', { recordId: second, reason: 'Guest withdrew consent' }),
    );
    await as('manager', () => call(kiosk.core, 'erasure.approve', { recordId: second }));
    await statusWhen(kiosk, (s) => s.waiting === 3);
    expect(kiosk.sync.status()).toMatchObject({ online: false, waiting: 3 });
    expect(await call(kiosk.core, 'network.status', {})).toMatchObject({ central: 'unreachable' });
    expect(filesContaining(dir.path, '李雪')).toEqual([]);

    // the central system comes back: the scheduled retry sends everything, nobody signed in
    await central.server.faults.acceptConnections();
    const after = await drainKiosk(kiosk);
    expect(after).toMatchObject({ state: 'idle', online: true, waiting: 0, stuck: 0, lastError: null });
    const stored = await centralClientForTests(central.server);
    try {
      expect(
        stored.compare([
          { recordId: first, seq: 1 },
          { recordId: second, seq: 1 },
          { recordId: second, seq: 2 },
        ]).ok,
      ).toBe(true);
      const [revision] = stored.appliedOf(first);
      expect(revision?.content).toMatchObject({
        kind: 'record.revision',
        deviceId: kiosk.deviceId,
        data: {
          revision: 1,
          guest: { name: '李雪', channel: 'on_site_face_to_face' },
          workflow: { entrantId: ids.alice, crossReviewerId: ids.bob },
        },
      });
      expect(stored.appliedOf(second).map((item) => item.content?.kind)).toEqual([
        'record.revision',
        'record.erasure',
      ]);
      expect(stored.appliedOf(second)[1]?.content?.data).toMatchObject({ approvedBy: ids.manager });
    } finally {
      stored.close();
    }
    // the erased guest's snapshot is no longer on the kiosk, not even sealed to the central key
    expect(
      readKiosk(dir.path, (db) =>
        db
          .prepare('SELECT sealed IS NULL FROM sync_outbox WHERE record_id = ? ORDER BY seq')
          .pluck()
          .all(second),
      ),
    ).toEqual([1, 1]);
  });

  it('keeps answering while a sync request hangs', async () => {
    await enrol();
    // the same folder again, with the protocol's own 30 s request timeout: the hang outlasts the desk work
    kiosk.core.close();
    const reopened = await openSyncCore(dir.path, { tuning: { requestTimeoutMs: 30_000 } });
    kiosk = { ...kiosk, ...reopened };
    await kiosk.sync.settled();
    central.server.faults.delayResponses(60_000, { path: SYNC_PATHS.health });
    kiosk.sync.syncNow();
    const round = kiosk.sync.settled();
    await statusWhen(kiosk, (s) => s.state === 'syncing');
    const recordId = await validRecord('赵雪');
    await as('manager', () => call(kiosk.core, 'staff.list', {}));
    // all of that while the round still waits for its answer
    expect(kiosk.sync.status()).toMatchObject({ state: 'syncing', waiting: 1 });
    central.server.faults.clear();
    await round;
    expect(await drainKiosk(kiosk)).toMatchObject({ waiting: 0, state: 'idle' });
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.compare([{ recordId, seq: 1 }]).ok).toBe(true);
    } finally {
      stored.close();
    }
  });

  it('changes made before enrolment wait sealed to the holding key, and go out after it', async () => {
    const recordId = await validRecord('陈晨');
    expect(await call(kiosk.core, 'sync.status', {})).toMatchObject({ state: 'not_enrolled', waiting: 1 });
    expect(
      readKiosk(dir.path, (db) => db.prepare('SELECT sealed_to FROM sync_outbox').pluck().all()),
    ).toEqual(['holding']);
    expect(filesContaining(dir.path, '陈晨')).toEqual([]);
    expect(central.server.requests()).toEqual([]);

    await enrol();
    expect(
      readKiosk(dir.path, (db) => db.prepare('SELECT sealed_to, state FROM sync_outbox').raw().all()),
    ).toEqual([['central', 'delivered']]);
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.compare([{ recordId, seq: 1 }]).ok).toBe(true);
      expect(stored.appliedOf(recordId)[0]?.content?.data).toMatchObject({ guest: { name: '陈晨' } });
    } finally {
      stored.close();
    }
  });
});
