import { z } from 'zod';
import { GuestDraft } from '../domain/guest-record.js';
import { SYNC_LIMITS } from './protocol.js';
import { Cursor, InboxItem, SealedBox, Timestamp, Uuid } from './wire.js';

/**
 * What protocol 1.1 adds (docs/sync-protocol.md, sections 11.4, 16 and 17). Only additions:
 * a central side answers a 1.0 device in 1.0 messages, so none of these reach it.
 */

/** The fields a guest fills in online, exactly as the kiosk's guest draft names them. */
export const GuestSubmission = GuestDraft.meta({
  title: 'GuestSubmission',
  description:
    'The fields of an online submission, named as in the kiosk guest draft (contact.phone, idDocument.number, ...)',
});
export type GuestSubmission = z.infer<typeof GuestSubmission>;

/** 1.1: another desk claimed the submission first; no guest data, so nothing is sealed. */
export const InboxWithdrawal = z
  .strictObject({
    id: Uuid.describe('This withdrawal notice, a new id'),
    kind: z.literal('withdrawal'),
    withdraws: Uuid.describe('The inbox item (submission) id that another desk claimed'),
    claimedAt: Timestamp,
  })
  .describe('An online submission another desk claimed first: take it out of the online queue');
export type InboxWithdrawal = z.infer<typeof InboxWithdrawal>;

export const InboxPageV11 = z
  .strictObject({
    items: z.array(z.union([InboxItem, InboxWithdrawal])).max(SYNC_LIMITS.maxInboxPage),
    nextCursor: Cursor,
    hasMore: z.boolean(),
  })
  .meta({ title: 'InboxPageV11', description: 'GET /v1/inbox answered in 1.1: submissions and withdrawals' });
export type InboxPageV11 = z.infer<typeof InboxPageV11>;

// ---- intake: the website, WeChat and app back ends hand submissions in --------------------

export const IntakeRequest = z
  .strictObject({
    id: Uuid.optional().describe(
      "The channel's own id for the submission: a repeat is answered as the first time",
    ),
    submission: GuestSubmission,
  })
  .meta({ title: 'IntakeRequest', description: 'POST /v1/intake/{channel}: one online submission' });
export type IntakeRequest = z.infer<typeof IntakeRequest>;

export const IntakeResponse = z
  .strictObject({
    id: Uuid,
    receivedAt: Timestamp.describe('The two-hour clock of R11 starts here'),
    offeredTo: z.int().min(0).describe('How many enrolled desks it was offered to'),
  })
  .meta({ title: 'IntakeResponse', description: 'POST /v1/intake/{channel}: 200 or 201 answer' });
export type IntakeResponse = z.infer<typeof IntakeResponse>;

// ---- central look-ups --------------------------------------------------------------------

export const LOOKUP_KINDS = ['duplicates', 'search'] as const;

export const SealedLookupQuery = z
  .strictObject({
    v: z.literal(1),
    id: Uuid,
    deviceId: Uuid,
    kind: z.enum(LOOKUP_KINDS),
    phone: z.string().min(1).max(40).optional().describe('E.164'),
    idNumber: z.string().min(1).max(40).optional().describe('Canonical document number'),
    name: z.string().min(1).max(100).optional().describe('Full name, normalised as the kiosk does'),
  })
  .meta({
    title: 'SealedLookupQuery',
    description: 'UTF-8 JSON inside a look-up, sealed to the central public key',
  });
export type SealedLookupQuery = z.infer<typeof SealedLookupQuery>;

export const LookupRequest = z
  .strictObject({ deviceId: Uuid, lookupId: Uuid, sealed: SealedBox.describe('SealedLookupQuery') })
  .meta({ title: 'LookupRequest', description: 'POST /v1/lookups: a sealed duplicate or search query' });
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LookupMatch = z.strictObject({
  recordId: Uuid,
  deviceId: Uuid.describe('The desk that owns the record'),
  seq: z.int().min(1).describe('The newest applied position of the record'),
  updatedAt: Timestamp,
  data: z.record(z.string(), z.unknown()).describe('The record snapshot as that desk sent it'),
});

export const SealedLookupAnswer = z
  .strictObject({ v: z.literal(1), id: Uuid, matches: z.array(LookupMatch).max(20) })
  .meta({
    title: 'SealedLookupAnswer',
    description: 'UTF-8 JSON inside a look-up answer, sealed to the device key',
  });
export type SealedLookupAnswer = z.infer<typeof SealedLookupAnswer>;

export const LookupResponse = z
  .strictObject({ lookupId: Uuid, sealed: SealedBox.describe('SealedLookupAnswer') })
  .meta({ title: 'LookupResponse', description: 'POST /v1/lookups: 200 answer' });
export type LookupResponse = z.infer<typeof LookupResponse>;
