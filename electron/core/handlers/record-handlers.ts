import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { HandlerContext, Handlers } from '../dispatch.js';
import type { RecordWorkspace } from '../records/record-stores.js';
import type { ActiveSession } from '../session/session-store.js';

type RecordMethods =
  | 'records.workspace'
  | 'records.startIntake'
  | 'records.saveDraft'
  | 'records.open'
  | 'records.submit'
  | 'records.checkDuplicates'
  | 'records.myQueue'
  | 'records.overview'
  | 'records.startCorrection'
  | 'records.cancelCorrection'
  | 'records.discardDraft'
  | 'review.crossQueue'
  | 'review.reviewers'
  | 'review.assign'
  | 'review.approveCross'
  | 'review.returnCross'
  | 'review.finalQueue'
  | 'review.approveFinal'
  | 'review.returnFinal'
  | 'online.add'
  | 'online.queue'
  | 'online.claim'
  | 'online.logContact'
  | 'guests.search'
  | 'guests.reveal'
  | 'erasure.request'
  | 'erasure.queue'
  | 'erasure.approve'
  | 'erasure.reject';

/** dispatch has checked the permission; a capability always comes with a session */
function who(ctx: HandlerContext): ActiveSession {
  if (!ctx.session) throw new CoreError('not_signed_in', 'Sign in first');
  return ctx.session;
}

/**
 * The guest-record methods (R7–R14, R19). Each runs on the store dispatch chose for the call
 * (`ctx.practice`, R6) and answers with `practice` so the UI marks practice data as such.
 */
export function recordHandlers(services: CoreServices): Pick<Handlers, RecordMethods> {
  const on = (ctx: HandlerContext): RecordWorkspace => services.store().records.for(ctx.practice);
  const list = <T>(ctx: HandlerContext, items: T[]) => ({ practice: ctx.practice, items });

  return {
    'records.workspace': (_input, ctx) => ({ practice: ctx.practice }),
    'records.startIntake': ({ channel, draft }, ctx) => on(ctx).service.startIntake(who(ctx), channel, draft),
    'records.saveDraft': ({ recordId, draft }, ctx) => on(ctx).service.saveDraft(who(ctx), recordId, draft),
    'records.open': ({ recordId }, ctx) => on(ctx).service.open(who(ctx), recordId),
    'records.submit': ({ recordId, checklist }, ctx) => on(ctx).service.submit(who(ctx), recordId, checklist),
    'records.checkDuplicates': (input, ctx) => ({
      practice: ctx.practice,
      hits: on(ctx).search.duplicates(who(ctx), input),
    }),
    'records.myQueue': (_input, ctx) =>
      list(ctx, on(ctx).service.queue({ kind: 'mine', staffId: who(ctx).staff.id }, true)),
    'records.overview': (_input, ctx) => list(ctx, on(ctx).service.queue({ kind: 'open' })),
    'records.startCorrection': ({ recordId, reason }, ctx) =>
      on(ctx).service.startCorrection(who(ctx), recordId, reason),
    'records.cancelCorrection': ({ recordId, reason }, ctx) =>
      on(ctx).service.cancelCorrection(who(ctx), recordId, reason),
    'records.discardDraft': ({ recordId }, ctx) => on(ctx).service.discardDraft(who(ctx), recordId),

    'review.crossQueue': (_input, ctx) => list(ctx, on(ctx).service.crossQueue(who(ctx))),
    'review.reviewers': ({ recordId }, ctx) => ({
      practice: ctx.practice,
      reviewers: on(ctx).service.reviewerChoices(recordId),
    }),
    'review.assign': ({ recordId, reviewerId }, ctx) =>
      on(ctx).service.assignReviewer(who(ctx), recordId, reviewerId),
    'review.approveCross': ({ recordId, escalate }, ctx) =>
      on(ctx).service.approveCross(who(ctx), recordId, escalate),
    'review.returnCross': ({ recordId, comments }, ctx) =>
      on(ctx).service.returnCross(who(ctx), recordId, comments),
    'review.finalQueue': (_input, ctx) =>
      list(ctx, on(ctx).service.queue({ kind: 'final', staffId: who(ctx).staff.id })),
    'review.approveFinal': ({ recordId }, ctx) => on(ctx).service.approveFinal(who(ctx), recordId),
    'review.returnFinal': ({ recordId, comments }, ctx) =>
      on(ctx).service.returnFinal(who(ctx), recordId, comments),

    'online.add': ({ channel, receivedAt, submission }, ctx) =>
      on(ctx).service.addOnline(who(ctx), channel, submission, receivedAt),
    'online.queue': (_input, ctx) => list(ctx, on(ctx).service.queue({ kind: 'online' })),
    'online.claim': ({ recordId }, ctx) => on(ctx).service.claimOnline(who(ctx), recordId),
    'online.logContact': ({ recordId, method, outcome, note }, ctx) => ({
      practice: ctx.practice,
      attempt: on(ctx).service.logContact(who(ctx), recordId, { method, outcome, note }),
    }),

    'guests.search': (query, ctx) => ({
      practice: ctx.practice,
      hits: on(ctx).search.search(who(ctx), query),
    }),
    'guests.reveal': ({ recordId, field, reason }, ctx) => ({
      practice: ctx.practice,
      value: on(ctx).search.reveal(who(ctx), recordId, field, reason),
    }),

    'erasure.request': ({ recordId, reason }, ctx) =>
      on(ctx).service.requestErasure(who(ctx), recordId, reason),
    'erasure.queue': (_input, ctx) => list(ctx, on(ctx).service.erasureQueue()),
    'erasure.approve': ({ recordId }, ctx) => on(ctx).service.approveErasure(who(ctx), recordId),
    'erasure.reject': ({ recordId, reason }, ctx) =>
      on(ctx).service.rejectErasure(who(ctx), recordId, reason),
  };
}
