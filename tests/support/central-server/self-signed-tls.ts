import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A throwaway certificate for 127.0.0.1, made at test time with the openssl CLI so no key sits
 * in the repository. Null when openssl is missing or fails: HTTPS tests skip, they do not fail.
 */
export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, lowercase hex without colons: the pin format of the contract */
  fingerprint: string;
}

export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(':', '').toLowerCase();
}

export function makeSelfSignedTls(dir: string): TlsMaterial | null {
  const keyPath = join(dir, 'central-key.pem');
  const certPath = join(dir, 'central-cert.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore', timeout: 20_000 },
  );
  if (made.error || made.status !== 0) return null;
  const cert = readFileSync(certPath, 'utf8');
  return { key: readFileSync(keyPath, 'utf8'), cert, fingerprint: certificateFingerprint(cert) };
}
