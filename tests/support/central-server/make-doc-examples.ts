/**
 * Prints fresh example messages for docs/sync-protocol.md, with real sealed values made with the
 * demo keys (doc-examples.ts). Sealing is randomised, so each run prints other ciphertexts;
 * paste what you need. Run: npx tsx tests/support/central-server/make-doc-examples.ts
 */
import { encodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import type { SealedInboxContent, SealedOutboxContent } from '../../../shared/sync/wire.js';
import { demoKeys } from './doc-examples.js';
import { sealJson, sodiumReady, toBase64 } from './sealing.js';

await sodiumReady();
const keys = demoKeys();
const central = toBase64(keys.central.publicKey);
const device = toBase64(keys.device.publicKey);
const deviceId = '3f1c2a9e-7b4d-4c1e-9a2f-5d6e7f809a1b';
const recordId = '9b2e4c6a-1d3f-4a5b-8c7d-0e1f2a3b4c5d';

const contents: SealedOutboxContent[] = [
  {
    v: 1,
    id: '0d6a1f3e-5b7c-4d9e-8f1a-2b3c4d5e6f70',
    deviceId,
    recordId,
    seq: 1,
    kind: 'record.revision',
    occurredAt: '2025-01-18T02:14:07.512Z',
    data: {
      revision: 1,
      guest: { name: 'Example Guest', contact: { phone: '+8613800138000' } },
      workflow: { revision: 1, supersedes: null, channel: 'walk_in', state: 'awaiting_cross_review' },
    },
  },
  {
    v: 1,
    id: '1e7b2a4f-6c8d-4e0f-9a2b-3c4d5e6f7081',
    deviceId,
    recordId,
    seq: 2,
    kind: 'record.revision',
    occurredAt: '2025-01-18T02:31:44.090Z',
    data: {
      revision: 1,
      guest: { name: 'Example Guest', contact: { phone: '+8613800138000' } },
      workflow: { revision: 1, supersedes: null, channel: 'walk_in', state: 'valid' },
    },
  },
];
const inbox: SealedInboxContent = {
  v: 1,
  id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
  channel: 'wechat',
  receivedAt: '2025-01-18T01:58:00.000Z',
  submission: { name: 'Example Guest', contact: { phone: '+8613800138000' } },
};
const lookupQuery = {
  v: 1,
  id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  deviceId,
  kind: 'duplicates',
  phone: '+8613800138000',
};
const lookupAnswer = {
  v: 1,
  id: lookupQuery.id,
  matches: [
    {
      recordId,
      deviceId: '6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d',
      seq: 2,
      updatedAt: '2025-01-18T02:40:01.398Z',
      data: contents[1]?.data ?? {},
    },
  ],
};

const out = {
  keys: {
    centralPublicKey: central,
    centralPrivateKey: toBase64(keys.central.privateKey),
    devicePublicKey: device,
    devicePrivateKey: toBase64(keys.device.privateKey),
  },
  outboxItems: contents.map((c) => ({
    id: c.id,
    recordId: c.recordId,
    seq: c.seq,
    sealed: sealJson(c, central),
  })),
  outboxContents: contents,
  inboxItem: {
    id: inbox.id,
    channel: inbox.channel,
    receivedAt: inbox.receivedAt,
    sealed: sealJson(inbox, device),
  },
  inboxContent: inbox,
  lookupRequest: { deviceId, lookupId: lookupQuery.id, sealed: sealJson(lookupQuery, central) },
  lookupResponse: { lookupId: lookupQuery.id, sealed: sealJson(lookupAnswer, device) },
  lookupQuery,
  lookupAnswer,
  enrolmentCode: encodeEnrolmentCode({
    v: 1,
    url: 'https://central.resort.example/snowdesk',
    token: 'sdt_4mJ9qV2xL7cR1pZ8wK3nB6yT0hF5gD2s',
    centralPublicKey: central,
    tlsPins: ['3b1f0c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c'],
  }),
};
console.log(JSON.stringify(out, null, 2));
