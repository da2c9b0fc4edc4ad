/**
 * Practice mode (R6): staff of a desk role (specialist, lead, manager) who are not yet certified
 * work on a separate practice store with the same screens and the same rules; their data never
 * mixes with real data and never syncs. Staff whose role has no certificate-gated capability
 * (supervisor, maintainer) are never routed there: certification does not apply to them, and a
 * supervisor's search must see the real store.
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
