import type { Database } from 'better-sqlite3';
import type {
  CentralLookupInput,
  CentralLookupResult,
  StuckItem,
  SyncDetails,
  SyncEnrolInput,
  SyncEnrolResult,
  SyncProblem,
  SyncStatus,
  SyncTestInput,
  SyncTestResult,
} from '../../../shared/ipc/sync-schemas.js';
import { SYNC_LIMITS } from '../../../shared/sync/protocol.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import type { Logger } from '../logger.js';
import type { NetworkMonitor } from '../network-monitor.js';
import type { RecordChangeSink } from '../records/record-change-sink.js';
import { CentralClient } from './central-client.js';
import { lookUpCentral } from './central-lookup.js';
import { checkHealth, enrol, type EnrolmentDeps, enrolmentTarget, testConnection } from './enrolment.js';
import { InboxStore, type OnlineSubmissionSink } from './inbox-store.js';
import { pullInbox, sendInboxReports } from './inbox-puller.js';
import { OutboxRecordChangeSink } from './outbox.js';
import { OutboxQueue } from './outbox-queue.js';
import { drainOutbox } from './outbox-sender.js';
import { SyncClosed, SyncFailure, type Verdict, stopWith } from './sync-failure.js';
import { retryDelayMs, type Scheduler, systemScheduler, type TimerHandle } from './sync-schedule.js';
import { type Enrolment, readEnrolment, SyncStateStore } from './sync-store.js';

/**
 * The sync loop (docs/sync-protocol.md; DESIGN.md "Sync with the central system"). It runs by
 * itself, locked or not, once the kiosk is enrolled; DK is needed only to open inbox items.
 *
 *   not_enrolled --enrol--> idle --(now | timer)--> syncing --ok--> idle (next poll scheduled)
 *                                                      |--retryable failure--> retrying --timer--> syncing
 *                                                      '--failure retrying cannot fix--> stopped
 *   stopped --maintainer: retry or enrol again, or the next start--> syncing
 *
 * A round: GET /v1/health (URL, TLS and pin, token, central key, clock) -> the outbox, batch by
 * batch until empty -> reports of quarantined inbox items -> new inbox pages -> open them if
 * someone is signed in. Rounds never overlap; a change written during a round asks for another
 * round right after it. All of the loop's state is in SQLite (sync-store.ts), so a restarted
 * kiosk carries on where it stopped; only the timers live in memory.
 */

export interface SyncTuning {
  scheduler?: Scheduler;
  /** for the jitter; Math.random unless a test fixes it */
  random?: () => number;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** between rounds when all is well: new online submissions arrive by this */
  pollIntervalMs?: number;
  /** items per batch, at most SYNC_LIMITS.maxBatchItems */
  maxBatchItems?: number;
  /** the record workflow's door for opened online submissions; until it exists they wait in sync_inbox */
  onlineSubmissions?: OnlineSubmissionSink;
}

export interface SyncServiceOptions extends SyncTuning {
  db: Database;
  deviceId: string;
  audit: AuditLog;
  appVersion: string;
  clock: Clock;
  log: Logger;
  network: NetworkMonitor;
  /** DK of the unlocked session, or null (locked, signed out): makes the holding key pair */
  keys: () => KeyHandle | null;
  /** DK when the person unlocked may open online submissions (certified desk staff), else null */
  inboxKeys?: () => KeyHandle | null;
  /** the header's line changed */
  onStatus: (status: SyncStatus) => void;
}

export const DEFAULT_POLL_INTERVAL_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** docs/sync-protocol.md 7: warn when the clocks are more than two minutes apart */
const CLOCK_SKEW_WARN_MS = 2 * 60 * 1000;

const NOT_ENROLLED: SyncStatus = {
  state: 'not_enrolled',
  online: false,
  waiting: 0,
  stuck: 0,
  inboxToOpen: 0,
  lastSuccessAt: null,
  nextAttemptAt: null,
  lastError: null,
  clockSkewMs: null,
};

/** The status of a kiosk whose data folder did not open. */
export function unavailableSyncStatus(): SyncStatus {
  return { ...NOT_ENROLLED };
}

export class SyncService {
  readonly queue: OutboxQueue;
  readonly inbox: InboxStore;
  readonly state: SyncStateStore;
  /** what the record workflow calls inside each change's transaction */
  readonly recordChanges: RecordChangeSink;

  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private enrolment: Enrolment | null;
  private client: CentralClient | null = null;
  private started = false;
  private closed = false;
  private running: Promise<void> | null = null;
  private soon: NodeJS.Immediate | null = null;
  private timer: TimerHandle | null = null;
  private timerDue: number | null = null;
  private rerun = false;
  private reachable = false;
  private lastPrune = 0;
  private waiters: (() => void)[] = [];
  private notifyPending: NodeJS.Immediate | null = null;
  private lastStatus = '';

  constructor(private readonly options: SyncServiceOptions) {
    const { db, audit } = options;
    this.queue = new OutboxQueue(db, audit);
    this.inbox = new InboxStore(db, audit);
    this.state = new SyncStateStore(db);
    this.scheduler = options.scheduler ?? systemScheduler;
    this.random = options.random ?? Math.random;
    this.enrolment = readEnrolment(db);
    this.recordChanges = new OutboxRecordChangeSink(
      { deviceId: options.deviceId, now: () => options.clock.now(), keys: options.keys },
      () => {
        this.kick();
      },
    );
  }

  get enrolled(): boolean {
    return this.enrolment !== null;
  }

  /** Begins the loop if the kiosk is enrolled, honouring a wait a previous run was asked for. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.lastStatus = JSON.stringify(this.status());
    if (!this.enrolment) return;
    this.options.network.setCentral('unreachable');
    const notBefore = this.state.get().not_before;
    const now = this.options.clock.now();
    if (notBefore !== null && notBefore > now) this.schedule(notBefore - now);
    else this.runSoon();
  }

  /** Stops timers and ends requests in flight; a round in progress ends without writing. */
  stop(): void {
    this.closed = true;
    if (this.soon) clearImmediate(this.soon);
    if (this.notifyPending) clearImmediate(this.notifyPending);
    this.soon = null;
    this.notifyPending = null;
    this.cancelTimer();
    this.client?.close();
    this.client = null;
    this.releaseWaiters();
  }

  /** A record changed: send it soon, unless the loop is waiting out a failure or stopped. */
  kick(): void {
    this.notify();
    if (!this.enrolment || this.closed || !this.started) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    const st = this.state.get();
    if (st.stopped === 1 || (st.not_before !== null && st.not_before > this.options.clock.now())) return;
    this.runSoon();
  }

  /** The operating system says the link is back: try now rather than at the end of a backoff. */
  osOnline(online: boolean | null): void {
    if (online !== true || !this.enrolment || this.closed || !this.started) return;
    if (this.state.get().stopped === 1) return;
    this.runSoon();
  }

  /** The maintainer asks for a round now: clears a stop and the backoff. */
  syncNow(): void {
    if (!this.enrolment || this.closed) return;
    this.state.resume();
    this.runSoon();
  }

  /** Resolves once no round is running or about to start (waits still scheduled do not count). */
  settled(): Promise<void> {
    if (!this.running && !this.soon) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  status(): SyncStatus {
    if (!this.enrolment) {
      return {
        ...NOT_ENROLLED,
        waiting: this.queue.waiting(),
        stuck: this.queue.stuckCount() + this.inbox.stuckCount(),
      };
    }
    const st = this.state.get();
    const state = this.running
      ? 'syncing'
      : st.stopped === 1
        ? 'stopped'
        : st.failures > 0 && st.last_error !== null
          ? 'retrying'
          : 'idle';
    return {
      state,
      online: this.reachable,
      waiting: this.queue.waiting(),
      stuck: this.queue.stuckCount() + this.inbox.stuckCount(),
      inboxToOpen: this.inbox.toOpen(),
      lastSuccessAt: st.last_success_at,
      nextAttemptAt: this.running ? null : (this.timerDue ?? st.not_before),
      lastError:
        st.last_error === null ? null : { problem: st.last_error as SyncProblem, at: st.last_error_at ?? 0 },
      clockSkewMs: st.clock_skew_ms,
    };
  }

  details(): SyncDetails {
    const e = this.enrolment;
    return {
      status: this.status(),
      enrolment: e
        ? {
            url: e.url,
            deviceId: this.options.deviceId,
            deviceName: e.deviceName,
            centralPublicKey: e.centralPublicKey,
            tlsPins: e.tlsPins,
            enrolledAt: e.enrolledAt,
          }
        : null,
      lastErrorDetail: this.state.get().last_error_detail,
    };
  }

  stuck(): StuckItem[] {
    return [...this.queue.stuck(), ...this.inbox.stuck()];
  }

  /** Sends named stuck items again (or opens named inbox items again), then syncs now. */
  retry(ids: readonly string[], actorId: string): SyncStatus {
    const { db, audit } = this.options;
    db.transaction(() => {
      const outbox = this.queue.retry(ids);
      const inbox = this.inbox.retry(ids);
      audit.append({
        actorId,
        action: 'sync.retry',
        targetType: 'device',
        targetId: this.options.deviceId,
        reason: `outbox:${String(outbox)},inbox:${String(inbox)}`,
      });
    })();
    this.openInbox();
    this.syncNow();
    this.notify();
    return this.status();
  }

  /** Protocol 1.1 look-up at the central side; offline it says the desk searched locally. */
  lookUpCentral(query: CentralLookupInput, keys: KeyHandle, actorId: string): Promise<CentralLookupResult> {
    const enrolment = this.enrolment;
    return lookUpCentral(
      {
        db: this.options.db,
        deviceId: this.options.deviceId,
        audit: this.options.audit,
        client: enrolment ? this.clientFor(enrolment) : null,
        centralPublicKey: enrolment?.centralPublicKey ?? null,
      },
      query,
      keys,
      actorId,
    );
  }

  async testConnection(input: SyncTestInput): Promise<SyncTestResult> {
    const { result, reachable } = await testConnection(this.enrolmentDeps(), input);
    if (!('code' in input) && !('url' in input) && this.enrolment) this.setReachable(reachable);
    return result;
  }

  async enrol(input: SyncEnrolInput, actorId: string, keys: KeyHandle): Promise<SyncEnrolResult> {
    const target = enrolmentTarget(input);
    const outcome = await enrol(this.enrolmentDeps(), target, actorId, keys);
    if (!outcome.ok) return outcome;
    this.enrolment = readEnrolment(this.options.db);
    this.client?.close();
    this.client = null;
    this.setReachable(true);
    if (this.started && !this.closed) this.runSoon();
    this.notify();
    return { ok: true, details: this.details() };
  }

  /** Opens inbox items pulled while locked; called after each round and at every unlock. */
  openInbox(): void {
    if (this.closed) return;
    const keys = (this.options.inboxKeys ?? this.options.keys)();
    if (!keys || keys.wiped || this.inbox.toOpen() === 0) return;
    try {
      const { quarantined, opened } = this.inbox.openAll(
        keys,
        this.options.clock.now(),
        this.options.onlineSubmissions ?? null,
      );
      if (opened + quarantined > 0) this.notify();
      // quarantined items are reported to the central side by the next round
      if (quarantined > 0 && this.started && this.enrolment && !this.running) this.runSoon();
      else if (quarantined > 0) this.rerun = true;
    } catch (error) {
      this.options.log.error('sync.inbox_open_failed', {
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  }

  // ---- the loop ----------------------------------------------------------------------------

  private enrolmentDeps(): EnrolmentDeps {
    const o = this.options;
    return {
      db: o.db,
      deviceId: o.deviceId,
      audit: o.audit,
      state: this.state,
      now: () => o.clock.now(),
      appVersion: o.appVersion,
      clientOptions: { connectTimeoutMs: o.connectTimeoutMs, requestTimeoutMs: o.requestTimeoutMs },
    };
  }

  private clientFor(enrolment: Enrolment): CentralClient {
    this.client ??= new CentralClient(
      { url: enrolment.url, token: enrolment.token, tlsPins: enrolment.tlsPins },
      {
        appVersion: this.options.appVersion,
        connectTimeoutMs: this.options.connectTimeoutMs,
        requestTimeoutMs: this.options.requestTimeoutMs,
        now: () => this.options.clock.now(),
      },
    );
    return this.client;
  }

  private runSoon(): void {
    if (this.closed) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    if (this.soon) return;
    this.cancelTimer();
    this.soon = setImmediate(() => {
      this.soon = null;
      this.launch();
    });
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.closed) return;
    this.timerDue = this.options.clock.now() + ms;
    this.timer = this.scheduler.after(ms, () => {
      this.timer = null;
      this.timerDue = null;
      this.launch();
    });
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
    this.timerDue = null;
  }

  private launch(): void {
    if (this.closed) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.cancelTimer();
    this.running = (async () => {
      let again = true;
      while (again && !this.closed) {
        this.rerun = false;
        const ok = await this.round();
        again = ok && this.rerun;
      }
    })()
      .catch((error: unknown) => {
        this.options.log.error('sync.loop_failed', {
          error: error instanceof Error ? error.name : 'unknown',
        });
      })
      .finally(() => {
        this.running = null;
        if (!this.closed) this.notify();
        if (!this.soon) this.releaseWaiters();
      });
  }

  private releaseWaiters(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Throws SyncClosed once the core is closing, so no step writes to a closed database. */
  private readonly guard = (): void => {
    if (this.closed) throw new SyncClosed();
  };

  /** One round; true when it ended well. */
  private async round(): Promise<boolean> {
    const enrolment = this.enrolment;
    if (!enrolment) return false;
    const { db, clock, log } = this.options;
    const client = this.clientFor(enrolment);
    this.state.attempted(clock.now());
    this.notify();
    try {
      const checked = await checkHealth(
        client,
        enrolment.centralPublicKey,
        this.options.deviceId,
        clock.now(),
      );
      this.guard();
      if (!checked.ok) throw new SyncFailure(checked.verdict);
      if (checked.health.deviceId === null) {
        throw stopWith('not_enrolled_at_central', 'the central system says this token is not enrolled');
      }
      this.state.setClockSkew(
        Math.abs(checked.clockSkewMs) > CLOCK_SKEW_WARN_MS ? checked.clockSkewMs : null,
      );
      this.setReachable(true);

      await drainOutbox({
        db,
        deviceId: this.options.deviceId,
        audit: this.options.audit,
        queue: this.queue,
        state: this.state,
        client,
        now: () => clock.now(),
        maxBatchItems: Math.min(
          this.options.maxBatchItems ?? SYNC_LIMITS.maxBatchItems,
          SYNC_LIMITS.maxBatchItems,
        ),
        guard: this.guard,
        onProgress: () => {
          this.notify();
        },
      });
      const pullerDeps = {
        db,
        inbox: this.inbox,
        state: this.state,
        client,
        now: () => clock.now(),
        guard: this.guard,
      };
      await sendInboxReports(pullerDeps);
      await pullInbox(pullerDeps);
      this.guard();

      const now = clock.now();
      this.state.succeeded(now);
      if (now - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = now;
        this.queue.prune(now);
      }
      this.schedule(this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
      this.openInbox();
      return true;
    } catch (error) {
      if (error instanceof SyncClosed || this.closed) return false;
      const verdict: Verdict =
        error instanceof SyncFailure
          ? error.verdict
          : {
              problem: 'central_failed',
              retry: 'backoff',
              reachable: this.reachable,
              retryAfterMs: null,
              detail: `the kiosk failed during sync (${error instanceof Error ? error.name : 'unknown'})`,
            };
      if (!(error instanceof SyncFailure)) {
        log.error('sync.round_crashed', { error: error instanceof Error ? error.name : 'unknown' });
      }
      this.setReachable(verdict.reachable);
      const now = clock.now();
      if (verdict.retry === 'never') {
        this.state.stopped(verdict.problem, verdict.detail, now);
        log.warn('sync.stopped', { problem: verdict.problem, detail: verdict.detail });
      } else {
        const failures = this.state.get().failures + 1;
        const delay = retryDelayMs(failures, verdict.retryAfterMs, this.random);
        this.state.failed(verdict.problem, verdict.detail, now, failures, now + delay);
        const fields = { problem: verdict.problem, failures, delayMs: delay, detail: verdict.detail };
        // an answer that could not be understood is worth a warning even though it is retried
        if (verdict.problem === 'bad_answer') log.warn('sync.bad_answer', fields);
        else log.info('sync.retrying', fields);
        this.schedule(delay);
      }
      this.openInbox();
      return false;
    }
  }

  private setReachable(reachable: boolean): void {
    this.reachable = reachable;
    this.options.network.setCentral(reachable ? 'reachable' : 'unreachable');
  }

  /** Emits the status when it changed; coalesced, and after the caller's transaction ends. */
  private notify(): void {
    if (this.closed || this.notifyPending) return;
    this.notifyPending = setImmediate(() => {
      this.notifyPending = null;
      if (this.closed) return;
      const status = this.status();
      const text = JSON.stringify(status);
      if (text === this.lastStatus) return;
      this.lastStatus = text;
      this.options.onStatus(status);
    });
  }
}
