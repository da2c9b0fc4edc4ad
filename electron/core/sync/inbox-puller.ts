import type { Database } from 'better-sqlite3';
import { SYNC_LIMITS, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { InboxAckResponse, InboxPage, InboxReportResponse } from '../../../shared/sync/wire.js';
import type { CentralClient } from './central-client.js';
import type { InboxStore } from './inbox-store.js';
import { SyncFailure, verdictOf } from './sync-failure.js';
import type { SyncStateStore } from './sync-store.js';

/**
 * The inbox half of a round (docs/sync-protocol.md 11): reports of quarantined items first,
 * then pages of new items with the stored cursor, each page stored durably (sealed, as it came)
 * before its cursor is acknowledged. A cursor the central side does not know is dropped once,
 * and the pull starts again from the acknowledged position.
 */

export interface PullerDeps {
  db: Database;
  inbox: InboxStore;
  state: SyncStateStore;
  client: CentralClient;
  now: () => number;
  guard: () => void;
  /** pages per round, so a flood of submissions cannot keep a round from ending */
  maxPages?: number;
}

export async function sendInboxReports(deps: PullerDeps): Promise<number> {
  let sent = 0;
  for (let i = 0; i < 50; i += 1) {
    const reports = deps.inbox.unreported(SYNC_LIMITS.maxInboxReports);
    if (reports.length === 0) break;
    const answer = await deps.client.post(SYNC_PATHS.inboxReports, { reports }, InboxReportResponse);
    deps.guard();
    if (!answer.ok) throw new SyncFailure(verdictOf(answer.failure));
    deps.inbox.markReported(
      reports.map((r) => r.id),
      deps.now(),
    );
    sent += reports.length;
  }
  return sent;
}

export async function pullInbox(deps: PullerDeps): Promise<{ pulled: number; pages: number }> {
  let pulled = 0;
  let pages = 0;
  let droppedCursor = false;
  const maxPages = deps.maxPages ?? 20;
  while (pages < maxPages) {
    const cursor = deps.state.get().inbox_cursor;
    const query: Record<string, string> = { limit: String(SYNC_LIMITS.maxInboxPage) };
    if (cursor) query.cursor = cursor;
    const answer = await deps.client.get(SYNC_PATHS.inbox, InboxPage, query);
    deps.guard();
    if (!answer.ok) {
      const failure = answer.failure;
      if (failure.kind === 'status' && failure.code === 'invalid_cursor' && cursor && !droppedCursor) {
        droppedCursor = true;
        deps.state.setInboxCursor(null);
        continue;
      }
      throw new SyncFailure(verdictOf(failure));
    }
    const page = answer.value as InboxPage;
    pages += 1;
    deps.db.transaction(() => {
      pulled += deps.inbox.store(page.items, deps.now());
      deps.state.setInboxCursor(page.nextCursor);
    })();
    if (page.nextCursor !== deps.state.get().inbox_acked) {
      const ack = await deps.client.post(SYNC_PATHS.inboxAck, { cursor: page.nextCursor }, InboxAckResponse);
      deps.guard();
      if (!ack.ok) throw new SyncFailure(verdictOf(ack.failure));
      deps.state.setInboxAcked(page.nextCursor);
    }
    if (!page.hasMore) break;
  }
  return { pulled, pages };
}
