import { randomUUID } from 'node:crypto';
import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import type { ItemResult, OutboxBatchResponse, OutboxItem } from '../../shared/sync/wire.js';
import { newBoxKeyPair, sealJsonTo, toBase64 } from '../crypto.js';
import { expectError, expectThat } from './client.js';
import type { Check } from './suite.js';

/** Sections 8 and 10: batches, idempotency, per-record order, sealed content, the audit head. */

function statuses(response: OutboxBatchResponse): string[] {
  return response.results.map((r) =>
    r.status === 'rejected' ? `rejected:${r.reason}` : r.status === 'gap' ? `gap:${r.expectedSeq}` : r.status,
  );
}

function expectStatuses(response: OutboxBatchResponse, expected: string[], what: string): void {
  const got = statuses(response);
  expectThat(
    JSON.stringify(got) === JSON.stringify(expected),
    `${what}: expected ${expected.join(', ')}, got ${got.join(', ')}`,
  );
}

const record1 = randomUUID();
const record2 = randomUUID();
let firstResults: ItemResult[] = [];
let firstItems: OutboxItem[] = [];

export const outboxChecks: Check[] = [
  {
    name: 'a first batch is applied, results one per item in request order, head held (8.2, 8.3)',
    run: async ({ a, enrol, send }) => {
      await enrol(a);
      firstItems = [
        a.item(record1, 2),
        a.item(record1, 1),
        a.item(record2, 1, {
          revision: 1,
          guest: { name: 'Conformance Guest', contact: { phone: '+8613800138000' } },
        }),
      ];
      const body = a.batch(firstItems);
      const response = await send(a, body);
      expectStatuses(response, ['applied', 'applied', 'applied'], 'a record out of array order');
      expectThat(
        response.results.every((r, i) => r.id === firstItems[i]?.id),
        'results name the items in request order',
      );
      expectThat(
        JSON.stringify(response.auditHead) === JSON.stringify(body.auditHead),
        'the answer names the head sent',
      );
      firstResults = response.results;
    },
  },
  {
    name: 'a batch without the checkpoint is 409 audit_checkpoint_required naming the held seq (10)',
    run: async ({ a }) => {
      const body = a.batch([]);
      delete body.auditCheckpoint;
      const reply = await a.call({ path: SYNC_PATHS.outboxBatches, body });
      expectError(reply, 409, 'audit_checkpoint_required', 'no checkpoint');
      const seq = (reply.json as { error?: { checkpointSeq?: number } }).error?.checkpointSeq;
      expectThat(seq === a.heldSeq, `checkpointSeq ${String(seq)} is the head held (${String(a.heldSeq)})`);
    },
  },
  {
    name: 'repeats are answered verbatim from memory, in another batch with other items (8.3 step 2, 8.5)',
    run: async ({ a, send }) => {
      const extra = a.item(record2, 2);
      const response = await send(a, a.batch([extra, ...firstItems]));
      expectThat(response.results[0]?.status === 'applied', 'the new item is applied');
      expectThat(
        JSON.stringify(response.results.slice(1)) === JSON.stringify(firstResults),
        'the repeats are the stored results, byte for byte',
      );
    },
  },
  {
    name: 'the same id for other content is rejected key_reused; the first answer stands (8.3 step 2)',
    run: async ({ a, send }) => {
      const original = firstItems[1];
      if (!original) throw new Error('no first batch');
      const reused = { ...a.item(record1, 1), id: original.id };
      expectStatuses(await send(a, a.batch([reused])), ['rejected:key_reused'], 'a reused key');
      const again = await send(a, a.batch([original]));
      expectThat(
        JSON.stringify(again.results[0]) === JSON.stringify(firstResults[1]),
        'the original is still answered as first',
      );
    },
  },
  {
    name: 'gap with expectedSeq for a position ahead; seq_conflict for a taken one (8.3 step 3)',
    run: async ({ a, send }) => {
      const fresh = randomUUID();
      expectStatuses(await send(a, a.batch([a.item(fresh, 3)])), ['gap:1'], 'seq 3 of a new record');
      expectStatuses(
        await send(a, a.batch([a.item(record1, 1)])),
        ['rejected:seq_conflict'],
        'a new id at a taken position',
      );
      expectStatuses(await send(a, a.batch([a.item(fresh, 3)])), ['gap:1'], 'a gap is not remembered');
    },
  },
  {
    name: 'unsealable, invalid_content and sealed_mismatch take the position: the record moves on (8.3, 9)',
    run: async ({ a, send }) => {
      const record = randomUUID();
      const wrongKey = { ...a.item(record, 1) };
      wrongKey.sealed = sealJsonTo({ v: 1 }, toBase64(newBoxKeyPair().publicKey));
      const notContent = { ...a.item(record, 2) };
      notContent.sealed = sealJsonTo({ v: 1, hello: 'world' }, a.centralPublicKey);
      const moved = a.item(record, 3);
      const mismatch = { ...moved, seq: 3, recordId: record, sealed: a.item(record, 4).sealed };
      const fine = a.item(record, 4);
      expectStatuses(
        await send(a, a.batch([wrongKey, notContent, mismatch, fine])),
        ['rejected:unsealable', 'rejected:invalid_content', 'rejected:sealed_mismatch', 'applied'],
        'three bad items then a good one',
      );
    },
  },
  {
    name: 'an id twice in a batch and a head that contradicts its checkpoint are 400 invalid_request (8.2, 10)',
    run: async ({ a }) => {
      const item = a.item(randomUUID(), 1);
      expectError(
        await a.call({ path: SYNC_PATHS.outboxBatches, body: a.batch([item, item]) }),
        400,
        'invalid_request',
        'an id twice',
      );
      const checkpoint = a.checkpoint();
      const body = a.batch([]);
      if (checkpoint) body.auditHead = { seq: checkpoint.seq, hash: 'f'.repeat(64) };
      expectError(
        await a.call({ path: SYNC_PATHS.outboxBatches, body }),
        400,
        'invalid_request',
        'head at the checkpoint seq with another hash',
      );
    },
  },
  {
    name: "another device's id in the body is 403 device_mismatch; another desk's record is record_conflict (8.1, 8.3)",
    run: async ({ a, b, enrol, send }) => {
      await enrol(b);
      const body = b.batch([]);
      body.deviceId = a.deviceId;
      expectError(
        await b.call({ path: SYNC_PATHS.outboxBatches, body }),
        403,
        'device_mismatch',
        'deviceId of desk A under the token of desk B',
      );
      expectStatuses(
        await send(b, b.batch([b.item(record1, 3)])),
        ['rejected:record_conflict'],
        "desk B writes desk A's record",
      );
    },
  },
  {
    name: 'an empty batch moves the head (8.2, 10)',
    run: async ({ a, send }) => {
      const body = a.batch([]);
      const response = await send(a, body);
      expectThat(response.results.length === 0, 'no results');
      expectThat(
        JSON.stringify(response.auditHead) === JSON.stringify(body.auditHead),
        'the new head is held',
      );
    },
  },
  {
    name: 'a rewound history is 409 audit_rewind, applies nothing, and stays refused (10)',
    run: async ({ c, enrol, send }) => {
      await enrol(c);
      await send(c, c.batch([]));
      const body = c.batch([c.item(randomUUID(), 1)]);
      body.auditCheckpoint = { seq: c.heldSeq ?? 1, hash: 'e'.repeat(64) };
      expectError(
        await c.call({ path: SYNC_PATHS.outboxBatches, body }),
        409,
        'audit_rewind',
        'a checkpoint with another hash',
      );
      expectError(
        await c.call({ path: SYNC_PATHS.outboxBatches, body: c.batch([]) }),
        409,
        'audit_rewind',
        'the honest checkpoint afterwards',
      );
    },
  },
];
