import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls';

/**
 * Certificate pinning as docs/sync-protocol.md section 3 describes it: with pins, the device
 * accepts a connection only if the server's leaf certificate has a pinned SHA-256 fingerprint
 * (over its DER encoding); it then needs no chain to a public CA, but the certificate must
 * still be within its validity period and name the host.
 *
 * Node checks the host only when the chain verifies, so a self-signed certificate cannot be
 * pinned through `checkServerIdentity`. This agent makes its TLS connections itself, checks
 * them on `secureConnect`, and hands the request a socket only when all three checks hold:
 * no byte of the request (and so not the device token) is written to a server that fails.
 */

/** The server's certificate is not one of the pins: never retried by itself (6.3). */
export class PinMismatchError extends Error {
  readonly code = 'SNOWDESK_TLS_PIN_MISMATCH';
  constructor(readonly fingerprint: string) {
    super(`the server certificate (SHA-256 ${fingerprint}) matches no pinned fingerprint`);
    this.name = 'PinMismatchError';
  }
}

/** A pinned certificate that is expired, not yet valid, or names another host. */
export class PinnedCertificateError extends Error {
  readonly code = 'SNOWDESK_TLS_CERT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PinnedCertificateError';
  }
}

export function certificatePin(cert: PeerCertificate): string {
  return cert.fingerprint256.replaceAll(':', '').toLowerCase();
}

/** null when the pinned certificate is acceptable for `host` at `nowMs`; otherwise why not. */
export function checkPinnedCertificate(
  cert: PeerCertificate | undefined,
  host: string,
  pins: readonly string[],
  nowMs: number,
): Error | null {
  if (!cert?.fingerprint256) return new PinnedCertificateError('the server sent no certificate');
  const pin = certificatePin(cert);
  if (!pins.includes(pin)) return new PinMismatchError(pin);
  const from = Date.parse(cert.valid_from);
  const to = Date.parse(cert.valid_to);
  if (Number.isNaN(from) || Number.isNaN(to) || nowMs < from || nowMs > to) {
    return new PinnedCertificateError('the pinned certificate is outside its validity period');
  }
  const identity = checkServerIdentity(host, cert);
  return identity ? new PinnedCertificateError(`the pinned certificate does not name ${host}`) : null;
}

export class PinnedAgent extends Agent {
  constructor(
    private readonly pins: readonly string[],
    private readonly connectTimeoutMs: number,
    options: AgentOptions = {},
  ) {
    super(options);
  }

  override createConnection(
    options: RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    // the chain is not required with a pin; everything else is checked below, before use
    const socket: TLSSocket = connect({
      ...(options as object),
      host,
      port: Number(options.port ?? 443),
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (error: Error | null): void => {
      if (done) return;
      done = true;
      socket.setTimeout(0);
      if (error) socket.destroy(error);
      callback?.(error, socket);
    };
    socket.setTimeout(this.connectTimeoutMs, () => {
      finish(Object.assign(new Error('TLS connection timed out'), { code: 'ETIMEDOUT' }));
    });
    socket.once('secureConnect', () => {
      finish(checkPinnedCertificate(socket.getPeerCertificate(false), host, this.pins, Date.now()));
    });
    socket.once('error', (error: Error) => {
      finish(error);
    });
    return undefined;
  }
}
