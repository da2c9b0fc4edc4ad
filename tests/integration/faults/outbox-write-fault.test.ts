import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { call, openTestCore } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, signInAs, staffTheDesk, type Person } from '../../support/desk-harness.js';
import { type Ack, checkKiosk } from '../../support/fault-checks.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * Issue 7, "Done when": the fault suite fails if the outbox write is moved out of the record's
 * transaction. Random kills rarely land in the gap between a commit and a later outbox write, so
 * this test puts a real SQLite failure exactly at the outbox write: it installs, through a
 * connection of its own on the same file, a (non-TEMP, so the core's connection runs it) trigger
 * that aborts every INSERT into sync_outbox, as a full disk or an I/O error at that statement
 * would. With the write inside the transaction, the approval is refused and nothing of it is
 * stored; were it outside, the record would be valid (or erased) with no outbox item and
 * checkKiosk would say so.
 */

let dir: ReturnType<typeof tempDir>;
let core: Core;

beforeEach(async () => {
  dir = tempDir('snowdesk-faults-');
  core = await openTestCore(dir.path);
  await staffTheDesk(core);
});

afterEach(() => {
  core.close();
  dir.remove();
});

function onFile<T>(work: (db: Database.Database) => T): T {
  const db = new Database(join(dir.path, DATABASE_FILE));
  db.pragma('busy_timeout = 5000');
  try {
    return work(db);
  } finally {
    db.close();
  }
}

function failOutboxWrites(): void {
  onFile((db) =>
    db.exec(`CREATE TRIGGER fault_outbox_write BEFORE INSERT ON sync_outbox
               BEGIN SELECT RAISE(ABORT, 'fault injected at the outbox write'); END`),
  );
}

function healOutboxWrites(): void {
  onFile((db) => db.exec('DROP TRIGGER fault_outbox_write'));
}

async function as<T>(person: Person, work: () => Promise<T>): Promise<T> {
  await signInAs(core, person);
  try {
    return await work();
  } finally {
    await call(core, 'session.signOut', {});
  }
}

/** Alice enters and submits a guest; returns the acknowledgements, as the fault loop keeps them. */
async function submitted(name: string): Promise<{ recordId: string; acks: Ack[] }> {
  return as('alice', async () => {
    const saved = await call(core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: adultGuest({ name }),
    });
    await call(core, 'records.submit', { recordId: saved.recordId, checklist: CHECKLIST });
    return {
      recordId: saved.recordId,
      acks: [
        { ack: 'saved', recordId: saved.recordId, revision: 1, name },
        { ack: 'submitted', recordId: saved.recordId, revision: 1 },
      ],
    };
  });
}

function rowsOf(recordId: string): { rounds: number; seq: number; outbox: number; approvals: number } {
  return onFile((db) => ({
    rounds:
      db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM review_rounds WHERE record_id = ?')
        .get(recordId)?.n ?? 0,
    seq:
      db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM sync_record_seq WHERE record_id = ?')
        .get(recordId)?.n ?? 0,
    outbox:
      db
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM sync_outbox WHERE record_id = ?')
        .get(recordId)?.n ?? 0,
    approvals:
      db
        .prepare<[string], { n: number }>(
          `SELECT count(*) AS n FROM audit_log WHERE target_id = ? AND outcome = 'ok'
             AND action IN ('record.approve_cross', 'record.approve_erasure')`,
        )
        .get(recordId)?.n ?? 0,
  }));
}

describe('a real failure at the outbox write', () => {
  it('refuses the cross-review approval whole: the record stays in review, nothing of it is stored', async () => {
    const { recordId, acks } = await submitted('林小雪');
    failOutboxWrites();

    const result = await as('bob', () => core.dispatch('review.approveCross', { recordId }));
    expect(result.ok).toBe(false);
    // the change went with its outbox row: not valid, no review round, no sequence number taken
    expect(rowsOf(recordId)).toEqual({ rounds: 0, seq: 0, outbox: 0, approvals: 0 });
    expect(checkKiosk(dir.path, acks).problems).toEqual([]);
    expect(await as('bob', () => call(core, 'records.open', { recordId }))).toMatchObject({
      state: 'awaiting_cross_review',
    });

    // once writes succeed again, the same approval goes through with its outbox item
    healOutboxWrites();
    expect(await as('bob', () => call(core, 'review.approveCross', { recordId }))).toMatchObject({
      state: 'valid',
    });
    expect(rowsOf(recordId)).toEqual({ rounds: 1, seq: 1, outbox: 1, approvals: 1 });
    const check = checkKiosk(dir.path, [...acks, { ack: 'approved', recordId, revision: 1 }]);
    expect(check.problems).toEqual([]);
    expect(check.validRevisions).toBe(1);
  });

  it('refuses the erasure approval whole: the guest is not erased and still opens', async () => {
    const { recordId, acks } = await submitted('林小雪');
    await as('bob', () => call(core, 'review.approveCross', { recordId }));
    await as('alice', () =>
      call(core, 'erasure.request', { recordId, reason: 'Guest withdrew consent by email' }),
    );
    failOutboxWrites();

    const result = await as('manager', () => core.dispatch('erasure.approve', { recordId }));
    expect(result.ok).toBe(false);
    expect(rowsOf(recordId)).toMatchObject({ outbox: 1, approvals: 1 });
    expect(checkKiosk(dir.path, acks).problems).toEqual([]);
    const detail = await as('alice', () => call(core, 'records.open', { recordId }));
    expect(detail).toMatchObject({ state: 'valid', draft: { name: '林小雪' } });
    expect(detail.erasureRequest).not.toBeNull();

    healOutboxWrites();
    expect(await as('manager', () => call(core, 'erasure.approve', { recordId }))).toMatchObject({
      state: 'erased',
    });
    expect(rowsOf(recordId)).toMatchObject({ outbox: 2, approvals: 2 });
    expect(checkKiosk(dir.path, []).problems).toEqual([]);
  });
});
