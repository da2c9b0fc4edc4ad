import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import {
  ADMIN,
  call,
  FIRST_MANAGER,
  SETUP,
  ManualClock,
  openTestCore,
  refusal,
  setUpKiosk,
} from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let clock: ManualClock;
let core: Core;

beforeEach(async () => {
  dir = tempDir();
  clock = new ManualClock();
  core = await openTestCore(dir.path, { clock });
});

afterEach(() => {
  core.close();
  dir.remove();
});

function auditActions(): string[] {
  const db = new Database(join(dir.path, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[], { action: string; outcome: string; reason: string | null }>(
        'SELECT action, outcome, reason FROM audit_log ORDER BY seq',
      )
      .all()
      .map((r) => [r.action, r.outcome, r.reason].filter(Boolean).join(':'));
  } finally {
    db.close();
  }
}

async function withStaff(): Promise<void> {
  await setUpKiosk(core);
  await call(core, 'staff.create', { name: 'Li Na', role: 'specialist', password: 'first-pass-li' });
  await call(core, 'staff.create', { name: '王芳', role: 'lead', password: 'first-pass-wang' });
  await call(core, 'session.signOut', {});
}

describe('first setup', () => {
  it('creates the maintainer, shows the recovery key once and signs the maintainer in', async () => {
    expect(await call(core, 'app.info', {})).toMatchObject({ setupRequired: true });
    const result = await call(core, 'setup.create', SETUP);
    expect(result.recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    expect(result.confirmGroups).toHaveLength(2);
    expect(result.session).toMatchObject({
      status: 'signed-in',
      staff: { name: ADMIN.name, role: 'maintainer' },
    });
    expect(await call(core, 'app.info', {})).toMatchObject({ setupRequired: false });
    expect(
      (await refusal(core, 'setup.create', { ...SETUP, name: 'Intruder', password: 'another-one-9' })).code,
    ).toBe('conflict');
  });

  it('requires the asked groups of the recovery key to be typed back', async () => {
    const result = await call(core, 'setup.create', SETUP);
    const groups = result.recoveryKey.split('-');
    const [a, b] = result.confirmGroups as [number, number];
    const wrong = await refusal(core, 'setup.confirmRecoveryKey', {
      groups: { [a]: groups[a - 1] ?? '', [b]: 'ZZZZ' },
    });
    expect(wrong).toMatchObject({ code: 'invalid_input', fields: { [b]: 'mismatch' } });
    const right = { [a]: (groups[a - 1] ?? '').toLowerCase(), [b]: groups[b - 1] ?? '' };
    expect(await call(core, 'setup.confirmRecoveryKey', { groups: right })).toEqual({ confirmed: true });
    expect((await refusal(core, 'setup.confirmRecoveryKey', { groups: right })).code).toBe('conflict');
  });

  it('refuses a weak maintainer password with a field reason', async () => {
    const error = await refusal(core, 'setup.create', { ...SETUP, name: 'Admin', password: '12345678' });
    expect(error).toMatchObject({ code: 'invalid_input', fields: { password: 'too_simple' } });
    expect(await call(core, 'app.info', {})).toMatchObject({ setupRequired: true });
  });
});

describe('accounts and sign-in', () => {
  it('a new account must choose its own password before anything else', async () => {
    await withStaff();
    const signedIn = await call(core, 'session.signIn', { name: 'li na', password: 'first-pass-li' });
    expect(signedIn).toMatchObject({
      status: 'signed-in',
      mustChangePassword: true,
      staff: { role: 'specialist' },
    });
    expect((await refusal(core, 'staff.list', {})).code).toBe('password_change_required');
    const weak = await refusal(core, 'session.changePassword', {
      current: 'first-pass-li',
      next: 'li na li na 1',
    });
    expect(weak.fields).toEqual({ next: 'contains_name' });
    await call(core, 'session.changePassword', { current: 'first-pass-li', next: 'powder-day-42' });
    expect(await call(core, 'session.state', {})).toMatchObject({ mustChangePassword: false });
    await call(core, 'session.signOut', {});
    expect((await refusal(core, 'session.signIn', { name: 'Li Na', password: 'first-pass-li' })).code).toBe(
      'wrong_credentials',
    );
    expect(await call(core, 'session.signIn', { name: 'Li Na', password: 'powder-day-42' })).toMatchObject({
      mustChangePassword: false,
    });
  });

  it('says the same for an unknown name and a wrong password', async () => {
    await withStaff();
    const unknown = await refusal(core, 'session.signIn', { name: 'Nobody', password: 'whatever-123' });
    const wrong = await refusal(core, 'session.signIn', { name: 'Li Na', password: 'whatever-123' });
    expect(unknown).toEqual(wrong);
  });

  it('locks an account after five wrong passwords, for a growing delay', async () => {
    await withStaff();
    for (let i = 0; i < 4; i++) {
      expect(
        (await refusal(core, 'session.signIn', { name: 'Li Na', password: `wrong-${i}-pass` })).code,
      ).toBe('wrong_credentials');
    }
    const fifth = await refusal(core, 'session.signIn', { name: 'Li Na', password: 'wrong-5-pass' });
    expect(fifth).toMatchObject({ code: 'account_locked_out', retryAt: clock.now() + 60_000 });
    // the right password does not get in while locked out
    expect((await refusal(core, 'session.signIn', { name: 'Li Na', password: 'first-pass-li' })).code).toBe(
      'account_locked_out',
    );
    clock.advance(60_001);
    const sixth = await refusal(core, 'session.signIn', { name: 'Li Na', password: 'wrong-6-pass' });
    expect(sixth).toMatchObject({ code: 'account_locked_out', retryAt: clock.now() + 120_000 });
    clock.advance(120_001);
    expect(await call(core, 'session.signIn', { name: 'Li Na', password: 'first-pass-li' })).toMatchObject({
      status: 'signed-in',
    });
    await call(core, 'session.signOut', {});
    // a success resets the count
    expect((await refusal(core, 'session.signIn', { name: 'Li Na', password: 'wrong-again-1' })).code).toBe(
      'wrong_credentials',
    );
    expect(auditActions()).toEqual(
      expect.arrayContaining([
        'session.sign_in:refused:wrong_password',
        'session.sign_in:refused:locked_out',
      ]),
    );
  });

  it('refuses a disabled account and ends its session', async () => {
    await withStaff();
    await call(core, 'session.signIn', ADMIN);
    const accounts = await call(core, 'staff.list', {});
    const li = accounts.find((a) => a.name === 'Li Na');
    if (!li) throw new Error('Li Na missing');
    await call(core, 'staff.setDisabled', { id: li.id, disabled: true });
    await call(core, 'session.signOut', {});
    expect((await refusal(core, 'session.signIn', { name: 'Li Na', password: 'first-pass-li' })).code).toBe(
      'account_disabled',
    );
  });

  it('passwords in any script work, empty and huge ones are refused', async () => {
    await setUpKiosk(core);
    const cjk = '滑雪场🎿冬天快乐';
    await call(core, 'staff.create', { name: 'Emoji Person', role: 'specialist', password: cjk });
    expect(
      (await refusal(core, 'staff.create', { name: 'Empty', role: 'specialist', password: '' })).code,
    ).toBe('invalid_input');
    expect(
      (await refusal(core, 'staff.create', { name: 'Huge', role: 'specialist', password: 'x'.repeat(5000) }))
        .code,
    ).toBe('invalid_input');
    expect(
      (await refusal(core, 'staff.create', { name: 'Long', role: 'specialist', password: 'ab'.repeat(100) }))
        .fields,
    ).toEqual({ password: 'too_long' });
    await call(core, 'session.signOut', {});
    // the same password arriving decomposed (NFD) from another keyboard still opens
    expect(
      await call(core, 'session.signIn', { name: 'emoji person', password: cjk.normalize('NFD') }),
    ).toMatchObject({
      status: 'signed-in',
    });
  });

  it('only the maintainer manages accounts and only a manager certifies (R6)', async () => {
    await withStaff();
    // the first manager, certified at first setup
    await call(core, 'session.signIn', FIRST_MANAGER);
    expect(
      (await refusal(core, 'staff.create', { name: 'X', role: 'manager', password: 'qwe-asd-zxc-1' })).code,
    ).toBe('forbidden');
    const li = (await call(core, 'staff.list', {})).find((a) => a.name === 'Li Na');
    if (!li) throw new Error('Li Na missing');
    expect(li.certified).toBe(false);
    expect(await call(core, 'staff.certify', { id: li.id, certified: true })).toMatchObject({
      certified: true,
    });
    await call(core, 'session.signIn', ADMIN);
    expect((await refusal(core, 'staff.certify', { id: li.id, certified: false })).code).toBe('forbidden');
  });
});

describe('the shared kiosk: lock, idle, switch', () => {
  it('locks itself after the idle time, wipes access, and unlocks only with the password', async () => {
    await withStaff();
    await call(core, 'session.signIn', ADMIN);
    clock.advance(2 * 60_000);
    await call(core, 'session.activity', {});
    clock.advance(2 * 60_000);
    core.tick();
    expect(await call(core, 'session.state', {})).toMatchObject({ locked: false });
    clock.advance(60_001);
    core.tick();
    expect(await call(core, 'session.state', {})).toMatchObject({ status: 'signed-in', locked: true });
    expect((await refusal(core, 'staff.list', {})).code).toBe('locked');
    expect((await refusal(core, 'session.unlock', { password: 'not-the-password' })).code).toBe(
      'wrong_credentials',
    );
    expect(await call(core, 'session.unlock', { password: ADMIN.password })).toMatchObject({ locked: false });
    expect(await call(core, 'staff.list', {})).toHaveLength(4);
    expect(auditActions()).toEqual(
      expect.arrayContaining([
        'session.lock:ok:idle',
        'session.unlock:refused:wrong_password',
        'session.unlock:ok',
      ]),
    );
  });

  it('the idle time is a device setting', async () => {
    core.close();
    const { memorySettings } = await import('../../support/core-harness.js');
    core = await openTestCore(dir.path, { clock, settings: memorySettings({ idleLockMinutes: 10 }) });
    await setUpKiosk(core);
    clock.advance(9 * 60_000);
    core.tick();
    expect(await call(core, 'session.state', {})).toMatchObject({ locked: false });
    clock.advance(60_000);
    core.tick();
    expect(await call(core, 'session.state', {})).toMatchObject({ locked: true });
  });

  it('a colleague signs in over a locked session (quick switch) and the first is signed out', async () => {
    await withStaff();
    await call(core, 'session.signIn', ADMIN);
    await call(core, 'session.lock', {});
    const lead = await call(core, 'session.signIn', { name: '王芳', password: 'first-pass-wang' });
    expect(lead).toMatchObject({ staff: { name: '王芳', role: 'lead' }, locked: false });
    expect(auditActions()).toEqual(expect.arrayContaining(['session.sign_out:ok:switched']));
  });

  it('audits calls refused while locked', async () => {
    await setUpKiosk(core);
    await call(core, 'session.lock', {});
    await refusal(core, 'staff.list', {});
    expect(auditActions()).toContain('dispatch.refused:refused:locked');
  });
});

describe('keys and recovery', () => {
  it('the recovery key alone sets a new maintainer password after every password is lost', async () => {
    const { recoveryKey } = await setUpKiosk(core);
    await call(core, 'staff.create', { name: 'Li Na', role: 'specialist', password: 'first-pass-li' });
    await call(core, 'session.signOut', {});
    core.close();
    core = await openTestCore(dir.path, { clock });

    const spaced = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const session = await call(core, 'recovery.resetPassword', {
      recoveryKey: spaced,
      name: ADMIN.name,
      newPassword: 'brand-new-start-1',
    });
    expect(session).toMatchObject({ status: 'signed-in', staff: { role: 'maintainer' } });
    // DK came back: the maintainer can still wrap it for accounts
    await call(core, 'staff.create', { name: 'Zhou', role: 'specialist', password: 'powder-first-pw' });
    await call(core, 'session.signOut', {});
    expect(
      await call(core, 'session.signIn', { name: ADMIN.name, password: 'brand-new-start-1' }),
    ).toMatchObject({
      status: 'signed-in',
    });
  });

  it('refuses a mistyped recovery key and another kiosk’s recovery key', async () => {
    const { recoveryKey } = await setUpKiosk(core);
    const chars = recoveryKey.split('');
    const i = chars.findIndex((c) => c !== '-' && c !== 'A');
    chars[i] = chars[i] === 'B' ? 'C' : 'B';
    const mistyped = await refusal(core, 'recovery.resetPassword', {
      recoveryKey: chars.join(''),
      name: ADMIN.name,
      newPassword: 'brand-new-start-1',
    });
    expect(mistyped).toMatchObject({ code: 'invalid_input', fields: { recoveryKey: 'checksum' } });

    const other = tempDir();
    const otherCore = await openTestCore(other.path);
    const { recoveryKey: foreign } = await setUpKiosk(otherCore);
    otherCore.close();
    other.remove();
    const refused = await refusal(core, 'recovery.resetPassword', {
      recoveryKey: foreign,
      name: ADMIN.name,
      newPassword: 'brand-new-start-1',
    });
    expect(refused.code).toBe('wrong_recovery_key');
  });

  it('a damaged wrapped key unlocks nothing and says so', async () => {
    await withStaff();
    core.close();
    const db = new Database(join(dir.path, DATABASE_FILE));
    const stored = db.prepare("SELECT wrapped_dk FROM staff WHERE name = 'Li Na'").pluck().get() as string;
    const flipped = stored.slice(0, -6) + (stored.at(-6) === 'A' ? 'B' : 'A') + stored.slice(-5);
    db.prepare("UPDATE staff SET wrapped_dk = ? WHERE name = 'Li Na'").run(flipped);
    db.close();
    core = await openTestCore(dir.path, { clock });
    const error = await refusal(core, 'session.signIn', { name: 'Li Na', password: 'first-pass-li' });
    expect(['wrong_credentials', 'internal']).toContain(error.code);
    expect(await call(core, 'session.state', {})).toEqual({ status: 'signed-out' });
  });

  it('sign-in survives a restart: DK is stored only wrapped', async () => {
    await withStaff();
    core.close();
    core = await openTestCore(dir.path, { clock });
    expect(await call(core, 'session.signIn', ADMIN)).toMatchObject({ status: 'signed-in' });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('recovery key lifecycle', () => {
  it('an unconfirmed key is visible in app.info and a maintainer with their password can issue a new one', async () => {
    const first = await call(core, 'setup.create', SETUP);
    expect(await call(core, 'app.info', {})).toMatchObject({
      recoveryKeyConfirmed: false,
      idleLockMinutes: 3,
    });
    // the screen locked while the key was being copied: the shown key is gone from memory
    await call(core, 'session.lock', {});
    await call(core, 'session.unlock', { password: ADMIN.password });
    expect((await refusal(core, 'setup.confirmRecoveryKey', { groups: { '1': 'AAAA' } })).code).toBe(
      'conflict',
    );

    expect((await refusal(core, 'setup.reissueRecoveryKey', { password: 'not-my-password' })).code).toBe(
      'wrong_credentials',
    );
    const second = await call(core, 'setup.reissueRecoveryKey', { password: ADMIN.password });
    expect(second.recoveryKey).not.toBe(first.recoveryKey);
    const groups = second.recoveryKey.split('-');
    await call(core, 'setup.confirmRecoveryKey', {
      groups: Object.fromEntries(second.confirmGroups.map((i) => [String(i), groups[i - 1] ?? ''])),
    });
    expect(await call(core, 'app.info', {})).toMatchObject({ recoveryKeyConfirmed: true });

    // only the new key opens the store now
    await call(core, 'session.signOut', {});
    const old = await refusal(core, 'recovery.resetPassword', {
      recoveryKey: first.recoveryKey,
      name: ADMIN.name,
      newPassword: 'brand-new-start-1',
    });
    expect(old.code).toBe('wrong_recovery_key');
    expect(
      await call(core, 'recovery.resetPassword', {
        recoveryKey: second.recoveryKey,
        name: ADMIN.name,
        newPassword: 'brand-new-start-1',
      }),
    ).toMatchObject({ status: 'signed-in' });
  });

  it('nobody certifies themselves', async () => {
    await setUpKiosk(core);
    await call(core, 'session.signIn', FIRST_MANAGER);
    const me = (await call(core, 'session.state', {})) as { staff: { id: string } };
    expect(await refusal(core, 'staff.certify', { id: me.staff.id, certified: true })).toMatchObject({
      code: 'conflict',
      fields: { id: 'self' },
    });
  });
});
