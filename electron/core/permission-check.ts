import { roleAllows, type Capability } from '../../shared/domain/roles.js';
import type { Permission } from '../../shared/ipc/contract.js';
import type { CoreErrorShape } from '../../shared/ipc/errors.js';
import type { ActiveSession } from './session/session-store.js';

/**
 * null when allowed; otherwise the refusal to return. `practice`: the call runs against the
 * practice store (R6), where the role's capabilities count without the training certificate.
 */
export function checkPermission(
  permission: Permission,
  session: ActiveSession | null,
  options: { practice?: boolean } = {},
): CoreErrorShape | null {
  if (permission === 'public') return null;
  if (!session) return { code: 'not_signed_in', message: 'Sign in first' };
  if (session.locked) return { code: 'locked', message: 'The kiosk is locked' };
  if (permission === 'credentials') return null;
  if (session.mustChangePassword) {
    return { code: 'password_change_required', message: 'Choose a new password first' };
  }
  if (permission === 'session') return null;
  const anyOf: readonly Capability[] = typeof permission === 'string' ? [permission] : permission;
  const certified = session.staff.certified || options.practice === true;
  if (anyOf.some((c) => roleAllows(session.staff.role, c, certified))) return null;
  return { code: 'forbidden', message: `Not permitted: ${anyOf.join(' or ')}` };
}
