import { describe, expect, it } from 'vitest';
import type { AppInfo, SessionState, SetupResult } from '../../../shared/ipc/schemas.js';
import {
  initialKioskState,
  kioskReducer,
  type KioskAction,
  type KioskState,
} from '../../../renderer/src/session/kiosk-state.js';
import { screenFor } from '../../../renderer/src/session/route.js';

const staff = { id: 'm1', name: 'Zhao', role: 'maintainer' as const, certified: false };
const open: SessionState = { status: 'signed-in', locked: false, mustChangePassword: false, staff };
const locked: SessionState = { ...open, locked: true };
const signedOut: SessionState = { status: 'signed-out' };
const other: SessionState = { ...open, staff: { ...staff, id: 'l2', name: 'Wang', role: 'lead' } };

const setup: SetupResult = { recoveryKey: 'AAAA-BBBB-CCCC', confirmGroups: [1, 3], session: open };

const info = (setupRequired: boolean): AppInfo => ({
  product: 'Snowdesk',
  version: 'test',
  storage: { state: 'ready', deviceId: '3f0b6c1e-8a52-4c1d-9d3b-0d6a1e2f4b5c', schemaVersion: 3 },
  setupRequired,
  recoveryKeyConfirmed: !setupRequired,
  idleLockMinutes: 3,
  defaultLanguage: 'zh-CN',
});

function run(...actions: KioskAction[]): KioskState {
  return actions.reduce(kioskReducer, initialKioskState);
}
const session = (s: SessionState): KioskAction => ({ type: 'session', session: s });

describe('kiosk state', () => {
  it('keeps the recovery key only while the maintainer who was shown it is at work', () => {
    const shown = run(session(signedOut), { type: 'setup-created', result: setup });
    expect(shown.pendingKey).toEqual({ recoveryKey: 'AAAA-BBBB-CCCC', confirmGroups: [1, 3] });
    expect(kioskReducer(shown, session(open)).pendingKey).not.toBeNull();
    expect(kioskReducer(shown, session(locked)).pendingKey).toBeNull();
    expect(kioskReducer(shown, session(signedOut)).pendingKey).toBeNull();
    // unlocking again does not bring it back
    expect(
      run(session(signedOut), { type: 'setup-created', result: setup }, session(locked), session(open))
        .pendingKey,
    ).toBeNull();
  });

  it('confirming drops the key and leaves a notice that ends with the session', () => {
    const confirmed = run(
      session(signedOut),
      { type: 'setup-created', result: setup },
      { type: 'recovery-key-confirmed' },
    );
    expect(confirmed.pendingKey).toBeNull();
    expect(confirmed.notice).toBe('setup.confirmed');
    expect(kioskReducer(confirmed, session(locked)).notice).toBeNull();
  });

  it('"switch user" lasts while the screen is locked', () => {
    const switching = run(session(locked), { type: 'switch-user' });
    expect(switching.switchingUser).toBe(true);
    expect(kioskReducer(switching, session(locked)).switchingUser).toBe(true);
    expect(kioskReducer(switching, session(other)).switchingUser).toBe(false);
    expect(kioskReducer(switching, { type: 'back-to-unlock' }).switchingUser).toBe(false);
    expect(run(session(signedOut), { type: 'switch-user' }).switchingUser).toBe(false);
  });

  it('"forgot the password" lasts while nobody is signed in', () => {
    const forgot = run(session(signedOut), { type: 'forgot-password' });
    expect(forgot.recoveryReset).toBe(true);
    expect(kioskReducer(forgot, session(open)).recoveryReset).toBe(false);
    expect(kioskReducer(forgot, { type: 'back-to-sign-in' }).recoveryReset).toBe(false);
    expect(run(session(open), { type: 'forgot-password' }).recoveryReset).toBe(false);
  });
});

describe('screen routing', () => {
  it('waits for the core, and says so when it cannot be reached', () => {
    expect(screenFor(undefined, false, initialKioskState).name).toBe('loading');
    expect(screenFor(info(false), false, initialKioskState).name).toBe('loading');
    expect(screenFor(undefined, true, initialKioskState).name).toBe('unreachable');
    expect(screenFor(info(false), false, run({ type: 'session-failed' })).name).toBe('unreachable');
  });

  it('explains a storage problem before anything else', () => {
    const broken: AppInfo = {
      ...info(true),
      storage: { state: 'unavailable', problem: { code: 'database_invalid', message: 'x', dataDir: '/d' } },
    };
    expect(screenFor(broken, false, run(session(signedOut))).name).toBe('storage-problem');
  });

  it('first run: setup, then the key, then home', () => {
    expect(screenFor(info(true), false, run(session(signedOut))).name).toBe('first-setup');
    const shown = run(session(signedOut), { type: 'setup-created', result: setup });
    // app.info may still say setupRequired until it is fetched again: the key wins
    expect(screenFor(info(true), false, shown)).toMatchObject({
      name: 'recovery-key',
      pending: { recoveryKey: 'AAAA-BBBB-CCCC' },
    });
    expect(screenFor(info(false), false, kioskReducer(shown, { type: 'recovery-key-confirmed' })).name).toBe(
      'home',
    );
    expect(screenFor(info(false), false, kioskReducer(shown, session(locked))).name).toBe('lock');
  });

  it('follows the session: sign-in, recovery, lock, switch, first password, home', () => {
    expect(screenFor(info(false), false, run(session(signedOut))).name).toBe('sign-in');
    expect(screenFor(info(false), false, run(session(signedOut), { type: 'forgot-password' })).name).toBe(
      'recovery-reset',
    );
    expect(screenFor(info(false), false, run(session(locked)))).toMatchObject({
      name: 'lock',
      staff: { id: 'm1' },
    });
    expect(screenFor(info(false), false, run(session(locked), { type: 'switch-user' })).name).toBe(
      'switch-user',
    );
    expect(screenFor(info(false), false, run(session({ ...open, mustChangePassword: true }))).name).toBe(
      'change-password',
    );
    expect(screenFor(info(false), false, run(session({ ...locked, mustChangePassword: true }))).name).toBe(
      'lock',
    );
    expect(screenFor(info(false), false, run(session(open)))).toMatchObject({
      name: 'home',
      staff: { id: 'm1' },
    });
  });
});
