import { currentNotice, publishNotice } from '../consent/consent-notices.js';
import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';

export function consentHandlers(
  services: CoreServices,
): Pick<Handlers, 'consent.current' | 'consent.publish'> {
  return {
    'consent.current': (_input, { store }) => currentNotice(store.db),
    'consent.publish': (input, { session, store }) =>
      publishNotice(store.db, store.audit, services.clock, session.staff.id, input),
  };
}
