/**
 * The fixed words of the sync contract (docs/sync-protocol.md): version, headers, paths and
 * limits. The kiosk's sync client and the central test server both read them from here, so a
 * limit changed in one place cannot leave the other side behind.
 */

/** The major version is in every path; a breaking change gets a new prefix, never a new meaning. */
export const PROTOCOL_MAJOR = 1;
/** Major.minor that this build speaks; minors only add optional fields and endpoints. */
export const PROTOCOL_VERSION = '1.0';
export const PATH_PREFIX = `/v${PROTOCOL_MAJOR}`;

/** Sent on every request and every answer, so each side knows which minor the other speaks. */
export const PROTOCOL_HEADER = 'Snowdesk-Protocol';
export const PROTOCOL_VERSION_PATTERN = /^(\d{1,3})\.(\d{1,3})$/;

export const SYNC_PATHS = {
  health: `${PATH_PREFIX}/health`,
  enrolment: `${PATH_PREFIX}/enrolment`,
  outboxBatches: `${PATH_PREFIX}/outbox/batches`,
  inbox: `${PATH_PREFIX}/inbox`,
  inboxAck: `${PATH_PREFIX}/inbox/ack`,
  inboxReports: `${PATH_PREFIX}/inbox/reports`,
} as const;
export type SyncPath = (typeof SYNC_PATHS)[keyof typeof SYNC_PATHS];

/** The media type of every request and answer body. */
export const JSON_MEDIA_TYPE = 'application/json; charset=utf-8';

export const SYNC_LIMITS = {
  /** a request or answer body, in bytes of UTF-8; a device stops reading an answer beyond it */
  maxBodyBytes: 4 * 1024 * 1024,
  /** outbox items per batch; a batch may also be empty, to report the audit head alone */
  maxBatchItems: 500,
  /** plaintext inside one seal, in bytes */
  maxSealedPlaintextBytes: 64 * 1024,
  /** the base64 text of one sealed box: 64 KiB plaintext + 48 bytes of crypto_box_seal */
  maxSealedChars: 87_448,
  /** inbox items per page: a device asks for at most this many */
  maxInboxPage: 100,
  defaultInboxPage: 50,
  /** quarantine reports per request */
  maxInboxReports: 100,
  maxCursorChars: 512,
  /** free text (error messages, report details) */
  maxMessageChars: 1000,
  /** a device honours Retry-After up to this long; a larger value is taken as this */
  maxRetryAfterSeconds: 3600,
  /** certificate pins an enrolment carries: two lets the central side rotate its certificate */
  maxTlsPins: 2,
} as const;
