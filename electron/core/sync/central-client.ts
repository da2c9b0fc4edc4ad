import {
  Agent as HttpAgent,
  type IncomingMessage,
  type ClientRequest,
  request as httpRequest,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import {
  SyncErrorCodeSchema,
  type RetryRule,
  type SyncErrorCode,
  retryRuleForStatus,
} from '../../../shared/sync/error-codes.js';
import {
  JSON_MEDIA_TYPE,
  PROTOCOL_HEADER,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_PATTERN,
  SYNC_LIMITS,
} from '../../../shared/sync/protocol.js';
import { parseRetryAfter } from '../../../shared/sync/retry-after.js';
import { ErrorResponse } from '../../../shared/sync/wire.js';
import { PinMismatchError, PinnedAgent } from './tls-pinning.js';

/**
 * The device's HTTP(S) client for docs/sync-protocol.md: one request, the contract's headers,
 * a connect and a total timeout, no redirects, no compression, at most 4 MiB read from any
 * answer, and every outcome sorted into what the sync loop needs to decide (6.3): an answer
 * that fits the expected schema, an error answer with its code and Retry-After, a malformed
 * answer, or no answer at all. It never throws for anything the network or the server does.
 */

export interface CentralEndpoint {
  /** base URL; endpoint paths are appended (CentralUrl in shared/sync/wire.ts) */
  url: string;
  token: string;
  tlsPins: readonly string[];
}

export interface CentralClientOptions {
  appVersion: string;
  /** the protocol gives a connection 10 s to open and a request 30 s to complete */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  now: () => number;
}

export const CONNECT_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export type NetworkProblem = 'offline' | 'timeout' | 'tls_untrusted' | 'tls_pin_mismatch';

export type CentralFailure =
  /** no complete answer: the request may or may not have been applied */
  | { kind: 'network'; problem: NetworkProblem; detail: string }
  /** an answer with a status other than 2xx */
  | {
      kind: 'status';
      status: number;
      /** the contract's code when the body is a well-formed error answer */
      code: SyncErrorCode | null;
      message: string | null;
      checkpointSeq: number | null;
      retryAfterMs: number | null;
      retry: RetryRule;
    }
  /** a 2xx answer the device cannot use: not JSON, cut short, too large, wrong schema */
  | { kind: 'malformed'; status: number; detail: string }
  /** the answer is written in another major version of the protocol */
  | { kind: 'version'; detail: string };

export type CentralResult<T> = { ok: true; value: T } | { ok: false; failure: CentralFailure };

interface RawAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Raw = { ok: true; answer: RawAnswer } | { ok: false; failure: CentralFailure };

const TLS_ERROR = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME|ALTNAME/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function errorCode(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : '';
}

/** Sorts a failure to get an answer; the detail is for the maintainer and holds no guest data. */
export function networkFailure(error: unknown): CentralFailure {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof PinMismatchError)
    return { kind: 'network', problem: 'tls_pin_mismatch', detail: message };
  if (code === 'SNOWDESK_TIMEOUT' || code === 'ETIMEDOUT') {
    return { kind: 'network', problem: 'timeout', detail: message };
  }
  if (TLS_ERROR.test(code))
    return { kind: 'network', problem: 'tls_untrusted', detail: `${code}: ${message}` };
  return { kind: 'network', problem: 'offline', detail: code ? `${code}: ${message}` : message };
}

function header(headers: IncomingMessage['headers'], name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

export class CentralClient {
  private readonly agent: HttpAgent;
  private readonly base: URL;
  private readonly inFlight = new Set<ClientRequest>();
  private closed = false;

  constructor(
    readonly endpoint: CentralEndpoint,
    private readonly options: CentralClientOptions,
  ) {
    this.base = new URL(endpoint.url);
    const agentOptions = { keepAlive: true, maxSockets: 1, keepAliveMsecs: 1_000 };
    const connectTimeout = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    this.agent =
      this.base.protocol === 'http:'
        ? new HttpAgent(agentOptions)
        : endpoint.tlsPins.length > 0
          ? new PinnedAgent(endpoint.tlsPins, connectTimeout, agentOptions)
          : new HttpsAgent(agentOptions);
  }

  get(path: string, schema: z.ZodType, query: Record<string, string> = {}): Promise<CentralResult<unknown>> {
    return this.call('GET', path, undefined, schema, query);
  }

  /** `version`: a request that needs a newer minor than the kiosk's default (1.1 look-ups) */
  post(
    path: string,
    body: unknown,
    schema: z.ZodType,
    version: string = PROTOCOL_VERSION,
  ): Promise<CentralResult<unknown>> {
    return this.call('POST', path, body, schema, {}, version);
  }

  /** Ends every request in flight (each resolves as a network failure) and the kept-alive sockets. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight)
      req.destroy(Object.assign(new Error('sync stopped'), { code: 'SNOWDESK_CLOSED' }));
    this.inFlight.clear();
    this.agent.destroy();
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: z.ZodType,
    query: Record<string, string>,
    version: string = PROTOCOL_VERSION,
  ): Promise<CentralResult<unknown>> {
    const raw = await this.send(method, path, body, query, version);
    if (!raw.ok) return raw;
    return this.interpret(raw.answer, schema);
  }

  private interpret(answer: RawAnswer, schema: z.ZodType): CentralResult<unknown> {
    const { status, headers, body } = answer;
    const version = PROTOCOL_VERSION_PATTERN.exec(header(headers, PROTOCOL_HEADER) ?? '');
    if (status >= 200 && status < 300) {
      if (version?.[1] !== undefined && Number(version[1]) !== PROTOCOL_MAJOR) {
        return { ok: false, failure: { kind: 'version', detail: `the answer is in protocol ${version[0]}` } };
      }
      let json: unknown;
      try {
        json = JSON.parse(utf8.decode(body));
      } catch {
        return { ok: false, failure: { kind: 'malformed', status, detail: 'the answer is not UTF-8 JSON' } };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`)
          .join('; ');
        return {
          ok: false,
          failure: { kind: 'malformed', status, detail: `the answer does not fit the contract (${where})` },
        };
      }
      return { ok: true, value: parsed.data };
    }
    let code: SyncErrorCode | null = null;
    let message: string | null = null;
    let checkpointSeq: number | null = null;
    try {
      const parsed = ErrorResponse.safeParse(JSON.parse(utf8.decode(body)));
      if (parsed.success) {
        code = parsed.data.error.code;
        message = parsed.data.error.message;
        checkpointSeq = parsed.data.error.checkpointSeq ?? null;
      } else {
        // an error code a newer central side added: judged by its status alone (6.3)
        const raw = (JSON.parse(utf8.decode(body)) as { error?: { code?: unknown } } | null)?.error?.code;
        if (typeof raw === 'string' && !SyncErrorCodeSchema.safeParse(raw).success)
          message = `unknown code ${raw.slice(0, 40)}`;
      }
    } catch {
      // a proxy's HTML page: the status decides
    }
    return {
      ok: false,
      failure: {
        kind: 'status',
        status,
        code,
        message,
        checkpointSeq,
        retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), this.options.now()),
        retry: status >= 300 && status < 400 ? 'never' : retryRuleForStatus(status, code ?? undefined),
      },
    };
  }

  private send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    query: Record<string, string>,
    version: string,
  ): Promise<Raw> {
    if (this.closed) {
      return Promise.resolve({
        ok: false,
        failure: { kind: 'network', problem: 'offline', detail: 'sync stopped' },
      });
    }
    const url = new URL(this.base.href);
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.endpoint.token}`,
      [PROTOCOL_HEADER]: version,
      'User-Agent': `Snowdesk/${this.options.appVersion}`,
      Accept: 'application/json',
      'Accept-Encoding': 'identity',
    };
    if (payload) {
      headers['Content-Type'] = JSON_MEDIA_TYPE;
      headers['Content-Length'] = String(payload.length);
    }
    const connectTimeoutMs = this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const requestTimeoutMs = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const requestFn = url.protocol === 'http:' ? httpRequest : httpsRequest;

    return new Promise<Raw>((resolve) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const settle = (raw: Raw): void => {
        if (settled) return;
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        this.inFlight.delete(req);
        resolve(raw);
      };
      const timeout = (what: string): Error =>
        Object.assign(new Error(`${what} timed out`), { code: 'SNOWDESK_TIMEOUT' });

      const req = requestFn(url, { method, headers, agent: this.agent }, (res) => {
        const declared = Number(header(res.headers, 'content-length') ?? NaN);
        if (declared > SYNC_LIMITS.maxBodyBytes) {
          res.destroy();
          req.destroy();
          settle({
            ok: false,
            failure: {
              kind: 'malformed',
              status: res.statusCode ?? 0,
              detail: 'the answer is larger than 4 MiB',
            },
          });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > SYNC_LIMITS.maxBodyBytes) {
            res.destroy();
            req.destroy();
            settle({
              ok: false,
              failure: {
                kind: 'malformed',
                status: res.statusCode ?? 0,
                detail: 'the answer is larger than 4 MiB',
              },
            });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (!res.complete) {
            settle({
              ok: false,
              failure: { kind: 'malformed', status: res.statusCode ?? 0, detail: 'the answer was cut short' },
            });
            return;
          }
          settle({
            ok: true,
            answer: { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) },
          });
        });
        res.on('aborted', () => {
          settle({
            ok: false,
            failure: { kind: 'malformed', status: res.statusCode ?? 0, detail: 'the answer was cut short' },
          });
        });
        res.on('error', () => {
          settle({
            ok: false,
            failure: { kind: 'malformed', status: res.statusCode ?? 0, detail: 'the answer was cut short' },
          });
        });
        res.on('close', () => {
          if (!res.complete) {
            settle({
              ok: false,
              failure: { kind: 'malformed', status: res.statusCode ?? 0, detail: 'the answer was cut short' },
            });
          }
        });
      });
      this.inFlight.add(req);
      req.on('error', (error) => {
        settle({ ok: false, failure: networkFailure(error) });
      });
      req.on('socket', (socket) => {
        const connecting = (socket as { connecting?: boolean }).connecting === true;
        if (!connecting) return;
        const timer = setTimeout(
          () => req.destroy(timeout('connecting to the central system')),
          connectTimeoutMs,
        );
        timers.push(timer);
        socket.once('connect', () => {
          clearTimeout(timer);
        });
      });
      timers.push(
        setTimeout(() => req.destroy(timeout('the request to the central system')), requestTimeoutMs),
      );
      req.end(payload);
    });
  }
}
