import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StaffRepository } from '../../../electron/core/accounts/staff-repository.js';
import { AuditLog } from '../../../electron/core/audit/audit-log.js';
import { generateDataKey } from '../../../electron/core/crypto/data-key.js';
import { KeyHandle } from '../../../electron/core/crypto/key-handle.js';
import { loadSodium } from '../../../electron/core/crypto/sodium.js';
import { migrate } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { silentLogger } from '../../../electron/core/logger.js';
import type { RecordChange } from '../../../electron/core/records/record-change-sink.js';
import { RecordStores } from '../../../electron/core/records/record-stores.js';
import type { ActiveSession } from '../../../electron/core/session/session-store.js';
import { DeviceSettings } from '../../../shared/domain/device-settings.js';
import { validateGuestForSubmit, type GuestRecord } from '../../../shared/domain/guest-record.js';
import type { Role } from '../../../shared/domain/roles.js';
import { adultGuest, CHECKLIST } from '../../support/desk-harness.js';
import { ManualClock } from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Database.Database;
let keys: KeyHandle;
let stores: RecordStores;
let changes: RecordChange[];
let failSink: boolean;
const clock = new ManualClock();

const STAFF: [string, Role][] = [
  ['alice', 'specialist'],
  ['bob', 'specialist'],
  ['sun', 'manager'],
];

function session(id: string): ActiveSession {
  const role = STAFF.find(([s]) => s === id)?.[1] ?? 'specialist';
  return { staff: { id, name: id, role, certified: true }, locked: false, mustChangePassword: false };
}

function guestRecord(overrides = {}): GuestRecord {
  const checked = validateGuestForSubmit(
    { ...adultGuest(overrides), channel: 'on_site_paper_form' },
    '2026-11-23',
  );
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

beforeAll(async () => {
  await loadSodium();
});

beforeEach(() => {
  dir = tempDir();
  db = new Database(join(dir.path, 'snowdesk.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS, () => 1);
  for (const [id, role] of STAFF) {
    db.prepare(
      "INSERT INTO staff (id, name, name_key, role, wrapped_dk, certified_at, created_at) VALUES (?, ?, ?, ?, 'k', 1, 1)",
    ).run(id, id, id, role);
  }
  keys = KeyHandle.adopt(generateDataKey());
  changes = [];
  failSink = false;
  stores = new RecordStores({
    dataDir: dir.path,
    db,
    audit: new AuditLog(db, 'device-1', () => clock.now()),
    staff: new StaffRepository(db),
    keys: () => keys,
    clock,
    settings: () => DeviceSettings.parse({}),
    log: silentLogger,
    sink: {
      recordChanged: (_db, change) => {
        if (failSink) throw new Error('outbox full');
        changes.push(change);
      },
    },
  });
});

afterEach(() => {
  stores.close();
  keys.wipe();
  db.close();
  dir.remove();
});

describe('the record change sink', () => {
  it('gets a full snapshot when a revision becomes valid and a tombstone when a record is erased', () => {
    const { service } = stores.for(false);
    const { recordId } = service.startIntake(session('alice'), 'on_site_face_to_face', adultGuest());
    service.submit(session('alice'), recordId, CHECKLIST);
    expect(changes).toEqual([]);
    service.approveCross(session('bob'), recordId);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      recordId,
      revision: 1,
      kind: 'revision_valid',
      payload: {
        guest: { name: '张伟', contact: { phone: '+8613800138000' }, channel: 'on_site_face_to_face' },
        workflow: {
          revision: 1,
          supersedes: null,
          entrantId: 'alice',
          crossReviewerId: 'bob',
          finalReviewerId: null,
        },
      },
    });
    service.requestErasure(session('bob'), recordId, 'consent withdrawn');
    service.approveErasure(session('sun'), recordId);
    expect(changes[1]).toMatchObject({
      recordId,
      kind: 'erased',
      payload: { requestedBy: 'bob', approvedBy: 'sun' },
    });
  });

  it('rolls the change back, audit entry included, when the sink fails', () => {
    const { service } = stores.for(false);
    const { recordId } = service.startIntake(session('alice'), 'on_site_face_to_face', adultGuest());
    service.submit(session('alice'), recordId, CHECKLIST);
    const auditBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    failSink = true;
    expect(() => service.approveCross(session('bob'), recordId)).toThrow(/outbox full/);
    expect(service.load(recordId).working.state).toBe('awaiting_cross_review');
    expect(db.prepare('SELECT count(*) FROM review_rounds').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });
});

describe('demo seeding', () => {
  it('writes valid records through the workflow tables, with rounds and audit, found by search', () => {
    const { service, search } = stores.for(false);
    const id = service.seedValid({
      guest: guestRecord(),
      entrantId: 'alice',
      reviewerId: 'bob',
      enteredAt: clock.now() - 3_600_000,
      validAt: clock.now(),
    });
    const vip = service.seedValid({
      guest: guestRecord({
        name: '李娜',
        vip: true,
        idDocument: { type: 'passport', number: 'E12345678', issuingCountry: 'CHN' },
        birthDate: '1990-01-01',
      }),
      entrantId: 'alice',
      reviewerId: 'bob',
      finalReviewerId: 'sun',
      enteredAt: clock.now() - 3_600_000,
      validAt: clock.now(),
    });
    expect(() =>
      service.seedValid({
        guest: guestRecord({ vip: true }),
        entrantId: 'alice',
        reviewerId: 'bob',
        enteredAt: 1,
        validAt: 2,
      }),
    ).toThrow(/reviewers/);
    expect(service.load(id).record.in_force_revision).toBe(1);
    expect(service.repo.rounds(vip).map((r) => [r.stage, r.reviewer_id])).toEqual([
      ['cross', 'bob'],
      ['final', 'sun'],
    ]);
    expect(search.search(session('bob'), { name: 'ln' }).map((h) => [h.recordId, h.state])).toEqual([
      [vip, 'valid'],
    ]);
    expect(changes).toEqual([]);
    expect(new AuditLog(db, 'device-1', () => 1).verify()).toMatchObject({ ok: true });
  });
});
