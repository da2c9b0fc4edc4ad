import { describe, expect, it } from 'vitest';
import { checkPermission } from '../../../electron/core/permission-check.js';
import type { ActiveSession } from '../../../electron/core/session/session-store.js';

const as = (role: ActiveSession['staff']['role'], certified = true, locked = false): ActiveSession => ({
  staff: { id: 'x', name: 'X', role, certified },
  locked,
  mustChangePassword: false,
});

describe('checkPermission', () => {
  it('refuses everything but public methods when nobody is signed in', () => {
    expect(checkPermission('public', null)).toBeNull();
    expect(checkPermission('session', null)?.code).toBe('not_signed_in');
    expect(checkPermission('guest.search', null)?.code).toBe('not_signed_in');
  });

  it('refuses everything but public methods while locked', () => {
    expect(checkPermission('public', as('manager', true, true))).toBeNull();
    expect(checkPermission('session', as('manager', true, true))?.code).toBe('locked');
    expect(checkPermission('review.final', as('manager', true, true))?.code).toBe('locked');
  });

  it('follows the role table of DESIGN.md', () => {
    expect(checkPermission('review.final', as('manager'))).toBeNull();
    expect(checkPermission('review.final', as('lead'))?.code).toBe('forbidden');
    expect(checkPermission('review.assign', as('lead'))).toBeNull();
    expect(checkPermission('review.assign', as('specialist'))?.code).toBe('forbidden');
    expect(checkPermission('guest.search', as('maintainer'))?.code).toBe('forbidden');
    expect(checkPermission('device.admin', as('maintainer'))).toBeNull();
    expect(checkPermission('device.admin', as('manager'))?.code).toBe('forbidden');
    expect(checkPermission('guest.enter', as('supervisor'))?.code).toBe('forbidden');
    expect(checkPermission('audit.sample', as('supervisor'))).toBeNull();
  });

  it('keeps real guest entry from uncertified staff (R6) but not the rest of their role', () => {
    expect(checkPermission('guest.enter', as('specialist', false))?.code).toBe('forbidden');
    expect(checkPermission('review.cross', as('specialist', false))?.code).toBe('forbidden');
    expect(checkPermission('guest.search', as('specialist', false))?.code).toBe('forbidden');
    expect(checkPermission('suggestion.send', as('specialist', false))).toBeNull();
  });

  it('gates every capability that opens guest data, for every role (issue 12)', () => {
    for (const capability of ['export', 'staff.certify', 'review.final', 'guest.reveal'] as const) {
      expect(checkPermission(capability, as('manager', false))?.code).toBe('forbidden');
      expect(checkPermission(capability, as('manager', true))).toBeNull();
    }
    for (const capability of ['export', 'audit.sample', 'guest.search', 'guest.reveal'] as const) {
      expect(checkPermission(capability, as('supervisor', false))?.code).toBe('forbidden');
    }
    // the practice store lifts the gate for guest-record work only
    expect(checkPermission('guest.search', as('specialist', false), { practice: true })).toBeNull();
    expect(checkPermission('audit.view', as('supervisor', false))).toBeNull();
  });
});
