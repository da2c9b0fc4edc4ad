import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../../shared/domain/record-workflow.js';
import type { TransitionDone } from '../../../../shared/ipc/record-schemas.js';
import type { WorkflowParts } from '../workflow-deps.js';
import { refused } from '../workflow-refusals.js';

/** R19, PIPL Art. 47: a request with its reason (sealed), waiting for a manager. */
export function requestErasure(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  reason: string,
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'request_erasure', reason }),
    ({ now }) => {
      const id = randomUUID();
      w.rows.repo.insertErasureRequest({
        id,
        recordId,
        requestedBy: actor.id,
        at: now,
        reasonSealed: w.deps.records.sealNote({ recordId, slot: 'erasure-reason', key: id }, { reason }),
      });
      return undefined;
    },
  );
  return w.views.done(recordId);
}

/** A manager other than the requester approves: payloads, indexes and notes destroyed, a tombstone kept. */
export function approveErasure(w: WorkflowParts, actor: Actor, recordId: string): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'approve_erasure' }),
    ({ loaded, now }) => {
      if (!loaded.pending) throw refused('no_erasure_request');
      w.rows.repo.decideErasure(loaded.pending.id, {
        status: 'approved',
        by: actor.id,
        at: now,
        reasonSealed: null,
      });
      w.deps.records.erase(recordId, actor.id);
      return undefined;
    },
  );
  return w.views.done(recordId);
}

export function rejectErasure(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  reason: string,
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'reject_erasure', reason }),
    ({ loaded, now }) => {
      const { pending } = loaded;
      if (!pending) throw refused('no_erasure_request');
      w.rows.repo.decideErasure(pending.id, {
        status: 'rejected',
        by: actor.id,
        at: now,
        reasonSealed: w.deps.records.sealNote(
          { recordId, slot: 'erasure-decision', key: pending.id },
          { reason },
        ),
      });
      return undefined;
    },
  );
  return w.views.done(recordId);
}
