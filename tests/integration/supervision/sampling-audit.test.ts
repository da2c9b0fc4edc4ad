import { describe, expect, it } from 'vitest';
import { drawSample, populationDigest } from '../../../electron/core/supervision/sample-draw.js';
import { sampleSize } from '../../../shared/domain/sampling-audit.js';
import { ADMIN, call, refusal } from '../../support/core-harness.js';
import {
  adultGuest,
  CHECKLIST,
  filesContaining,
  PASSWORD,
  residentId,
  type Person,
} from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as, query } = desk;

const DAY = 86_400_000;

let serial = 100;

/** `entrant` enters a guest, the other specialist approves it: a valid record, valid now. */
async function validRecord(entrant: 'alice' | 'bob' = 'alice'): Promise<string> {
  serial++;
  const guest = adultGuest({
    idDocument: { type: 'resident_id', number: residentId('110105', '19850312', String(serial)) },
  });
  const recordId = await as(entrant, async () => {
    const started = await call(desk.core, 'records.startIntake', {
      channel: 'on_site_face_to_face',
      draft: guest,
    });
    await call(desk.core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST });
    return started.recordId;
  });
  await as(entrant === 'alice' ? 'bob' : 'alice', () => call(desk.core, 'review.approveCross', { recordId }));
  return recordId;
}

/** Two records on 2026-11-23 (Alice, Bob), three on 2026-11-24 (Alice ×2, Bob), a draft left on the 24th. */
async function twoDaysOfRecords(): Promise<{ day1: string[]; day2: string[] }> {
  const day1 = [await validRecord('alice'), await validRecord('bob')];
  desk.clock.advance(DAY);
  const day2 = [await validRecord('alice'), await validRecord('alice'), await validRecord('bob')];
  await as('alice', () =>
    call(desk.core, 'records.startIntake', { channel: 'on_site_face_to_face', draft: adultGuest() }),
  );
  return { day1, day2 };
}

describe('drawing a sample (R26)', () => {
  it('draws from the valid records of the period and records what reproduces the draw', async () => {
    const { day1, day2 } = await twoDaysOfRecords();
    const detail = await as('supervisor', () =>
      call(desk.core, 'sample.draw', { from: '2026-11-24', to: '2026-11-24', sharePercent: 50 }),
    );

    // 50 % of the 3 valid records of the 24th, rounded up; the draft and the 23rd are not in it
    expect(detail.sample).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-24',
      sharePercent: 50,
      requestedCount: null,
      populationCount: 3,
      size: 2,
      status: 'open',
      drawnBy: { id: desk.ids.supervisor },
    });
    expect(detail.sample.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(detail.items.map((i) => i.position)).toEqual([1, 2]);
    for (const item of detail.items) expect(day2).toContain(item.recordId);
    expect(detail.items.every((i) => !day1.includes(i.recordId))).toBe(true);
    expect(detail.reproduction).toBe('same');

    // anyone with the file can re-draw: the recorded seed over the recorded population gives the same items
    const [row] = query<{
      seed: string;
      population_count: number;
      population_digest: string;
      share_percent: number;
    }>('SELECT seed, population_count, population_digest, share_percent FROM audit_samples');
    if (!row) throw new Error('no sample stored');
    const population = query<{ id: string }>(
      `SELECT record_id || '#' || revision AS id FROM revision_workflow
        WHERE state = 'valid' AND valid_at BETWEEN ? AND ? ORDER BY record_id, revision`,
      detail.sample.periodFrom,
      detail.sample.periodTo,
    ).map((r) => r.id);
    expect(populationDigest(population)).toBe(row.population_digest);
    const again = drawSample(
      population,
      sampleSize(row.population_count, { sharePercent: row.share_percent }),
      row.seed,
    );
    expect(again).toEqual(detail.items.map((i) => `${i.recordId}#${String(i.revision)}`));

    // and the draw is in the audit log
    expect(
      query(
        'SELECT actor_id, action, target_id, reason FROM audit_log WHERE action = ?',
        'audit_sample.draw',
      ),
    ).toEqual([
      {
        actor_id: desk.ids.supervisor,
        action: 'audit_sample.draw',
        target_id: detail.sample.sampleId,
        reason: 'population:3;size:2',
      },
    ]);
  });

  it('draws a count, never more than the population, and lists the samples newest first', async () => {
    await twoDaysOfRecords();
    await as('supervisor', async () => {
      const first = await call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-24', count: 3 });
      expect(first.sample).toMatchObject({
        populationCount: 5,
        size: 3,
        requestedCount: 3,
        sharePercent: null,
      });
      desk.clock.advance(60_000);
      const all = await call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-23', count: 50 });
      expect(all.sample).toMatchObject({ populationCount: 2, size: 2 });
      // two draws have two seeds
      expect(all.sample.seed).not.toBe(first.sample.seed);
      const list = await call(desk.core, 'sample.list', {});
      expect(list.samples.map((s) => s.sampleId)).toEqual([all.sample.sampleId, first.sample.sampleId]);
    });
  });

  it('refuses a share of 0 or over 100 %, a count of 0, a reversed period and a period with no records', async () => {
    await twoDaysOfRecords();
    await as('supervisor', async () => {
      const period = { from: '2026-11-23', to: '2026-11-24' };
      for (const sharePercent of [0, 100.5, 250, -3]) {
        const error = await refusal(desk.core, 'sample.draw', { ...period, sharePercent });
        expect(error).toMatchObject({
          code: 'invalid_input',
          fields: { sharePercent: 'sampling.share_out_of_range' },
        });
      }
      expect(await refusal(desk.core, 'sample.draw', { ...period, count: 0 })).toMatchObject({
        fields: { count: 'sampling.count_out_of_range' },
      });
      expect(await refusal(desk.core, 'sample.draw', { ...period })).toMatchObject({
        fields: { sharePercent: 'sampling.share_or_count' },
      });
      expect(
        await refusal(desk.core, 'sample.draw', { ...period, sharePercent: 10, count: 2 }),
      ).toMatchObject({
        fields: { sharePercent: 'sampling.share_or_count' },
      });
      expect(
        await refusal(desk.core, 'sample.draw', { from: '2026-11-24', to: '2026-11-23', sharePercent: 10 }),
      ).toMatchObject({ fields: { to: 'sampling.period_reversed' } });
      expect(
        await refusal(desk.core, 'sample.draw', { from: '2026-02-30', to: '2026-11-23', sharePercent: 10 }),
      ).toMatchObject({ fields: { from: 'sampling.date_invalid' } });
      // no valid record in October
      expect(
        await refusal(desk.core, 'sample.draw', { from: '2026-10-01', to: '2026-10-31', sharePercent: 10 }),
      ).toMatchObject({ code: 'invalid_input', fields: { period: 'sampling.period_empty' } });
    });
    expect(query('SELECT count(*) AS n FROM audit_samples')).toEqual([{ n: 0 }]);
    expect(
      query("SELECT actor_id, outcome, reason FROM audit_log WHERE action = 'audit_sample.draw'"),
    ).toEqual([{ actor_id: desk.ids.supervisor, outcome: 'refused', reason: 'period_empty' }]);
  });

  it('is the supervisor’s: desk staff and maintainers are refused; a manager may read the results', async () => {
    await twoDaysOfRecords();
    const drawn = await as('supervisor', () =>
      call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-24', count: 1 }),
    );
    const sampleId = drawn.sample.sampleId;
    const recordId = drawn.items[0]?.recordId ?? '';
    for (const person of ['alice', 'lead'] as const) {
      await as(person, async () => {
        expect(
          (await refusal(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-24', count: 1 })).code,
        ).toBe('forbidden');
        expect((await refusal(desk.core, 'sample.report', { sampleId })).code).toBe('forbidden');
      });
    }
    await as('manager', async () => {
      expect((await refusal(desk.core, 'sample.openRecord', { sampleId, recordId })).code).toBe('forbidden');
      expect((await call(desk.core, 'sample.list', {})).samples).toHaveLength(1);
      expect((await call(desk.core, 'sample.report', { sampleId })).totals.records).toBe(1);
    });
    await call(desk.core, 'session.signIn', ADMIN);
    expect((await refusal(desk.core, 'sample.list', {})).code).toBe('forbidden');
  });
});

describe('checking the drawn records field by field', () => {
  it('opens a drawn revision as an audited reveal, records verdicts with sealed notes, completes and reports', async () => {
    await twoDaysOfRecords();
    const NOTE = 'Surname should be 章 not 张 per the paper form';
    await as('supervisor', async () => {
      const drawn = await call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-24', count: 3 });
      const { sampleId } = drawn.sample;
      const [first, second, third] = drawn.items;
      if (!first || !second || !third) throw new Error('three items expected');

      const opened = await call(desk.core, 'sample.openRecord', { sampleId, recordId: first.recordId });
      expect(opened.guest).toMatchObject({ name: '张伟', homeAddress: '北京市朝阳区建国路88号1单元1201' });
      expect(opened).toMatchObject({ position: 1, revision: 1, enteredOnTime: true, checks: [] });

      await call(desk.core, 'sample.check', {
        sampleId,
        recordId: first.recordId,
        field: 'name',
        verdict: 'wrong',
        note: NOTE,
      });
      await call(desk.core, 'sample.check', {
        sampleId,
        recordId: first.recordId,
        field: 'ski.rental.shoeSize',
        verdict: 'missing',
      });
      // checked again: the later verdict replaces the earlier one
      await call(desk.core, 'sample.check', {
        sampleId,
        recordId: first.recordId,
        field: 'contact.phone',
        verdict: 'wrong',
      });
      const phone = await call(desk.core, 'sample.check', {
        sampleId,
        recordId: first.recordId,
        field: 'contact.phone',
        verdict: 'correct',
      });
      expect(phone).toMatchObject({
        field: 'contact.phone',
        verdict: 'correct',
        note: null,
        checkedBy: { id: desk.ids.supervisor },
      });
      await call(desk.core, 'sample.check', {
        sampleId,
        recordId: second.recordId,
        field: 'name',
        verdict: 'correct',
      });

      // not a field of the catalogue, and not a record of the sample
      expect(
        await refusal(desk.core, 'sample.check', {
          sampleId,
          recordId: first.recordId,
          field: 'favouriteColour',
          verdict: 'wrong',
        }),
      ).toMatchObject({ code: 'invalid_input', fields: { field: 'input.not_a_field' } });
      expect(
        await refusal(desk.core, 'sample.check', {
          sampleId,
          recordId: '3f0b6c1e-8a52-4c1d-9d3b-0d6a1e2f4b5c',
          field: 'name',
          verdict: 'wrong',
        }),
      ).toMatchObject({ code: 'not_found', fields: { _: 'sampling.record_not_in_sample' } });

      // the third record is not checked yet: the sample cannot be completed
      expect(await refusal(desk.core, 'sample.complete', { sampleId })).toMatchObject({
        code: 'conflict',
        fields: { _: 'sampling.records_unchecked' },
      });
      await call(desk.core, 'sample.check', {
        sampleId,
        recordId: third.recordId,
        field: 'homeAddress',
        verdict: 'correct',
      });
      const done = await call(desk.core, 'sample.complete', { sampleId });
      expect(done).toMatchObject({
        status: 'completed',
        checkedRecords: 3,
        checks: { correct: 3, wrong: 1, missing: 1 },
      });
      expect(
        await refusal(desk.core, 'sample.check', {
          sampleId,
          recordId: first.recordId,
          field: 'name',
          verdict: 'correct',
        }),
      ).toMatchObject({ code: 'conflict', fields: { _: 'sampling.sample_completed' } });

      const report = await call(desk.core, 'sample.report', { sampleId });
      expect(report.totals).toEqual({
        records: 3,
        checkedRecords: 3,
        late: 0,
        correct: 3,
        wrong: 1,
        missing: 1,
      });
      expect(report.byField).toEqual([
        { field: 'name', correct: 1, wrong: 1, missing: 0 },
        { field: 'contact.phone', correct: 1, wrong: 0, missing: 0 },
        { field: 'homeAddress', correct: 1, wrong: 0, missing: 0 },
        { field: 'ski.rental.shoeSize', correct: 0, wrong: 0, missing: 1 },
      ]);
      const firstEntrant = first.entrant?.id;
      const entrantRow = report.byEntrant.find((row) => row.entrant?.id === firstEntrant);
      expect(entrantRow).toMatchObject({ wrong: 1, missing: 1 });
      expect(report.byEntrant.reduce((n, row) => n + row.records, 0)).toBe(3);
      expect(report.findings).toEqual([
        expect.objectContaining({
          position: 1,
          recordId: first.recordId,
          field: 'name',
          verdict: 'wrong',
          note: NOTE,
        }),
        expect.objectContaining({
          position: 1,
          field: 'ski.rental.shoeSize',
          verdict: 'missing',
          note: null,
        }),
      ]);
    });

    // the reveal and each verdict are in the audit log, by field name, never by value
    const entries = query<{ action: string; fields: string | null; reason: string | null }>(
      "SELECT action, fields, reason FROM audit_log WHERE action IN ('guest.reveal', 'audit_sample.check') AND outcome = 'ok' ORDER BY seq",
    );
    expect(entries[0]).toEqual({ action: 'guest.reveal', fields: '["_"]', reason: 'supervision_audit' });
    expect(entries.filter((e) => e.action === 'audit_sample.check')).toHaveLength(6);
    expect(entries.some((e) => (e.reason ?? '').includes('章'))).toBe(false);
    // the note is sealed: nowhere in the data folder in clear
    expect(filesContaining(desk.dir, 'per the paper form')).toEqual([]);
    // what the quality figures read: findings per entrant through the workflow
    const perEntrant = query<{ entrant_id: string; verdict: string }>(
      `SELECT w.entrant_id, c.verdict FROM audit_sample_checks c
         JOIN revision_workflow w ON w.record_id = c.record_id AND w.revision = c.revision
        WHERE c.verdict <> 'correct'`,
    );
    expect(perEntrant).toHaveLength(2);
  });

  it('an erased record keeps its verdicts but loses the note, and a later draw no longer reproduces', async () => {
    await twoDaysOfRecords();
    const drawn = await as('supervisor', () =>
      call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-24', count: 1 }),
    );
    const { sampleId } = drawn.sample;
    const recordId = drawn.items[0]?.recordId ?? '';
    await as('supervisor', () =>
      call(desk.core, 'sample.check', {
        sampleId,
        recordId,
        field: 'name',
        verdict: 'wrong',
        note: 'quoted value',
      }),
    );
    await as('alice', () =>
      call(desk.core, 'erasure.request', { recordId, reason: 'Guest withdrew consent' }),
    );
    await as('manager', () => call(desk.core, 'erasure.approve', { recordId }));

    expect(query('SELECT verdict, note_sealed FROM audit_sample_checks')).toEqual([
      { verdict: 'wrong', note_sealed: null },
    ]);
    await as('supervisor', async () => {
      const detail = await call(desk.core, 'sample.get', { sampleId });
      expect(detail.items[0]).toMatchObject({ erased: true, checks: { wrong: 1 } });
      expect(detail.reproduction).toBe('population_changed');
      const opened = await call(desk.core, 'sample.openRecord', { sampleId, recordId });
      expect(opened.guest).toBeNull();
      expect(opened.checks).toEqual([
        expect.objectContaining({ field: 'name', verdict: 'wrong', note: null }),
      ]);
      // nothing left to check: the erased record does not hold up completion
      expect(await call(desk.core, 'sample.complete', { sampleId })).toMatchObject({ status: 'completed' });
    });
  });
});

describe('timeliness in the sample (R4, R11)', () => {
  it('shows whether the entry met its deadline, and counts late entries in the report', async () => {
    const late = await as('alice', async () => {
      const started = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest(),
      });
      // the guest left 20 minutes ago: past the 15-minute on-site deadline
      desk.clock.advance(20 * 60_000);
      await call(desk.core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST });
      return started.recordId;
    });
    await as('bob', () => call(desk.core, 'review.approveCross', { recordId: late }));
    await as('supervisor', async () => {
      const drawn = await call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-23', count: 1 });
      const { sampleId } = drawn.sample;
      expect(await call(desk.core, 'sample.openRecord', { sampleId, recordId: late })).toMatchObject({
        enteredOnTime: false,
      });
      await call(desk.core, 'sample.check', { sampleId, recordId: late, field: 'name', verdict: 'correct' });
      const report = await call(desk.core, 'sample.report', { sampleId });
      expect(report.totals.late).toBe(1);
      expect(report.byEntrant).toEqual([
        expect.objectContaining({
          entrant: { id: desk.ids.alice, name: 'Alice Li' },
          records: 1,
          late: 1,
          correct: 1,
        }),
      ]);
    });
  });
});

describe('the report of permission use (R20, R26)', () => {
  it('counts reveals, password resets and refused attempts by person', async () => {
    const recordId = await validRecord('alice');
    await as('alice', () =>
      call(desk.core, 'guests.reveal', { recordId, field: 'contact.phone', reason: 'verify_identity' }),
    );
    await as('bob', async () => {
      await call(desk.core, 'guests.reveal', { recordId, field: 'contact.phone', reason: 'contact_guest' });
      await call(desk.core, 'guests.reveal', {
        recordId,
        field: 'idDocument.number',
        reason: 'verify_identity',
      });
      // a specialist has no sampling audit: a refused attempt
      await refusal(desk.core, 'sample.list', {});
    });
    await call(desk.core, 'session.signIn', ADMIN);
    await call(desk.core, 'staff.resetPassword', { id: desk.ids.trainee, password: `reset-${PASSWORD}` });
    await call(desk.core, 'session.signOut', {});
    // the manager exports the guests as CSV (maintainer CLI)
    await as('manager', () => {
      desk.core.maintenance.exportGuestsCsv(() => undefined);
      return Promise.resolve();
    });

    const use = await as('supervisor', async () => {
      const drawn = await call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-23', count: 1 });
      await call(desk.core, 'sample.openRecord', { sampleId: drawn.sample.sampleId, recordId });
      return call(desk.core, 'audit.permissionUse', { from: '2026-11-23', to: '2026-11-23' });
    });

    const row = (kind: string, person: Person) =>
      use.rows.find((r) => r.kind === kind && r.actor?.id === desk.ids[person]);
    expect(row('reveal', 'bob')).toMatchObject({
      count: 2,
      refused: 0,
      reasons: { contact_guest: 1, verify_identity: 1 },
    });
    expect(row('reveal', 'alice')).toMatchObject({ count: 1, reasons: { verify_identity: 1 } });
    expect(row('reveal', 'supervisor')).toMatchObject({ count: 1, reasons: { supervision_audit: 1 } });
    expect(use.rows.find((r) => r.kind === 'password_reset')).toMatchObject({
      actor: { name: ADMIN.name },
      count: 1,
    });
    expect(row('refused', 'bob')).toMatchObject({ count: 0, refused: 1 });
    expect(row('export', 'manager')).toMatchObject({ count: 1, refused: 0 });
    expect(use.totals).toEqual({ reveal: 4, export: 1, password_reset: 1, refused: 1 });

    // another day: nothing
    const empty = await as('supervisor', () =>
      call(desk.core, 'audit.permissionUse', { from: '2026-11-20', to: '2026-11-22' }),
    );
    expect(empty.rows).toEqual([]);
  });
});
