import { describe, expect, it } from 'vitest';
import { ADMIN, call, FIRST_MANAGER, refusal } from '../../support/core-harness.js';
import { PASSWORD, signInAs } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

// Finding 3 of issue 12: export and certification were open to an uncertified manager, a
// maintainer-made supervisor searched and revealed, and a fresh kiosk's first manager could never
// be certified.

const desk = useStaffedDesk();

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };

describe('certification opens guest data, for every role', () => {
  it('an uncertified manager cannot export, certify, give final review or search', async () => {
    await signInAs(desk.core, 'trainer');
    expect((await refusal(desk.core, 'quality.csv', PERIOD)).code).toBe('forbidden');
    expect((await refusal(desk.core, 'staff.certify', { id: desk.ids.trainee, certified: true })).code).toBe(
      'forbidden',
    );
    // guest-record methods run on the practice store for an uncertified desk role, never the real one
    expect(await call(desk.core, 'review.finalQueue', {})).toMatchObject({ items: [] });
    await call(desk.core, 'session.signOut', {});
  });

  it('a supervisor the maintainer created searches nothing real, reveals and exports nothing until certified', async () => {
    await call(desk.core, 'session.signIn', ADMIN);
    await call(desk.core, 'staff.create', {
      name: 'Fresh Supervisor',
      role: 'supervisor',
      password: `first-${PASSWORD}`,
    });
    await call(desk.core, 'session.signOut', {});
    await call(desk.core, 'session.signIn', { name: 'Fresh Supervisor', password: `first-${PASSWORD}` });
    await call(desk.core, 'session.changePassword', { current: `first-${PASSWORD}`, next: PASSWORD });
    expect((await refusal(desk.core, 'quality.csv', PERIOD)).code).toBe('forbidden');
    expect(
      (await refusal(desk.core, 'sample.draw', { from: PERIOD.from, to: PERIOD.to, count: 1 })).code,
    ).toBe('forbidden');
    expect((await call(desk.core, 'session.state', {})) as unknown).toMatchObject({
      staff: { certified: false },
    });
    await call(desk.core, 'session.signOut', {});
    // a certified manager certifies supervisors too; then the real store opens to them
    await signInAs(desk.core, 'manager');
    const fresh = (await call(desk.core, 'staff.list', {})).find((a) => a.name === 'Fresh Supervisor');
    if (!fresh) throw new Error('Fresh Supervisor missing');
    expect(await call(desk.core, 'staff.certify', { id: fresh.id, certified: true })).toMatchObject({
      certified: true,
    });
    await call(desk.core, 'session.signOut', {});
    await call(desk.core, 'session.signIn', { name: 'Fresh Supervisor', password: PASSWORD });
    expect(typeof (await call(desk.core, 'quality.csv', PERIOD)).csv).toBe('string');
    await call(desk.core, 'session.signOut', {});
  });

  it('first setup makes the first manager certified, by that act, and audited as such', () => {
    const rows = desk.query<{ name: string; role: string; certified: number }>(
      "SELECT name, role, certified_at IS NOT NULL AS certified FROM staff WHERE role IN ('maintainer', 'manager') ORDER BY role, name",
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: ADMIN.name, role: 'maintainer', certified: 0 },
        { name: FIRST_MANAGER.name, role: 'manager', certified: 1 },
      ]),
    );
    expect(
      desk.query(
        "SELECT action FROM audit_log WHERE action = 'setup.first_manager_certified' AND outcome = 'ok'",
      ),
    ).toHaveLength(1);
  });
});
