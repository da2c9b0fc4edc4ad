import { z } from 'zod';
import { ROLES } from '../domain/roles.js';
import { Language } from '../i18n/languages.js';

/** Methods that take nothing still take an object, so a stray payload is refused, not ignored. */
export const NoInput = z.object({}).strict();

export const StorageProblemCode = z.enum([
  'data_dir_unwritable',
  'database_invalid',
  'database_newer',
  'database_foreign',
  'database_error',
]);
export type StorageProblemCode = z.infer<typeof StorageProblemCode>;

export const StorageState = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ready'),
    deviceId: z.uuid(),
    schemaVersion: z.number().int().nonnegative(),
  }),
  z.object({
    state: z.literal('unavailable'),
    problem: z.object({
      code: StorageProblemCode,
      /** English, for the console and the maintainer; the UI words it from the code */
      message: z.string(),
      dataDir: z.string(),
    }),
  }),
]);
export type StorageState = z.infer<typeof StorageState>;

/**
 * The store holds less of the audit chain than this kiosk has seen (issue 12): 'behind', the
 * newest entry it saw is gone (an older copy of the database); 'rewritten', another entry has its
 * place. The central side's held head catches what a local check cannot, at the next sync.
 */
export const AuditRollback = z.object({
  problem: z.enum(['behind', 'rewritten']),
  markSeq: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
});
export type AuditRollback = z.infer<typeof AuditRollback>;

export const AppInfo = z.object({
  product: z.literal('Snowdesk'),
  version: z.string(),
  storage: StorageState,
  setupRequired: z.boolean(),
  /** false while the recovery key of first setup has not been typed back (a new one can be issued) */
  recoveryKeyConfirmed: z.boolean(),
  /** minutes without input before the kiosk locks itself */
  idleLockMinutes: z.number().int().positive(),
  defaultLanguage: Language,
  /** only when the store is behind the kiosk's audit high-water mark; the maintainer is warned */
  auditRollback: AuditRollback.optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const StaffView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  certified: z.boolean(),
});
export type StaffView = z.infer<typeof StaffView>;

export const SessionState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-out') }),
  z.object({
    status: z.literal('signed-in'),
    locked: z.boolean(),
    /** a reset password must be replaced before anything else */
    mustChangePassword: z.boolean(),
    staff: StaffView,
  }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const NetworkStatus = z.object({
  /** what the operating system says about the link */
  os: z.enum(['online', 'offline', 'unknown']),
  /** the central system; 'not_enrolled' until a maintainer sets up sync */
  central: z.enum(['not_enrolled', 'reachable', 'unreachable']),
});
export type NetworkStatus = z.infer<typeof NetworkStatus>;

/** An account as the maintainer and the manager see it (no key material, ever). */
export const StaffAccount = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  certified: z.boolean(),
  certifiedAt: z.number().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.number().nullable(),
  createdAt: z.number(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const SetupResult = z.object({
  /** shown once; never stored in clear, never sent again */
  recoveryKey: z.string(),
  /** 1-based groups of the key the person must re-type */
  confirmGroups: z.array(z.number().int().positive()),
  session: SessionState,
});
export type SetupResult = z.infer<typeof SetupResult>;

export const AuditVerdict = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number(), headSeq: z.number() }),
  z.object({
    ok: z.literal(false),
    entries: z.number(),
    brokenAt: z.number(),
    problem: z.enum(['gap', 'prev_hash', 'hash', 'unreadable']),
  }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdict>;
