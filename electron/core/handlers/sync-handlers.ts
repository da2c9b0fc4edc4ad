import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';
import type { ActiveSession } from '../session/session-store.js';
import { unavailableSyncStatus } from '../sync/sync-service.js';

type SyncMethods =
  'sync.status' | 'sync.details' | 'sync.enrol' | 'sync.testConnection' | 'sync.stuck' | 'sync.retry';

function actor(session: ActiveSession | null): ActiveSession {
  if (!session) throw new CoreError('not_signed_in', 'Sign in first');
  return session;
}

/** Sync with the central system (R24, R29): the header's status for everyone, the rest for the maintainer. */
export function syncHandlers(services: CoreServices): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () =>
      services.storageState().state === 'ready' ? services.store().sync.status() : unavailableSyncStatus(),
    'sync.details': () => services.store().sync.details(),
    'sync.enrol': (input, { session }) => {
      const store = services.store();
      return store.sync.enrol(input, actor(session).staff.id, store.sessions.dataKeys());
    },
    'sync.testConnection': (input) => services.store().sync.testConnection(input),
    'sync.stuck': () => services.store().sync.stuck(),
    'sync.retry': ({ ids }, { session }) => services.store().sync.retry(ids ?? [], actor(session).staff.id),
  };
}
