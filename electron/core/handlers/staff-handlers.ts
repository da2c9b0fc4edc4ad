import type { Handlers } from '../dispatch.js';

type StaffMethods =
  | 'staff.list'
  | 'staff.create'
  | 'staff.setDisabled'
  | 'staff.resetPassword'
  | 'staff.certify'
  | 'audit.verify';

export function staffHandlers(): Pick<Handlers, StaffMethods> {
  return {
    'staff.list': (_input, { store }) => store.staffAdmin.list(),
    'staff.create': ({ name, role, password }, { session, store }) =>
      store.staffAdmin.create(session, name, role, password),
    'staff.setDisabled': ({ id, disabled }, { session, store }) => {
      const account = store.staffAdmin.setDisabled(session, id, disabled);
      store.sessions.refreshFromStore();
      return account;
    },
    'staff.resetPassword': ({ id, password }, { session, store }) =>
      store.staffAdmin.resetPassword(session, id, password),
    'staff.certify': ({ id, certified }, { session, store }) => {
      const account = store.staffAdmin.certify(session, id, certified);
      store.sessions.refreshFromStore();
      return account;
    },
    'audit.verify': (_input, { store }) => {
      const verdict = store.audit.verify();
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
