/**
 * Practice mode (R6): staff whose role touches guest data (specialist, lead, manager, supervisor)
 * and who are not yet certified work on a separate practice store with the same screens and the
 * same rules; their data never mixes with real data and never syncs. The maintainer has no
 * certificate-gated capability and is never routed there.
 *
 * The core routes every guest-record method by this function of the main-process session (never
 * by anything the renderer says); the renderer uses it to show the practice banner.
 */
import { CAPABILITIES, CERTIFIED_ONLY, ROLE_CAPABILITIES, type Role } from './roles.js';

/** Does this role hold any capability that needs the training certificate? */
export function roleNeedsCertificate(role: Role): boolean {
  return CAPABILITIES.some((c) => CERTIFIED_ONLY.has(c) && ROLE_CAPABILITIES[role].has(c));
}

/** Guest-record work of this person goes to the practice store. */
export function usesPracticeStore(staff: { readonly role: Role; readonly certified: boolean }): boolean {
  return !staff.certified && roleNeedsCertificate(staff.role);
}
