import { describe, expect, it, vi } from 'vitest';
import { createApi, type Invoke, type Subscribe } from '../../../shared/ipc/create-api.js';

const noEvents: Subscribe = () => () => undefined;

describe('createApi: the renderer side of the door', () => {
  it('validates input before anything crosses', async () => {
    const invoke = vi.fn<Invoke>();
    const api = createApi(invoke, noEvents);
    const result = await api.call('app.info', { sneaky: 1 } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a method outside the contract without calling the core', async () => {
    const invoke = vi.fn<Invoke>();
    const api = createApi(invoke, noEvents);
    const result = await api.call('__proto__' as never, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('returns the validated value of a good answer', async () => {
    const api = createApi(
      () => Promise.resolve({ ok: true, value: { os: 'offline', central: 'not_enrolled' } }),
      noEvents,
    );
    expect(await api.call('network.status', {})).toEqual({
      ok: true,
      value: { os: 'offline', central: 'not_enrolled' },
    });
  });

  it.each([
    ['a non-envelope', 'surprise'],
    ['an envelope with a bad value', { ok: true, value: { os: 'maybe' } }],
    ['an error with an unknown code', { ok: false, error: { code: 'kaboom', message: 'x' } }],
  ])('turns %s into a protocol error', async (_label, answer) => {
    const api = createApi(() => Promise.resolve(answer), noEvents);
    expect(await api.call('network.status', {})).toMatchObject({ ok: false, error: { code: 'protocol' } });
  });

  it('passes a typed error from the core through', async () => {
    const api = createApi(
      () => Promise.resolve({ ok: false, error: { code: 'locked', message: 'locked' } }),
      noEvents,
    );
    expect(await api.call('session.state', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: 'locked' },
    });
  });

  it('turns a broken transport into a protocol error', async () => {
    const api = createApi(() => Promise.reject(new Error('channel closed')), noEvents);
    expect(await api.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'protocol' } });
  });

  it('delivers only valid payloads of the subscribed event, and unsubscribes', () => {
    let emit: (event: string, payload: unknown) => void = () => undefined;
    const unsubscribed = vi.fn();
    const api = createApi(
      () => Promise.resolve(null),
      (listener) => {
        emit = listener;
        return unsubscribed;
      },
    );
    const seen: unknown[] = [];
    const off = api.on('network.changed', (p) => seen.push(p));
    emit('network.changed', { os: 'offline', central: 'not_enrolled' });
    emit('network.changed', { os: 'bogus' });
    emit('session.changed', { status: 'signed-out' });
    expect(seen).toEqual([{ os: 'offline', central: 'not_enrolled' }]);
    off();
    expect(unsubscribed).toHaveBeenCalledOnce();
  });
});
