import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { percent } from '../../../shared/domain/quality-figures.js';
import type { StaffQuality } from '../../../shared/ipc/quality-schemas.js';
import { ADMIN, call, ManualClock, openTestCore, refusal } from '../../support/core-harness.js';
import { CHECKLIST, PEOPLE, signInAs, staffTheDesk, type Person } from '../../support/desk-harness.js';
import {
  enterQualityScenario,
  EXPECTED,
  QUALITY_DAY,
  recordSampleChecks,
  type QualityScenario,
} from '../../support/quality-scenario.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let clock: ManualClock;
let core: Core;
let ids: Record<Person, string>;
let scenario: QualityScenario;

const DAY = { from: QUALITY_DAY, to: QUALITY_DAY };

beforeEach(async () => {
  dir = tempDir();
  clock = new ManualClock();
  core = await openTestCore(dir.path, { clock });
  ids = await staffTheDesk(core);
  scenario = await enterQualityScenario(core, clock);
  recordSampleChecks(
    dir.path,
    scenario.aliceFirst,
    ids.supervisor,
    [
      ['correct', 'name'],
      ['wrong', 'contact.phone'],
      ['missing', 'emergencyContact.name'],
    ],
    clock.now(),
  );
});

afterEach(() => {
  core.close();
  dir.remove();
});

/** The figures as the table and the CSV show them: counts, and shares as whole percentages. */
function shown(s: StaffQuality | undefined) {
  if (!s) throw new Error('no row');
  return {
    entered: s.entered,
    corrections: s.corrections,
    crossReviewed: s.crossReviewed,
    firstPass: s.firstPass,
    accuracy: percent(s.accuracy),
    recommendedFilled: s.recommendedFilled,
    recommendedPossible: s.recommendedPossible,
    completeness: percent(s.completeness),
    withDeadline: s.withDeadline,
    onTime: s.onTime,
    timeliness: percent(s.timeliness),
    returns: s.returns,
    returnedFields: s.returnedFields.map((f) => `${f.field}:${String(f.count)}`).join('; '),
    sampleChecks: s.sampleChecks,
    sampleFindings: s.sampleFindings,
  };
}

function auditRows(action: string): { actor_id: string | null; outcome: string; reason: string | null }[] {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[string], { actor_id: string | null; outcome: string; reason: string | null }>(
        'SELECT actor_id, outcome, reason FROM audit_log WHERE action = ? ORDER BY seq',
      )
      .all(action);
  } finally {
    db.close();
  }
}

describe('quality per staff member (R28)', () => {
  it('gives a lead everyone’s figures for the day, as worked out by hand', async () => {
    await signInAs(core, 'lead');
    const report = await call(core, 'quality.figures', DAY);
    expect(report).toMatchObject({ from: QUALITY_DAY, to: QUALITY_DAY, ownOnly: false });
    const byName = new Map(report.staff.map((s) => [s.name, s]));
    expect(shown(byName.get(PEOPLE.alice.name))).toEqual(EXPECTED.alice);
    expect(shown(byName.get(PEOPLE.bob.name))).toEqual(EXPECTED.bob);
    // every desk account is listed, those who entered nothing with no shares at all
    expect(byName.get(PEOPLE.lead.name)).toMatchObject({ entered: 0, accuracy: null, timeliness: null });
    expect([...byName.keys()].sort()).toEqual(
      [PEOPLE.manager, PEOPLE.trainer, PEOPLE.lead, PEOPLE.alice, PEOPLE.bob, PEOPLE.trainee, PEOPLE.trainee2]
        .map((p) => p.name)
        .sort(),
    );
    expect(report.returnsByField).toEqual([{ field: 'contact.phone', count: 1 }]);
  });

  it('counts entries by the day they were first submitted, corrections included without a deadline', async () => {
    await signInAs(core, 'supervisor');
    const before = await call(core, 'quality.figures', { from: '2026-11-22', to: '2026-11-22' });
    expect(before.staff.every((s) => s.entered === 0)).toBe(true);
    await call(core, 'session.signOut', {});

    // the next day Alice corrects her first guest for them (R19) and submits it
    clock.advance(24 * 3_600_000);
    await signInAs(core, 'alice');
    await call(core, 'records.startCorrection', { recordId: scenario.aliceFirst, reason: '客户更正地址' });
    await call(core, 'records.submit', { recordId: scenario.aliceFirst, checklist: CHECKLIST });
    await call(core, 'session.signOut', {});

    await signInAs(core, 'supervisor');
    const nextDay = await call(core, 'quality.figures', { from: '2026-11-24', to: '2026-11-24' });
    const alice = nextDay.staff.find((s) => s.staffId === ids.alice);
    expect(alice).toMatchObject({
      entered: 1,
      corrections: 1,
      withDeadline: 0,
      timeliness: null,
      crossReviewed: 0,
    });
    const both = await call(core, 'quality.figures', {
      from: '2026-11-23',
      to: '2026-11-24',
      staffId: ids.alice,
    });
    expect(both.staff).toHaveLength(1);
    expect(both.staff[0]).toMatchObject({ entered: 5, corrections: 1, withDeadline: 4, onTime: 3 });
  });

  it('shows a specialist their own figures only and refuses (and audits) asking for a colleague’s', async () => {
    await signInAs(core, 'alice');
    const own = await call(core, 'quality.figures', DAY);
    expect(own.ownOnly).toBe(true);
    expect(own.staff.map((s) => s.staffId)).toEqual([ids.alice]);
    expect(shown(own.staff[0])).toEqual(EXPECTED.alice);
    expect((await call(core, 'quality.figures', { ...DAY, staffId: ids.alice })).staff).toHaveLength(1);
    expect(await refusal(core, 'quality.figures', { ...DAY, staffId: ids.bob })).toMatchObject({
      code: 'forbidden',
    });
    expect(auditRows('quality.figures')).toEqual([
      { actor_id: ids.alice, outcome: 'refused', reason: 'own_only' },
    ]);
    // the CSV is an export: managers and supervisors only (DESIGN's permission table)
    expect(await refusal(core, 'quality.csv', DAY)).toMatchObject({ code: 'forbidden' });
  });

  it('refuses the maintainer, who sees no quality figures, and a lead the export', async () => {
    await call(core, 'session.signIn', ADMIN);
    expect(await refusal(core, 'quality.figures', DAY)).toMatchObject({ code: 'forbidden' });
    await call(core, 'session.signOut', {});
    await signInAs(core, 'lead');
    expect(await refusal(core, 'quality.csv', DAY)).toMatchObject({ code: 'forbidden' });
  });

  it('refuses a reversed, over-long or impossible period with the field to fix', async () => {
    await signInAs(core, 'manager');
    expect(await refusal(core, 'quality.figures', { from: '2026-11-24', to: '2026-11-23' })).toMatchObject({
      code: 'invalid_input',
      fields: { to: 'quality.period_reversed' },
    });
    expect(await refusal(core, 'quality.figures', { from: '2025-11-01', to: '2026-11-23' })).toMatchObject({
      code: 'invalid_input',
      fields: { to: 'quality.period_too_long' },
    });
    expect(await refusal(core, 'quality.figures', { from: '2026-02-30', to: '2026-11-23' })).toMatchObject({
      code: 'invalid_input',
      fields: { from: 'quality.period_invalid_date' },
    });
    expect(await refusal(core, 'quality.figures', { ...DAY, staffId: 'nobody' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('exports the same figures as CSV for a manager, audited, with names guarded against formulas', async () => {
    await signInAs(core, 'manager');
    const { fileName, csv } = await call(core, 'quality.csv', DAY);
    expect(fileName).toBe('snowdesk-quality-2026-11-23-2026-11-23.csv');
    expect(csv.startsWith('\uFEFFfrom,to,staff_id,staff_name,role,entered,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    const header = (lines[0] ?? '').split(',');
    const rows = lines
      .slice(1)
      .map((line): Record<string, string> =>
        Object.fromEntries(line.split(',').map((v, i) => [header[i] ?? '', v])),
      );
    const alice = rows.find((r) => r['staff_name'] === PEOPLE.alice.name);
    expect(alice).toMatchObject({
      entered: '4',
      first_pass: '2',
      cross_reviewed: '3',
      accuracy_percent: '67',
      completeness_percent: '63',
      timeliness_percent: '75',
      returns: '1',
      returned_fields: 'contact.phone:1',
      sample_findings: '2',
    });
    const lead = rows.find((r) => r['staff_name'] === PEOPLE.lead.name);
    expect(lead).toMatchObject({ entered: '0', accuracy_percent: '', timeliness_percent: '' });
    // no guest value travels in a quality report
    for (const guestValue of ['李明', '王芳', '13800138', '110105']) expect(csv).not.toContain(guestValue);
    expect(auditRows('quality.export')).toEqual([
      { actor_id: ids.manager, outcome: 'ok', reason: '2026-11-23..2026-11-23' },
    ]);
  });

  it('leaves an erased record out of completeness only', async () => {
    await signInAs(core, 'bob');
    const [bobFirst] = (await call(core, 'quality.figures', DAY)).staff;
    expect(bobFirst).toMatchObject({ completenessMeasured: 2 });
    await call(core, 'session.signOut', {});
    // erase one of Bob's records the way the desk does: requested, approved by a manager
    const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
    const recordId = db
      .prepare<[string], string>('SELECT record_id FROM revision_workflow WHERE entrant_id = ? LIMIT 1')
      .pluck()
      .get(ids.bob);
    db.close();
    if (!recordId) throw new Error('no record of Bob’s');
    await signInAs(core, 'lead');
    await call(core, 'erasure.request', { recordId, reason: '客户撤回同意' });
    await call(core, 'session.signOut', {});
    await signInAs(core, 'manager');
    await call(core, 'erasure.approve', { recordId });
    const bob = (await call(core, 'quality.figures', { ...DAY, staffId: ids.bob })).staff[0];
    expect(bob).toMatchObject({
      entered: 2,
      firstPass: 2,
      onTime: 2,
      completenessMeasured: 1,
      recommendedPossible: 4,
      completeness: 0.5,
    });
  });
});
