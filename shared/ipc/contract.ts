import type { z } from 'zod';
import type { Capability } from '../domain/roles.js';
import { AppInfo, NetworkStatus, NoInput, SessionState } from './schemas.js';

/**
 * Who may call a method:
 * - 'public': anyone, even signed out or locked (what the lock and sign-in screens need);
 * - 'session': any signed-in, unlocked person;
 * - a capability: a signed-in, unlocked person whose role (and certificate) grants it.
 */
export type Permission = 'public' | 'session' | Capability;

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly permission: Permission;
}

export const contract = {
  'app.info': { input: NoInput, output: AppInfo, permission: 'public' },
  'session.state': { input: NoInput, output: SessionState, permission: 'public' },
  'network.status': { input: NoInput, output: NetworkStatus, permission: 'public' },
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** Events flow one way, core -> renderer. */
export const events = {
  'session.changed': SessionState,
  'network.changed': NetworkStatus,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** The one channel name both sides of Electron's IPC use. */
export const RPC_CHANNEL = 'snowdesk:rpc';
export const EVENT_CHANNEL = 'snowdesk:event';
