import { createHash, randomUUID } from 'node:crypto';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import {
  type AuditCheckpoint,
  type AuditHead,
  ErrorResponse,
  type InboxItem,
  type OutboxBatchRequest,
  OutboxBatchResponse,
  type OutboxItem,
  type OutboxKind,
  SealedInboxContent,
  type SealedOutboxContent,
} from '../../../shared/sync/wire.js';
import { type CentralAnswer, type CentralRequest, callCentral } from './call-central.js';
import type { CentralServer } from './central-server.js';
import { type BoxKeyPair, newBoxKeyPair, openSealedJson, sealJson, toBase64 } from './sealing.js';

/**
 * A stand-in kiosk for testing the central server: it enrols, seals items, keeps a hash-chained
 * audit log it can rewrite on purpose, and speaks the contract by hand. No retries and no
 * outbox: the real sync client lives in electron/core and has its own tests.
 */
export class FakeAuditChain {
  private readonly hashes: string[] = [];

  constructor(entries = 1) {
    this.append(entries);
  }

  append(n = 1): AuditHead {
    for (let i = 0; i < n; i += 1) this.hashes.push(this.hashFor(this.hashes.length + 1, 'entry'));
    return this.head();
  }

  head(): AuditHead {
    const hash = this.hashes.at(-1);
    if (hash === undefined) throw new Error('the audit chain is empty');
    return { seq: this.hashes.length, hash };
  }

  at(seq: number): string | null {
    return this.hashes[seq - 1] ?? null;
  }

  /** An insider edits entry `seq` and recomputes every hash after it: the head looks fine. */
  rewriteFrom(seq: number): void {
    const length = this.hashes.length;
    this.hashes.length = seq - 1;
    this.hashes.push(this.hashFor(seq, 'edited'));
    while (this.hashes.length < length) this.hashes.push(this.hashFor(this.hashes.length + 1, 'entry'));
  }

  /** The device is restored from an older backup: the history ends at `seq`. */
  truncateTo(seq: number): void {
    this.hashes.length = seq;
  }

  /** Each entry is new content (a time, a person, an action), so two histories never agree by chance. */
  private hashFor(seq: number, what: string): string {
    const previous = this.hashes[seq - 2] ?? '0'.repeat(64);
    return createHash('sha256').update(`${previous}|${seq}|${what}|${randomUUID()}`).digest('hex');
  }
}

export class FakeDevice {
  readonly audit = new FakeAuditChain(3);
  /** the head the central side last said it holds */
  heldHead: AuditHead | null = null;
  private readonly nextSeq = new Map<string, number>();

  constructor(
    readonly server: CentralServer,
    readonly token: string,
    readonly deviceId: string = randomUUID(),
    readonly keys: BoxKeyPair = newBoxKeyPair(),
  ) {}

  get publicKey(): string {
    return toBase64(this.keys.publicKey);
  }

  /** A new token from the server, then POST /v1/enrolment over HTTP as a kiosk would. */
  static async enrol(server: CentralServer): Promise<FakeDevice> {
    const device = new FakeDevice(server, server.issueToken());
    const answer = await device.call({
      path: SYNC_PATHS.enrolment,
      body: {
        deviceId: device.deviceId,
        devicePublicKey: device.publicKey,
        deviceName: 'Front desk 1',
        appVersion: '0.1.0',
      },
    });
    if (answer.status !== 200) throw new Error(`enrolment failed: ${answer.status} ${answer.text}`);
    return device;
  }

  call(request: CentralRequest): Promise<CentralAnswer> {
    return callCentral(this.server.url, { token: this.token, ...request });
  }

  /** The next item of a record, sealed to the central key; `content` overrides what is sealed. */
  item(
    recordId: string,
    options: {
      seq?: number;
      kind?: OutboxKind;
      data?: Record<string, unknown>;
      content?: Partial<SealedOutboxContent>;
    } = {},
  ): OutboxItem {
    const seq = options.seq ?? this.nextSeq.get(recordId) ?? 1;
    this.nextSeq.set(recordId, Math.max(seq + 1, this.nextSeq.get(recordId) ?? 1));
    const id = randomUUID();
    const content: SealedOutboxContent = {
      v: 1,
      id,
      deviceId: this.deviceId,
      recordId,
      seq,
      kind: options.kind ?? 'record.revision',
      occurredAt: new Date().toISOString(),
      data: options.data ?? { revision: seq, state: 'awaiting_cross_review' },
      ...options.content,
    };
    return { id, recordId, seq, sealed: sealJson(content, this.server.centralPublicKey) };
  }

  /** A batch with the current audit head and, once the server holds one, the checkpoint for it. */
  batch(items: OutboxItem[], options: { checkpoint?: AuditCheckpoint | null } = {}): OutboxBatchRequest {
    const checkpoint =
      options.checkpoint === undefined ? this.checkpointFor(this.heldHead?.seq) : options.checkpoint;
    return {
      deviceId: this.deviceId,
      batchId: randomUUID(),
      sentAt: new Date().toISOString(),
      auditHead: this.audit.head(),
      ...(checkpoint ? { auditCheckpoint: checkpoint } : {}),
      items,
    };
  }

  checkpointFor(seq: number | undefined): AuditCheckpoint | null {
    return seq === undefined ? null : { seq, hash: this.audit.at(seq) };
  }

  /** Posts a batch; a 200 answer moves heldHead, as a real device would remember it. */
  async send(
    batch: OutboxBatchRequest | OutboxItem[],
    options: { timeoutMs?: number } = {},
  ): Promise<CentralAnswer> {
    const body = Array.isArray(batch) ? this.batch(batch) : batch;
    const answer = await this.call({ path: SYNC_PATHS.outboxBatches, body, ...options });
    if (answer.status === 200) {
      const parsed = OutboxBatchResponse.safeParse(answer.json);
      if (parsed.success) this.heldHead = parsed.data.auditHead;
    }
    return answer;
  }

  /**
   * Sends as the contract asks a device to (one extra round when the central side wants a
   * checkpoint at another audit entry) and insists on a well-formed 200.
   */
  async sendOk(batch: OutboxBatchRequest | OutboxItem[]): Promise<OutboxBatchResponse> {
    const body = Array.isArray(batch) ? this.batch(batch) : batch;
    let answer = await this.send(body);
    const asked = ErrorResponse.safeParse(answer.json);
    const seq = asked.success ? asked.data.error.checkpointSeq : undefined;
    if (answer.status === 409 && seq !== undefined) {
      const checkpoint = this.checkpointFor(seq);
      answer = await this.send({
        ...body,
        auditHead: this.audit.head(),
        ...(checkpoint ? { auditCheckpoint: checkpoint } : {}),
      });
    }
    if (answer.status !== 200) throw new Error(`batch refused: ${answer.status} ${answer.text}`);
    return OutboxBatchResponse.parse(answer.json);
  }

  openInboxItem(item: InboxItem): SealedInboxContent | null {
    const opened = openSealedJson(item.sealed, this.keys);
    if (!opened.ok) return null;
    const content = SealedInboxContent.safeParse(opened.value);
    return content.success ? content.data : null;
  }
}
