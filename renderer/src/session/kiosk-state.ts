import type { SessionState, SetupResult } from '../../../shared/ipc/schemas.js';
import type { MessageKey } from '../i18n-types.js';

export interface PendingRecoveryKey {
  recoveryKey: string;
  /** 1-based groups the core asks to have typed back */
  confirmGroups: readonly number[];
}

/**
 * The core's session plus the few choices only the page makes. Every choice belongs to a
 * session state and ends with it: the recovery key lives only while the maintainer who was
 * shown it is at work, "switch user" only while the screen is locked, "forgot" only while
 * nobody is signed in.
 */
export interface KioskState {
  /** undefined until the core has answered */
  session: SessionState | undefined;
  sessionFailed: boolean;
  pendingKey: PendingRecoveryKey | null;
  switchingUser: boolean;
  recoveryReset: boolean;
  /** a one-off confirmation for the home screen (catalog key) */
  notice: MessageKey | null;
}

export type KioskAction =
  | { type: 'session'; session: SessionState }
  | { type: 'session-failed' }
  | { type: 'setup-created'; result: SetupResult }
  | { type: 'recovery-key-confirmed' }
  | { type: 'switch-user' }
  | { type: 'back-to-unlock' }
  | { type: 'forgot-password' }
  | { type: 'back-to-sign-in' };

export const initialKioskState: KioskState = {
  session: undefined,
  sessionFailed: false,
  pendingKey: null,
  switchingUser: false,
  recoveryReset: false,
  notice: null,
};

function isOpen(session: SessionState | undefined): boolean {
  return session?.status === 'signed-in' && !session.locked;
}

function sameOpenPerson(previous: SessionState | undefined, next: SessionState): boolean {
  return (
    isOpen(previous) &&
    isOpen(next) &&
    previous?.status === 'signed-in' &&
    next.status === 'signed-in' &&
    previous.staff.id === next.staff.id
  );
}

function withSession(state: KioskState, session: SessionState): KioskState {
  const keep = sameOpenPerson(state.session, session);
  return {
    session,
    sessionFailed: false,
    pendingKey: keep ? state.pendingKey : null,
    notice: keep ? state.notice : null,
    switchingUser: session.status === 'signed-in' && session.locked ? state.switchingUser : false,
    recoveryReset: session.status === 'signed-out' ? state.recoveryReset : false,
  };
}

export function kioskReducer(state: KioskState, action: KioskAction): KioskState {
  switch (action.type) {
    case 'session':
      return withSession(state, action.session);
    case 'session-failed':
      return { ...state, sessionFailed: true };
    case 'setup-created': {
      const { recoveryKey, confirmGroups, session } = action.result;
      return {
        ...withSession(state, session),
        pendingKey: isOpen(session) ? { recoveryKey, confirmGroups } : null,
      };
    }
    case 'recovery-key-confirmed':
      return { ...state, pendingKey: null, notice: 'setup.confirmed' };
    case 'switch-user':
      return state.session?.status === 'signed-in' ? { ...state, switchingUser: true } : state;
    case 'back-to-unlock':
      return { ...state, switchingUser: false };
    case 'forgot-password':
      return state.session?.status === 'signed-out' ? { ...state, recoveryReset: true } : state;
    case 'back-to-sign-in':
      return { ...state, recoveryReset: false };
  }
}
