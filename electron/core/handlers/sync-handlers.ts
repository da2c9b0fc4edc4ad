import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';
import { unavailableSyncStatus } from '../sync/sync-service.js';

type SyncMethods =
  | 'sync.status'
  | 'sync.details'
  | 'sync.enrol'
  | 'sync.testConnection'
  | 'sync.stuck'
  | 'sync.retry'
  | 'sync.lookUpCentral';

/** Sync with the central system (R24, R29): the header's status for everyone, the rest for the maintainer. */
export function syncHandlers(services: CoreServices): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': (_input, ctx) =>
      services.storageState().state === 'ready' ? ctx.store.sync.status() : unavailableSyncStatus(),
    'sync.details': (_input, { store }) => store.sync.details(),
    'sync.enrol': (input, { session, store }) =>
      store.sync.enrol(input, session.staff.id, store.sessions.dataKeys()),
    'sync.testConnection': (input, { store }) => store.sync.testConnection(input),
    'sync.stuck': (_input, { store }) => store.sync.stuck(),
    'sync.retry': ({ ids }, { session, store }) => store.sync.retry(ids ?? [], session.staff.id),
    'sync.lookUpCentral': (input, { session, store }) =>
      store.sync.lookUpCentral(input, store.sessions.dataKeys(), session.staff.id),
  };
}
