import type { QueryClient } from '@tanstack/react-query';
import type { SessionState } from '../../../shared/ipc/schemas.js';

/** What the kiosk says about itself to anyone standing at it: not a person's data. */
const DEVICE_QUERIES: ReadonlySet<string> = new Set(['app.info', 'network.status']);

/**
 * Drops everything a signed-in person loaded (queries) or sent (mutations keep their
 * variables) from the page's memory. The device's own status stays so the header and the lock
 * screen do not flicker.
 */
export function forgetSignedInData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => !DEVICE_QUERIES.has(String(query.queryKey[0])) });
  client.getMutationCache().clear();
}

/** The page must forget when nobody is at work any more, or someone else is. */
export function leavesPerson(previous: SessionState | undefined, next: SessionState): boolean {
  if (previous?.status !== 'signed-in' || previous.locked) return false;
  if (next.status !== 'signed-in' || next.locked) return true;
  return next.staff.id !== previous.staff.id;
}
