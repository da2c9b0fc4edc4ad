import { describe, expect, it, vi } from 'vitest';
import { CoreError } from '../../../electron/core/core-error.js';
import { createDispatch, type Handlers } from '../../../electron/core/dispatch.js';
import { silentLogger } from '../../../electron/core/logger.js';
import type { ActiveSession } from '../../../electron/core/session/session-store.js';

/** Only the methods these tests call; dispatch never reaches the others here. */
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const some: Partial<Handlers> = {
    'app.info': () => ({
      product: 'Snowdesk',
      version: '1.0.0',
      storage: { state: 'ready', deviceId: '6f1c2b1e-8d3a-4a36-9d7c-3f2b1a0e9c11', schemaVersion: 1 },
      setupRequired: true,
      recoveryKeyConfirmed: false,
      idleLockMinutes: 3,
      defaultLanguage: 'zh-CN',
    }),
    'session.state': () => ({ status: 'signed-out' }),
    'network.status': () => ({ os: 'online', central: 'not_enrolled' }),
    'staff.list': () => [],
    ...overrides,
  };
  return some as Handlers;
}

function setup(session: ActiveSession | null = null, overrides: Partial<Handlers> = {}) {
  const onRefused = vi.fn();
  const dispatch = createDispatch({
    handlers: handlers(overrides),
    session: () => session,
    log: silentLogger,
    validateOutput: true,
    onRefused,
  });
  return { dispatch, onRefused };
}

describe('dispatch: the method name', () => {
  it.each([
    ['an unknown name', 'guest.steal'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['toString', 'toString'],
    ['a number', 42],
    ['an object', { toString: () => 'app.info' }],
    ['null', null],
  ])('refuses %s as unknown_method', async (_label, method) => {
    const { dispatch } = setup();
    const result = await dispatch(method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('serves a known method', async () => {
    const { dispatch } = setup();
    const result = await dispatch('network.status', {});
    expect(result).toEqual({ ok: true, value: { os: 'online', central: 'not_enrolled' } });
  });
});

describe('dispatch: the payload', () => {
  it.each([
    ['a string', 'hello'],
    ['an array', []],
    ['null', null],
    ['undefined', undefined],
    ['an object with extra keys', { admin: true }],
  ])('refuses %s as invalid_input', async (_label, payload) => {
    const { dispatch } = setup();
    const result = await dispatch('app.info', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses a 10 MB payload before validating it, and keeps serving', async () => {
    const { dispatch } = setup();
    const huge = { blob: 'x'.repeat(10 * 1024 * 1024) };
    const result = await dispatch('app.info', huge);
    expect(result).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(await dispatch('app.info', {})).toMatchObject({ ok: true });
  });

  it('refuses deep nesting and cycles without overflowing the stack', async () => {
    const { dispatch } = setup();
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    expect(await dispatch('app.info', deep)).toMatchObject({ error: { code: 'payload_too_large' } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await dispatch('app.info', cyclic)).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('dispatch: errors are values without stacks', () => {
  it('turns an unexpected throw into a generic internal error', async () => {
    const { dispatch } = setup(null, {
      'network.status': () => {
        throw new Error('SQLITE_IOERR at /secret/path: guest 11010519491231002X');
      },
    });
    const result = await dispatch('network.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/secret|1101051949|SQLITE|at /);
  });

  it('passes a CoreError through with its code and fields', async () => {
    const { dispatch } = setup(null, {
      'network.status': () => {
        throw new CoreError('storage_unavailable', 'no storage', { dataDir: 'input.invalid' });
      },
    });
    expect(await dispatch('network.status', {})).toEqual({
      ok: false,
      error: { code: 'storage_unavailable', message: 'no storage', fields: { dataDir: 'input.invalid' } },
    });
  });

  it('refuses an answer that breaks the contract when validating output', async () => {
    const { dispatch } = setup(null, {
      'network.status': () => ({ os: 'sideways', central: 'not_enrolled' }) as never,
    });
    expect(await dispatch('network.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('dispatch: permissions come from the core session, not the caller', () => {
  const staff = { id: 's1', name: 'Wang', role: 'specialist' as const, certified: true };

  it('lets public methods through while signed out and while locked', async () => {
    expect(await setup(null).dispatch('session.state', {})).toMatchObject({ ok: true });
    expect(
      await setup({ staff, locked: true, mustChangePassword: false }).dispatch('app.info', {}),
    ).toMatchObject({ ok: true });
  });

  it('refuses a capability the role lacks, tells the auditor, and never runs the handler', async () => {
    const ran = vi.fn(() => []);
    const { dispatch, onRefused } = setup(
      { staff, locked: false, mustChangePassword: false },
      { 'staff.list': ran },
    );
    expect(await dispatch('staff.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(onRefused).toHaveBeenCalledWith('staff.list', 'forbidden', expect.objectContaining({ staff }));
    expect(ran).not.toHaveBeenCalled();
  });

  it('serves a capability the role has, refuses it while locked or before a reset password is changed', async () => {
    const maintainer = { ...staff, role: 'maintainer' as const };
    expect(
      await setup({ staff: maintainer, locked: false, mustChangePassword: false }).dispatch('staff.list', {}),
    ).toEqual({
      ok: true,
      value: [],
    });
    expect(
      await setup({ staff: maintainer, locked: true, mustChangePassword: false }).dispatch('staff.list', {}),
    ).toMatchObject({
      error: { code: 'locked' },
    });
    expect(
      await setup({ staff: maintainer, locked: false, mustChangePassword: true }).dispatch('staff.list', {}),
    ).toMatchObject({
      error: { code: 'password_change_required' },
    });
    expect(await setup(null).dispatch('staff.list', {})).toMatchObject({ error: { code: 'not_signed_in' } });
  });
});
