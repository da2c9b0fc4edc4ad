import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import type { TeamDay } from '../../../shared/ipc/team-schemas.js';
import { call, ManualClock, refusal } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, type Person } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as } = desk;

const MINUTE = 60_000;

function person(day: TeamDay, who: Person) {
  const row = day.people.find((p) => p.staff.id === desk.ids[who]);
  if (!row) throw new Error(`${who} is not in the day`);
  return row;
}

function queue(day: TeamDay, name: TeamDay['queues'][number]['queue']) {
  return day.queues.find((q) => q.queue === name);
}

describe('the team lead’s day (R25)', () => {
  it('counts today’s entries per person, ages the queues, lists what is overdue and the returns with their reasons', async () => {
    // Alice enters and submits a guest; Bob starts one and leaves it half done
    const aliceRecord = await as('alice', async () => {
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest(),
      });
      await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
      return recordId;
    });
    const bobDraft = await as('bob', async () => {
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: { name: '李娜' },
      });
      return recordId;
    });
    // an online submission arrived three hours ago and nobody has claimed it
    await as('lead', () =>
      call(desk.core, 'online.add', {
        channel: 'online_wechat',
        receivedAt: desk.clock.now() - 3 * 60 * MINUTE,
        submission: { name: '王芳' },
      }),
    );
    // Bob returns Alice's record: a reason that quotes the guest, so it is sealed
    desk.clock.advance(20 * MINUTE);
    await as('bob', () =>
      call(desk.core, 'review.returnCross', {
        recordId: aliceRecord,
        comments: [{ path: 'contact.phone', text: '客户说号码是 8000 结尾' }],
      }),
    );

    const day = await as('lead', () => call(desk.core, 'team.day', {}));
    expect(day).toMatchObject({ date: '2026-11-23', today: true, practice: false });
    expect(person(day, 'alice')).toMatchObject({
      started: 1,
      submitted: 1,
      late: 0,
      returned: 1,
      reviewed: 0,
    });
    expect(person(day, 'bob')).toMatchObject({ started: 1, submitted: 0, reviewed: 1, overdueNow: 1 });
    // desk staff with nothing done today are still listed, with zeros
    expect(person(day, 'manager')).toMatchObject({ started: 0, reviewed: 0, overdueNow: 0 });
    // the supervisor enters nothing, trainees work in the practice store: neither is a row here
    expect(day.people.some((p) => p.staff.id === desk.ids.supervisor)).toBe(false);
    expect(day.people.some((p) => p.staff.id === desk.ids.trainee)).toBe(false);

    expect(queue(day, 'entry')).toMatchObject({ count: 1, overdue: 1, oldestAgeMs: 20 * MINUTE });
    expect(queue(day, 'online')).toMatchObject({ count: 1, overdue: 1, oldestAgeMs: 200 * MINUTE });
    expect(queue(day, 'returned')).toMatchObject({ count: 1, oldestAgeMs: 0 });
    expect(queue(day, 'cross_review')).toMatchObject({ count: 0, oldestSince: null });

    const overdueIds = day.overdue.map((o) => o.recordId);
    expect(overdueIds).toContain(bobDraft);
    const online = day.overdue.find((o) => o.queue === 'online');
    expect(online).toMatchObject({
      guestName: '王芳',
      responsible: null,
      deadlineKind: 'online_entry',
      overdueMs: 80 * MINUTE,
    });
    expect(day.overdue.find((o) => o.recordId === bobDraft)).toMatchObject({
      guestName: '李娜',
      responsible: { id: desk.ids.bob, name: 'Bob Zhou' },
      deadlineKind: 'onsite_entry',
      overdueMs: 5 * MINUTE,
    });
    // longest overdue first
    expect(day.overdue[0]?.queue).toBe('online');

    expect(day.returns).toEqual([
      expect.objectContaining({
        recordId: aliceRecord,
        stage: 'cross',
        guestName: '张伟',
        reviewer: { id: desk.ids.bob, name: 'Bob Zhou' },
        entrant: { id: desk.ids.alice, name: 'Alice Li' },
        comments: [{ path: 'contact.phone', text: '客户说号码是 8000 结尾' }],
        handled: false,
      }),
    ]);

    // once Alice fixes and resubmits, the return is handled and her record waits for cross-review
    desk.clock.advance(5 * MINUTE);
    await as('alice', async () => {
      await call(desk.core, 'records.saveDraft', {
        recordId: aliceRecord,
        draft: adultGuest({ contact: { phone: '138 0013 8000' }, notes: '已核对' }),
      });
      await call(desk.core, 'records.submit', { recordId: aliceRecord, checklist: CHECKLIST });
    });
    const later = await as('manager', () => call(desk.core, 'team.day', { date: '2026-11-23' }));
    expect(later.returns[0]?.handled).toBe(true);
    expect(queue(later, 'cross_review')).toMatchObject({ count: 1, oldestAgeMs: 0, overdue: 0 });
    // resubmitting is not a second first submission
    expect(person(later, 'alice').submitted).toBe(1);

    // reading the day (and the reasons in it) is audited, without the reasons
    const db = new Database(join(desk.dir, DATABASE_FILE), { readonly: true });
    try {
      const looks = db
        .prepare("SELECT actor_id, target_id, reason FROM audit_log WHERE action = 'team.day' ORDER BY seq")
        .all();
      expect(looks).toEqual([
        { actor_id: desk.ids.lead, target_id: '2026-11-23', reason: 'returns:1' },
        { actor_id: desk.ids.manager, target_id: '2026-11-23', reason: 'returns:1' },
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps to the desk’s local day: 23:30 in China belongs to that day, not to the next', async () => {
    // 2026-11-22 23:30 in China is 15:30 UTC
    const late = new ManualClock(Date.UTC(2026, 10, 22, 15, 30));
    await desk.reopen(late);
    await as('alice', () =>
      call(desk.core, 'records.startIntake', { channel: 'on_site_paper_form', draft: { name: '赵六' } }),
    );
    late.advance(60 * MINUTE); // 00:30 on the 23rd
    const today = await as('lead', () => call(desk.core, 'team.day', {}));
    expect(today.date).toBe('2026-11-23');
    expect(person(today, 'alice').started).toBe(0);
    const yesterday = await as('lead', () => call(desk.core, 'team.day', { date: '2026-11-22' }));
    expect(yesterday).toMatchObject({ date: '2026-11-22', today: false });
    expect(person(yesterday, 'alice').started).toBe(1);
    // queues are as of now whatever the day asked for
    expect(queue(yesterday, 'entry')).toMatchObject({ count: 1, overdue: 1 });
  });

  it('shows an uncertified manager the practice store’s day, never the real one (R6)', async () => {
    await as('alice', () =>
      call(desk.core, 'records.startIntake', { channel: 'on_site_face_to_face', draft: { name: '真客户' } }),
    );
    await as('trainee', () =>
      call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: { name: '练习客户' },
      }),
    );
    desk.clock.advance(20 * MINUTE);
    const practice = await as('trainer', () => call(desk.core, 'team.day', {}));
    expect(practice.practice).toBe(true);
    expect(practice.overdue.map((o) => o.guestName)).toEqual(['练习客户']);
    expect(person(practice, 'trainee')).toMatchObject({ started: 1, overdueNow: 1 });
    expect(practice.people.some((p) => p.staff.id === desk.ids.alice)).toBe(false);
    const real = await as('lead', () => call(desk.core, 'team.day', {}));
    expect(real.practice).toBe(false);
    expect(real.overdue.map((o) => o.guestName)).toEqual(['真客户']);
  });

  it('is for leads, managers and supervisors only, and refuses days that are not days or have not begun', async () => {
    await as('alice', async () => {
      expect(await refusal(desk.core, 'team.day', {})).toMatchObject({ code: 'forbidden' });
    });
    await as('supervisor', async () => {
      expect((await call(desk.core, 'team.day', {})).date).toBe('2026-11-23');
    });
    await as('lead', async () => {
      expect(await refusal(desk.core, 'team.day', { date: '2026-11-24' })).toMatchObject({
        code: 'invalid_input',
        fields: { date: 'desk.date_future' },
      });
      expect(await refusal(desk.core, 'team.day', { date: '2026-02-30' })).toMatchObject({
        code: 'invalid_input',
        fields: { date: 'desk.date_invalid' },
      });
      expect(await refusal(desk.core, 'team.day', { date: 'today' })).toMatchObject({
        code: 'invalid_input',
      });
    });
    expect(await refusal(desk.core, 'team.day', {})).toMatchObject({ code: 'not_signed_in' });
  });
});
