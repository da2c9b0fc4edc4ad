import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { call, refusal } from '../../support/core-harness.js';
import {
  adultGuest,
  CHECKLIST,
  childGuest,
  filesContaining,
  residentId,
  signInAs,
  type Person,
} from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as } = desk;

interface AuditRow {
  actor_id: string | null;
  action: string;
  outcome: string;
  reason: string | null;
  fields: string | null;
}

function auditOf(recordId: string): AuditRow[] {
  const db = new Database(join(desk.dir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[string], AuditRow>(
        'SELECT actor_id, action, outcome, reason, fields FROM audit_log WHERE target_id = ? ORDER BY seq',
      )
      .all(recordId);
  } finally {
    db.close();
  }
}

/** Alice enters and submits a guest; returns the record id. */
async function submittedBy(person: Person, guest = adultGuest()): Promise<string> {
  return as(person, async () => {
    const { recordId } = await call(desk.core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: guest,
    });
    await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
    return recordId;
  });
}

describe('guest intake and the three reviews (issue 4)', () => {
  it('takes an on-site VIP guest from entry through a returned cross-review to the manager’s approval', async () => {
    // Alice starts the entry: the on-site desk.clock (15 minutes by default) starts now
    await signInAs(desk.core, 'alice');
    const started = await call(desk.core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: { name: '张' },
    });
    expect(started).toMatchObject({
      practice: false,
      revision: 1,
      deadline: { kind: 'onsite_entry', status: 'on_time', remainingMs: 15 * 60_000 },
    });
    const id = started.recordId;

    // autosave as typed (with a slip in the phone number the reviewer will catch)
    desk.clock.advance(2 * 60_000);
    const saved = await call(desk.core, 'records.saveDraft', {
      recordId: id,
      draft: adultGuest({ vip: true, contact: { phone: '138 0013 8001' } }),
    });
    expect(saved.changedFields).toEqual(expect.arrayContaining(['name', 'contact.phone', 'vip']));
    expect(saved.missingRequired).toEqual([]);

    // self-review (R12): the checklist must be complete
    const incomplete = await refusal(desk.core, 'records.submit', {
      recordId: id,
      checklist: { completeness: true },
    });
    expect(incomplete).toMatchObject({
      code: 'invalid_input',
      fields: { checklist: 'workflow.checklist_incomplete' },
    });
    expect(await call(desk.core, 'records.submit', { recordId: id, checklist: CHECKLIST })).toMatchObject({
      state: 'awaiting_cross_review',
      inForceRevision: null,
    });
    // never her own record in her cross-review queue
    expect((await call(desk.core, 'review.crossQueue', {})).items).toEqual([]);
    await call(desk.core, 'session.signOut', {});

    // Bob cross-reviews and returns it with a comment on the phone field
    await as('bob', async () => {
      const queue = await call(desk.core, 'review.crossQueue', {});
      expect(queue.items).toHaveLength(1);
      expect(queue.items[0]).toMatchObject({
        recordId: id,
        guestName: '张伟',
        vip: true,
        state: 'awaiting_cross_review',
        entrant: { id: desk.ids.alice, name: 'Alice Li' },
        deadline: { kind: 'cross_review', status: 'on_time' },
      });
      const opened = await call(desk.core, 'records.open', { recordId: id });
      expect(opened.draft?.contact?.phone).toBe('+8613800138001');
      expect(opened.canEdit).toBe(false);
      expect(opened.allowedActions).toEqual(expect.arrayContaining(['approve_cross', 'return_cross']));
      expect(
        await call(desk.core, 'review.returnCross', {
          recordId: id,
          comments: [{ path: 'contact.phone', text: 'The guest said …8000, not …8001' }],
        }),
      ).toMatchObject({ state: 'returned' });
    });

    // Alice sees it returned with the comment beside the field, fixes and resubmits
    await as('alice', async () => {
      const mine = await call(desk.core, 'records.myQueue', {});
      expect(mine.items).toEqual([
        expect.objectContaining({
          recordId: id,
          state: 'returned',
          comments: [{ path: 'contact.phone', text: 'The guest said …8000, not …8001' }],
        }),
      ]);
      const opened = await call(desk.core, 'records.open', { recordId: id });
      expect(opened.canEdit).toBe(true);
      const fixed = { ...opened.draft, contact: { phone: '13800138000' } };
      const resaved = await call(desk.core, 'records.saveDraft', { recordId: id, draft: fixed });
      expect(resaved.changedFields).toEqual(['contact.phone']);
      expect(await call(desk.core, 'records.submit', { recordId: id, checklist: CHECKLIST })).toMatchObject({
        state: 'awaiting_cross_review',
      });
    });

    // Bob approves; a VIP goes on to the manager
    await as('bob', async () => {
      expect(await call(desk.core, 'review.approveCross', { recordId: id })).toMatchObject({
        state: 'awaiting_final_review',
      });
      expect((await call(desk.core, 'review.crossQueue', {})).items).toEqual([]);
    });

    // the manager gives final review: valid
    await as('manager', async () => {
      const finalQueue = await call(desk.core, 'review.finalQueue', {});
      expect(finalQueue.items.map((i) => i.recordId)).toEqual([id]);
      expect(await call(desk.core, 'review.approveFinal', { recordId: id })).toMatchObject({
        state: 'valid',
        inForceRevision: 1,
      });
      const record = await call(desk.core, 'records.open', { recordId: id });
      expect(record).toMatchObject({
        state: 'valid',
        entrant: { id: desk.ids.alice },
        crossReviewer: { id: desk.ids.bob },
        finalReviewer: { id: desk.ids.manager },
        validAt: desk.clock.now(),
      });
      expect(
        record.rounds.map((r) => [r.stage, r.outcome, r.reviewer.id, r.comments.map((c) => c.path)]),
      ).toEqual([
        ['cross', 'returned', desk.ids.bob, ['contact.phone']],
        ['cross', 'approved', desk.ids.bob, []],
        ['final', 'approved', desk.ids.manager, []],
      ]);
      expect(await call(desk.core, 'audit.verify', {})).toMatchObject({ ok: true });
    });

    // the audit chain shows every step with the right people, and field names only
    const steps = auditOf(id)
      .filter((e) => e.action !== 'record.open')
      .map((e) => [e.action, e.actor_id, e.outcome]);
    expect(steps).toEqual([
      ['record.start', desk.ids.alice, 'ok'],
      ['record.save', desk.ids.alice, 'ok'],
      ['record.submit', desk.ids.alice, 'refused'],
      ['record.submit', desk.ids.alice, 'ok'],
      ['record.return_cross', desk.ids.bob, 'ok'],
      ['record.save', desk.ids.alice, 'ok'],
      ['record.resubmit', desk.ids.alice, 'ok'],
      ['record.approve_cross', desk.ids.bob, 'ok'],
      ['record.approve_final', desk.ids.manager, 'ok'],
    ]);
    const returned = auditOf(id).find((e) => e.action === 'record.return_cross');
    expect(returned?.fields).toBe('["contact.phone"]');
    expect(
      auditOf(id)
        .filter((e) => e.action === 'record.open')
        .map((e) => e.actor_id),
    ).toEqual([desk.ids.bob, desk.ids.alice, desk.ids.manager]);

    // nothing identifying the guest, nor the comment about them, is on disk in clear (while the
    // same search does find what is meant to be in clear, a staff name, so it is not blind)
    expect(filesContaining(desk.dir, 'Alice Li')).not.toEqual([]);
    for (const value of [
      '张伟',
      '王丽',
      residentId('110105', '19850312', '123'),
      '13800138000',
      '13800138001',
      '13900139000',
      '建国路',
      '8001, not',
    ]) {
      expect(filesContaining(desk.dir, value), value).toEqual([]);
    }
  });

  it('never lets the entrant cross-review their own record: not in the queue, refused on direct dispatch', async () => {
    const id = await submittedBy('alice');
    await as('alice', async () => {
      expect((await call(desk.core, 'review.crossQueue', {})).items).toEqual([]);
      for (const attempt of [
        () => refusal(desk.core, 'review.approveCross', { recordId: id }),
        () =>
          refusal(desk.core, 'review.returnCross', {
            recordId: id,
            comments: [{ path: 'name', text: 'fine' }],
          }),
      ]) {
        expect(await attempt()).toMatchObject({
          code: 'forbidden',
          fields: { _: 'workflow.reviewer_is_entrant' },
        });
      }
      expect((await call(desk.core, 'records.open', { recordId: id })).allowedActions).not.toContain(
        'approve_cross',
      );
    });
    // a lead cannot assign the entrant either; a colleague can be assigned, and then only they review
    await as('lead', async () => {
      expect(
        await refusal(desk.core, 'review.assign', { recordId: id, reviewerId: desk.ids.alice }),
      ).toMatchObject({
        code: 'forbidden',
        fields: { _: 'workflow.reviewer_is_entrant' },
      });
      const reviewers = (await call(desk.core, 'review.reviewers', { recordId: id })).reviewers.map(
        (r) => r.id,
      );
      expect(reviewers).toEqual(expect.arrayContaining([desk.ids.bob, desk.ids.lead, desk.ids.manager]));
      expect(reviewers).not.toContain(desk.ids.alice);
      expect(reviewers).not.toContain(desk.ids.trainee);
      expect(
        await call(desk.core, 'review.assign', { recordId: id, reviewerId: desk.ids.bob }),
      ).toMatchObject({
        assignedReviewer: { id: desk.ids.bob, name: 'Bob Zhou' },
      });
      // the lead still sees it (to balance the queue), but may not review it
      expect((await call(desk.core, 'review.crossQueue', {})).items.map((i) => i.recordId)).toEqual([id]);
      expect((await refusal(desk.core, 'review.approveCross', { recordId: id })).code).toBe('forbidden');
    });
    await as('manager', async () => {
      expect((await call(desk.core, 'review.crossQueue', {})).items.map((i) => i.recordId)).toEqual([id]);
    });
    await as('bob', async () => {
      expect(await call(desk.core, 'review.approveCross', { recordId: id })).toMatchObject({
        state: 'valid',
      });
    });
    const refused = auditOf(id).filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => [e.action, e.actor_id, e.reason])).toEqual([
      ['record.approve_cross', desk.ids.alice, 'reviewer_is_entrant'],
      ['record.return_cross', desk.ids.alice, 'reviewer_is_entrant'],
      ['record.assign_reviewer', desk.ids.lead, 'reviewer_is_entrant'],
      ['record.approve_cross', desk.ids.lead, 'not_assigned'],
    ]);
  });

  it('does not submit a guest under 14 without the guardian’s consent', async () => {
    await as('alice', async () => {
      const noConsent = childGuest({
        guardian: { name: '张伟', phone: '138 0013 8000', relation: 'parent' },
      });
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_paper_form',
        draft: noConsent,
      });
      const error = await refusal(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
      expect(error.code).toBe('invalid_input');
      expect(error.fields).toMatchObject({ 'guardian.consent.given': 'guardian.consent_required' });
      expect((await call(desk.core, 'records.open', { recordId })).state).toBe('draft');

      await call(desk.core, 'records.saveDraft', {
        recordId,
        draft: { ...childGuest(), channel: 'on_site_paper_form' },
      });
      expect(await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST })).toMatchObject({
        state: 'awaiting_cross_review',
      });
    });
  });

  it('does not submit an on-site record citing a notice version this kiosk never published (R8)', async () => {
    await as('alice', async () => {
      const cited = (version: string) =>
        adultGuest({ consent: { ...adultGuest().consent, noticeVersion: version } });
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: cited('2099-01'),
      });
      const error = await refusal(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
      expect(error).toMatchObject({
        code: 'invalid_input',
        fields: { 'consent.noticeVersion': 'consent.notice_unknown' },
      });
      expect((await call(desk.core, 'records.open', { recordId })).state).toBe('draft');

      await call(desk.core, 'records.saveDraft', { recordId, draft: cited('2026-10') });
      expect(await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST })).toMatchObject({
        state: 'awaiting_cross_review',
      });
    });
  });

  it('offers the existing guest when an ID number or phone already on file is typed', async () => {
    const existing = await submittedBy('alice');
    const number = residentId('110105', '19850312', '123');
    await as('bob', async () => {
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: { name: '张伟' },
      });
      // typed with spaces and a lower-case check character, as people do
      const typed = `${number.slice(0, 6)} ${number.slice(6, 14)} ${number.slice(14).toLowerCase()}`;
      const byId = await call(desk.core, 'records.checkDuplicates', { recordId, idNumber: typed });
      expect(byId.hits).toEqual([
        expect.objectContaining({
          recordId: existing,
          guestName: '张伟',
          matchedOn: ['idNumber'],
          maskedIdNumber: `${number.slice(0, 3)}***********${number.slice(-4)}`,
          maskedPhone: '138****8000',
        }),
      ]);
      const byPhone = await call(desk.core, 'records.checkDuplicates', {
        recordId,
        phone: '+86 138-0013-8000',
      });
      expect(byPhone.hits.map((h) => h.recordId)).toEqual([existing]);
      // the emergency contact's phone is someone else: not a duplicate of this guest
      expect(
        (await call(desk.core, 'records.checkDuplicates', { recordId, phone: '13900139000' })).hits,
      ).toEqual([]);
      // once Bob's draft carries the number, it does not find itself
      await call(desk.core, 'records.saveDraft', {
        recordId,
        draft: { name: '张伟', idDocument: { type: 'resident_id', number } },
      });
      expect(
        (await call(desk.core, 'records.checkDuplicates', { recordId, idNumber: number })).hits.map(
          (h) => h.recordId,
        ),
      ).toEqual([existing]);
    });
  });

  it('says a mistyped ID number or phone is wrong instead of finding nobody', async () => {
    await as('alice', async () => {
      const number = residentId('110105', '19850312', '123');
      const mistyped = number.slice(0, 16) + (number[16] === '9' ? '0' : '9') + number.slice(17);
      expect(await refusal(desk.core, 'guests.search', { idNumber: mistyped })).toMatchObject({
        code: 'invalid_input',
        fields: { idNumber: 'residentId.checksum' },
      });
      expect(await refusal(desk.core, 'guests.search', { phone: '1380013' })).toMatchObject({
        code: 'invalid_input',
        fields: { phone: 'phone.too_short' },
      });
      expect((await call(desk.core, 'guests.search', { idNumber: number })).hits).toEqual([]);
    });
  });

  it('searches by ID number, phone and name (pinyin initials too) with masked results; reveal is audited', async () => {
    const id = await submittedBy('alice');
    await submittedBy(
      'alice',
      adultGuest({
        name: 'Anna Müller',
        contact: { phone: '+49 151 23456789' },
        idDocument: { type: 'passport', number: 'C01X00T47', issuingCountry: 'D' },
        birthDate: '1990-04-01',
      }),
    );
    await as('supervisor', async () => {
      const byId = await call(desk.core, 'guests.search', {
        idNumber: residentId('110105', '19850312', '123'),
      });
      expect(byId).toMatchObject({ practice: false, hits: [{ recordId: id, matchedOn: ['idNumber'] }] });
      expect(
        (await call(desk.core, 'guests.search', { phone: '13800138000' })).hits.map((h) => h.recordId),
      ).toEqual([id]);
      for (const query of ['张伟', '伟', 'zw', 'ZhangWei', 'zhang']) {
        expect(
          (await call(desk.core, 'guests.search', { name: query })).hits.map((h) => h.guestName),
          query,
        ).toEqual(['张伟']);
      }
      expect(
        (await call(desk.core, 'guests.search', { name: 'muller' })).hits.map((h) => h.guestName),
      ).toEqual(['Anna Müller']);
      const revealed = await call(desk.core, 'guests.reveal', {
        recordId: id,
        field: 'contact.phone',
        reason: 'contact_guest',
      });
      expect(revealed).toEqual({ practice: false, value: '+8613800138000' });
      expect(
        (await refusal(desk.core, 'guests.reveal', { recordId: id, field: 'contact.phone' } as never)).code,
      ).toBe('invalid_input');
    });
    const reveal = auditOf(id).find((e) => e.action === 'guest.reveal');
    expect(reveal).toMatchObject({
      actor_id: desk.ids.supervisor,
      reason: 'contact_guest',
      fields: '["contact.phone"]',
    });
    // a maintainer sees no guest data at all
    await as('lead', async () => {
      expect((await call(desk.core, 'guests.search', { name: 'zw' })).hits).toHaveLength(1);
    });
  });

  it('runs online submissions: 2-hour desk.clock from arrival, claim, contact attempts, then the usual review', async () => {
    const arrived = desk.clock.now() - 100 * 60_000;
    const online = await as('lead', () =>
      call(desk.core, 'online.add', {
        channel: 'online_wechat',
        receivedAt: arrived,
        submission: adultGuest({ contact: { phone: '13812345678' }, consent: undefined }),
      }),
    );
    expect(online).toMatchObject({
      channel: 'online_wechat',
      entrant: null,
      claimedBy: null,
      deadline: {
        kind: 'online_entry',
        startsAt: arrived,
        dueAt: arrived + 2 * 3_600_000,
        status: 'due_soon',
      },
    });
    const id = online.recordId;
    await as('alice', async () => {
      const queue = await call(desk.core, 'online.queue', {});
      expect(queue.items.map((i) => i.recordId)).toEqual([id]);
      // nobody edits an unclaimed submission
      expect(
        (await refusal(desk.core, 'records.saveDraft', { recordId: id, draft: adultGuest() })).code,
      ).toBe('forbidden');
      expect(await call(desk.core, 'online.claim', { recordId: id })).toMatchObject({
        claimedBy: { id: desk.ids.alice },
      });
    });
    await as('bob', async () => {
      expect((await refusal(desk.core, 'online.claim', { recordId: id })).code).toBe('conflict');
    });
    desk.clock.advance(30 * 60_000);
    await as('alice', async () => {
      const attempt = await call(desk.core, 'online.logContact', {
        recordId: id,
        method: 'phone',
        outcome: 'reached',
        note: 'Guest confirmed consent by phone',
      });
      expect(attempt.attempt).toMatchObject({
        method: 'phone',
        outcome: 'reached',
        staff: { id: desk.ids.alice },
      });
      const [item] = (await call(desk.core, 'online.queue', {})).items;
      expect(item).toMatchObject({ contactAttempts: 1, deadline: { status: 'overdue' } });
      const detail = await call(desk.core, 'records.open', { recordId: id });
      expect(detail.contactAttempts.map((a) => a.note)).toEqual(['Guest confirmed consent by phone']);
      await call(desk.core, 'records.saveDraft', {
        recordId: id,
        draft: {
          ...detail.draft,
          consent: adultGuest({ consent: { ...adultGuest().consent, method: 'online' } }).consent,
        },
      });
      expect(await call(desk.core, 'records.submit', { recordId: id, checklist: CHECKLIST })).toMatchObject({
        state: 'awaiting_cross_review',
      });
      expect((await call(desk.core, 'online.queue', {})).items).toEqual([]);
    });
    expect(filesContaining(desk.dir, 'confirmed consent')).toEqual([]);
  });
});
