import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { HandlerContext, Handlers } from '../dispatch.js';
import { QualityReportService } from '../quality/quality-report.js';
import type { ActiveSession } from '../session/session-store.js';

/** dispatch has checked the permission; a capability always comes with a session */
function sessionOf(ctx: HandlerContext): ActiveSession {
  if (!ctx.session) throw new CoreError('not_signed_in', 'Sign in first');
  return ctx.session;
}

/** Quality per staff member (R28), always from the real store. */
export function qualityHandlers(services: CoreServices): Pick<Handlers, 'quality.figures' | 'quality.csv'> {
  // built per call: a restore replaces the store (and its database) under the handlers
  const report = (): QualityReportService => {
    const store = services.store();
    return new QualityReportService({
      db: store.db,
      audit: store.audit,
      clock: services.clock,
      records: () => store.records.for(false).service.deps.records,
    });
  };
  return {
    'quality.figures': (input, ctx) => report().figures(sessionOf(ctx), input),
    'quality.csv': (input, ctx) => report().csv(sessionOf(ctx), input),
  };
}
