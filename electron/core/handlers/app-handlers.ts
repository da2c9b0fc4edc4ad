import type { Handlers } from '../dispatch.js';
import type { CoreServices } from '../core-services.js';

export function appHandlers(
  services: CoreServices,
): Pick<Handlers, 'app.info' | 'session.state' | 'network.status' | 'app.quit'> {
  return {
    'app.info': () => {
      const rollback = services.auditRollback();
      return {
        product: 'Snowdesk' as const,
        version: services.appVersion,
        storage: services.storageState(),
        setupRequired: services.setupRequired(),
        recoveryKeyConfirmed: services.recoveryKeyConfirmed(),
        idleLockMinutes: services.settings().idleLockMinutes,
        defaultLanguage: services.settings().language,
        ...(rollback ? { auditRollback: rollback } : {}),
      };
    },
    'session.state': () => services.session.view(),
    'network.status': () => services.network.get(),
    'app.quit': (_input, { session }) => {
      services.store().audit.append({
        actorId: session.staff.id,
        action: 'app.quit',
        targetType: 'device',
        targetId: 'kiosk',
      });
      return {};
    },
  };
}
