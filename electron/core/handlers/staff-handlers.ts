import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';
import type { ActiveSession } from '../session/session-store.js';

type StaffMethods =
  | 'staff.list'
  | 'staff.create'
  | 'staff.setDisabled'
  | 'staff.resetPassword'
  | 'staff.certify'
  | 'audit.verify';

/** dispatch has checked the permission; a capability always comes with a session */
function actor(session: ActiveSession | null): ActiveSession {
  if (!session) throw new CoreError('not_signed_in', 'Sign in first');
  return session;
}

export function staffHandlers(services: CoreServices): Pick<Handlers, StaffMethods> {
  return {
    'staff.list': () => services.store().staffAdmin.list(),
    'staff.create': ({ name, role, password }, { session }) =>
      services.store().staffAdmin.create(actor(session), name, role, password),
    'staff.setDisabled': ({ id, disabled }, { session }) => {
      const account = services.store().staffAdmin.setDisabled(actor(session), id, disabled);
      services.store().sessions.refreshFromStore();
      return account;
    },
    'staff.resetPassword': ({ id, password }, { session }) =>
      services.store().staffAdmin.resetPassword(actor(session), id, password),
    'staff.certify': ({ id, certified }, { session }) => {
      const account = services.store().staffAdmin.certify(actor(session), id, certified);
      services.store().sessions.refreshFromStore();
      return account;
    },
    'audit.verify': () => {
      const verdict = services.store().audit.verify();
      return verdict.ok
        ? { ok: true as const, entries: verdict.entries, headSeq: verdict.head.seq }
        : {
            ok: false as const,
            entries: verdict.entries,
            brokenAt: verdict.brokenAt,
            problem: verdict.problem,
          };
    },
  };
}
