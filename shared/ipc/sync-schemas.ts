import { z } from 'zod';
import { SYNC_LIMITS } from '../sync/protocol.js';
import {
  CentralUrl,
  DeviceName,
  DeviceToken,
  InboxChannel,
  OutboxKind,
  PublicKey,
  TlsPin,
} from '../sync/wire.js';

/**
 * What the kiosk's IPC door says about sync with the central system (R24, R29). Everything here
 * is safe to show a desk worker: counts, times, codes. No guest data, no token.
 */

/**
 * Why the last sync attempt failed, as a code the UI words for a desk worker
 * (i18n `sync.problems.<code>`); the English detail for the maintainer is in SyncDetails.
 */
export const SYNC_PROBLEMS = [
  /** no connection to the central system (refused, reset, no route, DNS) */
  'offline',
  /** the central system did not answer in time */
  'timeout',
  /** 429 or 503: the central system asked the kiosk to wait */
  'central_busy',
  /** 5xx: the central system failed */
  'central_failed',
  /** an answer that is not JSON, is cut short, too large, of the wrong shape, or names items never sent */
  'bad_answer',
  /** the certificate is not trusted, expired, or names another host */
  'tls_untrusted',
  /** the certificate does not match the pinned fingerprint */
  'tls_pin_mismatch',
  /** 401: the device token is unknown or revoked */
  'token_rejected',
  /** the token is valid but this kiosk is not enrolled with it */
  'not_enrolled_at_central',
  /** the token belongs to another device */
  'device_mismatch',
  /** 409 enrolment_conflict: token or device already bound otherwise */
  'enrolment_conflict',
  /** the central system presents another public key than the one entered */
  'central_key_mismatch',
  /** 409 audit_rewind: the central system refuses this kiosk's audit history */
  'audit_rewind',
  /** the central system speaks another protocol version, or the URL is not a sync service */
  'protocol_mismatch',
] as const;
export const SyncProblem = z.enum(SYNC_PROBLEMS);
export type SyncProblem = z.infer<typeof SyncProblem>;

export const SyncState = z.enum([
  /** no central system set up yet: changes wait in the outbox */
  'not_enrolled',
  /** enrolled, nothing in progress; the next round is scheduled */
  'idle',
  /** a round is in progress */
  'syncing',
  /** the last round failed; another follows by itself (nextAttemptAt) */
  'retrying',
  /** an error retrying cannot fix: waits for the maintainer (or the next start) */
  'stopped',
]);
export type SyncState = z.infer<typeof SyncState>;

/** The header's line: online or offline, items waiting, last success, last error. */
export const SyncStatus = z.object({
  state: SyncState,
  /** the central system answered the last real request */
  online: z.boolean(),
  /** record changes not yet acknowledged by the central system */
  waiting: z.number().int().nonnegative(),
  /** items a maintainer must look at (refused by the central system, or inbox items that did not open) */
  stuck: z.number().int().nonnegative(),
  /** online submissions pulled while locked, opened at the next unlock */
  inboxToOpen: z.number().int().nonnegative(),
  /** ms since epoch */
  lastSuccessAt: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
  lastError: z.object({ problem: SyncProblem, at: z.number() }).nullable(),
  /** the kiosk's clock minus the central system's, when more than two minutes apart */
  clockSkewMs: z.number().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncEnrolment = z.object({
  url: z.string(),
  deviceId: z.uuid(),
  deviceName: z.string(),
  centralPublicKey: z.string(),
  tlsPins: z.array(z.string()),
  /** ms since epoch, the kiosk's clock */
  enrolledAt: z.number(),
});
export type SyncEnrolment = z.infer<typeof SyncEnrolment>;

/** The maintainer's view: the status, where the kiosk syncs to, and the last error in English. */
export const SyncDetails = z.object({
  status: SyncStatus,
  enrolment: SyncEnrolment.nullable(),
  /** English, for the maintainer; never guest data */
  lastErrorDetail: z.string().nullable(),
});
export type SyncDetails = z.infer<typeof SyncDetails>;

/** Why an item is stuck; the first six are the central system's reject reasons. */
export const STUCK_REASONS = [
  'unsealable',
  'invalid_content',
  'sealed_mismatch',
  'key_reused',
  'seq_conflict',
  'record_conflict',
  /** the central system waits for an earlier item of the record that the kiosk no longer has or that is itself stuck */
  'gap_unrecoverable',
  /** sealed larger than the central system accepts in one request */
  'too_large',
] as const;
export const StuckReason = z.enum(STUCK_REASONS);
export type StuckReason = z.infer<typeof StuckReason>;

export const StuckItem = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('outbox'),
    id: z.uuid(),
    recordId: z.string(),
    seq: z.number().int().positive(),
    kind: OutboxKind,
    reason: StuckReason,
    /** English, from the central system or the kiosk; never guest data */
    message: z.string().nullable(),
    since: z.number(),
  }),
  z.object({
    direction: z.literal('inbox'),
    id: z.uuid(),
    channel: InboxChannel,
    receivedAt: z.number(),
    reason: z.enum(['unsealable', 'invalid_content', 'sealed_mismatch']),
    detail: z.string().nullable(),
    since: z.number(),
    /** the central system has been told */
    reported: z.boolean(),
  }),
]);
export type StuckItem = z.infer<typeof StuckItem>;

const ManualEnrolment = z
  .object({
    url: CentralUrl,
    token: DeviceToken,
    centralPublicKey: PublicKey,
    tlsPins: z.array(TlsPin).max(SYNC_LIMITS.maxTlsPins).optional(),
    deviceName: DeviceName.optional(),
  })
  .strict();
const CodeEnrolment = z
  .object({ code: z.string().min(1).max(8192), deviceName: DeviceName.optional() })
  .strict();

/** Either the four values a central operator hands out, or the enrolment code that bundles them. */
export const SyncEnrolInput = z.union([CodeEnrolment, ManualEnrolment]);
export type SyncEnrolInput = z.infer<typeof SyncEnrolInput>;

const Failed = z.object({
  ok: z.literal(false),
  problem: SyncProblem,
  /** English, for the maintainer */
  detail: z.string(),
});

export const SyncEnrolResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), details: SyncDetails }),
  Failed,
]);
export type SyncEnrolResult = z.infer<typeof SyncEnrolResult>;

/** Test connection: the stored enrolment (no input) or values about to be entered. */
export const SyncTestInput = z.union([z.object({}).strict(), CodeEnrolment, ManualEnrolment]);
export type SyncTestInput = z.infer<typeof SyncTestInput>;

export const SyncTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    protocol: z.string(),
    serverTime: z.string(),
    clockSkewMs: z.number(),
    /** the device the token is enrolled as at the central side; null before enrolment */
    centralDeviceId: z.uuid().nullable(),
  }),
  Failed,
]);
export type SyncTestResult = z.infer<typeof SyncTestResult>;

export const SyncRetryInput = z
  .object({ ids: z.array(z.uuid()).max(SYNC_LIMITS.maxBatchItems).optional() })
  .strict();

/**
 * A duplicate or search look-up at the central side (protocol 1.1): a guest entered at another
 * desk is found here. `local_only` says the desk searched its own store alone, and why.
 */
export const CentralLookupInput = z
  .strictObject({
    kind: z.enum(['duplicates', 'search']),
    phone: z.string().min(1).max(40).optional(),
    idNumber: z.string().min(1).max(40).optional(),
    name: z.string().min(1).max(100).optional(),
  })
  .refine((q) => q.phone !== undefined || q.idNumber !== undefined || q.name !== undefined, {
    message: 'a look-up needs a phone, a document number or a name',
  });
export type CentralLookupInput = z.infer<typeof CentralLookupInput>;

export const CentralLookupResult = z.discriminatedUnion('searched', [
  z.strictObject({
    searched: z.literal('central'),
    matches: z
      .array(
        z.strictObject({
          recordId: z.uuid(),
          deviceId: z.uuid(),
          seq: z.int().min(1),
          updatedAt: z.string(),
          data: z.record(z.string(), z.unknown()),
        }),
      )
      .max(20),
  }),
  z.strictObject({
    searched: z.literal('local_only'),
    why: z.enum(['not_enrolled', 'unreachable', 'refused']),
  }),
]);
export type CentralLookupResult = z.infer<typeof CentralLookupResult>;
