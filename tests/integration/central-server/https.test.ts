import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PeerCertificate, checkServerIdentity } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { PROTOCOL_HEADER, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { HealthResponse } from '../../../shared/sync/wire.js';
import { type TlsMaterial, makeSelfSignedTls } from '../../support/central-server/self-signed-tls.js';
import { type TempCentral, startTempCentral } from '../../support/central-server/temp-central.js';

const certDir = mkdtempSync(join(tmpdir(), 'snowdesk-tls-'));
const tls: TlsMaterial | null = makeSelfSignedTls(certDir);
// the key and certificate are in memory now; the folder has done its job
rmSync(certDir, { recursive: true, force: true });

/**
 * A pinning client: the self-signed certificate is trusted as its own root (it need not chain to a
 * public CA), its SHA-256 fingerprint must be the pinned one, and it must still name the host.
 * No agent, so every call makes (and checks) a connection of its own.
 */
function pinnedGet(
  url: string,
  token: string,
  pin: string,
  ca: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        headers: { Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: '1.0' },
        agent: false,
        ca,
        checkServerIdentity: (host: string, cert: PeerCertificate) => {
          const fingerprint = cert.fingerprint256.replaceAll(':', '').toLowerCase();
          if (fingerprint !== pin) return new Error('certificate does not match the pin');
          return checkServerIdentity(host, cert);
        },
        timeout: 10_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(tls === null)('HTTPS with a pinned self-signed certificate (needs the openssl CLI)', () => {
  let central: TempCentral;
  let token: string;

  beforeAll(async () => {
    if (!tls) return;
    central = await startTempCentral({ tls: { key: tls.key, cert: tls.cert } });
    token = central.server.issueToken();
  });

  afterAll(async () => {
    await central.dispose();
  });

  it('serves the contract over HTTPS to a client that pins the certificate', async () => {
    const pin = tls?.fingerprint ?? '';
    expect(central.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const answer = await pinnedGet(
      new URL(SYNC_PATHS.health, central.server.url).href,
      token,
      pin,
      tls?.cert ?? '',
    );
    expect(answer.status).toBe(200);
    expect(HealthResponse.parse(JSON.parse(answer.body)).status).toBe('ok');
    const code = decodeEnrolmentCode(central.server.enrolmentCode(token, [pin]));
    expect(code.ok && code.content.tlsPins).toEqual([pin]);
  });

  it('is refused by a client with another pin, and by one that trusts only public CAs', async () => {
    const url = new URL(SYNC_PATHS.health, central.server.url).href;
    await expect(pinnedGet(url, token, '0'.repeat(64), tls?.cert ?? '')).rejects.toThrow(/pin/);
    await expect(fetch(url, { signal: AbortSignal.timeout(10_000) })).rejects.toThrow();
  });
});
