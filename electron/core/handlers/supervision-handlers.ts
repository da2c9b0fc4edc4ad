import type { Handlers } from '../dispatch.js';
import { permissionUse } from '../supervision/permission-use.js';

type SupervisionMethods =
  | 'sample.draw'
  | 'sample.list'
  | 'sample.get'
  | 'sample.openRecord'
  | 'sample.check'
  | 'sample.complete'
  | 'sample.report'
  | 'audit.permissionUse';

/** The supervisor's sampling audit and report of permission use (R26), always on the real store. */
export function supervisionHandlers(): Pick<Handlers, SupervisionMethods> {
  return {
    'sample.draw': (input, { session, store }) => store.sampling.draw(session, input),
    'sample.list': (_input, { store }) => ({ samples: store.sampling.list() }),
    'sample.get': ({ sampleId }, { store }) => store.sampling.get(sampleId),
    'sample.openRecord': ({ sampleId, recordId }, { session, store }) =>
      store.sampling.openRecord(session, sampleId, recordId),
    'sample.check': (input, { session, store }) => store.sampling.check(session, input),
    'sample.complete': ({ sampleId }, { session, store }) => store.sampling.complete(session, sampleId),
    'sample.report': ({ sampleId }, { session, store }) => store.sampling.report(session, sampleId),
    'audit.permissionUse': ({ from, to }, { session, store }) => {
      const answer = permissionUse(store.db, from, to);
      store.audit.append({
        actorId: session.staff.id,
        action: 'audit.permission_use_viewed',
        reason: `${from}..${to}`,
      });
      return answer;
    },
  };
}
