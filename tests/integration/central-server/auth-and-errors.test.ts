import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { SYNC_ERRORS } from '../../../shared/sync/error-codes.js';
import { PROTOCOL_HEADER, SYNC_LIMITS, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { EnrolmentResponse, ErrorResponse, HealthResponse } from '../../../shared/sync/wire.js';
import { callCentral } from '../../support/central-server/call-central.js';
import { FakeDevice } from '../../support/central-server/fake-device.js';
import { newBoxKeyPair, toBase64 } from '../../support/central-server/sealing.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral();

function expectError(
  answer: { status: number; json: unknown; headers: Headers },
  code: keyof typeof SYNC_ERRORS,
): void {
  expect(answer.status).toBe(SYNC_ERRORS[code].status);
  expect(ErrorResponse.parse(answer.json).error.code).toBe(code);
  expect(answer.headers.get(PROTOCOL_HEADER)).toBe('1.0');
}

function enrolment(deviceId = randomUUID(), publicKey = toBase64(newBoxKeyPair().publicKey)): object {
  return { deviceId, devicePublicKey: publicKey, deviceName: 'Front desk 2', appVersion: '0.1.0' };
}

describe('device authentication', () => {
  it('refuses requests without a token, with an unknown one, or with a revoked one', async () => {
    const { url } = central.server;
    const none = await callCentral(url, { path: SYNC_PATHS.health });
    expectError(none, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expectError(await callCentral(url, { path: SYNC_PATHS.health, token: 'x'.repeat(43) }), 'unauthorized');
    expectError(
      await callCentral(url, { path: SYNC_PATHS.health, headers: { Authorization: 'Basic dXNlcjpwYXNz' } }),
      'unauthorized',
    );

    const device = await FakeDevice.enrol(central.server);
    expect((await device.call({ path: SYNC_PATHS.health })).status).toBe(200);
    central.server.revokeToken(device.token);
    expectError(await device.call({ path: SYNC_PATHS.health }), 'unauthorized');
    expectError(await device.send([]), 'unauthorized');
  });

  it('answers health before and after enrolment, with the key to seal to', async () => {
    const token = central.server.issueToken();
    const before = HealthResponse.parse(
      (await callCentral(central.server.url, { path: SYNC_PATHS.health, token })).json,
    );
    expect(before).toMatchObject({ status: 'ok', protocol: '1.0', deviceId: null });
    expect(before.centralPublicKey).toBe(central.server.centralPublicKey);

    const deviceId = randomUUID();
    const enrolled = await callCentral(central.server.url, {
      path: SYNC_PATHS.enrolment,
      token,
      body: enrolment(deviceId),
    });
    expect(EnrolmentResponse.parse(enrolled.json)).toMatchObject({ deviceId });
    const after = HealthResponse.parse(
      (await callCentral(central.server.url, { path: SYNC_PATHS.health, token })).json,
    );
    expect(after.deviceId).toBe(deviceId);
  });

  it('binds a token to one device and one key: the same enrolment again is fine, another is a conflict', async () => {
    const token = central.server.issueToken();
    const body = enrolment();
    const first = await callCentral(central.server.url, { path: SYNC_PATHS.enrolment, token, body });
    const again = await callCentral(central.server.url, { path: SYNC_PATHS.enrolment, token, body });
    expect(again.json).toEqual(first.json);

    expectError(
      await callCentral(central.server.url, { path: SYNC_PATHS.enrolment, token, body: enrolment() }),
      'enrolment_conflict',
    );
    const otherKey = { ...body, devicePublicKey: toBase64(newBoxKeyPair().publicKey) };
    expectError(
      await callCentral(central.server.url, { path: SYNC_PATHS.enrolment, token, body: otherKey }),
      'enrolment_conflict',
    );
    const secondToken = central.server.issueToken();
    expectError(
      await callCentral(central.server.url, { path: SYNC_PATHS.enrolment, token: secondToken, body }),
      'enrolment_conflict',
    );
  });

  it('lets a test enrol a device directly, as an operator would have', async () => {
    const deviceId = randomUUID();
    const { token } = central.server.enrolDevice({
      deviceId,
      devicePublicKey: toBase64(newBoxKeyPair().publicKey),
    });
    const health = await callCentral(central.server.url, { path: SYNC_PATHS.health, token });
    expect(HealthResponse.parse(health.json).deviceId).toBe(deviceId);
  });

  it('refuses outbox and inbox to a token that is not enrolled yet', async () => {
    const token = central.server.issueToken();
    expectError(await callCentral(central.server.url, { path: SYNC_PATHS.inbox, token }), 'not_enrolled');
    expectError(
      await callCentral(central.server.url, { path: SYNC_PATHS.inboxAck, token, body: { cursor: 'c1-0' } }),
      'not_enrolled',
    );
  });

  it('refuses a batch that claims to come from another device', async () => {
    const device = await FakeDevice.enrol(central.server);
    const other = await FakeDevice.enrol(central.server);
    const batch = { ...device.batch([device.item(randomUUID())]), deviceId: other.deviceId };
    expectError(await device.send(batch), 'device_mismatch');
  });

  it('makes an enrolment code that decodes to what the maintainer would type', () => {
    const token = central.server.issueToken();
    const decoded = decodeEnrolmentCode(central.server.enrolmentCode(token, ['ab'.repeat(32)]));
    expect(decoded).toEqual({
      ok: true,
      content: {
        v: 1,
        url: central.server.url,
        token,
        centralPublicKey: central.server.centralPublicKey,
        tlsPins: ['ab'.repeat(32)],
      },
    });
  });
});

describe('protocol errors', () => {
  let device: FakeDevice;
  beforeEach(async () => {
    device = await FakeDevice.enrol(central.server);
  });

  it('wants the version header, with major version 1', async () => {
    expectError(
      await device.call({ path: SYNC_PATHS.health, headers: { [PROTOCOL_HEADER]: null } }),
      'unsupported_version',
    );
    expectError(
      await device.call({ path: SYNC_PATHS.health, headers: { [PROTOCOL_HEADER]: '2.0' } }),
      'unsupported_version',
    );
    const newerMinor = await device.call({ path: SYNC_PATHS.health, headers: { [PROTOCOL_HEADER]: '1.7' } });
    expect(newerMinor.status).toBe(200);
    expect(newerMinor.headers.get(PROTOCOL_HEADER)).toBe('1.0');
  });

  it('answers unknown paths (other versions too) with 404 and wrong methods with 405', async () => {
    expectError(await device.call({ path: '/v2/health' }), 'not_found');
    expectError(await device.call({ path: '/v1/outbox' }), 'not_found');
    const wrong = await device.call({ path: SYNC_PATHS.outboxBatches, method: 'GET' });
    expectError(wrong, 'method_not_allowed');
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('wants JSON bodies, within the limits, and of the contract', async () => {
    expectError(
      await device.call({
        path: SYNC_PATHS.outboxBatches,
        rawBody: '{}',
        headers: { 'Content-Type': 'text/plain' },
      }),
      'unsupported_media_type',
    );
    expectError(
      await device.call({ path: SYNC_PATHS.outboxBatches, rawBody: '{"items": [' }),
      'invalid_request',
    );
    expectError(
      await device.call({ path: SYNC_PATHS.outboxBatches, body: { ...device.batch([]), extra: 1 } }),
      'invalid_request',
    );
    const tooMany = Array.from({ length: SYNC_LIMITS.maxBatchItems + 1 }, () => device.item(randomUUID()));
    expectError(await device.send(tooMany), 'invalid_request');
    const huge = await device.call({
      path: SYNC_PATHS.outboxBatches,
      rawBody: JSON.stringify({ pad: 'x'.repeat(SYNC_LIMITS.maxBodyBytes) }),
    });
    expectError(huge, 'payload_too_large');
  });

  it('checks inbox query parameters and cursors', async () => {
    expectError(await device.call({ path: `${SYNC_PATHS.inbox}?limit=0` }), 'invalid_request');
    expectError(await device.call({ path: `${SYNC_PATHS.inbox}?limit=101` }), 'invalid_request');
    expectError(await device.call({ path: `${SYNC_PATHS.inbox}?cursor=nonsense` }), 'invalid_cursor');
    expectError(await device.call({ path: `${SYNC_PATHS.inbox}?cursor=c1-zz` }), 'invalid_cursor');
    expectError(
      await device.call({ path: SYNC_PATHS.inboxAck, body: { cursor: 'c1-99' } }),
      'invalid_cursor',
    );
  });
});
