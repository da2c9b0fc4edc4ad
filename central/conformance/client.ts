import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { JSON_MEDIA_TYPE, PROTOCOL_HEADER } from '../../shared/sync/protocol.js';
import { type AuditHead, ErrorResponse, type OutboxItem } from '../../shared/sync/wire.js';
import { type BoxKeyPair, newBoxKeyPair, sealJsonTo, toBase64 } from '../crypto.js';

/**
 * The conformance suite's device: plain fetch, its own key pair, its own audit chain (any
 * 64-hex values will do: the central side compares them for equality only).
 */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface Call {
  method?: string;
  path: string;
  token?: string | null;
  version?: string | null;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

export class ConformanceError extends Error {}

export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ConformanceError(message);
}

export async function call(baseUrl: string, c: Call): Promise<Reply> {
  const headers: Record<string, string> = {
    'User-Agent': 'Snowdesk-conformance/1.1',
    Accept: 'application/json',
  };
  if (c.token !== null && c.token !== undefined) headers.Authorization = `Bearer ${c.token}`;
  if (c.version !== null) headers[PROTOCOL_HEADER] = c.version ?? '1.1';
  let body: string | undefined;
  if (c.rawBody !== undefined || c.body !== undefined) {
    headers['Content-Type'] = c.contentType ?? JSON_MEDIA_TYPE;
    body = c.rawBody ?? JSON.stringify(c.body);
  }
  const response = await fetch(baseUrl.replace(/\/$/, '') + c.path, {
    method: c.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The answer parses with `schema`, or the check fails naming what came instead. */
export function parsed<S extends z.ZodType>(
  reply: Reply,
  status: number,
  schema: S,
  what: string,
): z.infer<S> {
  expectThat(
    reply.status === status,
    `${what}: expected ${status}, got ${reply.status} ${reply.text.slice(0, 300)}`,
  );
  const result = schema.safeParse(reply.json);
  expectThat(
    result.success,
    `${what}: the answer is not ${schema.meta()?.title ?? 'the schema'}: ${reply.text.slice(0, 300)}`,
  );
  return result.data;
}

export function expectError(reply: Reply, status: number, code: string, what: string): void {
  const body = ErrorResponse.safeParse(reply.json);
  expectThat(
    reply.status === status && body.success && body.data.error.code === code,
    `${what}: expected ${status} ${code}, got ${reply.status} ${reply.text.slice(0, 300)}`,
  );
}

export class Desk {
  readonly deviceId = randomUUID();
  readonly keys: BoxKeyPair = newBoxKeyPair();
  private auditSeq = 0;
  private readonly chain: string[] = [];
  heldSeq: number | null = null;
  centralPublicKey = '';

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly name: string,
  ) {}

  get publicKey(): string {
    return toBase64(this.keys.publicKey);
  }

  call(c: Omit<Call, 'token'>): Promise<Reply> {
    return call(this.baseUrl, { ...c, token: this.token });
  }

  /** Appends an audit entry and returns the head. */
  audit(): AuditHead {
    this.auditSeq += 1;
    const hash = randomUUID().replace(/-/g, '').repeat(2);
    this.chain.push(hash);
    return { seq: this.auditSeq, hash };
  }

  head(): AuditHead {
    const hash = this.chain[this.auditSeq - 1];
    return hash === undefined ? this.audit() : { seq: this.auditSeq, hash };
  }

  checkpoint(): { seq: number; hash: string | null } | undefined {
    if (this.heldSeq === null) return undefined;
    return { seq: this.heldSeq, hash: this.chain[this.heldSeq - 1] ?? null };
  }

  item(
    recordId: string,
    seq: number,
    data: Record<string, unknown> = { revision: seq },
    kind = 'record.revision',
  ): OutboxItem {
    const id = randomUUID();
    const content = {
      v: 1,
      id,
      deviceId: this.deviceId,
      recordId,
      seq,
      kind,
      occurredAt: new Date().toISOString(),
      data,
    };
    return { id, recordId, seq, sealed: sealJsonTo(content, this.centralPublicKey) };
  }

  batch(items: OutboxItem[], extra: Record<string, unknown> = {}): Record<string, unknown> {
    const checkpoint = this.checkpoint();
    return {
      deviceId: this.deviceId,
      batchId: randomUUID(),
      sentAt: new Date().toISOString(),
      auditHead: this.audit(),
      ...(checkpoint ? { auditCheckpoint: checkpoint } : {}),
      items,
      ...extra,
    };
  }
}
