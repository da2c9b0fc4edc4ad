import { describe, expect, it } from 'vitest';
import { demoGuests } from '../../../bench/lib/guests.js';
import { DESK_CHANNEL, deskDraft, firstAutosave, recordsLabel } from '../../../bench/lib/intake-drafts.js';
import { perSecond } from '../../../bench/lib/stats.js';
import { GuestDraft, validateGuestForSubmit } from '../../../shared/domain/guest-record.js';

/** Every path whose value is undefined: what JSON (and the renderer's autosave) never sends. */
function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined) return [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    undefinedPaths(inner, path ? `${path}.${key}` : key),
  );
}

describe('bench helpers', () => {
  it('names data set sizes as the table does', () => {
    expect(recordsLabel(10_000)).toBe('10k');
    expect(recordsLabel(100_000)).toBe('100k');
    expect(recordsLabel(1_000_000)).toBe('1M');
    expect(recordsLabel(12_345)).toBe('12,345');
    expect(recordsLabel(500)).toBe('500');
  });

  it('gives rates per second, and none without a measured time', () => {
    expect(perSecond(500, 250)).toBe(2_000);
    expect(perSecond(149, 4_000)).toBeCloseTo(37.25);
    expect(perSecond(10, 0)).toBeNaN();
  });

  const AT = '2026-11-23T09:59:00+08:00';
  const guests = [...demoGuests(400, 7)];

  it('turns demo guests into on-site drafts the desk can submit under the notice in force', () => {
    // the generator makes online guests, passports, minors with guardians: all of them here
    expect(guests.some((g) => g.channel.startsWith('online'))).toBe(true);
    expect(guests.some((g) => g.guardian !== undefined)).toBe(true);
    for (const guest of guests) {
      const draft = deskDraft(guest, '2026-10', AT);
      expect(GuestDraft.safeParse(draft).success).toBe(true);
      expect(undefinedPaths(draft)).toEqual([]);
      expect(draft.channel).toBe(DESK_CHANNEL);
      expect(draft.consent).toMatchObject({ noticeVersion: '2026-10', at: AT });
      expect(draft.consent?.method).not.toBe('online');
      if (guest.guardian)
        expect(draft.guardian?.consent).toMatchObject({ at: AT, method: draft.consent?.method });
      const checked = validateGuestForSubmit(draft, '2026-11-23');
      expect(checked.ok ? [] : Object.keys(checked.errors)).toEqual([]);
    }
  });

  it('leaves the guest it was given as it was', () => {
    const guest = guests[0];
    if (!guest) throw new Error('no guest');
    const before = JSON.stringify(guest);
    deskDraft(guest, '2026-10', AT);
    expect(JSON.stringify(guest)).toBe(before);
  });

  it('makes the first autosave from the top of the form only', () => {
    const guest = guests[1];
    if (!guest) throw new Error('no guest');
    const draft = deskDraft(guest, '2026-10', AT);
    const first = firstAutosave(draft);
    expect(Object.keys(first).sort()).toEqual(['channel', 'contact', 'idDocument', 'name']);
    expect(first.name).toBe(draft.name);
    expect(first.idDocument).toEqual(draft.idDocument);
    expect(GuestDraft.safeParse(first).success).toBe(true);
    expect(validateGuestForSubmit(first, '2026-11-23').ok).toBe(false);
  });
});
