import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { RetryRule, SyncErrorCode } from '../../../shared/sync/error-codes.js';
import { networkFailure } from '../../../electron/core/sync/central-client.js';
import { verdictOf } from '../../../electron/core/sync/sync-failure.js';
import { backoffDelayMs, BACKOFF_CAP_MS, retryDelayMs } from '../../../electron/core/sync/sync-schedule.js';
import {
  checkPinnedCertificate,
  PinMismatchError,
  PinnedCertificateError,
} from '../../../electron/core/sync/tls-pinning.js';

describe('backoff (docs/sync-protocol.md 6.3, 6.4)', () => {
  it('waits a uniformly random time below min(300 s, 1 s x 2^n)', () => {
    expect(backoffDelayMs(1, () => 0)).toBe(0);
    expect(backoffDelayMs(1, () => 0.999)).toBeLessThan(2_000);
    expect(backoffDelayMs(3, () => 0.5)).toBe(4_000);
    expect(backoffDelayMs(8, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
    expect(backoffDelayMs(50, () => 0.5)).toBe(BACKOFF_CAP_MS / 2);
    for (let n = 1; n < 20; n += 1) {
      const d = backoffDelayMs(n, Math.random);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(BACKOFF_CAP_MS, 1_000 * 2 ** n));
    }
  });

  it('never waits less than Retry-After asked, nor less than its own backoff', () => {
    expect(retryDelayMs(1, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(10, 1_000, () => 0.5)).toBe(150_000);
    expect(retryDelayMs(2, null, () => 0.5)).toBe(2_000);
  });
});

describe('what the loop makes of a failure (6.3)', () => {
  const status = (s: number, code: SyncErrorCode | null, retry: RetryRule = 'backoff') =>
    verdictOf({
      kind: 'status',
      status: s,
      code,
      message: null,
      checkpointSeq: null,
      retryAfterMs: null,
      retry,
    });

  it('retries what may heal, stops on what will not, and says which', () => {
    expect(status(503, 'unavailable')).toMatchObject({
      problem: 'central_busy',
      retry: 'backoff',
      reachable: true,
    });
    expect(status(429, 'rate_limited')).toMatchObject({ problem: 'central_busy', retry: 'backoff' });
    expect(status(500, 'internal')).toMatchObject({
      problem: 'central_failed',
      retry: 'backoff',
      reachable: true,
    });
    // a proxy's 502 page: the central system behind it was not reached
    expect(status(502, null)).toMatchObject({
      problem: 'central_failed',
      retry: 'backoff',
      reachable: false,
    });
    expect(status(401, 'unauthorized', 'never')).toMatchObject({ problem: 'token_rejected', retry: 'never' });
    expect(status(409, 'audit_rewind', 'never')).toMatchObject({ problem: 'audit_rewind', retry: 'never' });
    expect(status(404, 'not_found', 'never')).toMatchObject({ problem: 'protocol_mismatch', retry: 'never' });
    expect(status(302, null, 'never')).toMatchObject({ problem: 'protocol_mismatch', retry: 'never' });
    expect(verdictOf({ kind: 'malformed', status: 200, detail: 'x' })).toMatchObject({
      problem: 'bad_answer',
      retry: 'backoff',
    });
    expect(
      verdictOf(networkFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))),
    ).toMatchObject({
      problem: 'offline',
      retry: 'backoff',
      reachable: false,
    });
    expect(
      verdictOf(networkFailure(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))),
    ).toMatchObject({
      problem: 'tls_untrusted',
      retry: 'backoff',
    });
    expect(verdictOf(networkFailure(new PinMismatchError('ab')))).toMatchObject({
      problem: 'tls_pin_mismatch',
      retry: 'never',
    });
  });
});

describe('a pinned certificate (section 3)', () => {
  const pin = 'ab'.repeat(32);
  const cert = (over: Partial<PeerCertificate> = {}): PeerCertificate =>
    ({
      fingerprint256: pin.match(/../g)?.join(':').toUpperCase() ?? '',
      valid_from: 'Jan  1 00:00:00 2026 GMT',
      valid_to: 'Jan  1 00:00:00 2027 GMT',
      subject: { CN: '127.0.0.1' },
      subjectaltname: 'IP Address:127.0.0.1, DNS:localhost',
      ...over,
    }) as PeerCertificate;
  const now = Date.UTC(2026, 5, 1);

  it('is accepted by fingerprint when it is valid now and names the host', () => {
    expect(checkPinnedCertificate(cert(), '127.0.0.1', [pin], now)).toBeNull();
    expect(checkPinnedCertificate(cert(), 'localhost', ['00'.repeat(32), pin], now)).toBeNull();
  });

  it('is refused with another fingerprint, out of its validity, or for another host', () => {
    expect(checkPinnedCertificate(cert(), '127.0.0.1', ['00'.repeat(32)], now)).toBeInstanceOf(
      PinMismatchError,
    );
    expect(checkPinnedCertificate(cert(), '127.0.0.1', [pin], Date.UTC(2027, 5, 1))).toBeInstanceOf(
      PinnedCertificateError,
    );
    expect(checkPinnedCertificate(cert(), 'central.example', [pin], now)).toBeInstanceOf(
      PinnedCertificateError,
    );
    expect(checkPinnedCertificate(undefined, '127.0.0.1', [pin], now)).toBeInstanceOf(PinnedCertificateError);
  });
});
