import type { SyncDetails, SyncProblem, SyncStatus } from '../../../shared/ipc/sync-schemas.js';
import type { InboxStore } from './inbox-store.js';
import type { OutboxQueue } from './outbox-queue.js';
import type { Enrolment, SyncStateRow } from './sync-store.js';

/**
 * The header's sync line and the maintainer's details, read from the loop's persisted state
 * (sync_state) and what only the running loop knows (a round in flight, the next timer).
 */
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

export interface LoopFacts {
  enrolment: Enrolment | null;
  state: SyncStateRow;
  queue: OutboxQueue;
  inbox: InboxStore;
  /** a round is in flight */
  running: boolean;
  reachable: boolean;
  timerDue: number | null;
}

export function syncStatus(facts: LoopFacts): SyncStatus {
  const { queue, inbox } = facts;
  if (!facts.enrolment) {
    return { ...NOT_ENROLLED, waiting: queue.waiting(), stuck: queue.stuckCount() + inbox.stuckCount() };
  }
  const st = facts.state;
  const state = facts.running
    ? 'syncing'
    : st.stopped === 1
      ? 'stopped'
      : st.failures > 0 && st.last_error !== null
        ? 'retrying'
        : 'idle';
  return {
    state,
    online: facts.reachable,
    waiting: queue.waiting(),
    stuck: queue.stuckCount() + inbox.stuckCount(),
    inboxToOpen: inbox.toOpen(),
    lastSuccessAt: st.last_success_at,
    nextAttemptAt: facts.running ? null : (facts.timerDue ?? st.not_before),
    lastError:
      st.last_error === null ? null : { problem: st.last_error as SyncProblem, at: st.last_error_at ?? 0 },
    clockSkewMs: st.clock_skew_ms,
  };
}

export function syncDetails(
  e: Enrolment | null,
  deviceId: string,
  status: SyncStatus,
  state: SyncStateRow,
): SyncDetails {
  return {
    status,
    enrolment: e
      ? {
          url: e.url,
          deviceId,
          deviceName: e.deviceName,
          centralPublicKey: e.centralPublicKey,
          tlsPins: e.tlsPins,
          enrolledAt: e.enrolledAt,
        }
      : null,
    lastErrorDetail: state.last_error_detail,
  };
}
