import type { Database } from 'better-sqlite3';
import type { StuckItem } from '../../../shared/ipc/sync-schemas.js';
import {
  type InboxChannel,
  type InboxItem,
  type InboxReport,
  type QuarantineReason,
  SealedInboxContent,
} from '../../../shared/sync/wire.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { openSealedBox } from '../crypto/sealed-box.js';
import { readySodium } from '../crypto/sodium.js';
import { openSyncKeyPair } from './sync-keys.js';

/**
 * Online submissions (R9) from the central system's inbox, kept as they arrived: sealed to the
 * device key, whose secret DK wraps. Pulling needs no key, so a locked kiosk pulls, stores and
 * acknowledges; the clear wrapper (channel, receivedAt) is enough to count them and run their
 * two-hour clock (R11), which starts at the central side's receivedAt.
 *
 * Opening needs an unlocked session. An item that does not open, is not content of the
 * contract, or whose content names another id, channel or time than its wrapper is quarantined
 * (kept sealed, out of the queue, shown to the maintainer, reported to the central side once);
 * it is never dropped. An item that opens is handed to the record workflow through an
 * OnlineSubmissionSink when one is wired in; until then it stays here, 'opened', and
 * `onlineQueue` / `openSubmission` are the hand-off.
 */

/** R11: an online submission is entered within two hours of its arrival. */
export const ONLINE_DEADLINE_MS = 2 * 60 * 60 * 1000;

export interface OnlineSubmission {
  /** the inbox item id: the central side's id of the submission */
  inboxId: string;
  channel: InboxChannel;
  /** ms since epoch: the two-hour clock starts here */
  receivedAt: number;
  deadlineAt: number;
  /** the fields the guest filled in, named as in the guest record; guest data */
  submission: Record<string, unknown>;
}

/** Thrown by an OnlineSubmissionSink for content that does not validate: the item is quarantined. */
export class SubmissionRejected extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'SubmissionRejected';
  }
}

/**
 * Implemented by the record workflow: turns an opened submission into a record in the online
 * queue (sealed under DK like every record), inside the transaction that marks it handed off.
 */
export interface OnlineSubmissionSink {
  addOnlineSubmission(db: Database, submission: OnlineSubmission, keys: KeyHandle): void;
}

export interface OnlineQueueEntry {
  inboxId: string;
  channel: InboxChannel;
  receivedAt: number;
  deadlineAt: number;
  /** 'sealed': pulled while locked, opens at the next unlock; 'opened': checked, waiting for hand-off */
  state: 'sealed' | 'opened';
}

interface InboxRow {
  n: number;
  id: string;
  channel: InboxChannel;
  received_at: number;
  received_text: string;
  sealed: Buffer;
}

type Opened =
  { ok: true; content: SealedInboxContent } | { ok: false; reason: QuarantineReason; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class InboxStore {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  /** Stores a page's items as they arrived; ids already here are ignored (at-least-once, 11.2). */
  store(items: readonly InboxItem[], now: number): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO sync_inbox (id, channel, received_at, received_text, pulled_at, sealed)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const item of items) {
      added += insert.run(
        item.id,
        item.channel,
        Date.parse(item.receivedAt),
        item.receivedAt,
        now,
        Buffer.from(item.sealed, 'base64'),
      ).changes;
    }
    return added;
  }

  /** Items pulled and not yet opened (the kiosk was locked). */
  toOpen(): number {
    return (
      this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_inbox WHERE state = 'sealed'").get()
        ?.n ?? 0
    );
  }

  stuckCount(): number {
    return (
      this.db
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM sync_inbox WHERE state = 'quarantined'")
        .get()?.n ?? 0
    );
  }

  /**
   * Opens every sealed item with the device key, quarantines what fails, and hands the rest to
   * `sink` (or marks them opened). Each item in a transaction of its own: one bad item never
   * holds back the others. Returns how many were quarantined now.
   */
  openAll(
    keys: KeyHandle,
    now: number,
    sink: OnlineSubmissionSink | null,
  ): { opened: number; quarantined: number } {
    const rows = this.db
      .prepare<[], InboxRow>(
        "SELECT n, id, channel, received_at, received_text, sealed FROM sync_inbox WHERE state = 'sealed' ORDER BY n",
      )
      .all();
    let opened = 0;
    let quarantined = 0;
    if (rows.length === 0) return { opened, quarantined };
    const pair = openSyncKeyPair(this.db, 'device', keys);
    for (const row of rows) {
      const result: Opened = pair
        ? this.open(row, (sealed) => openSealedBox(pair, sealed))
        : { ok: false, reason: 'unsealable', detail: 'this kiosk holds no device key' };
      if (!result.ok) {
        this.db.transaction(() => {
          this.quarantine(row, result.reason, result.detail, now);
        })();
        quarantined += 1;
        continue;
      }
      try {
        this.db.transaction(() => {
          if (sink) {
            sink.addOnlineSubmission(
              this.db,
              {
                inboxId: row.id,
                channel: row.channel,
                receivedAt: row.received_at,
                deadlineAt: row.received_at + ONLINE_DEADLINE_MS,
                submission: result.content.submission,
              },
              keys,
            );
            this.db
              .prepare(
                "UPDATE sync_inbox SET state = 'handed_off', sealed = NULL, handed_off_at = ? WHERE n = ?",
              )
              .run(now, row.n);
          } else {
            this.db.prepare("UPDATE sync_inbox SET state = 'opened' WHERE n = ?").run(row.n);
          }
        })();
        opened += 1;
      } catch (error) {
        if (!(error instanceof SubmissionRejected)) throw error;
        this.db.transaction(() => {
          this.quarantine(row, 'invalid_content', error.detail, now);
        })();
        quarantined += 1;
      }
    }
    return { opened, quarantined };
  }

  private open(row: InboxRow, openBox: (sealed: Uint8Array) => Uint8Array): Opened {
    let plaintext: Uint8Array;
    try {
      plaintext = openBox(row.sealed);
    } catch {
      return { ok: false, reason: 'unsealable', detail: 'crypto_box_seal_open failed with the device key' };
    }
    try {
      let value: unknown;
      try {
        value = JSON.parse(utf8.decode(plaintext));
      } catch {
        return { ok: false, reason: 'invalid_content', detail: 'the sealed content is not UTF-8 JSON' };
      }
      const parsed = SealedInboxContent.safeParse(value);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(content)'}: ${issue.code}`)
          .join('; ');
        return {
          ok: false,
          reason: 'invalid_content',
          detail: `the content does not fit the contract (${where})`,
        };
      }
      const content = parsed.data;
      if (
        content.id !== row.id ||
        content.channel !== row.channel ||
        Date.parse(content.receivedAt) !== row.received_at
      ) {
        return {
          ok: false,
          reason: 'sealed_mismatch',
          detail: 'the content names another id, channel or time than its wrapper',
        };
      }
      return { ok: true, content };
    } finally {
      readySodium().memzero(plaintext);
    }
  }

  private quarantine(row: InboxRow, reason: QuarantineReason, detail: string, now: number): void {
    this.db
      .prepare(
        `UPDATE sync_inbox SET state = 'quarantined', problem = ?, problem_detail = ?, quarantined_at = ?
          WHERE n = ? AND state = 'sealed'`,
      )
      .run(reason, detail.slice(0, 500), now, row.n);
    this.audit.append({
      actorId: null,
      action: 'sync.inbox_quarantined',
      targetType: 'inbox_item',
      targetId: row.id,
      outcome: 'failed',
      reason,
    });
  }

  /** Quarantined items the central side has not been told about yet (11.3), oldest first. */
  unreported(limit: number): InboxReport[] {
    return this.db
      .prepare<
        [number],
        { id: string; problem: QuarantineReason; problem_detail: string | null; quarantined_at: number }
      >(
        `SELECT id, problem, problem_detail, quarantined_at FROM sync_inbox
          WHERE state = 'quarantined' AND reported_at IS NULL ORDER BY n LIMIT ?`,
      )
      .all(limit)
      .map((row) => ({
        id: row.id,
        reason: row.problem,
        ...(row.problem_detail ? { detail: row.problem_detail } : {}),
        detectedAt: new Date(row.quarantined_at).toISOString(),
      }));
  }

  markReported(ids: readonly string[], now: number): void {
    const mark = this.db.prepare(
      'UPDATE sync_inbox SET reported_at = ? WHERE id = ? AND reported_at IS NULL',
    );
    for (const id of ids) mark.run(now, id);
  }

  stuck(limit = 1000): StuckItem[] {
    return this.db
      .prepare<
        [number],
        {
          id: string;
          channel: InboxChannel;
          received_at: number;
          problem: QuarantineReason;
          problem_detail: string | null;
          quarantined_at: number;
          reported_at: number | null;
        }
      >(
        `SELECT id, channel, received_at, problem, problem_detail, quarantined_at, reported_at FROM sync_inbox
          WHERE state = 'quarantined' ORDER BY n LIMIT ?`,
      )
      .all(limit)
      .map((row) => ({
        direction: 'inbox' as const,
        id: row.id,
        channel: row.channel,
        receivedAt: row.received_at,
        reason: row.problem,
        detail: row.problem_detail,
        since: row.quarantined_at,
        reported: row.reported_at !== null,
      }));
  }

  /** The maintainer asks to open named quarantined items again (the next unlock tries). */
  retry(ids: readonly string[]): number {
    const requeue = this.db.prepare(
      `UPDATE sync_inbox SET state = 'sealed', problem = NULL, problem_detail = NULL, quarantined_at = NULL
        WHERE id = ? AND state = 'quarantined'`,
    );
    let count = 0;
    for (const id of ids) count += requeue.run(id).changes;
    return count;
  }

  /** The online queue as far as sync holds it: no guest data, just the clock. */
  onlineQueue(): OnlineQueueEntry[] {
    return this.db
      .prepare<[], { id: string; channel: InboxChannel; received_at: number; state: 'sealed' | 'opened' }>(
        "SELECT id, channel, received_at, state FROM sync_inbox WHERE state IN ('sealed', 'opened') ORDER BY received_at, n",
      )
      .all()
      .map((row) => ({
        inboxId: row.id,
        channel: row.channel,
        receivedAt: row.received_at,
        deadlineAt: row.received_at + ONLINE_DEADLINE_MS,
        state: row.state,
      }));
  }

  /**
   * One opened submission's content for the record workflow (an unlocked session's keys), or
   * null when it is not (or no longer) here. Nothing is written: the workflow stores what it
   * makes of it under DK and then calls `markHandedOff` in the same transaction.
   */
  openSubmission(inboxId: string, keys: KeyHandle): OnlineSubmission | null {
    const row = this.db
      .prepare<[string], InboxRow>(
        "SELECT n, id, channel, received_at, received_text, sealed FROM sync_inbox WHERE id = ? AND state = 'opened'",
      )
      .get(inboxId);
    const pair = openSyncKeyPair(this.db, 'device', keys);
    if (!row || !pair) return null;
    const result = this.open(row, (sealed) => openSealedBox(pair, sealed));
    if (!result.ok) return null;
    return {
      inboxId: row.id,
      channel: row.channel,
      receivedAt: row.received_at,
      deadlineAt: row.received_at + ONLINE_DEADLINE_MS,
      submission: result.content.submission,
    };
  }

  /** The workflow has stored the submission: the sealed copy here is no longer needed. */
  markHandedOff(inboxId: string, now: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE sync_inbox SET state = 'handed_off', sealed = NULL, handed_off_at = ? WHERE id = ? AND state = 'opened'",
        )
        .run(now, inboxId).changes === 1
    );
  }
}
