import { usesPracticeStore } from '../../../../shared/domain/practice-mode.js';
import {
  inCrossReview,
  revisionInForce,
  workingRevision,
  type Actor,
} from '../../../../shared/domain/record-workflow.js';
import { roleAllows } from '../../../../shared/domain/roles.js';
import type { QueueItem, ReviewComment, TransitionDone } from '../../../../shared/ipc/record-schemas.js';
import type { ActiveSession } from '../../session/session-store.js';
import type { RevisionRow } from '../record-workflow-repository.js';
import type { WorkflowParts } from '../workflow-deps.js';
import { AuditedRefusal, refused } from '../workflow-refusals.js';

/** In this store, may the person cross-review? Real store: certified; practice store: in practice. */
function eligibleReviewer(w: WorkflowParts, staffId: string): boolean {
  const row = w.deps.staff.byId(staffId);
  if (!row || row.disabled_at !== null) return false;
  const certified = row.certified_at !== null;
  if (w.deps.practice !== usesPracticeStore({ role: row.role, certified })) return false;
  return roleAllows(row.role, 'review.cross', w.deps.practice || certified);
}

/** Cross-review by the assigned reviewer only, once a lead has assigned one. */
function requireAssignedTo(working: RevisionRow, actor: Actor): void {
  if (working.assigned_reviewer_id !== null && working.assigned_reviewer_id !== actor.id) {
    throw new AuditedRefusal('forbidden', 'Another reviewer is assigned to this record', 'not_assigned', {
      _: 'workflow.forbidden',
    });
  }
}

/** A lead or manager assigns (or, with null, unassigns) the cross-reviewer of a record in review. */
export function assignReviewer(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  reviewerId: string | null,
): QueueItem {
  const now = w.runner.now();
  w.runner.write('record.assign_reviewer', recordId, actor, (audit) => {
    const { working } = w.rows.load(recordId);
    if (!inCrossReview(working.state)) throw refused('wrong_state');
    if (reviewerId !== null) {
      if (reviewerId === working.entrant_id) throw refused('reviewer_is_entrant');
      if (!eligibleReviewer(w, reviewerId)) {
        throw new AuditedRefusal('invalid_input', 'That person cannot cross-review', 'not_eligible', {
          reviewerId: 'workflow.forbidden',
        });
      }
      w.deps.mirrorStaff(reviewerId);
    }
    w.rows.writeRevision(
      recordId,
      working.revision,
      {
        assigned_reviewer_id: reviewerId,
        assigned_by: reviewerId === null ? null : actor.id,
        assigned_at: reviewerId === null ? null : now,
      },
      now,
    );
    audit(recordId, {
      revision: working.revision,
      // a staff id, not something a person typed
      reason: reviewerId === null ? 'unassigned' : `reviewer:${reviewerId}`,
    });
  });
  return w.views.queueItem(w.views.requireQueueRow(recordId), false);
}

/** Staff who may be assigned to cross-review this record. */
export function reviewerChoices(
  w: WorkflowParts,
  recordId: string,
): { id: string; name: string; role: ActiveSession['staff']['role'] }[] {
  const { working } = w.rows.load(recordId);
  return w.deps.staff
    .list()
    .filter((row) => row.id !== working.entrant_id && eligibleReviewer(w, row.id))
    .map((row) => ({ id: row.id, name: row.name, role: row.role }));
}

/** R13, R14: the cross-reviewer approves (to valid, or to final review); a manager gives final approval. */
export function approve(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  stage: 'cross' | 'final',
  escalate?: { reason: string },
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () =>
      stage === 'final'
        ? { type: 'approve_final' }
        : escalate
          ? { type: 'approve_cross', escalate }
          : { type: 'approve_cross' },
    ({ loaded, next, now }) => {
      if (stage === 'cross') requireAssignedTo(loaded.working, actor);
      const { working } = loaded;
      const round = w.rows.repo.insertRound({
        record_id: recordId,
        revision: working.revision,
        stage,
        reviewer_id: actor.id,
        outcome: escalate ? 'escalated' : 'approved',
        fields: '[]',
        sealed: null,
        submitted_at: working.submitted_at ?? now,
        decided_at: now,
      });
      if (escalate) {
        const key = { recordId, slot: 'review-round' as const, key: String(round) };
        w.rows.repo.setRoundSealed(
          recordId,
          round,
          w.deps.records.sealNote(key, { comments: [], escalateReason: escalate.reason }),
        );
      }
      const valid = revisionInForce(next)?.number === workingRevision(next).number;
      const reviewed =
        stage === 'cross'
          ? { cross_reviewed_at: now }
          : { final_reviewer_id: actor.id, final_reviewed_at: now };
      return {
        columns: valid ? { ...reviewed, valid_at: now } : reviewed,
        reason: valid ? 'valid' : 'to_final_review',
      };
    },
  );
  return w.views.done(recordId);
}

/** R13, R14: back to the entrant with a comment on each field that needs attention. */
export function returnRecord(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  comments: readonly ReviewComment[],
  stage: 'cross' | 'final',
): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: stage === 'cross' ? 'return_cross' : 'return_final', comments }),
    ({ loaded, audit, now }) => {
      if (stage === 'cross') requireAssignedTo(loaded.working, actor);
      const { working } = loaded;
      const fields = audit.fields ?? [];
      const round = w.rows.repo.insertRound({
        record_id: recordId,
        revision: working.revision,
        stage,
        reviewer_id: actor.id,
        outcome: 'returned',
        fields: JSON.stringify(fields),
        sealed: null,
        submitted_at: working.submitted_at ?? now,
        decided_at: now,
      });
      const note = {
        comments: comments.map((c) => ({ path: c.path, text: c.text.trim() })),
        escalateReason: null,
      };
      w.rows.repo.setRoundSealed(
        recordId,
        round,
        w.deps.records.sealNote({ recordId, slot: 'review-round', key: String(round) }, note),
      );
      return { columns: stage === 'cross' ? {} : { final_reviewer_id: actor.id, final_reviewed_at: now } };
    },
  );
  return w.views.done(recordId);
}
