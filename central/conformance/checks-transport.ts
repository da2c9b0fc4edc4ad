import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import { EnrolmentResponse, HealthResponse } from '../../shared/sync/wire.js';
import { call, expectError, expectThat, parsed } from './client.js';
import type { Check } from './suite.js';

/** Sections 3 to 7: versions, paths, methods, tokens, media types, bodies, enrolment. */
export const transportChecks: Check[] = [
  {
    name: 'health answers the schema, the version header, no-store and JSON in UTF-8 (4, 6.1, 7)',
    run: async ({ probe: desk }) => {
      const reply = await desk.call({ path: SYNC_PATHS.health, version: '1.0' });
      const health = parsed(reply, 200, HealthResponse, 'GET /v1/health');
      expectThat(health.deviceId === null, 'deviceId is null before enrolment');
      expectThat(reply.headers.get('snowdesk-protocol') === '1.0', 'a 1.0 request is answered in 1.0');
      expectThat(/no-store/.test(reply.headers.get('cache-control') ?? ''), 'Cache-Control: no-store');
      expectThat(
        /^application\/json; ?charset=utf-8$/i.test(reply.headers.get('content-type') ?? ''),
        'Content-Type: application/json; charset=utf-8',
      );
    },
  },
  {
    name: 'a newer minor is answered in the highest version not newer than asked (4)',
    run: async ({ probe }) => {
      const reply = await probe.call({ path: SYNC_PATHS.health, version: '1.99' });
      const answered = /^1\.(\d{1,3})$/.exec(reply.headers.get('snowdesk-protocol') ?? '');
      expectThat(
        reply.status === 200 && answered !== null && Number(answered[1]) <= 99,
        'answered in 1.x, x <= 99',
      );
      expectThat(
        parsed(reply, 200, HealthResponse, 'health').protocol === reply.headers.get('snowdesk-protocol'),
        'body and header agree',
      );
    },
  },
  {
    name: 'no version header, another major or bad syntax: 400 unsupported_version (4)',
    run: async ({ probe: desk }) => {
      for (const version of [null, '2.0', '1', 'v1.0', '1.0.0']) {
        expectError(
          await desk.call({ path: SYNC_PATHS.health, version }),
          400,
          'unsupported_version',
          `version ${String(version)}`,
        );
      }
    },
  },
  {
    name: 'unknown paths (another major, a trailing slash) are 404 not_found; wrong methods 405 with Allow (4, 6.2)',
    run: async ({ probe: desk }) => {
      expectError(await desk.call({ path: '/v2/health' }), 404, 'not_found', '/v2/health');
      expectError(await desk.call({ path: '/v1/health/' }), 404, 'not_found', 'trailing slash');
      expectError(await desk.call({ path: '/v1/nothing' }), 404, 'not_found', '/v1/nothing');
      const post = await desk.call({ path: SYNC_PATHS.health, body: {} });
      expectError(post, 405, 'method_not_allowed', 'POST /v1/health');
      expectThat(post.headers.get('allow') === 'GET', 'Allow: GET');
      const get = await desk.call({ path: SYNC_PATHS.outboxBatches });
      expectError(get, 405, 'method_not_allowed', 'GET /v1/outbox/batches');
      expectThat(get.headers.get('allow') === 'POST', 'Allow: POST');
      expectError(
        await desk.call({ path: SYNC_PATHS.health, method: 'OPTIONS' }),
        405,
        'method_not_allowed',
        'OPTIONS',
      );
    },
  },
  {
    name: 'a missing or unknown token is 401 unauthorized with WWW-Authenticate (5.1, 6.1)',
    run: async ({ url }) => {
      const none = await call(url, { path: SYNC_PATHS.health, token: null });
      expectError(none, 401, 'unauthorized', 'no token');
      expectThat(
        (none.headers.get('www-authenticate') ?? '').startsWith('Bearer'),
        'WWW-Authenticate: Bearer ...',
      );
      expectError(
        await call(url, { path: SYNC_PATHS.health, token: `x${'A'.repeat(40)}` }),
        401,
        'unauthorized',
        'unknown token',
      );
    },
  },
  {
    name: 'before enrolment the outbox and inbox are 403 not_enrolled (5.3)',
    run: async ({ probe: desk }) => {
      expectError(await desk.call({ path: SYNC_PATHS.inbox }), 403, 'not_enrolled', 'GET /v1/inbox');
      expectError(
        await desk.call({ path: SYNC_PATHS.outboxBatches, body: desk.batch([]) }),
        403,
        'not_enrolled',
        'a batch',
      );
    },
  },
  {
    name: 'media type, JSON, schema and query strings are checked (6.1, 6.2, 18)',
    run: async ({ probe: desk }) => {
      const enrol = {
        deviceId: desk.deviceId,
        devicePublicKey: desk.publicKey,
        deviceName: 'x',
        appVersion: '1',
      };
      const path = SYNC_PATHS.enrolment;
      expectError(
        await desk.call({ path, body: enrol, contentType: 'text/plain' }),
        415,
        'unsupported_media_type',
        'text/plain',
      );
      expectError(
        await desk.call({ path, body: enrol, contentType: 'application/json; charset=latin-1' }),
        415,
        'unsupported_media_type',
        'latin-1',
      );
      expectError(
        await desk.call({ path, rawBody: '{"deviceId":', contentType: 'application/json' }),
        400,
        'invalid_request',
        'not JSON',
      );
      expectError(
        await desk.call({ path, body: { ...enrol, extra: 1 } }),
        400,
        'invalid_request',
        'an unknown field',
      );
      expectError(
        await desk.call({ path: `${path}?x=1`, body: enrol }),
        400,
        'invalid_request',
        'a query string',
      );
    },
  },
  {
    name: 'a body over 4 MiB is read and answered 413 payload_too_large (12)',
    run: async ({ probe: desk }) => {
      const big = JSON.stringify({ pad: 'x'.repeat(4 * 1024 * 1024 + 10) });
      expectError(
        await desk.call({ path: SYNC_PATHS.enrolment, rawBody: big }),
        413,
        'payload_too_large',
        '4 MiB + 10',
      );
    },
  },
  {
    name: 'enrolment binds a token to one device id and key; the same again is 200; anything else 409 (5.3)',
    run: async ({ a: desk, probe: other, enrol }) => {
      const first = await enrol(desk);
      const again = parsed(
        await desk.call({
          path: SYNC_PATHS.enrolment,
          body: {
            deviceId: desk.deviceId,
            devicePublicKey: desk.publicKey,
            deviceName: 'renamed',
            appVersion: '2',
          },
        }),
        200,
        EnrolmentResponse,
        'the same enrolment again',
      );
      expectThat(again.enrolledAt === first.enrolledAt, 'the repeat names the first enrolment time');
      expectError(
        await desk.call({
          path: SYNC_PATHS.enrolment,
          body: {
            deviceId: other.deviceId,
            devicePublicKey: desk.publicKey,
            deviceName: 'x',
            appVersion: '1',
          },
        }),
        409,
        'enrolment_conflict',
        'another device id for a bound token',
      );
      expectError(
        await desk.call({
          path: SYNC_PATHS.enrolment,
          body: {
            deviceId: desk.deviceId,
            devicePublicKey: other.publicKey,
            deviceName: 'x',
            appVersion: '1',
          },
        }),
        409,
        'enrolment_conflict',
        'another public key for a bound token',
      );
      expectError(
        await other.call({
          path: SYNC_PATHS.enrolment,
          body: {
            deviceId: desk.deviceId,
            devicePublicKey: other.publicKey,
            deviceName: 'x',
            appVersion: '1',
          },
        }),
        409,
        'enrolment_conflict',
        'a device id bound to another token',
      );
      const health = parsed(
        await desk.call({ path: SYNC_PATHS.health }),
        200,
        HealthResponse,
        'health after enrolment',
      );
      expectThat(health.deviceId?.toLowerCase() === desk.deviceId, 'health names the enrolled device');
    },
  },
  {
    name: 'UUIDs are compared without regard to case (2)',
    run: async ({ a: desk, enrol }) => {
      await enrol(desk);
      const upper = await desk.call({
        path: SYNC_PATHS.enrolment,
        body: {
          deviceId: desk.deviceId.toUpperCase(),
          devicePublicKey: desk.publicKey,
          deviceName: 'x',
          appVersion: '1',
        },
      });
      parsed(upper, 200, EnrolmentResponse, 'the same enrolment with an upper-case device id');
    },
  },
];
