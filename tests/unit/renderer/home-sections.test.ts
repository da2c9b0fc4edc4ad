import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/domain/roles.js';
import { firstSection, homeSections } from '../../../renderer/src/screens/home-sections.js';

describe('the home screen’s sections by role', () => {
  it('opens each role’s own sections and nothing else', () => {
    expect(homeSections({ role: 'specialist' })).toEqual(['desk', 'quality', 'complaints', 'suggestions']);
    expect(homeSections({ role: 'lead' })).toEqual(['desk', 'team', 'quality', 'complaints', 'suggestions']);
    expect(homeSections({ role: 'manager' })).toEqual([
      'desk',
      'team',
      'quality',
      'complaints',
      'suggestions',
      'staff',
    ]);
    expect(homeSections({ role: 'supervisor' })).toEqual([
      'desk',
      'team',
      'quality',
      'supervision',
      'complaints',
      'suggestions',
    ]);
    expect(homeSections({ role: 'maintainer' })).toEqual(['suggestions', 'maintenance']);
  });

  it('starts where the role’s work is', () => {
    const first = Object.fromEntries(
      ROLES.map((role) => [role, firstSection(homeSections({ role }), { role })]),
    );
    expect(first).toEqual({
      specialist: 'desk',
      lead: 'desk',
      manager: 'desk',
      supervisor: 'supervision',
      maintainer: 'maintenance',
    });
  });
});
