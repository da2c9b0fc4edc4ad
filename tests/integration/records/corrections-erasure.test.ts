import { describe, expect, it } from 'vitest';
import { call, refusal } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, filesContaining, residentId } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as, query } = desk;

/** Alice enters a guest and Bob approves it: a valid record. */
async function validRecord(guest = adultGuest()): Promise<string> {
  const id = await as('alice', async () => {
    const { recordId } = await call(desk.core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: guest,
    });
    await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
    return recordId;
  });
  await as('bob', () => call(desk.core, 'review.approveCross', { recordId: id }));
  return id;
}

describe('guest correction (R19)', () => {
  it('keeps the old revision in force until the correction is valid', async () => {
    const id = await validRecord();
    await as('bob', async () => {
      expect(
        await call(desk.core, 'records.startCorrection', {
          recordId: id,
          reason: 'Guest changed phone number',
        }),
      ).toMatchObject({ revision: 2, state: 'draft', inForceRevision: 1 });
      const opened = await call(desk.core, 'records.open', { recordId: id });
      expect(opened).toMatchObject({
        correction: true,
        correctionReason: 'Guest changed phone number',
        canEdit: true,
      });
      await call(desk.core, 'records.saveDraft', {
        recordId: id,
        draft: { ...opened.draft, contact: { phone: '13600136000' } },
      });
      // still the old data in force: found by the old phone, shown with it
      const found = await call(desk.core, 'guests.search', { phone: '13800138000' });
      expect(found.hits).toEqual([
        expect.objectContaining({ recordId: id, inForceRevision: 1, maskedPhone: '138****8000' }),
      ]);
      await call(desk.core, 'records.submit', { recordId: id, checklist: CHECKLIST });
      const inReview = await call(desk.core, 'records.open', { recordId: id });
      expect(inReview).toMatchObject({ revision: 2, state: 'awaiting_cross_review', inForceRevision: 1 });
      expect(inReview.inForce?.contact?.phone).toBe('+8613800138000');
      expect(inReview.draft?.contact?.phone).toBe('+8613600136000');
      // Bob entered the correction: he cannot review it
      expect((await refusal(desk.core, 'review.approveCross', { recordId: id })).code).toBe('forbidden');
    });
    await as('alice', async () => {
      expect(await call(desk.core, 'review.approveCross', { recordId: id })).toMatchObject({
        revision: 2,
        state: 'valid',
        inForceRevision: 2,
      });
      const hits = await call(desk.core, 'guests.search', { phone: '13600136000' });
      expect(hits.hits).toEqual([expect.objectContaining({ recordId: id, maskedPhone: '136****6000' })]);
      // the old number no longer finds the guest
      expect((await call(desk.core, 'guests.search', { phone: '13800138000' })).hits).toEqual([]);
    });
    // the change sink (the sync outbox) learnt of each revision as it became valid, in its transaction
    expect(query('SELECT kind, revision FROM sync_outbox WHERE record_id = ? ORDER BY seq', id)).toEqual([
      { kind: 'record.revision', revision: 1 },
      { kind: 'record.revision', revision: 2 },
    ]);
    expect(
      query('SELECT revision, state FROM revision_workflow WHERE record_id = ? ORDER BY revision', id),
    ).toEqual([
      { revision: 1, state: 'valid' },
      { revision: 2, state: 'valid' },
    ]);
  });

  it('lets an abandoned correction be cancelled with a reason; the record stays as it was', async () => {
    const id = await validRecord();
    await as('alice', async () => {
      await call(desk.core, 'records.startCorrection', {
        recordId: id,
        reason: 'Guest wants another address',
      });
      expect(
        await call(desk.core, 'records.cancelCorrection', {
          recordId: id,
          reason: 'Guest changed their mind',
        }),
      ).toMatchObject({
        revision: 1,
        state: 'valid',
        inForceRevision: 1,
      });
      // a later correction takes the next revision number; the cancelled one stays in history
      expect(
        await call(desk.core, 'records.startCorrection', { recordId: id, reason: 'Typo in the address' }),
      ).toMatchObject({
        revision: 3,
        state: 'draft',
      });
    });
  });
});

describe('erasure (R19, PIPL Art. 47)', () => {
  it('is requested by a specialist, approved by a manager, destroys payloads and keeps the tombstone', async () => {
    const number = residentId('110105', '19850312', '123');
    const id = await validRecord();
    await as('bob', async () => {
      expect(
        await call(desk.core, 'erasure.request', { recordId: id, reason: 'Guest withdrew consent by email' }),
      ).toMatchObject({
        state: 'valid',
      });
      // a specialist has no erasure.approve
      expect((await refusal(desk.core, 'erasure.approve', { recordId: id })).code).toBe('forbidden');
      expect((await refusal(desk.core, 'erasure.request', { recordId: id, reason: 'again' })).code).toBe(
        'conflict',
      );
    });
    await as('manager', async () => {
      const pending = await call(desk.core, 'erasure.queue', {});
      expect(pending.items).toEqual([
        expect.objectContaining({
          recordId: id,
          guestName: '张伟',
          request: expect.objectContaining({
            reason: 'Guest withdrew consent by email',
            requestedBy: { id: desk.ids.bob, name: 'Bob Zhou' },
          }) as unknown,
        }),
      ]);
      expect(await call(desk.core, 'erasure.approve', { recordId: id })).toMatchObject({
        state: 'erased',
        inForceRevision: null,
      });
      const tombstone = await call(desk.core, 'records.open', { recordId: id });
      expect(tombstone).toMatchObject({
        state: 'erased',
        draft: null,
        erasedAt: expect.any(Number) as number,
      });
      expect((await call(desk.core, 'guests.search', { idNumber: number })).hits).toEqual([]);
      expect((await call(desk.core, 'guests.search', { name: '张伟' })).hits).toEqual([]);
      expect((await call(desk.core, 'erasure.queue', {})).items).toEqual([]);
      expect(await call(desk.core, 'audit.verify', {})).toMatchObject({ ok: true });
    });
    expect(query('SELECT erased_by FROM guest_records WHERE id = ?', id)).toEqual([
      { erased_by: desk.ids.manager },
    ]);
    expect(
      query('SELECT count(*) AS n FROM record_revisions WHERE record_id = ? AND sealed IS NOT NULL', id),
    ).toEqual([{ n: 0 }]);
    expect(query('SELECT count(*) AS n FROM blind_index WHERE record_id = ?', id)).toEqual([{ n: 0 }]);
    expect(
      query('SELECT count(*) AS n FROM review_rounds WHERE record_id = ? AND sealed IS NOT NULL', id),
    ).toEqual([{ n: 0 }]);
    expect(query('SELECT status, decided_by FROM erasure_requests WHERE record_id = ?', id)).toEqual([
      { status: 'approved', decided_by: desk.ids.manager },
    ]);
    const trail = query<{ action: string; actor_id: string }>(
      "SELECT action, actor_id FROM audit_log WHERE target_id = ? AND action LIKE 'record.%erasure' AND outcome = 'ok' ORDER BY seq",
      id,
    );
    expect(trail).toEqual([
      { action: 'record.request_erasure', actor_id: desk.ids.bob },
      { action: 'record.approve_erasure', actor_id: desk.ids.manager },
    ]);
    expect(query('SELECT kind, revision FROM sync_outbox WHERE record_id = ? ORDER BY seq', id)).toEqual([
      { kind: 'record.revision', revision: 1 },
      { kind: 'record.erasure', revision: 1 },
    ]);
    expect(filesContaining(desk.dir, 'withdrew consent')).toEqual([]);
  });

  it('is requested by a lead, never approved by one, and a manager may reject it with a reason', async () => {
    const id = await validRecord();
    await as('lead', async () => {
      await call(desk.core, 'erasure.request', { recordId: id, reason: 'Possible duplicate entry' });
      expect((await refusal(desk.core, 'erasure.approve', { recordId: id })).code).toBe('forbidden');
    });
    await as('manager', async () => {
      // a manager approves or rejects; asking is the desk's job (DESIGN permission table)
      expect((await refusal(desk.core, 'erasure.request', { recordId: id, reason: 'x' })).code).toBe(
        'forbidden',
      );
      expect(await refusal(desk.core, 'erasure.reject', { recordId: id, reason: '  ' })).toMatchObject({
        code: 'invalid_input',
      });
      expect(
        await call(desk.core, 'erasure.reject', { recordId: id, reason: 'Not a duplicate' }),
      ).toMatchObject({
        state: 'valid',
      });
      expect((await call(desk.core, 'records.open', { recordId: id })).erasureRequest).toBeNull();
      expect(await refusal(desk.core, 'erasure.approve', { recordId: id })).toMatchObject({
        code: 'conflict',
        fields: { _: 'workflow.no_erasure_request' },
      });
    });
  });
});

describe('discarding a draft (the guest walked away)', () => {
  it('destroys what was typed at once, by its entrant only, and never once submitted', async () => {
    const { recordId, submitted } = await as('alice', async () => {
      const draft = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest({ name: '欧阳娜娜', notes: 'left before finishing' }),
      });
      const other = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest({ contact: { phone: '13912345678' } }),
      });
      await call(desk.core, 'records.submit', { recordId: other.recordId, checklist: CHECKLIST });
      expect((await call(desk.core, 'records.open', { recordId: draft.recordId })).allowedActions).toContain(
        'discard_draft',
      );
      return { recordId: draft.recordId, submitted: other.recordId };
    });
    await as('bob', async () => {
      expect(await refusal(desk.core, 'records.discardDraft', { recordId })).toMatchObject({
        code: 'forbidden',
        fields: { _: 'workflow.not_entrant' },
      });
    });
    await as('alice', async () => {
      expect(await refusal(desk.core, 'records.discardDraft', { recordId: submitted })).toMatchObject({
        code: 'conflict',
        fields: { _: 'workflow.wrong_state' },
      });
      expect(await call(desk.core, 'records.discardDraft', { recordId })).toMatchObject({ state: 'erased' });
      expect((await call(desk.core, 'records.myQueue', {})).items.map((i) => i.recordId)).not.toContain(
        recordId,
      );
      expect((await call(desk.core, 'guests.search', { name: '欧阳娜娜' })).hits).toEqual([]);
    });
    await as('manager', async () => {
      expect(await call(desk.core, 'audit.verify', {})).toMatchObject({ ok: true });
    });
    expect(
      query(
        'SELECT count(*) AS n FROM record_revisions WHERE record_id = ? AND sealed IS NOT NULL',
        recordId,
      ),
    ).toEqual([{ n: 0 }]);
    expect(query('SELECT count(*) AS n FROM blind_index WHERE record_id = ?', recordId)).toEqual([{ n: 0 }]);
    expect(query('SELECT count(*) AS n FROM sync_outbox WHERE record_id = ?', recordId)).toEqual([{ n: 0 }]);
    expect(
      query<{ action: string; actor_id: string; outcome: string }>(
        "SELECT action, actor_id, outcome FROM audit_log WHERE target_id = ? AND action = 'record.discard_draft' ORDER BY seq",
        recordId,
      ),
    ).toEqual([
      { action: 'record.discard_draft', actor_id: desk.ids.bob, outcome: 'refused' },
      { action: 'record.discard_draft', actor_id: desk.ids.alice, outcome: 'ok' },
    ]);
  });

  it('never discards what a guest sent online', async () => {
    const online = await as('lead', () =>
      call(desk.core, 'online.add', {
        channel: 'online_app',
        submission: adultGuest({ consent: undefined }),
      }),
    );
    await as('alice', async () => {
      await call(desk.core, 'online.claim', { recordId: online.recordId });
      const opened = await call(desk.core, 'records.open', { recordId: online.recordId });
      expect(opened.allowedActions).not.toContain('discard_draft');
      expect(await refusal(desk.core, 'records.discardDraft', { recordId: online.recordId })).toMatchObject({
        code: 'conflict',
        fields: { _: 'workflow.online_submission' },
      });
    });
  });
});
