import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  canEdit,
  newRecord,
  revisionInForce,
  SELF_REVIEW_CHECKS,
  setWorkingFlags,
  transition,
  workingRevision,
  WORKFLOW_ACTIONS,
  type Actor,
  type RecordState,
  type RevisionStatus,
  type WorkflowAction,
} from '../../../shared/domain/record-workflow.js';

const entrant: Actor = { id: 'a', role: 'specialist', certified: true };
const colleague: Actor = { id: 'b', role: 'specialist', certified: true };
const trainee: Actor = { id: 'u', role: 'specialist', certified: false };
const lead: Actor = { id: 'l', role: 'lead', certified: true };
const manager: Actor = { id: 'm', role: 'manager', certified: true };
const supervisor: Actor = { id: 's', role: 'supervisor', certified: true };
const maintainer: Actor = { id: 't', role: 'maintainer', certified: true };

const checklist = { completeness: true, accuracy: true, format: true, consent: true };
const submit: WorkflowAction = { type: 'submit', checklist };
const resubmit: WorkflowAction = { type: 'resubmit', checklist };
const approveCross: WorkflowAction = { type: 'approve_cross' };
const returnCross: WorkflowAction = {
  type: 'return_cross',
  comments: [
    { path: 'contact.phone', text: '号码少一位' },
    { path: 'name', text: '与证件不一致' },
    { path: 'contact.phone', text: '请再核对' },
  ],
};
const approveFinal: WorkflowAction = { type: 'approve_final' };
const returnFinal: WorkflowAction = {
  type: 'return_final',
  comments: [{ path: '_', text: 'VIP 身份待确认' }],
};

/** Apply a sequence of (action, actor) that must all succeed. */
function run(state: RecordState, ...steps: [WorkflowAction, Actor][]): RecordState {
  let current = state;
  for (const [action, actor] of steps) {
    const result = transition(current, action, actor);
    if (!result.ok) throw new Error(`${action.type} by ${actor.id} refused: ${result.reason}`);
    current = result.next;
  }
  return current;
}

const status = (state: RecordState): RevisionStatus => workingRevision(state).status;
const refusal = (state: RecordState, action: WorkflowAction, actor: Actor) => {
  const result = transition(state, action, actor);
  return result.ok ? 'ok' : result.reason;
};

const draft = newRecord('a');
const awaitingCross = run(draft, [submit, entrant]);
const valid = run(awaitingCross, [approveCross, colleague]);
const awaitingFinal = run(newRecord('a', { vip: true }), [submit, entrant], [approveCross, colleague]);
const returned = run(awaitingCross, [returnCross, colleague]);

describe('submit (R12 self-review)', () => {
  it('moves a draft to cross-review once every check is done', () => {
    expect(transition(draft, submit, entrant)).toEqual({
      ok: true,
      next: {
        revisions: [
          { number: 1, status: 'awaiting_cross_review', entrantId: 'a', vip: false, doubtful: false },
        ],
      },
      audit: { action: 'submit', revision: 1 },
    });
  });

  it('refuses an incomplete checklist', () => {
    for (const check of SELF_REVIEW_CHECKS) {
      expect(refusal(draft, { type: 'submit', checklist: { ...checklist, [check]: false } }, entrant)).toBe(
        'checklist_incomplete',
      );
    }
    expect(refusal(draft, { type: 'submit', checklist: {} }, entrant)).toBe('checklist_incomplete');
  });

  it('is the entrant’s, certified, at the desk', () => {
    expect(refusal(draft, submit, colleague)).toBe('not_entrant');
    expect(refusal(newRecord('u'), submit, trainee)).toBe('not_certified');
    expect(refusal(draft, submit, supervisor)).toBe('forbidden');
    expect(refusal(draft, submit, maintainer)).toBe('forbidden');
  });

  it('only applies to drafts', () => {
    expect(refusal(awaitingCross, submit, entrant)).toBe('wrong_state');
    expect(refusal(returned, submit, entrant)).toBe('wrong_state');
  });
});

describe('cross-review (R13)', () => {
  it('approves to valid when the record is neither VIP nor doubtful', () => {
    const result = transition(awaitingCross, approveCross, colleague);
    expect(result).toEqual({
      ok: true,
      next: {
        revisions: [
          { number: 1, status: 'valid', entrantId: 'a', vip: false, doubtful: false, crossReviewerId: 'b' },
        ],
      },
      audit: { action: 'approve_cross', revision: 1 },
    });
  });

  it('sends VIP and doubtful records to final review', () => {
    expect(status(awaitingFinal)).toBe('awaiting_final_review');
    const doubtful = run(newRecord('a', { doubtful: true }), [submit, entrant], [approveCross, lead]);
    expect(status(doubtful)).toBe('awaiting_final_review');
  });

  it('lets the reviewer escalate a doubt, with a reason', () => {
    const result = transition(
      awaitingCross,
      { type: 'approve_cross', escalate: { reason: '照片与本人不符' } },
      colleague,
    );
    expect(result.ok && workingRevision(result.next)).toMatchObject({
      status: 'awaiting_final_review',
      doubtful: true,
    });
    expect(result.ok && result.audit).toEqual({ action: 'approve_cross', revision: 1, fields: ['doubtful'] });
    expect(refusal(awaitingCross, { type: 'approve_cross', escalate: { reason: '  ' } }, colleague)).toBe(
      'reason_required',
    );
  });

  it('never lets the entrant review their own record', () => {
    expect(refusal(awaitingCross, approveCross, entrant)).toBe('reviewer_is_entrant');
    expect(refusal(awaitingCross, returnCross, entrant)).toBe('reviewer_is_entrant');
    const leadsOwn = run(newRecord('l'), [submit, lead]);
    expect(refusal(leadsOwn, approveCross, lead)).toBe('reviewer_is_entrant');
    expect(refusal(leadsOwn, approveCross, manager)).toBe('ok');
  });

  it('needs review.cross and a certificate', () => {
    expect(refusal(awaitingCross, approveCross, trainee)).toBe('not_certified');
    expect(refusal(awaitingCross, approveCross, supervisor)).toBe('forbidden');
    expect(refusal(awaitingCross, approveCross, maintainer)).toBe('forbidden');
    expect(refusal(awaitingCross, approveCross, lead)).toBe('ok');
    expect(refusal(awaitingCross, approveCross, manager)).toBe('ok');
  });

  it('returns with comments on fields, auditing the field paths only', () => {
    const result = transition(awaitingCross, returnCross, colleague);
    expect(result.ok && status(result.next)).toBe('returned');
    expect(result.ok && result.audit).toEqual({
      action: 'return_cross',
      revision: 1,
      fields: ['contact.phone', 'name'],
    });
  });

  it('refuses a return without a usable comment', () => {
    expect(refusal(awaitingCross, { type: 'return_cross', comments: [] }, colleague)).toBe(
      'comments_required',
    );
    expect(
      refusal(awaitingCross, { type: 'return_cross', comments: [{ path: 'name', text: ' ' }] }, colleague),
    ).toBe('comments_required');
    expect(
      refusal(awaitingCross, { type: 'return_cross', comments: [{ path: '', text: '错' }] }, colleague),
    ).toBe('comments_required');
  });

  it('only applies while awaiting cross-review', () => {
    expect(refusal(draft, approveCross, colleague)).toBe('wrong_state');
    expect(refusal(valid, approveCross, colleague)).toBe('wrong_state');
    expect(refusal(awaitingFinal, returnCross, colleague)).toBe('wrong_state');
  });
});

describe('resubmit', () => {
  it('sends the fixed record back to cross-review, forgetting the earlier reviewer', () => {
    const back = run(awaitingFinal, [returnFinal, manager]);
    expect(workingRevision(back).crossReviewerId).toBe('b');
    const again = run(back, [resubmit, entrant]);
    expect(workingRevision(again)).toEqual({
      number: 1,
      status: 'awaiting_cross_review',
      entrantId: 'a',
      vip: true,
      doubtful: false,
    });
  });

  it('is the entrant’s only, with the checklist, from returned only', () => {
    expect(refusal(returned, resubmit, colleague)).toBe('not_entrant');
    expect(refusal(returned, resubmit, lead)).toBe('not_entrant');
    expect(
      refusal(returned, { type: 'resubmit', checklist: { ...checklist, accuracy: false } }, entrant),
    ).toBe('checklist_incomplete');
    expect(refusal(draft, resubmit, entrant)).toBe('wrong_state');
  });
});

describe('final review (R14)', () => {
  it('is the manager’s: approve to valid, or return with comments', () => {
    expect(status(run(awaitingFinal, [approveFinal, manager]))).toBe('valid');
    const result = transition(awaitingFinal, returnFinal, manager);
    expect(result.ok && status(result.next)).toBe('returned');
    expect(result.ok && result.audit.fields).toEqual(['_']);
    expect(refusal(awaitingFinal, { type: 'return_final', comments: [] }, manager)).toBe('comments_required');
  });

  it('refuses everyone else, and a manager on their own entry', () => {
    for (const actor of [entrant, colleague, lead, supervisor, maintainer]) {
      expect(refusal(awaitingFinal, approveFinal, actor)).toBe('forbidden');
      expect(refusal(awaitingFinal, returnFinal, actor)).toBe('forbidden');
    }
    const managersOwn = run(newRecord('m', { vip: true }), [submit, manager], [approveCross, colleague]);
    expect(refusal(managersOwn, approveFinal, manager)).toBe('reviewer_is_entrant');
    expect(refusal(managersOwn, approveFinal, { ...manager, id: 'm2' })).toBe('ok');
  });

  it('only applies while awaiting final review', () => {
    expect(refusal(awaitingCross, approveFinal, manager)).toBe('wrong_state');
    expect(refusal(valid, returnFinal, manager)).toBe('wrong_state');
  });
});

describe('guest correction (R19): revisions', () => {
  const correcting = run(valid, [{ type: 'start_correction' }, colleague]);

  it('opens a new draft revision; the previous one stays in force', () => {
    expect(correcting.revisions.map((r) => [r.number, r.status, r.entrantId])).toEqual([
      [1, 'valid', 'a'],
      [2, 'draft', 'b'],
    ]);
    expect(revisionInForce(correcting)?.number).toBe(1);
    expect(transition(valid, { type: 'start_correction' }, colleague)).toMatchObject({
      audit: { action: 'start_correction', revision: 2 },
    });
  });

  it('puts the new revision in force only once it is valid', () => {
    const inReview = run(correcting, [submit, colleague]);
    expect(revisionInForce(inReview)?.number).toBe(1);
    const returnedCorrection = run(inReview, [returnCross, entrant]);
    expect(revisionInForce(returnedCorrection)?.number).toBe(1);
    const done = run(returnedCorrection, [resubmit, colleague], [approveCross, lead]);
    expect(revisionInForce(done)?.number).toBe(2);
    expect(done.revisions.map((r) => r.status)).toEqual(['valid', 'valid']);
  });

  it('keeps VIP on the correction but reviews doubts afresh', () => {
    const vipValid = run(awaitingFinal, [approveFinal, manager]);
    const flagged = setWorkingFlags(vipValid, { doubtful: true });
    const correction = run(flagged, [{ type: 'start_correction' }, entrant]);
    expect(workingRevision(correction)).toMatchObject({ number: 2, vip: true, doubtful: false });
  });

  it('needs a valid working revision and guest.correct', () => {
    expect(refusal(draft, { type: 'start_correction' }, entrant)).toBe('wrong_state');
    expect(refusal(correcting, { type: 'start_correction' }, entrant)).toBe('wrong_state');
    expect(refusal(valid, { type: 'start_correction' }, trainee)).toBe('not_certified');
    expect(refusal(valid, { type: 'start_correction' }, supervisor)).toBe('forbidden');
  });

  it('can be cancelled by its entrant or a lead, with a reason', () => {
    const cancel: WorkflowAction = { type: 'cancel_correction', reason: '客户不再需要更正' };
    expect(run(correcting, [cancel, colleague])).toEqual(valid);
    expect(run(correcting, [cancel, lead])).toEqual(valid);
    expect(refusal(correcting, cancel, entrant)).toBe('not_entrant');
    expect(refusal(correcting, { type: 'cancel_correction', reason: ' ' }, colleague)).toBe(
      'reason_required',
    );
    expect(refusal(draft, cancel, entrant)).toBe('not_a_correction');
    expect(refusal(run(correcting, [submit, colleague], [approveCross, lead]), cancel, colleague)).toBe(
      'wrong_state',
    );
  });
});

describe('erasure', () => {
  const requested = run(valid, [{ type: 'request_erasure', reason: '客户撤回同意' }, entrant]);

  it('is requested by desk staff and approved by a manager; everything is erased', () => {
    expect(requested.erasureRequest).toEqual({ requestedBy: 'a', reason: '客户撤回同意' });
    const withCorrection = run(run(valid, [{ type: 'start_correction' }, colleague]), [
      { type: 'request_erasure', reason: '客户撤回同意' },
      lead,
    ]);
    const erased = run(withCorrection, [{ type: 'approve_erasure' }, manager]);
    expect(erased).toEqual({
      revisions: [
        { number: 1, status: 'erased', entrantId: 'a', vip: false, doubtful: false, crossReviewerId: 'b' },
        { number: 2, status: 'erased', entrantId: 'b', vip: false, doubtful: false },
      ],
    });
    expect(revisionInForce(erased)).toBeUndefined();
  });

  it('works from any state before erasure, drafts included', () => {
    for (const state of [draft, awaitingCross, returned, awaitingFinal, valid]) {
      expect(refusal(state, { type: 'request_erasure', reason: '重复录入' }, colleague)).toBe('ok');
    }
  });

  it('ends everything: no action applies to an erased record', () => {
    const erased = run(requested, [{ type: 'approve_erasure' }, manager]);
    for (const actor of [entrant, colleague, lead, manager, supervisor]) {
      expect(allowedActions(erased, actor)).toEqual([]);
    }
    expect(refusal(erased, { type: 'request_erasure', reason: 'x' }, entrant)).toBe('erased');
    expect(refusal(erased, submit, entrant)).toBe('erased');
  });

  it('refuses requests without a reason, twice, or by roles that do not request', () => {
    expect(refusal(valid, { type: 'request_erasure', reason: '' }, entrant)).toBe('reason_required');
    expect(refusal(requested, { type: 'request_erasure', reason: '再次' }, colleague)).toBe(
      'erasure_pending',
    );
    expect(refusal(valid, { type: 'request_erasure', reason: 'x' }, manager)).toBe('forbidden');
    expect(refusal(valid, { type: 'request_erasure', reason: 'x' }, trainee)).toBe('not_certified');
    expect(refusal(valid, { type: 'request_erasure', reason: 'x' }, supervisor)).toBe('forbidden');
  });

  it('approval and rejection are the manager’s, and need a pending request', () => {
    expect(refusal(requested, { type: 'approve_erasure' }, lead)).toBe('forbidden');
    expect(refusal(requested, { type: 'approve_erasure' }, entrant)).toBe('forbidden');
    expect(refusal(valid, { type: 'approve_erasure' }, manager)).toBe('no_erasure_request');
    expect(refusal(valid, { type: 'reject_erasure', reason: '无依据' }, manager)).toBe('no_erasure_request');
  });

  it('a rejection needs a reason and clears the request', () => {
    expect(refusal(requested, { type: 'reject_erasure', reason: ' ' }, manager)).toBe('reason_required');
    expect(run(requested, [{ type: 'reject_erasure', reason: '仍在合同期内' }, manager])).toEqual(valid);
  });

  it('the requester cannot approve their own request', () => {
    const byManager: RecordState = { ...valid, erasureRequest: { requestedBy: 'm', reason: 'x' } };
    expect(refusal(byManager, { type: 'approve_erasure' }, manager)).toBe('requester_cannot_approve');
  });

  it('a pending request blocks a new correction', () => {
    expect(refusal(requested, { type: 'start_correction' }, colleague)).toBe('erasure_pending');
  });
});

describe('discarding a draft', () => {
  const discard: WorkflowAction = { type: 'discard_draft' };

  it('erases a first draft at once, by its entrant only', () => {
    expect(status(run(draft, [discard, entrant]))).toBe('erased');
    expect(refusal(draft, discard, colleague)).toBe('not_entrant');
    expect(refusal(draft, discard, supervisor)).toBe('forbidden');
  });

  it('never applies once submitted, nor to a correction (that is cancelled instead)', () => {
    expect(refusal(awaitingCross, discard, entrant)).toBe('wrong_state');
    expect(refusal(returned, discard, entrant)).toBe('wrong_state');
    expect(refusal(valid, discard, entrant)).toBe('wrong_state');
    expect(refusal(run(valid, [{ type: 'start_correction' }, entrant]), discard, entrant)).toBe(
      'wrong_state',
    );
  });
});

describe('allowedActions and canEdit', () => {
  it('offers each person what the machine would accept', () => {
    expect(allowedActions(draft, entrant)).toEqual(['submit', 'request_erasure', 'discard_draft']);
    expect(allowedActions(draft, colleague)).toEqual(['request_erasure']);
    expect(allowedActions(draft, manager)).toEqual([]);
    expect(allowedActions(draft, trainee)).toEqual([]);
    expect(allowedActions(awaitingCross, colleague)).toEqual([
      'approve_cross',
      'return_cross',
      'request_erasure',
    ]);
    expect(allowedActions(awaitingCross, entrant)).toEqual(['request_erasure']);
    expect(allowedActions(awaitingFinal, manager)).toEqual(['approve_final', 'return_final']);
    expect(allowedActions(valid, colleague)).toEqual(['start_correction', 'request_erasure']);
    expect(allowedActions(valid, supervisor)).toEqual([]);
    expect(allowedActions(valid, maintainer)).toEqual([]);
  });

  it('lets only the entrant edit, in draft or returned', () => {
    expect(canEdit(draft, entrant)).toBe(true);
    expect(canEdit(returned, entrant)).toBe(true);
    expect(canEdit(draft, colleague)).toBe(false);
    expect(canEdit(awaitingCross, entrant)).toBe(false);
    expect(canEdit(valid, entrant)).toBe(false);
    expect(canEdit(newRecord('u'), trainee)).toBe(false);
  });
});

// -----------------------------------------------------------------------------------------------
// Against a reference model: random action sequences by random people

type ModelRevision = { status: RevisionStatus; entrant: string; vip: boolean; doubtful: boolean };
type Model = { revisions: ModelRevision[]; erasureBy: string | undefined };

const ACTORS: readonly Actor[] = [
  entrant,
  colleague,
  trainee,
  lead,
  manager,
  { id: 'm2', role: 'manager', certified: true },
  supervisor,
  maintainer,
];

/** Who may do what, written out from DESIGN.md's permission table rather than from roles.ts. */
const DESK = ['specialist', 'lead', 'manager'];
function may(
  actor: Actor,
  what: 'enter' | 'cross' | 'final' | 'correct' | 'requestErasure' | 'approveErasure' | 'assign',
) {
  const certified = actor.certified;
  switch (what) {
    case 'enter':
    case 'cross':
    case 'correct':
      return DESK.includes(actor.role) && certified;
    case 'requestErasure':
      return ['specialist', 'lead'].includes(actor.role) && certified;
    case 'final':
    case 'approveErasure':
      return actor.role === 'manager';
    case 'assign':
      return ['lead', 'manager'].includes(actor.role);
  }
}

const hasText = (s: string) => s.trim().length > 0;
const fullChecklist = (c: Record<string, boolean | undefined>) =>
  SELF_REVIEW_CHECKS.every((k) => c[k] === true);

/** The next model state, or null when the action must be refused. */
function modelStep(model: Model, action: WorkflowAction, actor: Actor): Model | null {
  const revisions = model.revisions.map((r) => ({ ...r }));
  const current = revisions[revisions.length - 1];
  if (!current || current.status === 'erased') return null;
  const next = (): Model => ({ revisions, erasureBy: model.erasureBy });
  switch (action.type) {
    case 'submit':
    case 'resubmit':
      if (current.status !== (action.type === 'submit' ? 'draft' : 'returned')) return null;
      if (!may(actor, 'enter') || actor.id !== current.entrant || !fullChecklist(action.checklist))
        return null;
      current.status = 'awaiting_cross_review';
      return next();
    case 'approve_cross':
      if (current.status !== 'awaiting_cross_review' || !may(actor, 'cross') || actor.id === current.entrant)
        return null;
      if (action.escalate && !hasText(action.escalate.reason)) return null;
      if (action.escalate) current.doubtful = true;
      current.status = current.vip || current.doubtful ? 'awaiting_final_review' : 'valid';
      return next();
    case 'return_cross':
    case 'return_final': {
      const from = action.type === 'return_cross' ? 'awaiting_cross_review' : 'awaiting_final_review';
      const right = action.type === 'return_cross' ? may(actor, 'cross') : may(actor, 'final');
      if (current.status !== from || !right || actor.id === current.entrant) return null;
      if (action.comments.length === 0 || !action.comments.every((c) => hasText(c.path) && hasText(c.text)))
        return null;
      current.status = 'returned';
      return next();
    }
    case 'approve_final':
      if (current.status !== 'awaiting_final_review' || !may(actor, 'final') || actor.id === current.entrant)
        return null;
      current.status = 'valid';
      return next();
    case 'start_correction':
      if (current.status !== 'valid' || !may(actor, 'correct') || model.erasureBy !== undefined) return null;
      revisions.push({ status: 'draft', entrant: actor.id, vip: current.vip, doubtful: false });
      return next();
    case 'cancel_correction':
      if (revisions.length < 2 || current.status === 'valid' || !hasText(action.reason)) return null;
      if (actor.id === current.entrant ? !may(actor, 'correct') : !may(actor, 'assign')) return null;
      revisions.pop();
      return next();
    case 'request_erasure':
      if (!may(actor, 'requestErasure') || model.erasureBy !== undefined || !hasText(action.reason))
        return null;
      return { revisions, erasureBy: actor.id };
    case 'approve_erasure':
      if (!may(actor, 'approveErasure') || model.erasureBy === undefined || model.erasureBy === actor.id)
        return null;
      return { revisions: revisions.map((r) => ({ ...r, status: 'erased' })), erasureBy: undefined };
    case 'reject_erasure':
      if (!may(actor, 'approveErasure') || model.erasureBy === undefined || !hasText(action.reason))
        return null;
      return { revisions, erasureBy: undefined };
    case 'discard_draft':
      if (revisions.length !== 1 || current.status !== 'draft') return null;
      if (!may(actor, 'enter') || actor.id !== current.entrant) return null;
      return { revisions: revisions.map((r) => ({ ...r, status: 'erased' })), erasureBy: undefined };
  }
}

function summary(state: RecordState): Model {
  return {
    revisions: state.revisions.map((r) => ({
      status: r.status,
      entrant: r.entrantId,
      vip: r.vip,
      doubtful: r.doubtful,
    })),
    erasureBy: state.erasureRequest?.requestedBy,
  };
}

/** Mostly usable payloads (so sequences get deep), sometimes blank or incomplete ones. */
const text = fc.oneof({ arbitrary: fc.constant('原因'), weight: 6 }, fc.constantFrom('', '  '));
const checklistArb = fc.oneof(
  { arbitrary: fc.constant(checklist), weight: 6 },
  fc.record({
    completeness: fc.boolean(),
    accuracy: fc.boolean(),
    format: fc.constant(true),
    consent: fc.constant(true),
  }),
);
const comments = fc.oneof(
  { arbitrary: fc.constant([{ path: 'contact.phone', text: '号码有误' }]), weight: 6 },
  fc.array(fc.record({ path: fc.constantFrom('', 'name'), text }), { maxLength: 2 }),
);
const arbitraryAction: fc.Arbitrary<WorkflowAction> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('submit' as const), checklist: checklistArb }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('resubmit' as const), checklist: checklistArb }), weight: 3 },
  {
    arbitrary: fc.record({
      type: fc.constant('approve_cross' as const),
      escalate: fc.option(fc.record({ reason: text }), { nil: undefined, freq: 2 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ type: fc.constant('return_cross' as const), comments }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('return_final' as const), comments }), weight: 2 },
  { arbitrary: fc.constant({ type: 'approve_final' as const }), weight: 3 },
  { arbitrary: fc.constant({ type: 'start_correction' as const }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('cancel_correction' as const), reason: text }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('request_erasure' as const), reason: text }), weight: 1 },
  { arbitrary: fc.constant({ type: 'approve_erasure' as const }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('reject_erasure' as const), reason: text }), weight: 1 },
  { arbitrary: fc.constant({ type: 'discard_draft' as const }), weight: 1 },
);
/** Desk staff more often than the rest, everyone sometimes. */
const arbitraryActor = fc.oneof(
  ...ACTORS.map((actor) => ({
    arbitrary: fc.constant(actor),
    weight:
      actor.role === 'specialist' && actor.certified
        ? 4
        : actor.role === 'supervisor' || actor.role === 'maintainer'
          ? 1
          : 2,
  })),
);

describe('the workflow against a reference model', () => {
  it('covers every action', () => {
    expect(new Set(WORKFLOW_ACTIONS).size).toBe(12);
  });

  it('agrees with the model on every step of random sequences, and keeps its invariants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTORS.filter((a) => a.role !== 'supervisor' && a.role !== 'maintainer')),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.tuple(arbitraryAction, arbitraryActor), { minLength: 10, maxLength: 60, size: 'max' }),
        (creator, vip, doubtful, steps) => {
          let state = newRecord(creator.id, { vip, doubtful });
          let model: Model = summary(state);
          for (const [action, actor] of steps) {
            const expected = modelStep(model, action, actor);
            const result = transition(state, action, actor);
            expect(result.ok).toBe(expected !== null);
            expect(allowedActions(state, actor).includes(action.type) || !result.ok).toBe(true);
            if (result.ok && expected) {
              state = result.next;
              model = expected;
              expect(summary(state)).toEqual(model);
              expect(result.audit.action).toBe(action.type);
            }
            // invariants
            const inForce = revisionInForce(state);
            if (inForce) expect(inForce.status).toBe('valid');
            for (const revision of state.revisions) {
              if (revision.status === 'valid') expect(revision.crossReviewerId).not.toBe(revision.entrantId);
            }
            expect(state.revisions.map((r) => r.number)).toEqual(state.revisions.map((_, i) => i + 1));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
