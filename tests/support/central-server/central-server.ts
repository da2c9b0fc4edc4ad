import { randomBytes, randomUUID } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { z } from 'zod';
import { SYNC_ERRORS, type SyncErrorCode } from '../../../shared/sync/error-codes.js';
import { encodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import {
  JSON_MEDIA_TYPE,
  PROTOCOL_HEADER,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_PATTERN,
  SYNC_LIMITS,
  SYNC_PATHS,
} from '../../../shared/sync/protocol.js';
import {
  Cursor,
  EnrolmentRequest,
  type ErrorResponse,
  type HealthResponse,
  InboxAckRequest,
  type InboxChannel,
  InboxItem,
  type InboxPage,
  InboxReportRequest,
  OutboxBatchRequest,
  SealedOutboxContent,
  type SealedInboxContent,
} from '../../../shared/sync/wire.js';
import { loadOrCreateCentralKeys } from './central-keys.js';
import {
  CentralStore,
  type ContentCheck,
  type DeviceRow,
  type TokenRow,
  tokenHash,
} from './central-store.js';
import { type BadResponse, FaultSwitches, type StatusFault } from './faults.js';
import { type BoxKeyPair, openSealedJson, sealJson, sodiumReady, toBase64 } from './sealing.js';

/**
 * A real central system for tests: node:http (or https) on 127.0.0.1, port 0, speaking
 * docs/sync-protocol.md with its state in a SQLite file under `dataDir`. It holds the central
 * key pair (so it opens what devices seal, and tests can read it), the device tokens it
 * accepts, and an inbox tests fill. `faults` breaks it on purpose, at run time.
 */
export interface CentralServerOptions {
  /** the folder for central.db and central-keys.json; a restart on the same folder keeps both */
  dataDir: string;
  /** the central key pair; default: the one stored in dataDir, else a new one */
  centralKeys?: BoxKeyPair;
  /** PEM key and certificate: serve HTTPS instead of HTTP (see self-signed-tls.ts) */
  tls?: { key: string; cert: string };
  /** the central clock, for receivedAt / appliedAt and the inbox's receivedAt */
  now?: () => Date;
  /** 0 (any free port) unless told; a restart test may ask for the port it had */
  port?: number;
}

export interface RequestLogEntry {
  n: number;
  method: string;
  path: string;
  at: string;
  /** null while in flight, or when the connection was dropped before an answer */
  status: number | null;
  fault: string | null;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Body = { ok: true; bytes: Buffer } | { ok: false; reason: 'too_large' | 'aborted' };

const HOST = '127.0.0.1';
/** A body over the limit is still read (and thrown away) up to here, so the 413 can be heard. */
const DRAIN_CAP_BYTES = 4 * SYNC_LIMITS.maxBodyBytes;
const REQUEST_LOG_LIMIT = 10_000;
const ROUTES = new Map<string, 'GET' | 'POST'>([
  [SYNC_PATHS.health, 'GET'],
  [SYNC_PATHS.enrolment, 'POST'],
  [SYNC_PATHS.outboxBatches, 'POST'],
  [SYNC_PATHS.inbox, 'GET'],
  [SYNC_PATHS.inboxAck, 'POST'],
  [SYNC_PATHS.inboxReports, 'POST'],
]);
const CURSOR_PATTERN = /^c1-([0-9a-z]{1,11})$/;

function encodeCursor(position: number): string {
  return `c1-${position.toString(36)}`;
}

function decodeCursor(cursor: string): number | null {
  const match = CURSOR_PATTERN.exec(cursor);
  return match?.[1] === undefined ? null : parseInt(match[1], 36);
}

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body): void => {
      if (!settled) {
        settled = true;
        resolve(body);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SYNC_LIMITS.maxBodyBytes) chunks.push(chunk);
      else if (size > DRAIN_CAP_BYTES) {
        settle({ ok: false, reason: 'aborted' });
        req.socket.destroy();
      }
    });
    req.on('end', () => {
      settle(
        size > SYNC_LIMITS.maxBodyBytes
          ? { ok: false, reason: 'too_large' }
          : { ok: true, bytes: Buffer.concat(chunks) },
      );
    });
    req.on('error', () => {
      settle({ ok: false, reason: 'aborted' });
    });
    req.on('close', () => {
      settle({ ok: false, reason: 'aborted' });
    });
  });
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers, body: JSON.stringify(value) };
}

function error(code: SyncErrorCode, message: string, extra: { checkpointSeq?: number } = {}): Answer {
  const body: ErrorResponse = {
    error: { code, message: message.slice(0, SYNC_LIMITS.maxMessageChars), ...extra },
  };
  const headers: Record<string, string> = {};
  if (code === 'unauthorized') headers['WWW-Authenticate'] = 'Bearer realm="snowdesk", error="invalid_token"';
  return json(SYNC_ERRORS[code].status, body, headers);
}

function issues(zodError: z.ZodError): string {
  return zodError.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

export class CentralServer {
  readonly faults: FaultSwitches;
  readonly dataDir: string;
  /** base64 of the central public key: what devices seal outbox items to */
  readonly centralPublicKey: string;
  private readonly keys: BoxKeyPair;
  private readonly store: CentralStore;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly log: RequestLogEntry[] = [];
  private readonly clock: () => Date;
  private readonly scheme: 'http' | 'https';
  private requestCount = 0;
  private boundPort = 0;
  private closing: Promise<void> | null = null;

  private constructor(options: CentralServerOptions) {
    this.dataDir = options.dataDir;
    this.keys = loadOrCreateCentralKeys(options.dataDir, options.centralKeys);
    this.centralPublicKey = toBase64(this.keys.publicKey);
    this.store = new CentralStore(options.dataDir);
    this.clock = options.now ?? (() => new Date());
    this.boundPort = options.port ?? 0;
    this.scheme = options.tls ? 'https' : 'http';
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch(() => {
        res.destroy();
      });
    };
    this.server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
    // bounded even when a client stalls mid-request
    this.server.requestTimeout = 60_000;
    this.server.headersTimeout = 30_000;
    this.server.keepAliveTimeout = 5_000;
    this.server.on('connection', (socket: Socket) => {
      if (this.faults.refuseMode === 'reset' || this.closing) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.faults = new FaultSwitches({
      refuse: async (mode) => {
        this.destroySockets();
        if (mode === 'closed') await this.stopListening();
      },
      accept: () => (this.server.listening || this.closing ? Promise.resolve() : this.listen()),
    });
  }

  static async start(options: CentralServerOptions): Promise<CentralServer> {
    await sodiumReady();
    const server = new CentralServer(options);
    try {
      await server.listen();
    } catch (cause) {
      server.store.close();
      throw cause;
    }
    return server;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The base URL a device is given: the endpoint paths are appended to it. */
  get url(): string {
    return `${this.scheme}://${HOST}:${this.boundPort}`;
  }

  get now(): Date {
    return this.clock();
  }

  // ---- what a central operator would do ------------------------------------------------------

  /** A fresh device token, accepted from now on and enrolled by the device's first enrolment call. */
  issueToken(): string {
    const token = randomBytes(32).toString('base64url');
    this.store.addToken(token, this.clock().toISOString());
    return token;
  }

  revokeToken(token: string): void {
    this.store.revokeToken(token);
  }

  /** Token issuing and enrolment in one step, for tests that start from an enrolled device. */
  enrolDevice(device: { deviceId: string; devicePublicKey: string; deviceName?: string; token?: string }): {
    token: string;
  } {
    const token = device.token ?? this.issueToken();
    const outcome = this.store.enrol(
      tokenHash(token),
      {
        deviceId: device.deviceId,
        devicePublicKey: device.devicePublicKey,
        deviceName: device.deviceName ?? 'Test desk',
        appVersion: '0.0.0-test',
      },
      this.clock().toISOString(),
    );
    if (!outcome.ok) throw new Error(`enrolment refused: ${outcome.code}`);
    return { token };
  }

  /** What a maintainer pastes into the kiosk instead of URL, token and key. */
  enrolmentCode(token: string, tlsPins?: string[]): string {
    return encodeEnrolmentCode({
      v: 1,
      url: this.url,
      token,
      centralPublicKey: this.centralPublicKey,
      ...(tlsPins ? { tlsPins } : {}),
    });
  }

  /** Seals an online submission to the device's public key and puts it in that device's inbox. */
  addInboxItem(
    deviceId: string,
    submission: {
      channel?: z.infer<typeof InboxChannel>;
      submission?: Record<string, unknown>;
      receivedAt?: string;
      id?: string;
    } = {},
  ): InboxItem {
    const device = this.requireDevice(deviceId);
    const content: SealedInboxContent = {
      v: 1,
      id: submission.id ?? randomUUID(),
      channel: submission.channel ?? 'website',
      receivedAt: submission.receivedAt ?? this.clock().toISOString(),
      submission: submission.submission ?? { name: 'Test Guest', contact: { phone: '+8613800138000' } },
    };
    // parsed, so a test cannot make the server hand out what the contract forbids by accident
    const item = InboxItem.parse({
      id: content.id,
      channel: content.channel,
      receivedAt: content.receivedAt,
      sealed: sealJson(content, device.public_key),
    });
    this.store.addInboxItem(deviceId, item);
    return item;
  }

  /** Puts an item in the inbox as given: for items a device must quarantine. */
  addRawInboxItem(deviceId: string, item: InboxItem): void {
    this.requireDevice(deviceId);
    this.store.addInboxItem(deviceId, item);
  }

  /** A person at the central side accepts a rewound history; the device's next batch starts afresh. */
  acceptAuditRewind(deviceId: string): void {
    this.store.acceptAuditRewind(deviceId, this.clock().toISOString());
  }

  /** Forgets a stored rejection, so the same key sent again is processed afresh. */
  clearRejection(itemId: string): void {
    this.store.clearRejection(itemId);
  }

  /** Every request so far (up to the last 10,000), in arrival order. */
  requests(): readonly RequestLogEntry[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  /** Opens a box sealed to the central key: what tests use to look inside what arrived. */
  openSealed(sealed: string): unknown {
    const opened = openSealedJson(sealed, this.keys);
    return opened.ok ? opened.value : null;
  }

  /** Stops listening, ends every connection and every held answer, closes the database. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.faults.releaseAll();
      this.faults.clear();
      this.destroySockets();
      await this.stopListening();
      this.store.close();
    })();
    return this.closing;
  }

  // ---- the listener ------------------------------------------------------------------------

  /** A method, not the field, so a check after an await is not narrowed away by one before it. */
  private isClosing(): boolean {
    return this.closing !== null;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (cause: Error): void => {
        reject(cause);
      };
      this.server.once('error', onError);
      this.server.listen(this.boundPort, HOST, () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.destroySockets();
    });
  }

  private destroySockets(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  // ---- one request -------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://central.invalid');
    const path = url.pathname;
    const entry: RequestLogEntry = {
      n: ++this.requestCount,
      method: req.method ?? '',
      path,
      at: this.clock().toISOString(),
      status: null,
      fault: null,
    };
    this.log.push(entry);
    if (this.log.length > REQUEST_LOG_LIMIT) this.log.shift();

    const body = await readBody(req);
    if (this.closing || (!body.ok && body.reason === 'aborted')) {
      res.destroy();
      return;
    }
    const statusFault = this.faults.takeStatusFault(path);
    if (statusFault) {
      entry.fault = `status_${statusFault.status}`;
      this.send(res, entry, this.statusFaultAnswer(statusFault));
      return;
    }
    // a client that hangs up while the request waits leaves nothing behind: it was never handled
    const client = { gone: false };
    res.on('close', () => {
      client.gone = true;
    });
    await this.faults.delay('before_handling', path);
    if (this.isClosing() || client.gone) {
      res.destroy();
      return;
    }

    const answer = this.route(req, url, body);

    if (this.faults.takeDrop(path)) {
      entry.fault = 'drop_after_commit';
      res.destroy();
      return;
    }
    const bad = this.faults.takeBadResponse(path, path === SYNC_PATHS.outboxBatches && answer.status === 200);
    await this.faults.delay('after_commit', path);
    await this.faults.reorderGate(path);
    if (this.isClosing()) {
      res.destroy();
      return;
    }
    if (bad) {
      entry.fault = bad.kind;
      await this.sendBad(res, entry, answer, bad);
    } else {
      this.send(res, entry, answer);
    }
  }

  private send(res: ServerResponse, entry: RequestLogEntry, answer: Answer): void {
    if (res.destroyed) return;
    entry.status = answer.status;
    const body = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, {
      'Content-Type': JSON_MEDIA_TYPE,
      'Content-Length': String(body.length),
      'Cache-Control': 'no-store',
      [PROTOCOL_HEADER]: PROTOCOL_VERSION,
      ...answer.headers,
    });
    res.end(body);
  }

  private statusFaultAnswer(fault: StatusFault): Answer {
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
    if (fault.html) {
      return {
        status: fault.status,
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
        body: `<html><body><h1>${fault.status}</h1><p>The gateway is having a day.</p></body></html>`,
      };
    }
    const answer = error(fault.code, `test fault: ${fault.status}`);
    return { ...answer, status: fault.status, headers: { ...answer.headers, ...headers } };
  }

  private async sendBad(
    res: ServerResponse,
    entry: RequestLogEntry,
    answer: Answer,
    bad: BadResponse,
  ): Promise<void> {
    switch (bad.kind) {
      case 'non_json':
        this.send(res, entry, {
          status: 200,
          headers: {},
          body: '<html><body>Welcome to nginx!</body></html>',
        });
        return;
      case 'truncated_json':
        this.send(res, entry, {
          ...answer,
          status: 200,
          body: answer.body.slice(0, Math.floor(answer.body.length / 2)),
        });
        return;
      case 'wrong_schema':
        this.send(res, entry, { status: 200, headers: {}, body: '{"status":"ok","results":"all good"}' });
        return;
      case 'unknown_ack_ids': {
        const parsed = JSON.parse(answer.body) as { results: { id: string }[] };
        for (const result of parsed.results) result.id = randomUUID();
        this.send(res, entry, { ...answer, body: JSON.stringify(parsed) });
        return;
      }
      case 'short_body': {
        const full = Buffer.from(answer.body, 'utf8');
        entry.status = 200;
        res.writeHead(200, {
          'Content-Type': JSON_MEDIA_TYPE,
          'Content-Length': String(full.length),
          [PROTOCOL_HEADER]: PROTOCOL_VERSION,
        });
        res.write(full.subarray(0, Math.floor(full.length / 2)), () => {
          res.destroy();
        });
        return;
      }
      case 'huge_body':
        entry.status = 200;
        await this.streamHuge(res, bad.hugeBytes);
        return;
    }
  }

  /** Valid JSON, `bytes` long, written with backpressure; stops as soon as the client hangs up. */
  private async streamHuge(res: ServerResponse, bytes: number): Promise<void> {
    res.writeHead(200, { 'Content-Type': JSON_MEDIA_TYPE, [PROTOCOL_HEADER]: PROTOCOL_VERSION });
    const head = '{"pad":"';
    const tail = '"}';
    const chunk = 'x'.repeat(64 * 1024);
    let left = Math.max(0, bytes - head.length - tail.length);
    if (!res.write(head)) await this.drained(res);
    while (left > 0 && !res.destroyed && !this.closing) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!res.write(piece)) await this.drained(res);
    }
    if (!res.destroyed) res.end(tail);
  }

  private drained(res: ServerResponse): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }

  // ---- the contract ------------------------------------------------------------------------

  /** Synchronous on purpose: whatever it commits is committed before any fault can strike. */
  private route(req: IncomingMessage, url: URL, body: Body): Answer {
    try {
      return this.routeUnsafe(req, url, body);
    } catch {
      return error('internal', 'the central test server failed');
    }
  }

  private routeUnsafe(req: IncomingMessage, url: URL, body: Body): Answer {
    const method = ROUTES.get(url.pathname);
    if (!method) return error('not_found', `no such endpoint: ${url.pathname}`);
    if (req.method !== method) {
      const answer = error('method_not_allowed', `${url.pathname} takes ${method}`);
      return { ...answer, headers: { ...answer.headers, Allow: method } };
    }
    const version = PROTOCOL_VERSION_PATTERN.exec(String(req.headers[PROTOCOL_HEADER.toLowerCase()] ?? ''));
    if (version?.[1] === undefined || Number(version[1]) !== PROTOCOL_MAJOR) {
      return error('unsupported_version', `send ${PROTOCOL_HEADER}: ${PROTOCOL_VERSION}`);
    }
    const token = this.authenticate(req);
    if (!token) return error('unauthorized', 'missing, unknown or revoked device token');

    if (method === 'GET') {
      return url.pathname === SYNC_PATHS.health ? this.health(token) : this.inbox(token, url);
    }
    const mediaType = (req.headers['content-type'] ?? '')
      .toLowerCase()
      .split(';')
      .map((s) => s.trim());
    if (
      mediaType[0] !== 'application/json' ||
      mediaType.slice(1).some((p) => p.startsWith('charset=') && p !== 'charset=utf-8')
    ) {
      return error('unsupported_media_type', `send ${JSON_MEDIA_TYPE}`);
    }
    if (!body.ok)
      return error('payload_too_large', `bodies are limited to ${SYNC_LIMITS.maxBodyBytes} bytes`);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
    } catch {
      return error('invalid_request', 'the body is not UTF-8 JSON');
    }
    if (url.pathname === SYNC_PATHS.enrolment) return this.enrol(token, value);
    const device = token.device_id === null ? undefined : this.store.device(token.device_id);
    if (!device) return error('not_enrolled', 'enrol this token first (POST /v1/enrolment)');
    switch (url.pathname) {
      case SYNC_PATHS.outboxBatches:
        return this.outbox(device, value);
      case SYNC_PATHS.inboxAck:
        return this.ack(device, value);
      default:
        return this.reports(device, value);
    }
  }

  private authenticate(req: IncomingMessage): TokenRow | null {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
    if (match?.[1] === undefined) return null;
    const row = this.store.token(match[1]);
    return row && !row.revoked ? row : null;
  }

  private requireDevice(deviceId: string): DeviceRow {
    const device = this.store.device(deviceId);
    if (!device) throw new Error(`device ${deviceId} is not enrolled`);
    return device;
  }

  private health(token: TokenRow): Answer {
    const body: HealthResponse = {
      status: 'ok',
      protocol: PROTOCOL_VERSION,
      serverTime: this.clock().toISOString(),
      deviceId: token.device_id,
      centralPublicKey: this.centralPublicKey,
    };
    return json(200, body);
  }

  private enrol(token: TokenRow, value: unknown): Answer {
    const request = EnrolmentRequest.safeParse(value);
    if (!request.success) return error('invalid_request', issues(request.error));
    const outcome = this.store.enrol(token.token_hash, request.data, this.clock().toISOString());
    if (!outcome.ok) return error(outcome.code, outcome.message);
    return json(200, {
      deviceId: outcome.value.device_id,
      enrolledAt: outcome.value.enrolled_at,
      centralPublicKey: this.centralPublicKey,
    });
  }

  private outbox(device: DeviceRow, value: unknown): Answer {
    const request = OutboxBatchRequest.safeParse(value);
    if (!request.success) return error('invalid_request', issues(request.error));
    if (request.data.deviceId !== device.device_id) {
      return error('device_mismatch', 'deviceId is not the device this token is enrolled as');
    }
    const ids = new Set(request.data.items.map((item) => item.id));
    if (ids.size !== request.data.items.length) return error('invalid_request', 'an item id appears twice');
    const outcome = this.store.applyBatch(
      device.device_id,
      request.data,
      this.clock().toISOString(),
      this.checkContent,
    );
    if (!outcome.ok) {
      return error(
        outcome.code,
        outcome.message,
        outcome.checkpointSeq === undefined ? {} : { checkpointSeq: outcome.checkpointSeq },
      );
    }
    return json(200, outcome.value);
  }

  /** An item's turn has come: it must open, be content of the contract, and match its wrapper. */
  private readonly checkContent: ContentCheck = (item, deviceId) => {
    const opened = openSealedJson(item.sealed, this.keys);
    if (!opened.ok) {
      return opened.problem === 'unsealable'
        ? { ok: false, reason: 'unsealable', message: 'the sealed box does not open with the central key' }
        : { ok: false, reason: 'invalid_content', message: 'the sealed content is not UTF-8 JSON' };
    }
    const content = SealedOutboxContent.safeParse(opened.value);
    if (!content.success) return { ok: false, reason: 'invalid_content', message: issues(content.error) };
    const c = content.data;
    if (c.id !== item.id || c.recordId !== item.recordId || c.seq !== item.seq || c.deviceId !== deviceId) {
      return { ok: false, reason: 'sealed_mismatch', message: 'the sealed content belongs to another item' };
    }
    return { ok: true };
  };

  private inbox(token: TokenRow, url: URL): Answer {
    const device = token.device_id === null ? undefined : this.store.device(token.device_id);
    if (!device) return error('not_enrolled', 'enrol this token first (POST /v1/enrolment)');
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? SYNC_LIMITS.defaultInboxPage : Number(limitText);
    if (!/^\d{1,3}$/.test(limitText ?? '1') || limit < 1 || limit > SYNC_LIMITS.maxInboxPage) {
      return error('invalid_request', `limit is 1 to ${SYNC_LIMITS.maxInboxPage}`);
    }
    const cursorText = url.searchParams.get('cursor');
    let after = device.inbox_acked;
    if (cursorText !== null) {
      const position = this.cursorPosition(device, cursorText);
      if (position === null) return error('invalid_cursor', 'this cursor was never given to this device');
      after = position;
    }
    // a margin for the JSON around the sealed text
    const page = this.store.inboxPage(device.device_id, after, limit, SYNC_LIMITS.maxBodyBytes - 64 * 1024);
    const body: InboxPage = { items: page.items, nextCursor: encodeCursor(page.last), hasMore: page.hasMore };
    return json(200, body);
  }

  private cursorPosition(device: DeviceRow, cursor: string): number | null {
    if (!Cursor.safeParse(cursor).success) return null;
    const position = decodeCursor(cursor);
    if (position === null) return null;
    const highest = Math.max(this.store.inboxHighest(device.device_id), device.inbox_acked);
    return position <= highest ? position : null;
  }

  private ack(device: DeviceRow, value: unknown): Answer {
    const request = InboxAckRequest.safeParse(value);
    if (!request.success) return error('invalid_request', issues(request.error));
    const position = this.cursorPosition(device, request.data.cursor);
    if (position === null) return error('invalid_cursor', 'this cursor was never given to this device');
    const acked = this.store.ackInbox(device.device_id, position);
    return json(200, { cursor: encodeCursor(acked), acknowledgedAt: this.clock().toISOString() });
  }

  private reports(device: DeviceRow, value: unknown): Answer {
    const request = InboxReportRequest.safeParse(value);
    if (!request.success) return error('invalid_request', issues(request.error));
    const recorded = this.store.recordInboxReports(
      device.device_id,
      request.data.reports,
      this.clock().toISOString(),
    );
    return json(200, { recorded });
  }
}
