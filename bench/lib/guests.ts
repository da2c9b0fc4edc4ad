import type { GuestRecord } from '../../shared/domain/guest-record.js';
import type { IndexValues } from '../../electron/core/records/sealed-record-store.js';
import { demoGuest } from '../../electron/core/demo/demo-guests.js';
import { SeededRandom } from '../../electron/core/demo/seeded-random.js';

/** The instant demo guests are generated "at", fixed so a seed always yields the same guests. */
export const DEMO_NOW = new Date(Date.UTC(2026, 10, 23, 2, 0, 0));

/** What the demo seed indexes for a guest (demo-seed.ts): the ID number and every phone on the record. */
export function indexValues(guest: GuestRecord): Required<IndexValues> {
  const phones = [guest.contact.phone, guest.emergencyContact?.phone, guest.guardian?.phone].filter(
    (p): p is string => typeof p === 'string',
  );
  return { idNumber: guest.idDocument.number, phones };
}

/** `count` realistic guests from the demo generator, deterministic for `seed`. */
export function* demoGuests(count: number, seed: number): Generator<GuestRecord> {
  const random = new SeededRandom(seed);
  for (let i = 0; i < count; i++) yield demoGuest(random, DEMO_NOW);
}
