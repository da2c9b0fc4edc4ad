import { roleAllows, type Capability } from '../../../shared/domain/roles.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';

export const HOME_SECTIONS = [
  'desk',
  'team',
  'quality',
  'supervision',
  'complaints',
  'suggestions',
  'staff',
  'maintenance',
] as const;
export type HomeSection = (typeof HOME_SECTIONS)[number];

/**
 * Which capabilities open a section (any one suffices). The certificate is not asked for here:
 * uncertified desk staff keep the desk in practice mode (R6), and every section's own calls are
 * refused by the core where the certificate matters.
 */
const OPENED_BY: Readonly<Record<HomeSection, readonly Capability[]>> = {
  desk: ['guest.enter', 'guest.search'],
  team: ['team.dashboard'],
  quality: ['quality.own', 'quality.team', 'quality.all'],
  supervision: ['audit.sample'],
  complaints: ['complaint.record', 'complaint.manage'],
  suggestions: ['suggestion.send', 'suggestion.read'],
  staff: ['staff.certify', 'consent.edit'],
  maintenance: ['device.admin'],
};

/**
 * The section a role's work starts in: the desk for desk staff, the sampling audit for a
 * supervisor (who also has the desk's search), upkeep for the maintainer.
 */
export function firstSection(sections: readonly HomeSection[], staff: Pick<StaffView, 'role'>): HomeSection {
  const home: HomeSection = roleAllows(staff.role, 'guest.enter', true)
    ? 'desk'
    : roleAllows(staff.role, 'audit.sample', true)
      ? 'supervision'
      : roleAllows(staff.role, 'device.admin', true)
        ? 'maintenance'
        : 'desk';
  return sections.includes(home) ? home : (sections[0] ?? 'desk');
}

/** The sections this person's role opens, in the order of the navigation. */
export function homeSections(staff: Pick<StaffView, 'role'>): HomeSection[] {
  return HOME_SECTIONS.filter((section) =>
    OPENED_BY[section].some((capability) => roleAllows(staff.role, capability, true)),
  );
}
