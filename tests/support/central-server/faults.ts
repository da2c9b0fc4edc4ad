/**
 * The central test server's fault switches, settable while it runs. Each switch is either
 * counted (it fires for the next N matching requests, then turns itself off) or held until
 * cleared; every wait it causes is capped and is cut short by clear() or the server's close(),
 * so no test can leave a timer or a parked request behind.
 */

/** Longest a delay switch holds one response; a larger request is cut to this. */
export const MAX_FAULT_DELAY_MS = 60_000;
/** Longest a reorder group waits to fill before it lets its answers go anyway. */
export const MAX_REORDER_WAIT_MS = 10_000;
/** Between two answers of a reordered group, so they reach the client in the reversed order. */
const REORDER_SPACING_MS = 25;
/** The default size of a huge_body answer: four times what a device may read. */
export const DEFAULT_HUGE_BODY_BYTES = 16 * 1024 * 1024;

export type RefuseMode =
  /** stop listening: new connections get ECONNREFUSED; open ones are destroyed */
  | 'closed'
  /** keep listening but destroy every socket as soon as it connects (a reset) */
  | 'reset';

/**
 * Answers replaced after the request was handled normally (and committed): the central side did
 * its work, the device just cannot tell from what came back.
 */
export const BAD_RESPONSE_KINDS = [
  /** 200 with an HTML page, labelled application/json */
  'non_json',
  /** 200 with the first half of the real JSON, Content-Length matching what is sent */
  'truncated_json',
  /** 200 whose Content-Length promises the whole answer, then the connection ends halfway */
  'short_body',
  /** 200 with JSON that fits no schema of the contract */
  'wrong_schema',
  /** 200 with a valid JSON body far beyond the body limit, chunked (no Content-Length) */
  'huge_body',
  /** outbox only: every result's id replaced by one the device never sent */
  'unknown_ack_ids',
] as const;
export type BadResponseKind = (typeof BAD_RESPONSE_KINDS)[number];

export interface PathOption {
  /** only requests to this path (e.g. SYNC_PATHS.outboxBatches); all paths when absent */
  path?: string;
}

export type RetryAfter = number | Date;

export interface StatusFault {
  status: number;
  code: 'internal' | 'unavailable' | 'rate_limited';
  retryAfter?: string;
  /** answer with an HTML page, as a proxy in front of the central system would */
  html: boolean;
}

export interface BadResponse {
  kind: BadResponseKind;
  hugeBytes: number;
}

interface Counted<T> {
  remaining: number;
  path: string | undefined;
  value: T;
}

interface Delay {
  ms: number;
  phase: 'before_handling' | 'after_commit';
  path: string | undefined;
  /** undefined: every matching request until cleared */
  remaining: number | undefined;
}

interface ReorderGroup {
  size: number;
  groups: number;
  maxWaitMs: number;
  path: string | undefined;
  waiting: (() => void)[];
  timer: NodeJS.Timeout | undefined;
}

function matches(path: string | undefined, requestPath: string): boolean {
  return path === undefined || path === requestPath;
}

function take<T>(list: Counted<T>[], requestPath: string, accept?: (value: T) => boolean): T | null {
  const index = list.findIndex(
    (entry) => entry.remaining > 0 && matches(entry.path, requestPath) && (accept?.(entry.value) ?? true),
  );
  const entry = list[index];
  if (!entry) return null;
  entry.remaining -= 1;
  if (entry.remaining <= 0) list.splice(index, 1);
  return entry.value;
}

function count(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a fault count is a whole number, not ${n}`);
  return n;
}

function retryAfterHeader(value: RetryAfter): string {
  return typeof value === 'number' ? String(Math.max(0, Math.round(value))) : value.toUTCString();
}

/** What the server does for the switches that touch its listener. */
export interface ListenerControl {
  refuse(mode: RefuseMode): Promise<void>;
  accept(): Promise<void>;
}

export class FaultSwitches {
  private readonly statusFaults: Counted<StatusFault>[] = [];
  private readonly drops: Counted<true>[] = [];
  private readonly badResponses: Counted<BadResponse>[] = [];
  private delays: Delay[] = [];
  private reorder: ReorderGroup | null = null;
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private refusing: RefuseMode | null = null;

  constructor(private readonly listener: ListenerControl) {}

  // ---- switches tests set ------------------------------------------------------------------

  /** Until acceptConnections(): 'closed' gives ECONNREFUSED, 'reset' accepts and drops at once. */
  async refuseConnections(mode: RefuseMode = 'closed'): Promise<void> {
    this.refusing = mode;
    await this.listener.refuse(mode);
  }

  async acceptConnections(): Promise<void> {
    this.refusing = null;
    await this.listener.accept();
  }

  get refuseMode(): RefuseMode | null {
    return this.refusing;
  }

  /**
   * Holds answers for `ms` (capped at MAX_FAULT_DELAY_MS). 'before_handling' waits before the
   * request is applied, so a client that gives up leaves nothing behind; 'after_commit' applies
   * it first, so a client that gives up and resends meets its own earlier request.
   */
  delayResponses(
    ms: number,
    options: PathOption & { phase?: 'before_handling' | 'after_commit'; times?: number } = {},
  ): void {
    this.delays.push({
      ms: Math.min(Math.max(0, ms), MAX_FAULT_DELAY_MS),
      phase: options.phase ?? 'before_handling',
      path: options.path,
      remaining: options.times === undefined ? undefined : count(options.times),
    });
  }

  /** The next `n` requests get `status` (500 unless told) without being applied. */
  failNext(n: number, options: PathOption & { status?: number; html?: boolean } = {}): void {
    this.statusFaults.push({
      remaining: count(n),
      path: options.path,
      value: { status: options.status ?? 500, code: 'internal', html: options.html ?? false },
    });
  }

  /** The next `n` requests get 503 with Retry-After, without being applied. */
  unavailableNext(n: number, options: PathOption & { retryAfter?: RetryAfter } = {}): void {
    this.statusFaults.push({
      remaining: count(n),
      path: options.path,
      value: {
        status: 503,
        code: 'unavailable',
        retryAfter: retryAfterHeader(options.retryAfter ?? 1),
        html: false,
      },
    });
  }

  /** The next `n` requests get 429 with Retry-After, without being applied. */
  rateLimitNext(n: number, options: PathOption & { retryAfter?: RetryAfter } = {}): void {
    this.statusFaults.push({
      remaining: count(n),
      path: options.path,
      value: {
        status: 429,
        code: 'rate_limited',
        retryAfter: retryAfterHeader(options.retryAfter ?? 1),
        html: false,
      },
    });
  }

  /** The next `n` requests are applied and committed, then their connection is destroyed unanswered. */
  dropAfterCommitNext(n: number, options: PathOption = {}): void {
    this.drops.push({ remaining: count(n), path: options.path, value: true });
  }

  /**
   * The next `groups` groups of `size` concurrent requests are answered newest first. A group
   * that does not fill within `maxWaitMs` (capped at MAX_REORDER_WAIT_MS) goes out as it is.
   */
  reorderNext(size: number, options: PathOption & { maxWaitMs?: number; groups?: number } = {}): void {
    if (count(size) < 2) throw new RangeError('reordering needs at least two requests');
    this.flushReorder();
    this.reorder = {
      size,
      groups: count(options.groups ?? 1),
      maxWaitMs: Math.min(options.maxWaitMs ?? 2000, MAX_REORDER_WAIT_MS),
      path: options.path,
      waiting: [],
      timer: undefined,
    };
  }

  /** The next `n` matching answers are replaced by `kind` (the requests are applied normally). */
  badResponseNext(kind: BadResponseKind, n = 1, options: PathOption & { hugeBytes?: number } = {}): void {
    this.badResponses.push({
      remaining: count(n),
      path: options.path,
      value: { kind, hugeBytes: Math.max(1, options.hugeBytes ?? DEFAULT_HUGE_BODY_BYTES) },
    });
  }

  /** Every switch off, every held answer released now. Refusal is ended by acceptConnections(). */
  clear(): void {
    this.statusFaults.length = 0;
    this.drops.length = 0;
    this.badResponses.length = 0;
    this.delays = [];
    this.flushReorder();
    this.reorder = null;
    this.releaseAll();
  }

  // ---- what the server asks ----------------------------------------------------------------

  takeStatusFault(path: string): StatusFault | null {
    return take(this.statusFaults, path);
  }

  takeDrop(path: string): boolean {
    return take(this.drops, path) !== null;
  }

  takeBadResponse(path: string, isOutboxAnswer: boolean): BadResponse | null {
    // unknown_ack_ids only means something on an outbox answer: it waits for one
    return take(this.badResponses, path, (bad) => bad.kind !== 'unknown_ack_ids' || isOutboxAnswer);
  }

  /** Resolves after the delay set for this phase and path, or at once when none (or on clear). */
  async delay(phase: Delay['phase'], path: string): Promise<void> {
    const delay = this.delays.find(
      (d) => d.phase === phase && matches(d.path, path) && (d.remaining ?? 1) > 0,
    );
    if (!delay) return;
    if (delay.remaining !== undefined) {
      delay.remaining -= 1;
      if (delay.remaining <= 0) this.delays = this.delays.filter((d) => d !== delay);
    }
    await this.sleep(delay.ms);
  }

  /** Holds an answer until its reorder group is full (or timed out), then lets it go in reverse. */
  async reorderGate(path: string): Promise<void> {
    const group = this.reorder;
    if (!group || !matches(group.path, path)) return;
    await new Promise<void>((resolve) => {
      group.waiting.push(resolve);
      if (group.waiting.length === 1) {
        group.timer = setTimeout(() => {
          this.flushReorder();
        }, group.maxWaitMs);
      }
      if (group.waiting.length >= group.size) this.flushReorder();
    });
  }

  /** Lets every held answer go at once: the server's close() and clear() call it. */
  releaseAll(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
    const group = this.reorder;
    if (group) {
      clearTimeout(group.timer);
      for (const resolve of group.waiting.splice(0)) resolve();
    }
  }

  private flushReorder(): void {
    const group = this.reorder;
    if (!group) return;
    clearTimeout(group.timer);
    group.timer = undefined;
    const waiting = group.waiting.splice(0).reverse();
    if (waiting.length > 0) {
      group.groups -= 1;
      if (group.groups <= 0) this.reorder = null;
    }
    waiting.forEach((resolve, i) => {
      if (i === 0) resolve();
      else void this.sleep(i * REORDER_SPACING_MS).then(resolve);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }
}
