import { onlineDeadline } from '../../../../shared/domain/deadlines.js';
import { isOnlineChannel, type Channel, type GuestDraft } from '../../../../shared/domain/guest-record.js';
import { isFirstDraft, type Actor } from '../../../../shared/domain/record-workflow.js';
import type { QueueItem, RecordDetail } from '../../../../shared/ipc/record-schemas.js';
import { CoreError } from '../../core-error.js';
import type { WorkflowParts } from '../workflow-deps.js';
import { AuditedRefusal, refused } from '../workflow-refusals.js';
import { createRecord } from './intake.js';

/** R9, R11: an online submission lands in the online queue with its two-hour clock. */
export function addOnline(
  w: WorkflowParts,
  actor: Actor,
  channel: Channel,
  submission: GuestDraft,
  receivedAt?: number,
): QueueItem {
  const now = w.runner.now();
  const received = receivedAt ?? now;
  if (!isOnlineChannel(channel)) {
    throw new CoreError('invalid_input', 'Not an online channel', { channel: 'workflow.wrong_state' });
  }
  if (received > now)
    throw new CoreError('invalid_input', 'Received in the future', { receivedAt: 'common.date_future' });
  const recordId = createRecord(w, actor, {
    channel,
    draft: { ...submission, channel },
    receivedAt: received,
    dueAt: onlineDeadline(received).dueAt,
    action: 'online.receive',
    reason: 'manual',
  });
  return w.views.queueItem(w.views.requireQueueRow(recordId), false);
}

/** A specialist takes an online submission: they become its entrant and finish it. */
export function claimOnline(w: WorkflowParts, actor: Actor, recordId: string): QueueItem {
  const now = w.runner.now();
  w.runner.write('online.claim', recordId, actor, (audit) => {
    const { record, working } = w.rows.load(recordId);
    if (record.received_at === null || !isFirstDraft({ number: working.revision, status: working.state })) {
      throw refused('wrong_state');
    }
    if (record.claimed_by === actor.id) return;
    if (record.claimed_by !== null) {
      throw new AuditedRefusal('conflict', 'A colleague has claimed it already', 'already_claimed', {
        _: 'workflow.wrong_state',
      });
    }
    w.rows.repo.updateRecord(recordId, { claimed_by: actor.id, claimed_at: now }, now);
    w.rows.writeRevision(recordId, 1, { entrant_id: actor.id }, now);
    audit(recordId, { revision: 1 });
  });
  return w.views.queueItem(w.views.requireQueueRow(recordId), false);
}

/** R11: each attempt to reach the guest of an online submission, with a sealed note. */
export function logContact(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  attempt: { method: string; outcome: string; note?: string | undefined },
): RecordDetail['contactAttempts'][number] {
  const now = w.runner.now();
  const id = w.runner.write('online.contact', recordId, actor, (audit) => {
    const { record } = w.rows.load(recordId);
    if (record.received_at === null || record.erased_at !== null) throw refused('wrong_state');
    const id = w.rows.repo.insertContactAttempt({ recordId, staffId: actor.id, at: now, ...attempt });
    if (attempt.note !== undefined) {
      w.rows.repo.setContactNote(
        id,
        w.deps.records.sealNote({ recordId, slot: 'contact-note', key: String(id) }, attempt.note),
      );
    }
    audit(recordId, { reason: `${attempt.method}:${attempt.outcome}` });
    return id;
  });
  const row = w.rows.repo.contactAttempts(recordId).find((c) => c.id === id);
  if (!row) throw new Error('contact attempt vanished');
  return w.views.contactView(row);
}
