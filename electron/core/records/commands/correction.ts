import type { Actor } from '../../../../shared/domain/record-workflow.js';
import type { TransitionDone } from '../../../../shared/ipc/record-schemas.js';
import { asDraft, indexValuesOf } from '../guest-payload.js';
import type { WorkflowParts } from '../workflow-deps.js';

/**
 * R19: a guest correction request opens a new revision in draft, a copy of the one in force,
 * entered by the person who took the request; the reason is sealed with it.
 */
export function startCorrection(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  reason: string,
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'start_correction' }),
    ({ loaded, now }) => {
      const inForce = loaded.working;
      const payload = asDraft(
        w.deps.records.openRevision({ recordId, revision: inForce.revision }),
        recordId,
      );
      const ref = w.deps.records.addRevision(recordId, actor.id, payload, indexValuesOf(payload));
      return {
        added: {
          revision: ref.revision,
          entryStartedAt: now,
          entryDueAt: null,
          reasonSealed: w.deps.records.sealNote(
            { recordId, slot: 'correction-reason', key: String(ref.revision) },
            { reason },
          ),
        },
      };
    },
  );
  return w.views.done(recordId);
}

/** A correction the guest abandons: its revision is set aside and the one in force works again. */
export function cancelCorrection(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  reason: string,
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'cancel_correction', reason }),
    ({ loaded }) => {
      const { working } = loaded;
      const key = { recordId, slot: 'correction-reason' as const, key: String(working.revision) };
      const earlier = working.reason_sealed
        ? (w.deps.records.openNote(key, working.reason_sealed) as object)
        : {};
      return {
        columns: { reason_sealed: w.deps.records.sealNote(key, { ...earlier, cancelReason: reason }) },
      };
    },
  );
  return w.views.done(recordId);
}
