import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { PRACTICE_DATABASE_FILE } from '../../../electron/core/records/record-stores.js';
import { call, refusal } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, filesContaining } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as } = desk;

function count(file: string, sql: string): number {
  const db = new Database(join(desk.dir, file), { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('practice mode (R6)', () => {
  it('routes uncertified desk staff to the practice store, with the same rules, and keeps the real store clean', async () => {
    const guest = adultGuest({ name: '练习生', contact: { phone: '13511112222' } });
    const id = await as('trainee', async () => {
      expect(await call(desk.core, 'records.workspace', {})).toEqual({ practice: true });
      const started = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: guest,
      });
      expect(started.practice).toBe(true);
      expect(
        await call(desk.core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST }),
      ).toMatchObject({
        practice: true,
        state: 'awaiting_cross_review',
      });
      // four eyes in practice too
      expect((await refusal(desk.core, 'review.approveCross', { recordId: started.recordId })).code).toBe(
        'forbidden',
      );
      return started.recordId;
    });
    // certified staff work on the real store and never see practice records
    await as('alice', async () => {
      expect(await call(desk.core, 'records.workspace', {})).toEqual({ practice: false });
      expect((await call(desk.core, 'review.crossQueue', {})).items).toEqual([]);
      expect((await refusal(desk.core, 'records.open', { recordId: id })).code).toBe('not_found');
    });
    // another trainee reviews it in practice
    await as('trainee2', async () => {
      const queue = await call(desk.core, 'review.crossQueue', {});
      expect(queue).toMatchObject({ practice: true, items: [{ recordId: id, guestName: '练习生' }] });
      expect(await call(desk.core, 'review.approveCross', { recordId: id })).toMatchObject({
        practice: true,
        state: 'valid',
      });
      expect((await call(desk.core, 'guests.search', { name: 'lxs' })).hits.map((h) => h.recordId)).toEqual([
        id,
      ]);
    });
    // the supervisor is never routed to practice (certification does not apply to the role)
    await as('supervisor', async () => {
      expect(await call(desk.core, 'records.workspace', {})).toEqual({ practice: false });
      expect((await call(desk.core, 'guests.search', { name: 'lxs' })).hits).toEqual([]);
    });

    expect(existsSync(join(desk.dir, PRACTICE_DATABASE_FILE))).toBe(true);
    expect(count(DATABASE_FILE, 'SELECT count(*) FROM guest_records')).toBe(0);
    // never synced: nothing in either outbox
    expect(count(DATABASE_FILE, 'SELECT count(*) FROM sync_outbox')).toBe(0);
    expect(count(PRACTICE_DATABASE_FILE, 'SELECT count(*) FROM sync_outbox')).toBe(0);
    expect(count(DATABASE_FILE, "SELECT count(*) FROM audit_log WHERE action LIKE 'record.%'")).toBe(0);
    expect(count(PRACTICE_DATABASE_FILE, 'SELECT count(*) FROM guest_records')).toBe(1);
    expect(
      count(PRACTICE_DATABASE_FILE, "SELECT count(*) FROM audit_log WHERE action LIKE 'record.%'"),
    ).toBeGreaterThan(0);
    // the practice store holds no key material for its mirrored staff
    expect(count(PRACTICE_DATABASE_FILE, "SELECT count(*) FROM staff WHERE wrapped_dk <> ''")).toBe(0);
    expect(count(PRACTICE_DATABASE_FILE, `SELECT count(*) FROM staff WHERE id = '${desk.ids.trainee}'`)).toBe(
      1,
    );
    for (const value of ['练习生', '13511112222'])
      expect(filesContaining(desk.dir, value), value).toEqual([]);
  });

  it('moves a newly certified person to the real store', async () => {
    await as('trainee', () =>
      call(desk.core, 'records.startIntake', { channel: 'on_site_paper_form', draft: {} }),
    );
    await as('manager', () => call(desk.core, 'staff.certify', { id: desk.ids.trainee, certified: true }));
    await as('trainee', async () => {
      expect(await call(desk.core, 'records.workspace', {})).toEqual({ practice: false });
      expect((await call(desk.core, 'records.myQueue', {})).items).toEqual([]);
    });
  });
});
