import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { newBoxKeyPair, toBase64 } from '../../support/central-server/sealing.js';
import { makeSelfSignedTls, type TlsMaterial } from '../../support/central-server/self-signed-tls.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';
import { ADMIN, call, refusal } from '../../support/core-harness.js';
import {
  drainKiosk,
  readKiosk,
  type SyncKiosk,
  syncKiosk,
  writeRecordChanges,
} from '../../support/sync-harness.js';
import { tempDir } from '../../support/temp-dir.js';

let central: TempCentral;
let dir: ReturnType<typeof tempDir>;
let kiosk: SyncKiosk;

afterEach(async () => {
  kiosk.core.close();
  dir.remove();
  await central.dispose();
});

function failedEnrolments(): { actor_id: string; reason: string | null }[] {
  return readKiosk(dir.path, (db) =>
    db
      .prepare<[], { actor_id: string; reason: string | null }>(
        "SELECT actor_id, reason FROM audit_log WHERE action = 'sync.enrol' AND outcome = 'failed' ORDER BY seq",
      )
      .all(),
  );
}

describe('enrolment and test connection over HTTP on loopback', () => {
  beforeEach(async () => {
    central = await startTempCentral();
    dir = tempDir();
    kiosk = await syncKiosk(dir.path, null);
  });

  it('enrols with the four values, shows where it syncs (never the token), and syncs by itself', async () => {
    const token = central.server.issueToken();
    const before = await call(kiosk.core, 'sync.status', {});
    expect(before).toMatchObject({ state: 'not_enrolled', online: false });
    expect(await call(kiosk.core, 'network.status', {})).toMatchObject({ central: 'not_enrolled' });

    const tested = await call(kiosk.core, 'sync.testConnection', {
      url: central.server.url,
      token,
      centralPublicKey: central.server.centralPublicKey,
    });
    expect(tested).toMatchObject({ ok: true, protocol: '1.0', centralDeviceId: null });

    const result = await call(kiosk.core, 'sync.enrol', {
      url: central.server.url,
      token,
      centralPublicKey: central.server.centralPublicKey,
      deviceName: 'Front desk 1',
    });
    expect(result).toMatchObject({
      ok: true,
      details: {
        enrolment: {
          url: central.server.url,
          deviceId: kiosk.deviceId,
          deviceName: 'Front desk 1',
          centralPublicKey: central.server.centralPublicKey,
          tlsPins: [],
        },
      },
    });
    expect(JSON.stringify(await call(kiosk.core, 'sync.details', {}))).not.toContain(token);
    await kiosk.sync.settled();
    expect(await call(kiosk.core, 'sync.status', {})).toMatchObject({
      state: 'idle',
      online: true,
      lastError: null,
    });
    expect(await call(kiosk.core, 'network.status', {})).toMatchObject({ central: 'reachable' });
    expect(await call(kiosk.core, 'sync.testConnection', {})).toMatchObject({
      ok: true,
      centralDeviceId: kiosk.deviceId,
    });

    // the enrolment is audited; enrolling again with the same token binds the same key (idempotent)
    expect((await call(kiosk.core, 'sync.enrol', { code: central.server.enrolmentCode(token) })).ok).toBe(
      true,
    );
    const publicKeys = readKiosk(dir.path, (db) =>
      db.prepare("SELECT count(*) AS n FROM sync_key_pairs WHERE role = 'device'").pluck().get(),
    );
    expect(publicKeys).toBe(1);
  });

  it('a wrong central public key: a clear refusal, nothing enrolled, the attempt audited', async () => {
    const result = await call(kiosk.core, 'sync.enrol', {
      url: central.server.url,
      token: central.server.issueToken(),
      centralPublicKey: toBase64(newBoxKeyPair().publicKey),
    });
    expect(result).toMatchObject({ ok: false, problem: 'central_key_mismatch' });
    expect(!result.ok && result.detail).toMatch(/public key .* not the .* entered/);
    expect((await call(kiosk.core, 'sync.details', {})).enrolment).toBeNull();
    expect(await call(kiosk.core, 'sync.status', {})).toMatchObject({ state: 'not_enrolled' });
    expect(failedEnrolments()).toEqual([
      { actor_id: expect.any(String) as string, reason: 'central_key_mismatch' },
    ]);
    expect(
      await call(kiosk.core, 'sync.testConnection', {
        url: central.server.url,
        token: central.server.issueToken(),
        centralPublicKey: toBase64(newBoxKeyPair().publicKey),
      }),
    ).toMatchObject({ ok: false, problem: 'central_key_mismatch' });
  });

  it('a wrong or revoked device token: a clear refusal at enrolment and in the status', async () => {
    const unknown = await call(kiosk.core, 'sync.enrol', {
      url: central.server.url,
      token: 'sdt_this-token-was-never-issued-by-the-central-system',
      centralPublicKey: central.server.centralPublicKey,
    });
    expect(unknown).toMatchObject({ ok: false, problem: 'token_rejected' });

    const token = central.server.issueToken();
    expect((await call(kiosk.core, 'sync.enrol', { code: central.server.enrolmentCode(token) })).ok).toBe(
      true,
    );
    await kiosk.sync.settled();
    writeRecordChanges(kiosk, { records: 2, changes: 1 });
    central.server.revokeToken(token);
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    // 401 does not heal by retrying: the loop stops and waits for the maintainer; the desk works on
    expect(await call(kiosk.core, 'sync.status', {})).toMatchObject({
      state: 'stopped',
      waiting: 2,
      lastError: { problem: 'token_rejected' },
    });
    expect(kiosk.scheduler.pending).toBe(0);
    expect((await call(kiosk.core, 'sync.details', {})).lastErrorDetail).toMatch(/401 unauthorized/);
    expect(await call(kiosk.core, 'sync.testConnection', {})).toMatchObject({
      ok: false,
      problem: 'token_rejected',
    });
    // the maintainer and the first manager: the desk's own data answers as before
    expect(await call(kiosk.core, 'staff.list', {})).toHaveLength(2);
  });

  it('a token already bound to another device is named as such', async () => {
    const token = central.server.issueToken();
    central.server.enrolDevice({
      deviceId: '3f1c2a9e-7b4d-4c1e-9a2f-5d6e7f809a1b',
      devicePublicKey: toBase64(newBoxKeyPair().publicKey),
      token,
    });
    const result = await call(kiosk.core, 'sync.enrol', { code: central.server.enrolmentCode(token) });
    expect(result).toMatchObject({ ok: false, problem: 'device_mismatch' });
  });

  it('an enrolment code that is not one: invalid input, with the reason in a field', async () => {
    const code = central.server.enrolmentCode(central.server.issueToken());
    expect(await refusal(kiosk.core, 'sync.enrol', { code: 'hello' })).toMatchObject({
      code: 'invalid_input',
      fields: { code: 'enrolment_code_prefix' },
    });
    expect(await refusal(kiosk.core, 'sync.enrol', { code: `${code.slice(0, -3)}!!!` })).toMatchObject({
      fields: { code: 'enrolment_code_encoding' },
    });
    const noKey = encodeEnrolmentCode({
      v: 1,
      url: central.server.url,
      token: central.server.issueToken(),
      centralPublicKey: central.server.centralPublicKey,
    }).replace(/.$/, '');
    expect((await refusal(kiosk.core, 'sync.enrol', { code: noKey })).fields?.code).toMatch(
      /^enrolment_code_/,
    );
  });

  it('is for the maintainer only', async () => {
    await call(kiosk.core, 'staff.create', {
      name: 'Alice Li',
      role: 'specialist',
      password: 'first-powder-2026!',
    });
    await call(kiosk.core, 'session.signOut', {});
    await call(kiosk.core, 'session.signIn', { name: 'Alice Li', password: 'first-powder-2026!' });
    await call(kiosk.core, 'session.changePassword', {
      current: 'first-powder-2026!',
      next: 'powder-day-2026!',
    });
    expect(await refusal(kiosk.core, 'sync.enrol', { code: 'x' })).toMatchObject({ code: 'forbidden' });
    expect(await refusal(kiosk.core, 'sync.stuck', {})).toMatchObject({ code: 'forbidden' });
    // the header's line is for everyone, even on the lock screen
    await call(kiosk.core, 'session.lock', {});
    expect(await call(kiosk.core, 'sync.status', {})).toMatchObject({ state: 'not_enrolled' });
    await call(kiosk.core, 'session.unlock', { password: 'powder-day-2026!' });
    await call(kiosk.core, 'session.signOut', {});
    await call(kiosk.core, 'session.signIn', ADMIN);
  });

  it('stops when the central system presents another key than the one enrolled, and says so', async () => {
    expect(
      (
        await call(kiosk.core, 'sync.enrol', {
          code: central.server.enrolmentCode(central.server.issueToken()),
        })
      ).ok,
    ).toBe(true);
    await kiosk.sync.settled();
    await central.restart({ centralKeys: newBoxKeyPair() });
    writeRecordChanges(kiosk, { records: 1, changes: 1 });
    kiosk.sync.syncNow();
    await kiosk.sync.settled();
    expect(kiosk.sync.status()).toMatchObject({
      state: 'stopped',
      waiting: 1,
      lastError: { problem: 'central_key_mismatch' },
    });
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.applied()).toEqual([]);
    } finally {
      stored.close();
    }
  });
});

describe('HTTPS with a pinned certificate (needs the openssl CLI)', () => {
  const certDir = mkdtempSync(join(tmpdir(), 'snowdesk-tls-'));
  const tls: TlsMaterial | null = makeSelfSignedTls(certDir);
  rmSync(certDir, { recursive: true, force: true });

  beforeEach(async () => {
    if (!tls) return;
    central = await startTempCentral({ tls: { key: tls.key, cert: tls.cert } });
    dir = tempDir();
    kiosk = await syncKiosk(dir.path, null);
  });

  it.skipIf(tls === null)(
    'enrols and drains with the right pin; refuses a wrong pin and an unpinned self-signed certificate',
    async () => {
      const pin = tls?.fingerprint ?? '';
      const wrongPin = await call(kiosk.core, 'sync.enrol', {
        code: central.server.enrolmentCode(central.server.issueToken(), ['0'.repeat(64)]),
      });
      expect(wrongPin).toMatchObject({ ok: false, problem: 'tls_pin_mismatch' });
      const unpinned = await call(kiosk.core, 'sync.enrol', {
        code: central.server.enrolmentCode(central.server.issueToken()),
      });
      expect(unpinned).toMatchObject({ ok: false, problem: 'tls_untrusted' });
      // nothing of the token reached a server that failed the pin: no request was ever logged
      expect(central.server.requests()).toEqual([]);

      const pinned = await call(kiosk.core, 'sync.enrol', {
        code: central.server.enrolmentCode(central.server.issueToken(), [pin]),
      });
      expect(pinned).toMatchObject({ ok: true, details: { enrolment: { tlsPins: [pin] } } });
      await kiosk.sync.settled();
      const expected = writeRecordChanges(kiosk, { records: 3, changes: 2 });
      expect(await drainKiosk(kiosk)).toMatchObject({ state: 'idle', online: true, waiting: 0 });
      const stored = await centralClientForTests(central.server);
      try {
        expect(stored.compare(expected).ok).toBe(true);
      } finally {
        stored.close();
      }
    },
  );
});
