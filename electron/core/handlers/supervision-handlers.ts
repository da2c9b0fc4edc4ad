import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { HandlerContext, Handlers } from '../dispatch.js';
import type { ActiveSession } from '../session/session-store.js';
import { permissionUse } from '../supervision/permission-use.js';
import { SamplingService } from '../supervision/sampling-service.js';

type SupervisionMethods =
  | 'sample.draw'
  | 'sample.list'
  | 'sample.get'
  | 'sample.openRecord'
  | 'sample.check'
  | 'sample.complete'
  | 'sample.report'
  | 'audit.permissionUse';

/** dispatch has checked the permission; a capability always comes with a session */
function who(ctx: HandlerContext): ActiveSession {
  if (!ctx.session) throw new CoreError('not_signed_in', 'Sign in first');
  return ctx.session;
}

/** The supervisor's sampling audit and report of permission use (R26), always on the real store. */
export function supervisionHandlers(services: CoreServices): Pick<Handlers, SupervisionMethods> {
  let sampling: SamplingService | undefined;
  const service = (): SamplingService => {
    const store = services.store();
    sampling ??= new SamplingService({
      db: store.db,
      audit: store.audit,
      clock: services.clock,
      workflow: () => store.records.for(false).service,
    });
    return sampling;
  };

  return {
    'sample.draw': (input, ctx) => service().draw(who(ctx), input),
    'sample.list': () => ({ samples: service().list() }),
    'sample.get': ({ sampleId }) => service().get(sampleId),
    'sample.openRecord': ({ sampleId, recordId }, ctx) => service().openRecord(who(ctx), sampleId, recordId),
    'sample.check': (input, ctx) => service().check(who(ctx), input),
    'sample.complete': ({ sampleId }, ctx) => service().complete(who(ctx), sampleId),
    'sample.report': ({ sampleId }, ctx) => service().report(who(ctx), sampleId),
    'audit.permissionUse': ({ from, to }, ctx) => {
      const store = services.store();
      const answer = permissionUse(store.db, from, to);
      store.audit.append({
        actorId: who(ctx).staff.id,
        action: 'audit.permission_use_viewed',
        reason: `${from}..${to}`,
      });
      return answer;
    },
  };
}
