/**
 * Roles and what each may do, as DESIGN.md's permission table sets them.
 * The core enforces these; the renderer only uses them to hide what would be refused.
 */
export const ROLES = ['specialist', 'lead', 'manager', 'supervisor', 'maintainer'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  'guest.enter',
  'online.claim',
  'review.cross',
  'review.assign',
  'review.final',
  'guest.search',
  'guest.reveal',
  'guest.correct',
  'erasure.request',
  'erasure.approve',
  'team.dashboard',
  'audit.sample',
  'quality.own',
  'quality.team',
  'quality.all',
  'complaint.record',
  'complaint.manage',
  'export',
  'staff.certify',
  'consent.edit',
  'device.admin',
  'audit.view',
  'audit.verify',
  'suggestion.send',
  'suggestion.read',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const DESK: readonly Capability[] = [
  'guest.enter',
  'online.claim',
  'review.cross',
  'guest.search',
  'guest.reveal',
  'guest.correct',
];

export const ROLE_CAPABILITIES: Readonly<Record<Role, ReadonlySet<Capability>>> = {
  specialist: new Set<Capability>([
    ...DESK,
    'erasure.request',
    'quality.own',
    'complaint.record',
    'suggestion.send',
  ]),
  lead: new Set<Capability>([
    ...DESK,
    'review.assign',
    'erasure.request',
    'team.dashboard',
    'quality.own',
    'quality.team',
    'complaint.record',
    'complaint.manage',
    'suggestion.send',
  ]),
  manager: new Set<Capability>([
    ...DESK,
    'review.assign',
    'review.final',
    'erasure.approve',
    'team.dashboard',
    'quality.own',
    'quality.team',
    'quality.all',
    'complaint.record',
    'complaint.manage',
    'export',
    'staff.certify',
    'consent.edit',
    'audit.view',
    'audit.verify',
    'suggestion.read',
  ]),
  supervisor: new Set<Capability>([
    'guest.search',
    'guest.reveal',
    'team.dashboard',
    'audit.sample',
    'quality.all',
    'complaint.manage',
    'export',
    'audit.view',
    'audit.verify',
    'suggestion.send',
  ]),
  maintainer: new Set<Capability>(['device.admin', 'audit.verify', 'suggestion.send']),
};

/**
 * Capabilities that touch real guest data and therefore need the R6 training certificate, for
 * every role that has them (a supervisor or a manager too: a role alone, which the maintainer
 * hands out, must not open guest data). An uncertified account keeps everything else (and the
 * practice mode). Certifying is among them: an uncertified manager cannot make others certified.
 */
export const CERTIFIED_ONLY: ReadonlySet<Capability> = new Set<Capability>([
  'guest.enter',
  'online.claim',
  'review.cross',
  'review.final',
  'guest.search',
  'guest.reveal',
  'guest.correct',
  'erasure.request',
  'audit.sample',
  'export',
  'staff.certify',
]);

export function roleAllows(role: Role, capability: Capability, certified: boolean): boolean {
  if (!ROLE_CAPABILITIES[role].has(capability)) return false;
  return certified || !CERTIFIED_ONLY.has(capability);
}
