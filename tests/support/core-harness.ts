import type { Argon2Params } from '../../electron/core/crypto/argon2-params.js';
import type { Clock } from '../../electron/core/clock.js';
import { createCore, type Core } from '../../electron/core/create-core.js';
import { silentLogger } from '../../electron/core/logger.js';
import type { SettingsSource } from '../../electron/core/settings-source.js';
import { setSharedTime, sharedClock, sharedClockBuffer } from '../../electron/core/worker/shared-clock.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/ipc/contract.js';
import type { CoreErrorShape } from '../../shared/ipc/errors.js';

/** Argon2id at libsodium's minimum cost: the real code path, without 300 ms per sign-in. */
export const TEST_ARGON2: Argon2Params = { opslimit: 1, memlimit: 64 * 1024 };

/**
 * Time a test moves. Its value lives in a SharedArrayBuffer, so a core on its own thread (the
 * launcher's, as in the app) reads the same time the test sets.
 */
export class ManualClock implements Clock {
  readonly buffer: SharedArrayBuffer;
  private readonly shared: Clock;
  constructor(t = Date.UTC(2026, 10, 23, 2, 0, 0)) {
    this.buffer = sharedClockBuffer(t);
    this.shared = sharedClock(this.buffer);
  }
  now(): number {
    return this.shared.now();
  }
  advance(ms: number): void {
    setSharedTime(this.buffer, this.now() + ms);
  }
}

/** What a test calls the core through: the core itself, or the launcher's door to its thread. */
export type CoreDoor = Pick<Core, 'dispatch'>;

export function memorySettings(values: Record<string, unknown> = {}): SettingsSource {
  const map = new Map(Object.entries(values));
  return { get: (k) => map.get(k), set: (k, v) => map.set(k, v) };
}

export function openTestCore(
  dataDir: string,
  options: { clock?: Clock; settings?: SettingsSource } = {},
): Promise<Core> {
  return createCore({
    dataDir,
    settings: options.settings ?? memorySettings(),
    appVersion: '0.0.0-test',
    clock: options.clock,
    log: silentLogger,
    validateOutput: true,
    argon2: TEST_ARGON2,
  });
}

export class CallFailed extends Error {
  constructor(readonly error: CoreErrorShape) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Calls through dispatch like the renderer does, and throws the typed error on refusal. */
export async function call<M extends MethodName>(
  core: CoreDoor,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new CallFailed(result.error);
  return result.value as MethodOutput<M>;
}

/** The error a call is refused with (fails the test if it succeeds). */
export async function refusal<M extends MethodName>(
  core: CoreDoor,
  method: M,
  input: MethodInput<M>,
): Promise<CoreErrorShape> {
  const result = await core.dispatch(method, input);
  if (result.ok) throw new Error(`${method} was expected to be refused`);
  return result.error;
}

export const ADMIN = { name: 'Maintainer Zhao', password: 'snow-admin-2026!' };
/** The first manager, created and certified with the maintainer at first setup (desk-harness's manager). */
export const FIRST_MANAGER = { name: 'Manager Sun', password: 'powder-day-2026!' };
/** What the two people type at first setup. */
export const SETUP = { ...ADMIN, manager: FIRST_MANAGER };

/** First setup done and confirmed, the maintainer signed in. */
export async function setUpKiosk(core: CoreDoor): Promise<{ recoveryKey: string }> {
  const result = await call(core, 'setup.create', SETUP);
  const groups = result.recoveryKey.split('-');
  const typed = Object.fromEntries(result.confirmGroups.map((i) => [String(i), groups[i - 1] ?? '']));
  await call(core, 'setup.confirmRecoveryKey', { groups: typed });
  return { recoveryKey: result.recoveryKey };
}
