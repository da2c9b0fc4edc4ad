import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';

type SessionMethods =
  | 'setup.create'
  | 'setup.confirmRecoveryKey'
  | 'setup.reissueRecoveryKey'
  | 'recovery.resetPassword'
  | 'session.signIn'
  | 'session.unlock'
  | 'session.lock'
  | 'session.signOut'
  | 'session.activity'
  | 'session.changePassword';

export function sessionHandlers(services: CoreServices): Pick<Handlers, SessionMethods> {
  return {
    'setup.create': ({ name, password, manager }) => services.store().setup.create(name, password, manager),
    'setup.confirmRecoveryKey': ({ groups }, { session }) => {
      services.store().setup.confirmRecoveryKey(session.staff.id, groups);
      return { confirmed: true as const };
    },
    'setup.reissueRecoveryKey': ({ password }, { session }) =>
      services.store().setup.reissueRecoveryKey(session.staff.id, password),
    'recovery.resetPassword': ({ recoveryKey, name, newPassword }) =>
      services.store().setup.recover(recoveryKey, name, newPassword),
    'session.signIn': ({ name, password }) => services.store().sessions.signIn(name, password),
    'session.unlock': ({ password }) => services.store().sessions.unlock(password),
    'session.lock': () => services.store().sessions.lock('manual'),
    'session.signOut': () => services.store().sessions.signOut(),
    'session.activity': () => {
      services.store().sessions.noteActivity();
      return {};
    },
    'session.changePassword': ({ current, next }) => services.store().sessions.changePassword(current, next),
  };
}
