import type { HandlerContext, Handlers } from '../dispatch.js';
import type { RecordWorkspace } from '../records/record-stores.js';

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

type StoreChoice = Pick<HandlerContext, 'store' | 'practice'>;

/**
 * The guest-record methods (R7–R14, R19). Each runs on the store dispatch chose for the call
 * (`ctx.practice`, R6) and answers with `practice` so the UI marks practice data as such.
 */
export function recordHandlers(): Pick<Handlers, RecordMethods> {
  const on = (ctx: StoreChoice): RecordWorkspace => ctx.store.records.for(ctx.practice);
  const list = <T>(ctx: StoreChoice, items: T[]) => ({ practice: ctx.practice, items });

  return {
    'records.workspace': (_input, ctx) => ({ practice: ctx.practice }),
    'records.startIntake': ({ channel, draft }, ctx) =>
      on(ctx).service.startIntake(ctx.session, channel, draft),
    'records.saveDraft': ({ recordId, draft }, ctx) =>
      on(ctx).service.saveDraft(ctx.session, recordId, draft),
    'records.open': ({ recordId }, ctx) => on(ctx).service.open(ctx.session, recordId),
    'records.submit': ({ recordId, checklist }, ctx) =>
      on(ctx).service.submit(ctx.session, recordId, checklist),
    'records.checkDuplicates': (input, ctx) => ({
      practice: ctx.practice,
      hits: on(ctx).search.duplicates(ctx.session, input),
    }),
    'records.myQueue': (_input, ctx) =>
      list(ctx, on(ctx).service.queue({ kind: 'mine', staffId: ctx.session.staff.id }, true)),
    'records.overview': (_input, ctx) => list(ctx, on(ctx).service.queue({ kind: 'open' })),
    'records.startCorrection': ({ recordId, reason }, ctx) =>
      on(ctx).service.startCorrection(ctx.session, recordId, reason),
    'records.cancelCorrection': ({ recordId, reason }, ctx) =>
      on(ctx).service.cancelCorrection(ctx.session, recordId, reason),
    'records.discardDraft': ({ recordId }, ctx) => on(ctx).service.discardDraft(ctx.session, recordId),

    'review.crossQueue': (_input, ctx) => list(ctx, on(ctx).service.crossQueue(ctx.session)),
    'review.reviewers': ({ recordId }, ctx) => ({
      practice: ctx.practice,
      reviewers: on(ctx).service.reviewerChoices(recordId),
    }),
    'review.assign': ({ recordId, reviewerId }, ctx) =>
      on(ctx).service.assignReviewer(ctx.session, recordId, reviewerId),
    'review.approveCross': ({ recordId, escalate }, ctx) =>
      on(ctx).service.approveCross(ctx.session, recordId, escalate),
    'review.returnCross': ({ recordId, comments }, ctx) =>
      on(ctx).service.returnCross(ctx.session, recordId, comments),
    'review.finalQueue': (_input, ctx) =>
      list(ctx, on(ctx).service.queue({ kind: 'final', staffId: ctx.session.staff.id })),
    'review.approveFinal': ({ recordId }, ctx) => on(ctx).service.approveFinal(ctx.session, recordId),
    'review.returnFinal': ({ recordId, comments }, ctx) =>
      on(ctx).service.returnFinal(ctx.session, recordId, comments),

    'online.add': ({ channel, receivedAt, submission }, ctx) =>
      on(ctx).service.addOnline(ctx.session, channel, submission, receivedAt),
    'online.queue': (_input, ctx) => list(ctx, on(ctx).service.queue({ kind: 'online' })),
    'online.claim': ({ recordId }, ctx) => on(ctx).service.claimOnline(ctx.session, recordId),
    'online.logContact': ({ recordId, method, outcome, note }, ctx) => ({
      practice: ctx.practice,
      attempt: on(ctx).service.logContact(ctx.session, recordId, { method, outcome, note }),
    }),

    'guests.search': async (query, ctx) => {
      const { search, service } = on(ctx);
      // the first name search after an unlock builds the index without holding the core's thread
      if ('name' in query) await service.prepareNames();
      return { practice: ctx.practice, hits: search.search(ctx.session, query) };
    },
    'guests.reveal': ({ recordId, field, reason }, ctx) => ({
      practice: ctx.practice,
      value: on(ctx).search.reveal(ctx.session, recordId, field, reason),
    }),

    'erasure.request': ({ recordId, reason }, ctx) =>
      on(ctx).service.requestErasure(ctx.session, recordId, reason),
    'erasure.queue': (_input, ctx) => list(ctx, on(ctx).service.erasureQueue()),
    'erasure.approve': ({ recordId }, ctx) => on(ctx).service.approveErasure(ctx.session, recordId),
    'erasure.reject': ({ recordId, reason }, ctx) =>
      on(ctx).service.rejectErasure(ctx.session, recordId, reason),
  };
}
