import type { GuestDraft } from '../../shared/domain/guest-record.js';
import { call, type CoreDoor } from './core-harness.js';
import { adultGuest, CHECKLIST, signInAs, type Person } from './desk-harness.js';

/** `work` done through the core signed in as `person`, signed out afterwards whatever happened. */
export async function asPerson<T>(core: CoreDoor, person: Person, work: () => Promise<T>): Promise<T> {
  await signInAs(core, person);
  try {
    return await work();
  } finally {
    await call(core, 'session.signOut', {});
  }
}

export interface GuestWork {
  /** who enters and submits the guest (default Bob) */
  entrant?: Person;
  /** who approves it at cross-review (default Alice, or Bob when Alice entered it) */
  reviewer?: Person;
  /** what is typed (default adultGuest()) */
  draft?: GuestDraft;
}

/** A guest entered on site and submitted by `entrant`, waiting for cross-review: its record id. */
export function submittedGuest(core: CoreDoor, { entrant = 'bob', draft = adultGuest() }: GuestWork = {}) {
  return asPerson(core, entrant, async () => {
    const { recordId } = await call(core, 'records.startIntake', { channel: 'on_site_face_to_face', draft });
    await call(core, 'records.submit', { recordId, checklist: CHECKLIST });
    return recordId;
  });
}

/**
 * A valid record as the desk makes one: entered and submitted by one person, approved at
 * cross-review by another (no VIP, so no final review). Everyone is signed out at the end.
 */
export async function validGuest(core: CoreDoor, work: GuestWork = {}): Promise<string> {
  const entrant = work.entrant ?? 'bob';
  const reviewer = work.reviewer ?? (entrant === 'alice' ? 'bob' : 'alice');
  const recordId = await submittedGuest(core, { ...work, entrant });
  await asPerson(core, reviewer, () => call(core, 'review.approveCross', { recordId }));
  return recordId;
}
