import { ComplaintService } from '../complaints/complaint-service.js';
import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { HandlerContext, Handlers } from '../dispatch.js';
import type { ActiveSession } from '../session/session-store.js';
import { SuggestionService } from '../suggestions/suggestion-service.js';
import { TeamDayReport } from '../team/team-day.js';

type DeskOpsMethods =
  | 'team.day'
  | 'complaints.register'
  | 'complaints.list'
  | 'complaints.open'
  | 'complaints.assignees'
  | 'complaints.assign'
  | 'complaints.note'
  | 'complaints.resolve'
  | 'suggestions.send'
  | 'suggestions.mine'
  | 'suggestions.list'
  | 'suggestions.markRead';

/** dispatch has checked the permission; a capability always comes with a session */
function who(ctx: HandlerContext): ActiveSession {
  if (!ctx.session) throw new CoreError('not_signed_in', 'Sign in first');
  return ctx.session;
}

/**
 * The lead's day (R25) on the store dispatch chose, guest complaints (R27) and staff suggestions
 * (R17) on the real store. Services are built on first use: the store exists only once the data
 * folder opened, and then for the life of the core.
 */
export function deskOpsHandlers(services: CoreServices): Pick<Handlers, DeskOpsMethods> {
  let complaints: ComplaintService | null = null;
  let suggestions: SuggestionService | null = null;
  const complaintService = (): ComplaintService => {
    if (!complaints) {
      const store = services.store();
      complaints = new ComplaintService({
        db: store.db,
        audit: store.audit,
        staff: store.sessions.staff,
        keys: () => store.sessions.dataKeys(),
        clock: services.clock,
      });
    }
    return complaints;
  };
  const suggestionService = (): SuggestionService => {
    if (!suggestions) {
      const store = services.store();
      suggestions = new SuggestionService({
        db: store.db,
        audit: store.audit,
        keys: () => store.sessions.dataKeys(),
        clock: services.clock,
      });
    }
    return suggestions;
  };
  const teamDay = (ctx: HandlerContext): TeamDayReport => {
    const store = services.store();
    return new TeamDayReport({
      service: store.records.for(ctx.practice).service,
      staff: store.sessions.staff,
      clock: services.clock,
    });
  };

  return {
    'team.day': ({ date }, ctx) => teamDay(ctx).day(who(ctx), date),

    'complaints.register': (input, ctx) => complaintService().register(who(ctx), input),
    'complaints.list': (_input, ctx) => complaintService().list(who(ctx)),
    'complaints.open': ({ complaintId }, ctx) => complaintService().open(who(ctx), complaintId),
    'complaints.assignees': () => ({ people: complaintService().assignees() }),
    'complaints.assign': ({ complaintId, assigneeId }, ctx) =>
      complaintService().assign(who(ctx), complaintId, assigneeId),
    'complaints.note': ({ complaintId, note }, ctx) => complaintService().note(who(ctx), complaintId, note),
    'complaints.resolve': ({ complaintId, ...resolution }, ctx) =>
      complaintService().resolve(who(ctx), complaintId, resolution),

    'suggestions.send': (input, ctx) => suggestionService().send(who(ctx), input),
    'suggestions.mine': (_input, ctx) => suggestionService().mine(who(ctx)),
    'suggestions.list': (_input, ctx) => suggestionService().all(who(ctx)),
    'suggestions.markRead': ({ suggestionId }, ctx) => suggestionService().markRead(who(ctx), suggestionId),
  };
}
