import { roleAllows } from '../../shared/domain/roles.js';
import type { Permission } from '../../shared/ipc/contract.js';
import type { CoreErrorShape } from '../../shared/ipc/errors.js';
import type { ActiveSession } from './session.js';

/** null when allowed; otherwise the refusal to return. */
export function checkPermission(
  permission: Permission,
  session: ActiveSession | null,
): CoreErrorShape | null {
  if (permission === 'public') return null;
  if (!session) return { code: 'not_signed_in', message: 'Sign in first' };
  if (session.locked) return { code: 'locked', message: 'The kiosk is locked' };
  if (permission === 'session') return null;
  if (roleAllows(session.staff.role, permission, session.staff.certified)) return null;
  return { code: 'forbidden', message: `Not permitted: ${permission}` };
}
