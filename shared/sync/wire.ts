import { z } from 'zod';
import { GuestDraft } from '../domain/guest-record.js';
import { SyncErrorCodeSchema } from './error-codes.js';
import { SYNC_LIMITS } from './protocol.js';

/**
 * The messages of the sync contract (docs/sync-protocol.md), as zod schemas. The JSON Schema
 * files in docs/schemas are generated from these (schema-catalog.ts), so the document, the
 * kiosk and the central test server cannot drift apart.
 *
 * Every object is closed (unknown keys are an error): a field the other side does not know
 * arrives only with a new minor version, which is negotiated in the Snowdesk-Protocol header.
 */

// ---- building blocks -------------------------------------------------------------------

/** RFC 4648 base64 with padding, the alphabet libsodium calls ORIGINAL. */
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const Uuid = z.uuid().describe('A UUID (RFC 9562), lower or upper case hex');

/** Always UTC with a Z, so two sides never argue about zones; fractions of a second allowed. */
export const Timestamp = z.iso.datetime().describe('RFC 3339 date-time in UTC, ending in Z');

/** A 32-byte X25519 public key (crypto_box), base64: 43 characters and one '='. */
export const PublicKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/)
  .describe('A 32-byte X25519 public key (libsodium crypto_box), base64 with padding');

/** crypto_box_seal output: at least the 48 bytes of ephemeral key and MAC. */
export const SealedBox = z
  .string()
  .min(64)
  .max(SYNC_LIMITS.maxSealedChars)
  .regex(BASE64_PATTERN)
  .describe('libsodium crypto_box_seal ciphertext, base64 with padding');

export const Hash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('32 bytes as 64 lowercase hex digits');

export const DeviceName = z.string().min(1).max(80).describe('A name a maintainer recognises the kiosk by');

/** RFC 6750 b64token, long enough that guessing one is hopeless. */
export const DeviceToken = z
  .string()
  .regex(/^[A-Za-z0-9._~+/-]{32,512}=*$/)
  .describe('The bearer token the central system issued for one device');

/** Opaque to the device; URL-safe so it travels in a query string unescaped. */
export const Cursor = z
  .string()
  .regex(/^[A-Za-z0-9._~-]+$/)
  .min(1)
  .max(SYNC_LIMITS.maxCursorChars)
  .describe('An inbox position, opaque to the device');

/** A SHA-256 fingerprint of the server certificate (DER), lowercase hex without colons. */
export const TlsPin = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe('SHA-256 of the DER certificate, 64 lowercase hex digits without colons');

/**
 * HTTPS anywhere; plain HTTP only to the loopback interface, which exists for tests. No query
 * and no fragment: paths are appended to it.
 */
export const CentralUrl = z
  .string()
  .max(2000)
  .regex(/^(?:https:\/\/[^\s/?#@]+|http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d{1,5})?)(?:\/[^\s?#]*)?$/)
  .describe('Base URL of the central sync service; endpoint paths such as /v1/health are appended');

const Message = z.string().max(SYNC_LIMITS.maxMessageChars);

export const InboxChannel = z.enum(['website', 'wechat', 'app']).describe('Where the guest submitted');
export type InboxChannel = z.infer<typeof InboxChannel>;

// ---- the audit head ----------------------------------------------------------------------

/** The newest entry of the device's hash-chained audit log. */
export const AuditHead = z
  .strictObject({
    seq: z.int().min(1).describe('Sequence number of the entry; the first entry is 1'),
    hash: Hash.describe("The entry's chain hash as the device stores it"),
  })
  .describe('Sequence number and chain hash of one audit entry');
export type AuditHead = z.infer<typeof AuditHead>;

/**
 * The device's own entry at the sequence number of the head the central side holds. `hash`
 * is null when the device has no entry there: its history is shorter than what it reported.
 */
export const AuditCheckpoint = z
  .strictObject({
    seq: z.int().min(1),
    hash: Hash.nullable().describe('null: the device has no audit entry with this sequence number'),
  })
  .describe('The device chain entry at the sequence number of the head the central side acknowledged');
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

// ---- errors ------------------------------------------------------------------------------

export const ErrorResponse = z
  .strictObject({
    error: z.strictObject({
      code: SyncErrorCodeSchema,
      message: Message.describe('English, for logs and the maintainer; never guest data'),
      checkpointSeq: z
        .int()
        .min(1)
        .optional()
        .describe('audit_checkpoint_required only: the audit sequence number to send a checkpoint for'),
    }),
  })
  .meta({ title: 'ErrorResponse', description: 'The body of every error answer from the central side' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

// ---- health ------------------------------------------------------------------------------

export const HealthResponse = z
  .strictObject({
    status: z.literal('ok'),
    protocol: z
      .string()
      .regex(/^\d{1,3}\.\d{1,3}$/)
      .describe('The version the central side answers in'),
    serverTime: Timestamp,
    deviceId: Uuid.nullable().describe('The device this token is enrolled as; null before enrolment'),
    centralPublicKey: PublicKey.describe('The key outbox items must be sealed to'),
  })
  .meta({ title: 'HealthResponse', description: 'GET /v1/health: the test-connection answer' });
export type HealthResponse = z.infer<typeof HealthResponse>;

// ---- enrolment ---------------------------------------------------------------------------

export const EnrolmentRequest = z
  .strictObject({
    deviceId: Uuid,
    devicePublicKey: PublicKey.describe('The key inbox items are sealed to'),
    deviceName: DeviceName,
    appVersion: z.string().min(1).max(40),
  })
  .meta({ title: 'EnrolmentRequest', description: 'POST /v1/enrolment: binds this token to one device' });
export type EnrolmentRequest = z.infer<typeof EnrolmentRequest>;

export const EnrolmentResponse = z
  .strictObject({
    deviceId: Uuid,
    enrolledAt: Timestamp,
    centralPublicKey: PublicKey,
  })
  .meta({
    title: 'EnrolmentResponse',
    description: 'POST /v1/enrolment: the binding the central side holds',
  });
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

/** What an enrolment code carries, once decoded (see enrolment-code.ts). */
export const EnrolmentCodeContent = z
  .strictObject({
    v: z.literal(1),
    url: CentralUrl,
    token: DeviceToken,
    centralPublicKey: PublicKey,
    tlsPins: z.array(TlsPin).max(SYNC_LIMITS.maxTlsPins).optional(),
  })
  .meta({
    title: 'EnrolmentCodeContent',
    description: 'The JSON inside an enrolment code: everything a maintainer would otherwise type',
  });
export type EnrolmentCodeContent = z.infer<typeof EnrolmentCodeContent>;

// ---- outbox ------------------------------------------------------------------------------

export const OutboxItem = z
  .strictObject({
    id: Uuid.describe('The Idempotency-Key: the same id is never applied twice'),
    recordId: Uuid,
    seq: z.int().min(1).describe('Per-record sequence number: 1, 2, 3, ... with no gaps'),
    sealed: SealedBox.describe('SealedOutboxContent, sealed to the central public key'),
  })
  .describe('One change to one record, sealed');
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxBatchRequest = z
  .strictObject({
    deviceId: Uuid,
    batchId: Uuid.describe('For logs only: a retry may regroup items into a batch with another id'),
    sentAt: Timestamp,
    auditHead: AuditHead,
    auditCheckpoint: AuditCheckpoint.optional().describe(
      'Required once the central side holds a head for this device',
    ),
    items: z.array(OutboxItem).max(SYNC_LIMITS.maxBatchItems),
  })
  .meta({ title: 'OutboxBatchRequest', description: 'POST /v1/outbox/batches' });
export type OutboxBatchRequest = z.infer<typeof OutboxBatchRequest>;

export const REJECT_REASONS = [
  'unsealable',
  'invalid_content',
  'sealed_mismatch',
  'key_reused',
  'seq_conflict',
  'record_conflict',
] as const;
export const RejectReason = z
  .enum(REJECT_REASONS)
  .describe('Why an item was refused for good; see the table in docs/sync-protocol.md');
export type RejectReason = z.infer<typeof RejectReason>;

export const AppliedResult = z.strictObject({
  id: Uuid,
  status: z.literal('applied'),
  appliedAt: Timestamp,
});
export const GapResult = z.strictObject({
  id: Uuid,
  status: z.literal('gap'),
  expectedSeq: z.int().min(1).describe('The sequence number of this record the central side waits for'),
});
export const RejectedResult = z.strictObject({
  id: Uuid,
  status: z.literal('rejected'),
  reason: RejectReason,
  message: Message,
  rejectedAt: Timestamp,
});
export const ItemResult = z
  .discriminatedUnion('status', [AppliedResult, GapResult, RejectedResult])
  .describe('applied and rejected are final and remembered; gap is not');
export type ItemResult = z.infer<typeof ItemResult>;

export const OutboxBatchResponse = z
  .strictObject({
    batchId: Uuid,
    receivedAt: Timestamp,
    auditHead: AuditHead.describe('The head the central side now holds for this device'),
    results: z.array(ItemResult).max(SYNC_LIMITS.maxBatchItems).describe('One per item, in request order'),
  })
  .meta({ title: 'OutboxBatchResponse', description: 'POST /v1/outbox/batches: 200 answer' });
export type OutboxBatchResponse = z.infer<typeof OutboxBatchResponse>;

/** 'submission.claim' is 1.1: a desk takes an online submission; its recordId is the submission id. */
export const OUTBOX_KINDS = ['record.revision', 'record.erasure', 'submission.claim'] as const;
export const OutboxKind = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKind>;

/**
 * The plaintext inside OutboxItem.sealed. crypto_box_seal binds nothing beyond the bytes, so
 * the clear fields are repeated inside: a sealed box moved to another item, record, position
 * or device no longer matches its wrapper, and the central side refuses it.
 */
export const SealedOutboxContent = z
  .strictObject({
    v: z.literal(1),
    id: Uuid,
    deviceId: Uuid,
    recordId: Uuid,
    seq: z.int().min(1),
    kind: OutboxKind,
    occurredAt: Timestamp,
    data: z
      .record(z.string(), z.unknown())
      .describe('The record snapshot (record.revision) or tombstone (record.erasure)'),
  })
  .meta({
    title: 'SealedOutboxContent',
    description: 'UTF-8 JSON inside an outbox item, sealed to the central public key',
  });
export type SealedOutboxContent = z.infer<typeof SealedOutboxContent>;

// ---- inbox -------------------------------------------------------------------------------

export const InboxItem = z
  .strictObject({
    id: Uuid,
    channel: InboxChannel,
    receivedAt: Timestamp.describe(
      'When the central side received the submission: the 2-hour clock starts here',
    ),
    sealed: SealedBox.describe('SealedInboxContent, sealed to the device public key'),
  })
  .describe('One online submission for this device');
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxPage = z
  .strictObject({
    items: z.array(InboxItem).max(SYNC_LIMITS.maxInboxPage),
    nextCursor: Cursor.describe('Ask with it for the next page; acknowledge it once the items are stored'),
    hasMore: z.boolean(),
  })
  .meta({ title: 'InboxPage', description: 'GET /v1/inbox: 200 answer' });
export type InboxPage = z.infer<typeof InboxPage>;

export const SealedInboxContent = z
  .strictObject({
    v: z.literal(1),
    id: Uuid,
    channel: InboxChannel,
    receivedAt: Timestamp,
    submission: GuestDraft.describe(
      'The fields the guest filled in online, named and nested as in the kiosk guest draft (guest-submission)',
    ),
  })
  .meta({
    title: 'SealedInboxContent',
    description: 'UTF-8 JSON inside an inbox item, sealed to the device public key',
  });
export type SealedInboxContent = z.infer<typeof SealedInboxContent>;

export const InboxAckRequest = z.strictObject({ cursor: Cursor }).meta({
  title: 'InboxAckRequest',
  description: 'POST /v1/inbox/ack: everything up to this cursor is stored',
});
export type InboxAckRequest = z.infer<typeof InboxAckRequest>;

export const InboxAckResponse = z
  .strictObject({
    cursor: Cursor.describe('The acknowledged position the central side now holds'),
    acknowledgedAt: Timestamp,
  })
  .meta({ title: 'InboxAckResponse', description: 'POST /v1/inbox/ack: 200 answer' });
export type InboxAckResponse = z.infer<typeof InboxAckResponse>;

export const QUARANTINE_REASONS = ['unsealable', 'invalid_content', 'sealed_mismatch'] as const;
export const QuarantineReason = z.enum(QUARANTINE_REASONS);
export type QuarantineReason = z.infer<typeof QuarantineReason>;

export const InboxReport = z.strictObject({
  id: Uuid.describe('The inbox item the device could not use'),
  reason: QuarantineReason,
  detail: z.string().max(500).optional().describe('English, never content of the item'),
  detectedAt: Timestamp,
});
export type InboxReport = z.infer<typeof InboxReport>;

export const InboxReportRequest = z
  .strictObject({ reports: z.array(InboxReport).min(1).max(SYNC_LIMITS.maxInboxReports) })
  .meta({ title: 'InboxReportRequest', description: 'POST /v1/inbox/reports: items the device quarantined' });
export type InboxReportRequest = z.infer<typeof InboxReportRequest>;

export const InboxReportResponse = z
  .strictObject({ recorded: z.int().min(0).describe('Reports in the request, repeats included') })
  .meta({ title: 'InboxReportResponse', description: 'POST /v1/inbox/reports: 200 answer' });
export type InboxReportResponse = z.infer<typeof InboxReportResponse>;
