/**
 * The review workflow of DESIGN.md "Records and the review workflow" (R12–R14, R19) as a pure
 * state machine. The core enforces it (and writes the audit entry it returns); the UI shows only
 * `allowedActions`.
 *
 *   draft --submit (self-review checklist complete)--> awaiting_cross_review
 *   awaiting_cross_review --approve_cross (reviewer != entrant)--> valid | awaiting_final_review (VIP / doubtful)
 *   awaiting_cross_review --return_cross (comments on fields)--> returned --resubmit--> awaiting_cross_review
 *   awaiting_final_review --approve_final (manager)--> valid ; --return_final--> returned
 *   valid --start_correction (guest correction request, R19)--> a new revision in draft; the previous
 *         revision stays in force until the new one is valid
 *   any --request_erasure, then approve_erasure (manager)--> erased
 *   a first draft never submitted --discard_draft (its entrant)--> erased
 *
 * A record is a list of revisions. The newest one is the working revision; the one in force is the
 * newest *valid* one (`revisionInForce`). Editing a revision's data is not a transition: the core
 * allows it when `canEdit` says so and audits the changed fields separately.
 *
 * Beyond the brief: `cancel_correction` (a correction the guest abandons would otherwise block the
 * record forever), `reject_erasure` (a pending request needs a way out besides approval) and
 * `discard_draft` (a guest who walks away before the entry is submitted: what was typed is destroyed
 * at once rather than kept, as nobody reviewed it and it never reached the central system).
 */
import { roleAllows, type Capability, type Role } from './roles.js';

export const REVISION_STATUSES = [
  'draft',
  'awaiting_cross_review',
  'returned',
  'awaiting_final_review',
  'valid',
  'erased',
] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

/** R12: the entrant confirms each of these before submitting. */
export const SELF_REVIEW_CHECKS = [
  /** every required field filled, recommended ones asked for */
  'completeness',
  /** compared with the document and what the guest said */
  'accuracy',
  /** formats as the system asks (names, numbers, dates) */
  'format',
  /** the notice was shown and the consents recorded as given (R8) */
  'consent',
] as const;
export type SelfReviewCheck = (typeof SELF_REVIEW_CHECKS)[number];
export type SelfReviewChecklist = Readonly<Partial<Record<SelfReviewCheck, boolean>>>;

export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly certified: boolean;
}

/** A reviewer's remark on one field ("contact.phone") or on the whole record ("_"). */
export interface ReviewComment {
  readonly path: string;
  readonly text: string;
}

export interface RevisionState {
  /** 1 for the first entry, then one more per guest correction */
  readonly number: number;
  readonly status: RevisionStatus;
  readonly entrantId: string;
  readonly vip: boolean;
  readonly doubtful: boolean;
  /** who approved it at cross-review, once someone has */
  readonly crossReviewerId?: string;
}

export interface ErasureRequest {
  readonly requestedBy: string;
  readonly reason: string;
}

export interface RecordState {
  /** oldest first, never empty; the last one is the working revision */
  readonly revisions: readonly RevisionState[];
  readonly erasureRequest?: ErasureRequest;
}

export type WorkflowAction =
  | { readonly type: 'submit'; readonly checklist: SelfReviewChecklist }
  | {
      readonly type: 'approve_cross';
      /** the reviewer has a doubt: the record goes to the manager whatever its flags */
      readonly escalate?: { readonly reason: string };
    }
  | { readonly type: 'return_cross'; readonly comments: readonly ReviewComment[] }
  | { readonly type: 'resubmit'; readonly checklist: SelfReviewChecklist }
  | { readonly type: 'approve_final' }
  | { readonly type: 'return_final'; readonly comments: readonly ReviewComment[] }
  | { readonly type: 'start_correction' }
  | { readonly type: 'cancel_correction'; readonly reason: string }
  | { readonly type: 'request_erasure'; readonly reason: string }
  | { readonly type: 'approve_erasure' }
  | { readonly type: 'reject_erasure'; readonly reason: string }
  | { readonly type: 'discard_draft' };

export type WorkflowActionType = WorkflowAction['type'];

export const WORKFLOW_ACTIONS = [
  'submit',
  'approve_cross',
  'return_cross',
  'resubmit',
  'approve_final',
  'return_final',
  'start_correction',
  'cancel_correction',
  'request_erasure',
  'approve_erasure',
  'reject_erasure',
  'discard_draft',
] as const satisfies readonly WorkflowActionType[];

export const WORKFLOW_REFUSALS = [
  /** the record was erased: nothing more happens to it */
  'erased',
  /** the action does not apply in the revision's current status */
  'wrong_state',
  /** the actor's role does not have the capability */
  'forbidden',
  /** the role has it, but only after training and certification (R6) */
  'not_certified',
  /** only the entrant of the revision may do this */
  'not_entrant',
  /** four eyes: the entrant cannot review their own entry */
  'reviewer_is_entrant',
  'checklist_incomplete',
  'comments_required',
  'reason_required',
  /** an erasure request is already waiting for a manager */
  'erasure_pending',
  'no_erasure_request',
  /** the person who asked for an erasure cannot approve it */
  'requester_cannot_approve',
  /** only a correction (revision 2 or later) can be cancelled */
  'not_a_correction',
  /** what a guest sent online is theirs: it is not discarded like a desk draft (erasure instead) */
  'online_submission',
] as const;
export type WorkflowRefusal = (typeof WORKFLOW_REFUSALS)[number];

/** What the audit log records for a transition: who and when are the core's; never any values. */
export interface WorkflowAudit {
  readonly action: WorkflowActionType;
  readonly revision: number;
  /** field paths concerned (commented on a return, flags changed), sorted */
  readonly fields?: readonly string[];
}

export type TransitionResult =
  | { readonly ok: true; readonly next: RecordState; readonly audit: WorkflowAudit }
  | { readonly ok: false; readonly reason: WorkflowRefusal };

// ---------------------------------------------------------------------------------------------

/** A new record: revision 1 in draft, entered by `entrantId`. */
export function newRecord(entrantId: string, flags: { vip?: boolean; doubtful?: boolean } = {}): RecordState {
  return {
    revisions: [
      { number: 1, status: 'draft', entrantId, vip: flags.vip ?? false, doubtful: flags.doubtful ?? false },
    ],
  };
}

export function workingRevision(state: RecordState): RevisionState {
  const last = state.revisions.at(-1);
  if (!last) throw new RangeError('a record has at least one revision');
  return last;
}

/** The revision whose data is the guest's valid information now: the newest valid one, if any. */
export function revisionInForce(state: RecordState): RevisionState | undefined {
  for (let i = state.revisions.length - 1; i >= 0; i--) {
    const revision = state.revisions[i];
    if (revision?.status === 'valid') return revision;
  }
  return undefined;
}

/** May `actor` change the working revision's data? The entrant, while it is a draft or returned. */
export function canEdit(state: RecordState, actor: Actor): boolean {
  const current = workingRevision(state);
  return (
    (current.status === 'draft' || current.status === 'returned') &&
    current.entrantId === actor.id &&
    roleAllows(actor.role, 'guest.enter', actor.certified)
  );
}

/** The VIP and doubtful flags are data of the working revision, edited with it. */
export function setWorkingFlags(
  state: RecordState,
  flags: { vip?: boolean; doubtful?: boolean },
): RecordState {
  const current = workingRevision(state);
  return replaceWorking(state, {
    ...current,
    vip: flags.vip ?? current.vip,
    doubtful: flags.doubtful ?? current.doubtful,
  });
}

function replaceWorking(state: RecordState, revision: RevisionState): RecordState {
  return { ...state, revisions: [...state.revisions.slice(0, -1), revision] };
}

function capabilityRefusal(actor: Actor, capability: Capability): WorkflowRefusal | null {
  if (roleAllows(actor.role, capability, actor.certified)) return null;
  return roleAllows(actor.role, capability, true) ? 'not_certified' : 'forbidden';
}

/** Whether `type` applies to the record and the actor, before looking at the action's payload. */
function guard(state: RecordState, type: WorkflowActionType, actor: Actor): WorkflowRefusal | null {
  const current = workingRevision(state);
  if (current.status === 'erased') return 'erased';
  const inState = (...statuses: RevisionStatus[]) => statuses.includes(current.status);

  switch (type) {
    case 'submit':
    case 'resubmit':
      if (!inState(type === 'submit' ? 'draft' : 'returned')) return 'wrong_state';
      return (
        capabilityRefusal(actor, 'guest.enter') ?? (actor.id === current.entrantId ? null : 'not_entrant')
      );
    case 'approve_cross':
    case 'return_cross':
      if (!inState('awaiting_cross_review')) return 'wrong_state';
      return (
        capabilityRefusal(actor, 'review.cross') ??
        (actor.id === current.entrantId ? 'reviewer_is_entrant' : null)
      );
    case 'approve_final':
    case 'return_final':
      if (!inState('awaiting_final_review')) return 'wrong_state';
      return (
        capabilityRefusal(actor, 'review.final') ??
        (actor.id === current.entrantId ? 'reviewer_is_entrant' : null)
      );
    case 'start_correction':
      if (!inState('valid')) return 'wrong_state';
      return capabilityRefusal(actor, 'guest.correct') ?? (state.erasureRequest ? 'erasure_pending' : null);
    case 'cancel_correction':
      if (current.number === 1) return 'not_a_correction';
      if (inState('valid')) return 'wrong_state';
      if (actor.id === current.entrantId) return capabilityRefusal(actor, 'guest.correct');
      // a lead or manager may clear a colleague's abandoned correction
      return roleAllows(actor.role, 'review.assign', actor.certified) ? null : 'not_entrant';
    case 'discard_draft':
      if (current.number !== 1 || !inState('draft')) return 'wrong_state';
      return (
        capabilityRefusal(actor, 'guest.enter') ?? (actor.id === current.entrantId ? null : 'not_entrant')
      );
    case 'request_erasure':
      return capabilityRefusal(actor, 'erasure.request') ?? (state.erasureRequest ? 'erasure_pending' : null);
    case 'approve_erasure':
    case 'reject_erasure': {
      const refusal = capabilityRefusal(actor, 'erasure.approve');
      if (refusal) return refusal;
      if (!state.erasureRequest) return 'no_erasure_request';
      if (type === 'approve_erasure' && state.erasureRequest.requestedBy === actor.id) {
        return 'requester_cannot_approve';
      }
      return null;
    }
  }
}

function checklistComplete(checklist: SelfReviewChecklist): boolean {
  return SELF_REVIEW_CHECKS.every((check) => checklist[check] === true);
}

function hasText(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function commentsValid(comments: readonly ReviewComment[]): boolean {
  return comments.length > 0 && comments.every((c) => hasText(c.path) && hasText(c.text));
}

function commentedFields(comments: readonly ReviewComment[]): readonly string[] {
  return [...new Set(comments.map((c) => c.path.trim()))].sort();
}

/**
 * Apply `action` by `actor` to the record. Refusals say why (for the UI and the core's error);
 * on success `audit` is what the audit log records (never field values).
 */
export function transition(state: RecordState, action: WorkflowAction, actor: Actor): TransitionResult {
  const refusal = guard(state, action.type, actor);
  if (refusal) return { ok: false, reason: refusal };
  const current = workingRevision(state);
  const audit = (fields?: readonly string[]): WorkflowAudit =>
    fields && fields.length > 0
      ? { action: action.type, revision: current.number, fields }
      : { action: action.type, revision: current.number };
  const moveTo = (status: RevisionStatus, changes: Partial<RevisionState> = {}): RecordState =>
    replaceWorking(state, { ...current, ...changes, status });

  switch (action.type) {
    case 'submit':
    case 'resubmit': {
      if (!checklistComplete(action.checklist)) return { ok: false, reason: 'checklist_incomplete' };
      // a fresh review round: whoever approved an earlier round is forgotten
      const next: RevisionState = {
        number: current.number,
        status: 'awaiting_cross_review',
        entrantId: current.entrantId,
        vip: current.vip,
        doubtful: current.doubtful,
      };
      return { ok: true, next: replaceWorking(state, next), audit: audit() };
    }
    case 'approve_cross': {
      if (action.escalate && !hasText(action.escalate.reason))
        return { ok: false, reason: 'reason_required' };
      const doubtful = current.doubtful || action.escalate !== undefined;
      const status = current.vip || doubtful ? 'awaiting_final_review' : 'valid';
      return {
        ok: true,
        next: moveTo(status, { doubtful, crossReviewerId: actor.id }),
        audit: audit(doubtful !== current.doubtful ? ['doubtful'] : undefined),
      };
    }
    case 'return_cross':
    case 'return_final':
      if (!commentsValid(action.comments)) return { ok: false, reason: 'comments_required' };
      return { ok: true, next: moveTo('returned'), audit: audit(commentedFields(action.comments)) };
    case 'approve_final':
      return { ok: true, next: moveTo('valid'), audit: audit() };
    case 'start_correction': {
      const revision: RevisionState = {
        number: current.number + 1,
        status: 'draft',
        entrantId: actor.id,
        vip: current.vip,
        // a doubt was about the data under review then; the correction is reviewed afresh
        doubtful: false,
      };
      return {
        ok: true,
        next: { ...state, revisions: [...state.revisions, revision] },
        audit: { action: action.type, revision: revision.number },
      };
    }
    case 'cancel_correction':
      if (!hasText(action.reason)) return { ok: false, reason: 'reason_required' };
      return {
        ok: true,
        next: { ...state, revisions: state.revisions.slice(0, -1) },
        audit: audit(),
      };
    case 'request_erasure':
      if (!hasText(action.reason)) return { ok: false, reason: 'reason_required' };
      return {
        ok: true,
        next: { ...state, erasureRequest: { requestedBy: actor.id, reason: action.reason.trim() } },
        audit: audit(),
      };
    case 'approve_erasure':
    case 'discard_draft':
      return {
        ok: true,
        next: { revisions: state.revisions.map((r) => ({ ...r, status: 'erased' as const })) },
        audit: audit(),
      };
    case 'reject_erasure': {
      if (!hasText(action.reason)) return { ok: false, reason: 'reason_required' };
      return { ok: true, next: { revisions: state.revisions }, audit: audit() };
    }
  }
}

/** The actions `actor` may take on the record now (payload requirements aside), for the UI. */
export function allowedActions(state: RecordState, actor: Actor): WorkflowActionType[] {
  return WORKFLOW_ACTIONS.filter((type) => guard(state, type, actor) === null);
}

// ---- what the core asks of a stored revision ------------------------------------------------

/**
 * Stored only: a correction abandoned with `cancel_correction` keeps its row in this status,
 * outside the workflow (its payload and notes stay for the audit trail).
 */
export const CANCELLED_REVISION = 'cancelled';
export type StoredRevisionStatus = RevisionStatus | typeof CANCELLED_REVISION;

/** The working revision is being entered: the entry deadline runs, the entrant may edit. */
export function inEntry(status: StoredRevisionStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** The working revision waits for its cross-review: the cross-review deadline runs, a reviewer may be assigned. */
export function inCrossReview(status: StoredRevisionStatus): boolean {
  return status === 'awaiting_cross_review';
}

/** Back with the entrant after a review, with the reviewer's comments. */
export function isReturned(status: StoredRevisionStatus): boolean {
  return status === 'returned';
}

/** A first entry not yet submitted: an online submission that may still be claimed. */
export function isFirstDraft(revision: {
  readonly number: number;
  readonly status: StoredRevisionStatus;
}): boolean {
  return revision.number === 1 && revision.status === 'draft';
}

/** Every revision erased: the record is a tombstone. */
export function isErased(state: RecordState): boolean {
  return state.revisions.every((r) => r.status === 'erased');
}

/** A submit from draft, or a resubmit after a return. */
export function submitAction(state: RecordState): 'submit' | 'resubmit' {
  return isReturned(workingRevision(state).status) ? 'resubmit' : 'submit';
}

/** Why `actor` may not edit the working revision's data, or null when `canEdit` allows it. */
export function editRefusal(state: RecordState, actor: Actor): WorkflowRefusal | null {
  if (canEdit(state, actor)) return null;
  const { status } = workingRevision(state);
  if (status === 'erased') return 'erased';
  return inEntry(status) ? 'not_entrant' : 'wrong_state';
}
