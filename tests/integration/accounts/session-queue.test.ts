import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { unwrapDataKeyForAccount } from '../../../electron/core/crypto/data-key.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { ADMIN, call, ManualClock, openTestCore, refusal, setUpKiosk } from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

// Finding 4 of issue 12: session changes raced one another across the Argon2 wait.

let dir: ReturnType<typeof tempDir>;
let core: Core;

beforeEach(async () => {
  dir = tempDir();
  core = await openTestCore(dir.path, { clock: new ManualClock() });
});

afterEach(() => {
  core.close();
  dir.remove();
});

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Resolves once the audit log holds `action` (the first Argon2 wait of an operation is over). */
async function audited(action: string, outcome = 'ok'): Promise<void> {
  const count = () =>
    rows<{ n: number }>(
      'SELECT count(*) AS n FROM audit_log WHERE action = ? AND outcome = ?',
      action,
      outcome,
    )[0]?.n ?? 0;
  const before = count();
  while (count() === before) await new Promise<void>((resolve) => setImmediate(resolve));
}

const LI = { name: 'Li Na', password: 'first-pass-li' };
const WANG = { name: '王芳', password: 'first-pass-wang' };

async function withStaff(): Promise<void> {
  await setUpKiosk(core);
  await call(core, 'staff.create', { name: LI.name, role: 'specialist', password: LI.password });
  await call(core, 'staff.create', { name: WANG.name, role: 'lead', password: WANG.password });
  await call(core, 'session.signOut', {});
}

describe('one queue for session changes', () => {
  it('40 parallel wrong passwords and the right one do not pass the lockout', async () => {
    await withStaff();
    const wrong = Array.from({ length: 40 }, (_, i) =>
      core.dispatch('session.signIn', { name: LI.name, password: `wrong-guess-${i}` }),
    );
    const right = core.dispatch('session.signIn', LI);
    const results = await Promise.all([...wrong, right]);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await call(core, 'session.state', {})).toEqual({ status: 'signed-out' });
    const [li] = rows<{ failed_attempts: number; locked_until: number | null }>(
      'SELECT failed_attempts, locked_until FROM staff WHERE name = ?',
      LI.name,
    );
    expect(li?.failed_attempts).toBeGreaterThanOrEqual(5);
    expect(li?.locked_until).not.toBeNull();
  });

  it('a lock during staff.create neither wraps a wiped key nor finishes the change', async () => {
    await setUpKiosk(core);
    const creating = core.dispatch('staff.create', {
      name: 'New Person',
      role: 'specialist',
      password: 'first-pass-new',
    });
    await call(core, 'session.lock', {});
    const result = await creating;
    expect(result).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(rows('SELECT id FROM staff WHERE name = ?', 'New Person')).toHaveLength(0);
    expect(await call(core, 'session.state', {})).toMatchObject({ status: 'signed-in', locked: true });
  });

  it('a staff.create that finished holds the real data key, not a copy a lock wiped', async () => {
    await setUpKiosk(core);
    const created = await call(core, 'staff.create', {
      name: 'New Person',
      role: 'specialist',
      password: 'first-pass-new',
    });
    const [admin] = rows<{ id: string; wrapped_dk: string }>(
      'SELECT id, wrapped_dk FROM staff WHERE name = ?',
      ADMIN.name,
    );
    const [fresh] = rows<{ wrapped_dk: string }>('SELECT wrapped_dk FROM staff WHERE id = ?', created.id);
    if (!admin || !fresh) throw new Error('accounts missing');
    const a = await unwrapDataKeyForAccount(admin.wrapped_dk, ADMIN.password, admin.id);
    const b = await unwrapDataKeyForAccount(fresh.wrapped_dk, 'first-pass-new', created.id);
    expect(Buffer.from(b.dataKey()).equals(Buffer.from(a.dataKey()))).toBe(true);
    expect(b.dataKey().some((byte) => byte !== 0)).toBe(true);
    a.wipe();
    b.wipe();
  });

  it('a lock during a password change is not undone', async () => {
    await withStaff();
    await call(core, 'session.signIn', LI);
    const changing = core.dispatch('session.changePassword', { current: LI.password, next: 'powder-day-42' });
    // the current password has been checked; the new one is being stretched
    await audited('session.change_password');
    await call(core, 'session.lock', {});
    await changing;
    expect(await call(core, 'session.state', {})).toMatchObject({ status: 'signed-in', locked: true });
    expect((await refusal(core, 'staff.list', {})).code).toBe('locked');
  });

  it('a sign-out during an unlock is not undone', async () => {
    await withStaff();
    await call(core, 'session.signIn', LI);
    await call(core, 'session.lock', {});
    const unlocking = core.dispatch('session.unlock', { password: LI.password });
    await call(core, 'session.signOut', {});
    await unlocking;
    expect(await call(core, 'session.state', {})).toEqual({ status: 'signed-out' });
  });

  it('a slower unlock of one person does not sign them back in over a colleague', async () => {
    await withStaff();
    await call(core, 'session.signIn', LI);
    await call(core, 'session.lock', {});
    const signingIn = core.dispatch('session.signIn', WANG);
    const unlocking = core.dispatch('session.unlock', { password: LI.password });
    await Promise.all([signingIn, unlocking]);
    expect(await call(core, 'session.state', {})).toMatchObject({
      status: 'signed-in',
      locked: false,
      staff: { name: WANG.name },
    });
  });

  it('wrong unlocks at the lock screen end the session but do not lock the account out', async () => {
    await withStaff();
    await call(core, 'session.signIn', LI);
    await call(core, 'session.lock', {});
    for (let i = 0; i < 20; i++) await core.dispatch('session.unlock', { password: `colleague-guess-${i}` });
    expect(await call(core, 'session.state', {})).toEqual({ status: 'signed-out' });
    const [li] = rows<{ locked_until: number | null }>(
      'SELECT locked_until FROM staff WHERE name = ?',
      LI.name,
    );
    expect(li?.locked_until ?? null).toBeNull();
    expect(await call(core, 'session.signIn', LI)).toMatchObject({
      status: 'signed-in',
      staff: { name: LI.name },
    });
    expect(
      rows('SELECT 1 FROM audit_log WHERE action = ? AND reason = ?', 'session.sign_out', 'unlock_attempts'),
    ).toHaveLength(1);
  });
});
