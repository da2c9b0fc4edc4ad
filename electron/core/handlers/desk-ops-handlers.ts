import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';
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

/**
 * The lead's day (R25) on the store dispatch chose, guest complaints (R27) and staff suggestions
 * (R17) on the real store.
 */
export function deskOpsHandlers(services: CoreServices): Pick<Handlers, DeskOpsMethods> {
  return {
    'team.day': ({ date }, { session, store, practice }) =>
      new TeamDayReport({
        service: store.records.for(practice).service,
        staff: store.sessions.staff,
        clock: services.clock,
      }).day(session, date),

    'complaints.register': (input, { session, store }) => store.complaints.register(session, input),
    'complaints.list': (_input, { session, store }) => store.complaints.list(session),
    'complaints.open': ({ complaintId }, { session, store }) => store.complaints.open(session, complaintId),
    'complaints.assignees': (_input, { store }) => ({ people: store.complaints.assignees() }),
    'complaints.assign': ({ complaintId, assigneeId }, { session, store }) =>
      store.complaints.assign(session, complaintId, assigneeId),
    'complaints.note': ({ complaintId, note }, { session, store }) =>
      store.complaints.note(session, complaintId, note),
    'complaints.resolve': ({ complaintId, ...resolution }, { session, store }) =>
      store.complaints.resolve(session, complaintId, resolution),

    'suggestions.send': (input, { session, store }) => store.suggestions.send(session, input),
    'suggestions.mine': (_input, { session, store }) => store.suggestions.mine(session),
    'suggestions.list': (_input, { session, store }) => store.suggestions.all(session),
    'suggestions.markRead': ({ suggestionId }, { session, store }) =>
      store.suggestions.markRead(session, suggestionId),
  };
}
