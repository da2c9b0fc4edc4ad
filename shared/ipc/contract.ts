import { z } from 'zod';
import type { Capability } from '../domain/roles.js';
import { ROLES } from '../domain/roles.js';
import { PasswordInput, StaffName } from '../domain/staff-account-rules.js';
import {
  AppInfo,
  AuditVerdict,
  NetworkStatus,
  NoInput,
  SessionState,
  SetupResult,
  StaffAccount,
} from './schemas.js';

const StaffId = z.string().min(1).max(64);

/**
 * Who may call a method:
 * - 'public': anyone, even signed out or locked (what the lock and sign-in screens need);
 * - 'credentials': a signed-in, unlocked person, even one who must first change a reset password;
 * - 'session': any signed-in, unlocked person with a password of their own;
 * - a capability, or a list of which any one suffices: such a person whose role (and
 *   certificate) grants it.
 */
export type Permission = 'public' | 'credentials' | 'session' | Capability | readonly Capability[];

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly permission: Permission;
}

export const contract = {
  'app.info': { input: NoInput, output: AppInfo, permission: 'public' },
  'session.state': { input: NoInput, output: SessionState, permission: 'public' },
  'network.status': { input: NoInput, output: NetworkStatus, permission: 'public' },

  // first run (R5): only while the kiosk has no account at all; the core checks that
  'setup.create': {
    input: z.object({ name: StaffName, password: PasswordInput }).strict(),
    output: SetupResult,
    permission: 'public',
  },
  'setup.confirmRecoveryKey': {
    input: z.object({ groups: z.record(z.string().max(3), z.string().max(16)) }).strict(),
    output: z.object({ confirmed: z.literal(true) }),
    permission: 'device.admin',
  },
  'recovery.resetPassword': {
    input: z
      .object({ recoveryKey: z.string().min(1).max(200), name: StaffName, newPassword: PasswordInput })
      .strict(),
    output: SessionState,
    permission: 'public',
  },

  // sessions on a shared kiosk (R23)
  'session.signIn': {
    input: z.object({ name: StaffName, password: PasswordInput }).strict(),
    output: SessionState,
    permission: 'public',
  },
  'session.unlock': {
    input: z.object({ password: PasswordInput }).strict(),
    output: SessionState,
    permission: 'public',
  },
  'session.lock': { input: NoInput, output: SessionState, permission: 'public' },
  'session.signOut': { input: NoInput, output: SessionState, permission: 'public' },
  'session.activity': { input: NoInput, output: z.object({}), permission: 'public' },
  'session.changePassword': {
    input: z.object({ current: PasswordInput, next: PasswordInput }).strict(),
    output: SessionState,
    permission: 'credentials',
  },

  // accounts (R5, R6)
  'staff.list': {
    input: NoInput,
    output: z.array(StaffAccount),
    permission: ['device.admin', 'staff.certify'],
  },
  'staff.create': {
    input: z.object({ name: StaffName, role: z.enum(ROLES), password: PasswordInput }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.setDisabled': {
    input: z.object({ id: StaffId, disabled: z.boolean() }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.resetPassword': {
    input: z.object({ id: StaffId, password: PasswordInput }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.certify': {
    input: z.object({ id: StaffId, certified: z.boolean() }).strict(),
    output: StaffAccount,
    permission: 'staff.certify',
  },

  'audit.verify': { input: NoInput, output: AuditVerdict, permission: 'audit.verify' },
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
