import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { ADMIN, call, refusal } from '../../support/core-harness.js';
import { adultGuest, filesContaining } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as } = desk;

const HOUR = 3_600_000;

function auditOf(
  targetId: string,
): { actor_id: string; action: string; outcome: string; reason: string | null }[] {
  const db = new Database(join(desk.dir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare('SELECT actor_id, action, outcome, reason FROM audit_log WHERE target_id = ? ORDER BY seq')
      .all(targetId) as { actor_id: string; action: string; outcome: string; reason: string | null }[];
  } finally {
    db.close();
  }
}

const LEAK_TEXT = '客户王先生来电：有陌生人打电话说出了他的身份证号和住址，怀疑信息泄露';
const ANSWER = '已核查访问记录，未发现本台泄露；已致电王先生说明并致歉';

describe('guest complaints (R27)', () => {
  it('registers a suspected leak about a record, assigns it, tracks it and resolves it with the answer given', async () => {
    // a record entered by the lead: he may not investigate a complaint about it
    const recordId = await as('lead', async () => {
      const saved = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest(),
      });
      return saved.recordId;
    });

    const leak = await as('alice', async () => {
      const registered = await call(desk.core, 'complaints.register', {
        kind: 'suspected_leak',
        receivedVia: 'hotline',
        recordId,
        text: `  ${LEAK_TEXT}  `,
      });
      expect(registered).toMatchObject({
        number: 1,
        status: 'open',
        urgent: true,
        recordId,
        text: LEAK_TEXT,
        registeredBy: { id: desk.ids.alice, name: 'Alice Li' },
        assignedTo: null,
        answer: null,
        events: [{ seq: 1, kind: 'registered', staff: { id: desk.ids.alice } }],
      });
      // a second one, not about any record; registered later, listed after the leak anyway
      desk.clock.advance(HOUR);
      const other = await call(desk.core, 'complaints.register', {
        kind: 'wrong_information',
        receivedVia: 'desk',
        text: '雪票上的姓名拼写错了',
      });
      expect(other).toMatchObject({ number: 2, urgent: false, recordId: null });
      // the registrant sees what she registered, and cannot assign
      const mine = await call(desk.core, 'complaints.list', {});
      expect(mine).toMatchObject({ ownOnly: true, openLeaks: 1 });
      expect(mine.items.map((c) => c.number)).toEqual([1, 2]);
      expect(
        await refusal(desk.core, 'complaints.assign', {
          complaintId: registered.id,
          assigneeId: desk.ids.manager,
        }),
      ).toMatchObject({ code: 'forbidden' });
      return registered;
    });

    // another specialist does not read a complaint he did not register
    await as('bob', async () => {
      expect((await call(desk.core, 'complaints.list', {})).items).toEqual([]);
      expect(await refusal(desk.core, 'complaints.open', { complaintId: leak.id })).toMatchObject({
        code: 'forbidden',
      });
    });

    await as('lead', async () => {
      const all = await call(desk.core, 'complaints.list', {});
      expect(all.ownOnly).toBe(false);
      expect(all.items[0]).toMatchObject({ number: 1, urgent: true, ageMs: HOUR });
      const people = (await call(desk.core, 'complaints.assignees', {})).people.map((p) => p.id);
      expect(people).toEqual(expect.arrayContaining([desk.ids.lead, desk.ids.manager, desk.ids.supervisor]));
      expect(people).not.toContain(desk.ids.alice);
      // bad assignments, each with a clear reason
      expect(
        await refusal(desk.core, 'complaints.assign', { complaintId: leak.id, assigneeId: desk.ids.alice }),
      ).toMatchObject({
        code: 'invalid_input',
        fields: { assigneeId: 'desk.cannot_handle_complaints' },
      });
      expect(
        await refusal(desk.core, 'complaints.assign', { complaintId: leak.id, assigneeId: desk.ids.lead }),
      ).toMatchObject({
        code: 'invalid_input',
        fields: { assigneeId: 'desk.assignee_is_entrant' },
      });
      expect(
        await refusal(desk.core, 'complaints.assign', { complaintId: leak.id, assigneeId: 'nobody' }),
      ).toMatchObject({
        code: 'invalid_input',
        fields: { assigneeId: 'desk.unknown_staff' },
      });
      const assigned = await call(desk.core, 'complaints.assign', {
        complaintId: leak.id,
        assigneeId: desk.ids.manager,
      });
      expect(assigned).toMatchObject({
        status: 'assigned',
        assignedTo: { id: desk.ids.manager, name: 'Manager Sun' },
      });
      // only the person it is assigned to resolves it
      expect(
        await refusal(desk.core, 'complaints.resolve', {
          complaintId: leak.id,
          outcome: 'not_upheld',
          answeredVia: 'phone',
          answer: ANSWER,
        }),
      ).toMatchObject({ code: 'forbidden', fields: { _: 'desk.not_assignee' } });
    });

    await as('manager', async () => {
      expect(
        await refusal(desk.core, 'complaints.resolve', {
          complaintId: leak.id,
          outcome: 'not_upheld',
          answeredVia: 'phone',
          answer: '   ',
        }),
      ).toMatchObject({ code: 'invalid_input', fields: { answer: 'desk.required' } });
      const noted = await call(desk.core, 'complaints.note', {
        complaintId: leak.id,
        note: '调取了本周对该记录的查看记录，只有录入和审核',
      });
      expect(noted.events.map((e) => e.kind)).toEqual(['registered', 'assigned', 'note']);
      desk.clock.advance(2 * HOUR);
      const resolved = await call(desk.core, 'complaints.resolve', {
        complaintId: leak.id,
        outcome: 'not_upheld',
        answeredVia: 'phone',
        answer: ANSWER,
      });
      expect(resolved).toMatchObject({
        status: 'resolved',
        urgent: false,
        outcome: 'not_upheld',
        answeredVia: 'phone',
        answer: ANSWER,
        resolvedBy: { id: desk.ids.manager },
        ageMs: 3 * HOUR,
      });
      expect(resolved.events.map((e) => e.kind)).toEqual(['registered', 'assigned', 'note', 'resolved']);
      // a resolved complaint does not change again
      expect(
        await refusal(desk.core, 'complaints.resolve', {
          complaintId: leak.id,
          outcome: 'upheld',
          answeredVia: 'phone',
          answer: ANSWER,
        }),
      ).toMatchObject({ code: 'conflict', fields: { _: 'desk.already_resolved' } });
      expect(
        await refusal(desk.core, 'complaints.assign', { complaintId: leak.id, assigneeId: desk.ids.lead }),
      ).toMatchObject({
        code: 'conflict',
      });
      // the other complaint is not assigned yet: it cannot be resolved
      const list = await call(desk.core, 'complaints.list', {});
      expect(list.openLeaks).toBe(0);
      const other = list.items.find((c) => c.number === 2);
      expect(other?.status).toBe('open');
      expect(
        await refusal(desk.core, 'complaints.resolve', {
          complaintId: other?.id ?? '',
          outcome: 'upheld',
          answeredVia: 'in_person',
          answer: '已更正',
        }),
      ).toMatchObject({ code: 'conflict', fields: { _: 'desk.not_assigned' } });
      // resolved ones come last
      expect(list.items.map((c) => c.number)).toEqual([2, 1]);
    });

    // the supervisor handles complaints but does not register them
    await as('supervisor', async () => {
      expect((await call(desk.core, 'complaints.open', { complaintId: leak.id })).answer).toBe(ANSWER);
      expect(
        await refusal(desk.core, 'complaints.register', {
          kind: 'other',
          receivedVia: 'email',
          text: '意见',
        }),
      ).toMatchObject({ code: 'forbidden' });
    });

    // every step audited, refusals too, never the words
    const trail = auditOf(leak.id);
    expect(trail.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ['complaint.register', 'ok', 'kind:suspected_leak'],
      ['complaint.open', 'refused', 'not_registrant'],
      ['complaint.assign', 'refused', 'cannot_handle_complaints'],
      ['complaint.assign', 'refused', 'assignee_is_entrant'],
      ['complaint.assign', 'refused', 'unknown_staff'],
      ['complaint.assign', 'ok', `assignee:${desk.ids.manager}`],
      ['complaint.resolve', 'refused', 'not_assignee'],
      ['complaint.note', 'ok', null],
      ['complaint.resolve', 'ok', 'outcome:not_upheld'],
      ['complaint.resolve', 'refused', 'already_resolved'],
      ['complaint.assign', 'refused', 'already_resolved'],
      ['complaint.open', 'ok', null],
    ]);
    expect(auditOf(recordId).map((e) => e.action)).toContain('complaint.linked');
    // what the guest said, the notes and the answer never reach the disk in clear
    for (const words of [LEAK_TEXT, ANSWER, '调取了本周对该记录的查看记录', '雪票上的姓名拼写错了']) {
      expect(filesContaining(desk.dir, words)).toEqual([]);
    }
  });

  it('refuses bad input with reasons the form can show', async () => {
    await as('alice', async () => {
      expect(
        await refusal(desk.core, 'complaints.register', {
          kind: 'wrong_information',
          receivedVia: 'desk',
          text: ' ',
        }),
      ).toMatchObject({ code: 'invalid_input', fields: { text: 'desk.required' } });
      expect(
        await refusal(desk.core, 'complaints.register', {
          kind: 'wrong_information',
          receivedVia: 'desk',
          text: '错'.repeat(2001),
        }),
      ).toMatchObject({ code: 'invalid_input', fields: { text: 'desk.text_too_long' } });
      expect(
        await refusal(desk.core, 'complaints.register', {
          kind: 'wrong_information',
          receivedVia: 'desk',
          recordId: '6f1c2b1e-8d3a-4a36-9d7c-3f2b1a0e9c11',
          text: '电话错了',
        }),
      ).toMatchObject({ code: 'not_found', fields: { recordId: 'desk.unknown_record' } });
      expect(
        await refusal(desk.core, 'complaints.register', {
          kind: 'rude' as 'other',
          receivedVia: 'desk',
          text: '电话错了',
        }),
      ).toMatchObject({ code: 'invalid_input', fields: { kind: expect.any(String) as string } });
      expect(
        await refusal(desk.core, 'complaints.open', { complaintId: '6f1c2b1e-8d3a-4a36-9d7c-3f2b1a0e9c11' }),
      ).toMatchObject({ code: 'not_found' });
    });
    // the maintainer sees no guest data, complaints included
    await call(desk.core, 'session.signIn', ADMIN);
    expect(await refusal(desk.core, 'complaints.list', {})).toMatchObject({ code: 'forbidden' });
    await call(desk.core, 'session.signOut', {});
    // nothing registered by the refused attempts
    await as('lead', async () => {
      expect((await call(desk.core, 'complaints.list', {})).items).toEqual([]);
    });
  });
});
