import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  JSON_MEDIA_TYPE,
  PATH_PREFIX,
  PROTOCOL_HEADER,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION_PATTERN,
  SYNC_LIMITS,
  SYNC_PATHS,
} from '../../shared/sync/protocol.js';
import { InboxChannel } from '../../shared/sync/wire.js';
import { schemaVersion } from '../db/migrations.js';
import { device, liveToken, touch } from '../store/devices.js';
import { channelOfKey } from '../store/intake.js';
import { type Answer, error, ok } from './answers.js';
import * as routes from './protocol-routes.js';
import { RateLimiter } from './rate-limit.js';

/**
 * The central service's HTTP face: Fastify carries the bytes, and every request goes through the
 * one check order docs/sync-protocol.md 6.1 fixes (path, method, version, token, media type,
 * body size, JSON, enrolment, schema, device id), so any mistake gets the same error everywhere.
 */

/** The newest minor this central side speaks: it answers min(asked, this). */
export const CENTRAL_MINOR = 1;
/** A body over the limit is still read up to here, so the 413 can be heard. */
const DRAIN_CAP_BYTES = 4 * SYNC_LIMITS.maxBodyBytes;
const INTAKE_PREFIX = `${PATH_PREFIX}/intake/`;
const LOOKUPS_PATH = `${PATH_PREFIX}/lookups`;
function isChannel(text: string): text is InboxChannel {
  return InboxChannel.safeParse(text).success;
}

type Route = {
  method: 'GET' | 'POST';
  minMinor: number;
  run: (deps: routes.RouteDeps, asked: routes.Asked, version: string) => Answer | Promise<Answer>;
};

const ROUTES = new Map<string, Route>([
  [SYNC_PATHS.health, { method: 'GET', minMinor: 0, run: routes.health }],
  [SYNC_PATHS.enrolment, { method: 'POST', minMinor: 0, run: routes.enrolment }],
  [SYNC_PATHS.outboxBatches, { method: 'POST', minMinor: 0, run: routes.outboxBatch }],
  [SYNC_PATHS.inbox, { method: 'GET', minMinor: 0, run: routes.inbox }],
  [SYNC_PATHS.inboxAck, { method: 'POST', minMinor: 0, run: routes.inboxAck }],
  [SYNC_PATHS.inboxReports, { method: 'POST', minMinor: 0, run: routes.inboxReports }],
  [LOOKUPS_PATH, { method: 'POST', minMinor: 1, run: routes.lookups }],
]);

export interface CentralAppOptions extends routes.RouteDeps {
  /** per device token or channel key, per process */
  requestsPerMinute?: number;
  /** intake submissions per channel key, per process */
  intakePerMinute?: number;
  /** answer 503 with Retry-After to every protocol request (planned maintenance) */
  maintenance?: () => boolean;
}

function bearer(req: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

function mediaTypeOk(req: FastifyRequest): boolean {
  const parts = (req.headers['content-type'] ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  return parts[0] === 'application/json' && parts.slice(1).every((p) => p === '' || p === 'charset=utf-8');
}

type Json = { ok: true; value: unknown } | { ok: false; answer: Answer };

function parseBody(body: unknown): Json {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (bytes.length > SYNC_LIMITS.maxBodyBytes) {
    return {
      ok: false,
      answer: error('payload_too_large', `bodies are limited to ${SYNC_LIMITS.maxBodyBytes} bytes`),
    };
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, answer: error('invalid_request', 'the body is not UTF-8 JSON') };
  }
}

export function buildCentralApp(options: CentralAppOptions): FastifyInstance {
  const app = Fastify({ bodyLimit: DRAIN_CAP_BYTES, logger: false, return503OnClosing: true });
  const limiter = new RateLimiter(options.requestsPerMinute ?? 600);
  const intakeLimiter = new RateLimiter(options.intakePerMinute ?? 120);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DRAIN_CAP_BYTES }, (_req, body, done) => {
    done(null, body);
  });

  const send = (reply: FastifyReply, answer: Answer, minor: number): FastifyReply =>
    reply
      .code(answer.status)
      .headers({
        'Content-Type': JSON_MEDIA_TYPE,
        'Cache-Control': 'no-store',
        [PROTOCOL_HEADER]: `${PROTOCOL_MAJOR}.${minor}`,
        ...answer.headers,
      })
      .send(JSON.stringify(answer.body));

  app.setErrorHandler((cause: { statusCode?: number }, _req, reply) => {
    const answer =
      cause.statusCode === 413
        ? error('payload_too_large', `bodies are limited to ${SYNC_LIMITS.maxBodyBytes} bytes`)
        : error('internal', 'the central service failed');
    return send(reply, answer, 0);
  });

  // operators and load balancers: no token, no guest data
  app.get('/healthz', async (_req, reply) => {
    try {
      const version = await schemaVersion(options.pool);
      return await reply.send({ status: 'ok', schemaVersion: version });
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  app.all('/*', async (req, reply) => {
    const url = new URL(req.url, 'http://central.invalid');
    const path = url.pathname;
    const minorAsked = (): number | null => {
      const version = PROTOCOL_VERSION_PATTERN.exec(String(req.headers[PROTOCOL_HEADER.toLowerCase()] ?? ''));
      if (version?.[1] === undefined || version[2] === undefined || Number(version[1]) !== PROTOCOL_MAJOR)
        return null;
      return Math.min(Number(version[2]), CENTRAL_MINOR);
    };

    if (path.startsWith(INTAKE_PREFIX)) {
      const channel = path.slice(INTAKE_PREFIX.length);
      if (!isChannel(channel)) return send(reply, error('not_found', `no such channel: ${channel}`), 0);
      if (req.method !== 'POST')
        return send(
          reply,
          { ...error('method_not_allowed', 'intake takes POST'), headers: { Allow: 'POST' } },
          0,
        );
      const minor = minorAsked();
      if (minor === null) return send(reply, error('unsupported_version', `send ${PROTOCOL_HEADER}: 1.1`), 0);
      const key = bearer(req);
      const keyChannel = key === null ? null : await channelOfKey(options.pool, key);
      if (key === null || keyChannel !== channel)
        return send(reply, error('unauthorized', 'missing, unknown or revoked channel key'), minor);
      if (!intakeLimiter.take(key))
        return send(
          reply,
          error('rate_limited', 'too many submissions from this channel; try again later'),
          minor,
        );
      if (!mediaTypeOk(req))
        return send(reply, error('unsupported_media_type', `send ${JSON_MEDIA_TYPE}`), minor);
      const json = parseBody(req.body);
      if (!json.ok) return send(reply, json.answer, minor);
      return send(reply, await routes.intake(options, channel, json.value), minor);
    }

    const route = ROUTES.get(path);
    const minor = minorAsked();
    if (!route || (minor !== null && minor < route.minMinor))
      return send(reply, error('not_found', `no such endpoint: ${path}`), minor ?? 0);
    if (req.method !== route.method) {
      return send(
        reply,
        { ...error('method_not_allowed', `${path} takes ${route.method}`), headers: { Allow: route.method } },
        minor ?? 0,
      );
    }
    if (minor === null)
      return send(
        reply,
        error('unsupported_version', `send ${PROTOCOL_HEADER}: ${PROTOCOL_MAJOR}.${CENTRAL_MINOR}`),
        0,
      );
    if (options.maintenance?.())
      return send(reply, error('unavailable', 'the central service is in maintenance'), minor);
    const token = bearer(req);
    const row = token === null ? null : await liveToken(options.pool, token, options.now());
    if (token === null || !row)
      return send(reply, error('unauthorized', 'missing, unknown or revoked device token'), minor);
    if (!limiter.take(row.token_hash))
      return send(reply, error('rate_limited', 'too many requests from this device; try again later'), minor);
    let json: unknown = null;
    if (route.method === 'POST') {
      if (!mediaTypeOk(req))
        return send(reply, error('unsupported_media_type', `send ${JSON_MEDIA_TYPE}`), minor);
      const parsed = parseBody(req.body);
      if (!parsed.ok) return send(reply, parsed.answer, minor);
      json = parsed.value;
    }
    if (path !== SYNC_PATHS.inbox && url.search !== '') {
      return send(reply, error('invalid_request', `${path} takes no query string`), minor);
    }
    const desk = row.device_id === null ? null : await device(options.pool, row.device_id);
    if (desk && route !== ROUTES.get(SYNC_PATHS.outboxBatches))
      await touch(options.pool, desk.device_id, options.now());
    const asked: routes.Asked = { minor, token: row, device: desk, json, query: url.searchParams };
    return send(reply, await route.run(options, asked, `${PROTOCOL_MAJOR}.${minor}`), minor);
  });
  return app;
}

export { ok };
