import type { AppInfo, StaffView } from '../../../shared/ipc/schemas.js';
import type { KioskState, PendingRecoveryKey } from './kiosk-state.js';

/** Which screen the kiosk shows: decided by the core's state, and by the page's own choices in KioskState. */
export type Screen =
  | { name: 'loading' }
  | { name: 'unreachable' }
  | { name: 'storage-problem'; info: AppInfo }
  | { name: 'first-setup'; info: AppInfo }
  | { name: 'recovery-key'; pending: PendingRecoveryKey }
  | { name: 'sign-in' }
  | { name: 'recovery-reset' }
  | { name: 'lock'; staff: StaffView }
  | { name: 'switch-user'; staff: StaffView }
  | { name: 'change-password'; staff: StaffView }
  | { name: 'home'; staff: StaffView };

export function screenFor(info: AppInfo | undefined, infoFailed: boolean, kiosk: KioskState): Screen {
  const { session } = kiosk;
  if (infoFailed || kiosk.sessionFailed) return { name: 'unreachable' };
  if (!info || !session) return { name: 'loading' };
  if (info.storage.state === 'unavailable') return { name: 'storage-problem', info };
  const open = session.status === 'signed-in' && !session.locked;
  // the key outranks everything else while its session lasts: it is shown only on this page
  if (kiosk.pendingKey && open) return { name: 'recovery-key', pending: kiosk.pendingKey };
  if (info.setupRequired && session.status === 'signed-out') return { name: 'first-setup', info };
  if (session.status === 'signed-out')
    return kiosk.recoveryReset ? { name: 'recovery-reset' } : { name: 'sign-in' };
  if (session.locked) {
    return kiosk.switchingUser
      ? { name: 'switch-user', staff: session.staff }
      : { name: 'lock', staff: session.staff };
  }
  if (session.mustChangePassword) return { name: 'change-password', staff: session.staff };
  return { name: 'home', staff: session.staff };
}
