import { randomUUID } from 'node:crypto';
import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import {
  InboxAckResponse,
  InboxPage,
  InboxReportResponse,
  SealedInboxContent,
} from '../../shared/sync/wire.js';
import {
  InboxPageV11,
  IntakeResponse,
  LookupResponse,
  SealedLookupAnswer,
} from '../../shared/sync/wire-1-1.js';
import { openSealedJson, sealJsonTo } from '../crypto.js';
import { call, type Desk, expectError, expectThat, parsed } from './client.js';
import type { Check } from './suite.js';

/** Section 11 (inbox), and the 1.1 additions: intake (16), claims and withdrawals (11.4), look-ups (17). */

let submissionId = '';

async function page(desk: Desk, query = '', version = '1.1'): Promise<InboxPageV11> {
  return parsed(
    await desk.call({ path: `${SYNC_PATHS.inbox}${query}`, version }),
    200,
    InboxPageV11,
    `${desk.name}: inbox`,
  );
}

export const inboxChecks: Check[] = [
  {
    name: 'an inbox page, its cursor acknowledged forward only, an unknown cursor 400 invalid_cursor (11.1, 11.2)',
    run: async ({ a, enrol }) => {
      await enrol(a);
      const first = parsed(
        await a.call({ path: SYNC_PATHS.inbox, version: '1.0' }),
        200,
        InboxPage,
        'GET /v1/inbox',
      );
      const ack = parsed(
        await a.call({ path: SYNC_PATHS.inboxAck, body: { cursor: first.nextCursor } }),
        200,
        InboxAckResponse,
        'ack',
      );
      expectThat(ack.cursor === first.nextCursor, 'the ack names the position held');
      expectError(
        await a.call({ path: `${SYNC_PATHS.inbox}?cursor=never-given-1` }),
        400,
        'invalid_cursor',
        'a cursor never given',
      );
      expectError(
        await a.call({ path: SYNC_PATHS.inboxAck, body: { cursor: 'never-given-2' } }),
        400,
        'invalid_cursor',
        'ack of a cursor never given',
      );
    },
  },
  {
    name: 'limit outside 1..100, unknown or repeated query parameters are 400 invalid_request (11.1)',
    run: async ({ a, enrol }) => {
      await enrol(a);
      for (const query of [
        '?limit=0',
        '?limit=101',
        '?limit=abc',
        '?limit=01',
        '?foo=1',
        '?limit=5&limit=6',
      ]) {
        expectError(
          await a.call({ path: `${SYNC_PATHS.inbox}${query}` }),
          400,
          'invalid_request',
          `inbox${query}`,
        );
      }
      await page(a, '?limit=100');
    },
  },
  {
    name: 'quarantine reports are recorded idempotently, ids never issued included (11.3)',
    run: async ({ a, enrol }) => {
      await enrol(a);
      const report = {
        id: randomUUID(),
        reason: 'unsealable',
        detail: 'conformance',
        detectedAt: new Date().toISOString(),
      };
      for (let i = 0; i < 2; i += 1) {
        const answer = parsed(
          await a.call({ path: SYNC_PATHS.inboxReports, body: { reports: [report] } }),
          200,
          InboxReportResponse,
          'reports',
        );
        expectThat(answer.recorded === 1, 'recorded counts the reports in the request');
      }
    },
  },
  {
    name: '1.1 intake: a submission is offered to every enrolled desk, sealed to each (16)',
    run: async ({ url, a, b, enrol, channelKey }) => {
      if (!channelKey) return 'skip';
      await enrol(a);
      await enrol(b);
      const submission = { name: 'Online Guest', contact: { phone: '+8613900139000' } };
      const path = `/v1/intake/${channelKey.channel}`;
      expectError(
        await call(url, { path, token: 'sdc_wrong_' + 'x'.repeat(40), body: { submission } }),
        401,
        'unauthorized',
        'a wrong channel key',
      );
      expectError(
        await call(url, { path, token: channelKey.key, body: { submission: { phone: '+86' } } }),
        400,
        'invalid_request',
        'phone outside contact',
      );
      const id = randomUUID();
      const made = parsed(
        await call(url, { path, token: channelKey.key, body: { id, submission } }),
        201,
        IntakeResponse,
        'intake',
      );
      expectThat(made.offeredTo >= 2, 'offered to both desks');
      parsed(
        await call(url, { path, token: channelKey.key, body: { id, submission } }),
        200,
        IntakeResponse,
        'the same submission again',
      );
      expectError(
        await call(url, { path, token: channelKey.key, body: { id, submission: { name: 'Other' } } }),
        409,
        'submission_conflict',
        'the id for other content',
      );
      submissionId = made.id;
      for (const desk of [a, b]) {
        const item = (await page(desk, '?limit=100')).items.find((i) => i.id === submissionId);
        expectThat(item !== undefined && 'sealed' in item, `${desk.name} was offered it`);
        const opened = openSealedJson(item.sealed, [desk.keys]);
        const content = SealedInboxContent.safeParse(opened.ok ? opened.value : null);
        expectThat(
          content.success && content.data.receivedAt === item.receivedAt,
          `${desk.name}: the sealed content matches its wrapper`,
        );
      }
    },
  },
  {
    name: '1.1 claims: the first desk wins, the other gets record_conflict and a withdrawal (11.4)',
    run: async ({ a, b, send, channelKey }) => {
      if (!channelKey || submissionId === '') return 'skip';
      const claimA = a.item(submissionId, 1, {}, 'submission.claim');
      const claimB = b.item(submissionId, 1, {}, 'submission.claim');
      const won = await send(a, a.batch([claimA]));
      expectThat(won.results[0]?.status === 'applied', 'desk A claims first: applied');
      const lost = await send(b, b.batch([claimB]));
      const result = lost.results[0];
      expectThat(
        result?.status === 'rejected' && result.reason === 'record_conflict',
        'desk B claims second: record_conflict',
      );
      const withdrawal = (await page(b, '?limit=100')).items.find(
        (i) => 'kind' in i && i.withdraws === submissionId,
      );
      expectThat(withdrawal !== undefined, "desk B's inbox withdraws it");
      const old = parsed(
        await b.call({ path: `${SYNC_PATHS.inbox}?limit=100`, version: '1.0' }),
        200,
        InboxPage,
        'a 1.0 inbox',
      );
      expectThat(
        old.items.every((i) => i.id !== withdrawal.id),
        'a 1.0 page carries no withdrawal',
      );
      const mine = (await page(a, '?limit=100')).items.some(
        (i) => 'kind' in i && i.withdraws === submissionId,
      );
      expectThat(!mine, 'the winner gets no withdrawal');
    },
  },
  {
    name: "1.1 look-ups: desk B finds desk A's guest by phone, query and answer sealed (17)",
    run: async ({ a, b, enrol, send }) => {
      await enrol(a);
      await enrol(b);
      const guest = { name: 'Returning Guest', contact: { phone: '+8613800138000' } };
      await send(a, a.batch([a.item(randomUUID(), 1, { revision: 1, guest })]));
      const lookupId = randomUUID();
      const query = { v: 1, id: lookupId, deviceId: b.deviceId, kind: 'duplicates', phone: '+8613800138000' };
      const body = { deviceId: b.deviceId, lookupId, sealed: sealJsonTo(query, b.centralPublicKey) };
      const answer = parsed(
        await b.call({ path: '/v1/lookups', body }),
        200,
        LookupResponse,
        'POST /v1/lookups',
      );
      const opened = openSealedJson(answer.sealed, [b.keys]);
      const content = SealedLookupAnswer.safeParse(opened.ok ? opened.value : null);
      expectThat(
        content.success && content.data.id === lookupId,
        'the answer opens with the desk key and names the look-up',
      );
      expectThat(
        content.data.matches.some((m) => m.deviceId.toLowerCase() === a.deviceId),
        "desk A's record is found",
      );
      expectError(
        await b.call({ path: '/v1/lookups', body, version: '1.0' }),
        404,
        'not_found',
        'look-ups asked in 1.0',
      );
    },
  },
];
