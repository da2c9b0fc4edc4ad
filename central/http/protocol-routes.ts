import { SYNC_LIMITS } from '../../shared/sync/protocol.js';
import {
  Cursor,
  EnrolmentRequest,
  InboxAckRequest,
  InboxReportRequest,
  OutboxBatchRequest,
  SealedOutboxContent,
} from '../../shared/sync/wire.js';
import { IntakeRequest, LookupRequest, SealedLookupQuery } from '../../shared/sync/wire-1-1.js';
import { openSealedJson, sealJsonTo } from '../crypto.js';
import type { CentralKeys } from '../keys.js';
import { currentPublicKey } from '../keys.js';
import type { Pool } from '../db/pool.js';
import { applyBatch, type ContentCheck } from '../store/batches.js';
import { type DeviceRow, device, enrol, type TokenRow } from '../store/devices.js';
import { ackInbox, decodeCursor, encodeCursor, inboxPage, recordReports } from '../store/inbox.js';
import { submit } from '../store/intake.js';
import { lookUp } from '../store/lookups.js';
import { type Answer, error, fromOutcome, ok, schemaProblem } from './answers.js';

/** What one request has proved by the time its route runs. */
export interface Asked {
  minor: number;
  token: TokenRow;
  device: DeviceRow | null;
  json: unknown;
  query: URLSearchParams;
}

export interface RouteDeps {
  pool: Pool;
  keys: CentralKeys;
  now: () => Date;
  /** test hooks for kill -9 tests: run for batches with items, inside the transaction / after its commit */
  beforeCommit?: () => Promise<void>;
  afterCommit?: () => Promise<void>;
}

/** An outbox item's turn has come: it must open, be content of the contract, and match its wrapper. */
export function contentCheck(keys: CentralKeys): ContentCheck {
  return (item, deviceId) => {
    const opened = openSealedJson(item.sealed, keys.box);
    if (!opened.ok) {
      return opened.problem === 'unsealable'
        ? { ok: false, reason: 'unsealable', message: 'the sealed box does not open with the central key' }
        : { ok: false, reason: 'invalid_content', message: 'the sealed content is not UTF-8 JSON' };
    }
    const content = SealedOutboxContent.safeParse(opened.value);
    if (!content.success)
      return { ok: false, reason: 'invalid_content', message: schemaProblem(content.error) };
    const c = content.data;
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
    if (
      !same(c.id, item.id) ||
      !same(c.recordId, item.recordId) ||
      c.seq !== item.seq ||
      !same(c.deviceId, deviceId)
    ) {
      return { ok: false, reason: 'sealed_mismatch', message: 'the sealed content belongs to another item' };
    }
    return { ok: true, content: c };
  };
}

function needDevice(asked: Asked): DeviceRow | Answer {
  return asked.device ?? error('not_enrolled', 'enrol this token first (POST /v1/enrolment)');
}

function isAnswer(value: DeviceRow | Answer): value is Answer {
  return 'status' in value;
}

export function health(deps: RouteDeps, asked: Asked, version: string): Answer {
  return ok({
    status: 'ok',
    protocol: version,
    serverTime: deps.now().toISOString(),
    deviceId: asked.token.device_id,
    centralPublicKey: currentPublicKey(deps.keys),
  });
}

export async function enrolment(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const request = EnrolmentRequest.safeParse(asked.json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  const data = { ...request.data, deviceId: request.data.deviceId.toLowerCase() };
  const outcome = await enrol(deps.pool, asked.token.token_hash, data, deps.now());
  if (!outcome.ok) return fromOutcome(outcome);
  return ok({
    deviceId: outcome.value.device_id,
    enrolledAt: outcome.value.enrolled_at.toISOString(),
    centralPublicKey: currentPublicKey(deps.keys),
  });
}

export async function outboxBatch(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const desk = needDevice(asked);
  if (isAnswer(desk)) return desk;
  const request = OutboxBatchRequest.safeParse(asked.json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  if (request.data.deviceId.toLowerCase() !== desk.device_id) {
    return error('device_mismatch', 'deviceId is not the device this token is enrolled as');
  }
  const ids = new Set(request.data.items.map((item) => item.id.toLowerCase()));
  if (ids.size !== request.data.items.length) return error('invalid_request', 'an item id appears twice');
  const outcome = await applyBatch(
    {
      pool: deps.pool,
      dataKey: deps.keys.dataKey,
      lookupKey: deps.keys.lookupKey,
      check: contentCheck(deps.keys),
      now: deps.now(),
      ...(deps.beforeCommit && request.data.items.length > 0 ? { beforeCommit: deps.beforeCommit } : {}),
    },
    desk.device_id,
    request.data,
  );
  if (deps.afterCommit && outcome.ok && request.data.items.length > 0) await deps.afterCommit();
  return fromOutcome(outcome);
}

const LIMIT_PATTERN = /^[1-9]\d{0,2}$/;

function cursorAt(deps: RouteDeps, desk: DeviceRow, text: string): number | null {
  return Cursor.safeParse(text).success ? decodeCursor(desk.device_id, text, deps.keys.lookupKey) : null;
}

export async function inbox(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const desk = needDevice(asked);
  if (isAnswer(desk)) return desk;
  const names = [...asked.query.keys()];
  if (names.some((name) => name !== 'cursor' && name !== 'limit') || new Set(names).size !== names.length) {
    return error('invalid_request', 'the inbox takes cursor and limit, each at most once');
  }
  const limitText = asked.query.get('limit');
  const limit = limitText === null ? SYNC_LIMITS.defaultInboxPage : Number(limitText);
  if ((limitText !== null && !LIMIT_PATTERN.test(limitText)) || limit > SYNC_LIMITS.maxInboxPage) {
    return error('invalid_request', `limit is 1 to ${SYNC_LIMITS.maxInboxPage}`);
  }
  const cursorText = asked.query.get('cursor');
  let after = Number(desk.inbox_acked);
  if (cursorText !== null) {
    const position = cursorAt(deps, desk, cursorText);
    if (position === null) return error('invalid_cursor', 'this cursor was never given to this device');
    after = position;
  }
  const page = await inboxPage(
    deps.pool,
    desk.device_id,
    after,
    limit,
    SYNC_LIMITS.maxBodyBytes - 64 * 1024,
    asked.minor >= 1,
  );
  return ok({
    items: page.items,
    nextCursor: encodeCursor(desk.device_id, page.last, deps.keys.lookupKey),
    hasMore: page.hasMore,
  });
}

export async function inboxAck(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const desk = needDevice(asked);
  if (isAnswer(desk)) return desk;
  const request = InboxAckRequest.safeParse(asked.json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  const position = cursorAt(deps, desk, request.data.cursor);
  if (position === null) return error('invalid_cursor', 'this cursor was never given to this device');
  const acked = await ackInbox(deps.pool, desk.device_id, position);
  return ok({
    cursor: encodeCursor(desk.device_id, acked, deps.keys.lookupKey),
    acknowledgedAt: deps.now().toISOString(),
  });
}

export async function inboxReports(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const desk = needDevice(asked);
  if (isAnswer(desk)) return desk;
  const request = InboxReportRequest.safeParse(asked.json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  return ok({ recorded: await recordReports(deps.pool, desk.device_id, request.data.reports, deps.now()) });
}

export async function lookups(deps: RouteDeps, asked: Asked): Promise<Answer> {
  const desk = needDevice(asked);
  if (isAnswer(desk)) return desk;
  const request = LookupRequest.safeParse(asked.json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  if (request.data.deviceId.toLowerCase() !== desk.device_id) {
    return error('device_mismatch', 'deviceId is not the device this token is enrolled as');
  }
  const opened = openSealedJson(request.data.sealed, deps.keys.box);
  const query = opened.ok ? SealedLookupQuery.safeParse(opened.value) : null;
  if (
    !query?.success ||
    query.data.id !== request.data.lookupId ||
    query.data.deviceId.toLowerCase() !== desk.device_id
  ) {
    return error('invalid_request', 'the sealed query does not open to a look-up of this device');
  }
  const answer = await lookUp(deps.pool, deps.keys, { ...query.data, deviceId: desk.device_id }, deps.now());
  return ok({ lookupId: request.data.lookupId, sealed: sealJsonTo(answer, desk.public_key) });
}

/** The intake of one channel: a channel back end's submission, offered to every desk. */
export async function intake(
  deps: RouteDeps,
  channel: 'website' | 'wechat' | 'app',
  json: unknown,
): Promise<Answer> {
  const request = IntakeRequest.safeParse(json);
  if (!request.success) return error('invalid_request', schemaProblem(request.error));
  const outcome = await submit(deps.pool, deps.keys.dataKey, channel, request.data, deps.now());
  if ('conflict' in outcome)
    return error('submission_conflict', 'this submission id was already used for other content');
  return ok(outcome.value, outcome.created ? 201 : 200);
}

export { device as loadDevice };
