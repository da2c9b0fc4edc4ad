import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import type { GuestDraft } from '../../shared/domain/guest-record.js';
import { call, type CoreDoor, type ManualClock } from './core-harness.js';
import { adultGuest, CHECKLIST, residentId } from './desk-harness.js';
import { asPerson } from './desk-work.js';

const MINUTE = 60_000;

/**
 * A desk day with quality figures a person can work out by hand (R28), entered through the core
 * on ManualClock's day (2026-11-23, from 10:00 China time):
 *
 * - Alice enters 4 guests. #1 approved at once; #2 returned by Bob on the phone, fixed and then
 *   approved; #3 submitted 20 minutes after she started (the on-site limit is 15): late, approved;
 *   #4 with every recommended field filled, still awaiting cross-review.
 *   adultGuest() fills 2 of the 4 recommended fields (emergency contact, lesson interest).
 * - Bob enters 2 guests, both approved at once by Alice, on time.
 * - The supervisor's sample checks 3 fields of Alice's #1: 1 correct, 1 wrong, 1 missing.
 *
 * Expected on 2026-11-23 (whole percentages as shown):
 *   Alice: entered 4, first pass 2 of 3 reviewed (67 %), completeness 10/16 (63 %),
 *          on time 3 of 4 (75 %), 1 return (contact.phone), sample findings 2 of 3 checks
 *   Bob:   entered 2, first pass 2 of 2 (100 %), completeness 4/8 (50 %), on time 2 of 2 (100 %)
 */
export const QUALITY_DAY = '2026-11-23';

export const EXPECTED = {
  alice: {
    entered: 4,
    corrections: 0,
    crossReviewed: 3,
    firstPass: 2,
    accuracy: 67,
    recommendedFilled: 10,
    recommendedPossible: 16,
    completeness: 63,
    withDeadline: 4,
    onTime: 3,
    timeliness: 75,
    returns: 1,
    returnedFields: 'contact.phone:1',
    sampleChecks: 3,
    sampleFindings: 2,
  },
  bob: {
    entered: 2,
    corrections: 0,
    crossReviewed: 2,
    firstPass: 2,
    accuracy: 100,
    recommendedFilled: 4,
    recommendedPossible: 8,
    completeness: 50,
    withDeadline: 2,
    onTime: 2,
    timeliness: 100,
    returns: 0,
    returnedFields: '',
    sampleChecks: 0,
    sampleFindings: 0,
  },
} as const;

/** The same guest with every recommended field filled: emergency contact, rental sizes, lessons, notes. */
export function completeGuest(base: GuestDraft): GuestDraft {
  return {
    ...base,
    ski: {
      discipline: 'snowboard',
      level: 'beginner',
      lessonInterest: 'private',
      rental: { heightCm: '172', weightKg: '65', shoeSize: '42', shoeSizeSystem: 'eu' },
    },
    notes: '第一次来雪场',
  };
}

const NAMES = ['李明', '王芳', '刘洋', '陈静', '杨帆', '黄磊'];

function guest(n: number, overrides: Partial<GuestDraft> = {}): GuestDraft {
  const sequence = String(100 + n);
  return adultGuest({
    name: NAMES[n - 1] ?? '李明',
    contact: { phone: `138 0013 ${String(8100 + n)}` },
    idDocument: { type: 'resident_id', number: residentId('110105', '19850312', sequence) },
    ...overrides,
  });
}

export interface QualityScenario {
  /** Alice's first record, the one the supervisor sampled */
  aliceFirst: string;
}

async function enter(core: CoreDoor, draft: GuestDraft, clock?: { clock: ManualClock; minutes: number }) {
  const { recordId } = await call(core, 'records.startIntake', { channel: 'on_site_face_to_face', draft });
  if (clock) clock.clock.advance(clock.minutes * MINUTE);
  await call(core, 'records.submit', { recordId, checklist: CHECKLIST });
  return recordId;
}

/** Runs the day described above; everyone signed out at the end. */
export async function enterQualityScenario(core: CoreDoor, clock: ManualClock): Promise<QualityScenario> {
  const alice = await asPerson(core, 'alice', async () => [
    await enter(core, guest(1)),
    await enter(core, guest(2)),
    await enter(core, guest(3), { clock, minutes: 20 }),
    await enter(core, completeGuest(guest(4))),
  ]);
  const bob = await asPerson(core, 'bob', async () => [
    await enter(core, guest(5)),
    await enter(core, guest(6)),
  ]);
  const [a1, a2, a3] = alice;
  if (!a1 || !a2 || !a3) throw new Error('scenario: Alice’s records missing');

  await asPerson(core, 'bob', async () => {
    await call(core, 'review.approveCross', { recordId: a1 });
    await call(core, 'review.returnCross', {
      recordId: a2,
      comments: [{ path: 'contact.phone', text: '号码少一位' }],
    });
    await call(core, 'review.approveCross', { recordId: a3 });
  });
  await asPerson(core, 'alice', async () => {
    await call(core, 'records.saveDraft', {
      recordId: a2,
      draft: guest(2, { contact: { phone: '138 0013 8222' } }),
    });
    await call(core, 'records.submit', { recordId: a2, checklist: CHECKLIST });
    for (const recordId of bob) await call(core, 'review.approveCross', { recordId });
  });
  await asPerson(core, 'bob', async () => {
    await call(core, 'review.approveCross', { recordId: a2 });
  });
  return { aliceFirst: a1 };
}

/**
 * The supervisor's sampling verdicts (R26) on one record, written straight into the sampling
 * tables of migration 0009, so these figures do not depend on the sampling screens' API.
 */
export function recordSampleChecks(
  dataDir: string,
  recordId: string,
  supervisorId: string,
  verdicts: readonly ['correct' | 'wrong' | 'missing', string][],
  at: number,
): void {
  // the app's core writes on its own thread at the same time (timers, the name index): take the
  // write lock first (IMMEDIATE) and wait for the core's transaction to end, not fail with SQLITE_BUSY
  const db = new Database(join(dataDir, DATABASE_FILE), { timeout: 10_000 });
  try {
    db.transaction(() => {
      const entrant = db
        .prepare<[string], { entrant_id: string; revision: number }>(
          'SELECT entrant_id, revision FROM revision_workflow WHERE record_id = ? ORDER BY revision LIMIT 1',
        )
        .get(recordId);
      if (!entrant) throw new Error('no such record');
      db.prepare(
        `INSERT INTO audit_samples (id, drawn_by, drawn_at, period_from, period_to, requested_count, seed,
           population_count, population_digest)
         VALUES ('sample-1', ?, ?, ?, ?, 1, 'seed', 1, 'digest')`,
      ).run(supervisorId, at, at - 86_400_000, at);
      db.prepare(
        `INSERT INTO audit_sample_items (sample_id, position, record_id, revision, entrant_id)
         VALUES ('sample-1', 1, ?, ?, ?)`,
      ).run(recordId, entrant.revision, entrant.entrant_id);
      const check = db.prepare(
        `INSERT INTO audit_sample_checks (sample_id, record_id, revision, field, verdict, checked_by, checked_at)
         VALUES ('sample-1', ?, ?, ?, ?, ?, ?)`,
      );
      for (const [verdict, field] of verdicts)
        check.run(recordId, entrant.revision, field, verdict, supervisorId, at);
    }).immediate();
  } finally {
    db.close();
  }
}
