import type { GuestDraft, GuestRecord } from '../../shared/domain/guest-record.js';

/** The channel the desk's "new intake" button starts with (DeskHome). */
export const DESK_CHANNEL = 'on_site_face_to_face';

/** "10k", "100k", "1M": a data set's size as the table names it. */
export function recordsLabel(records: number): string {
  if (records >= 1_000_000 && records % 1_000_000 === 0) return `${String(records / 1_000_000)}M`;
  if (records >= 1_000 && records % 1_000 === 0) return `${String(records / 1_000)}k`;
  return records.toLocaleString('en');
}

/**
 * A demo guest as the desk types it in the intake form: on site, face to face, consent to the
 * notice in force (`noticeVersion`, read from `consent.current` like the form does) ticked at
 * `at`, the guardian's too. As the renderer sends it: through JSON, so no key holds undefined.
 * The demo guests' own notice version is not one a bench store published, and their consent
 * time is the generator's fixed instant: submit would refuse both.
 */
export function deskDraft(guest: GuestRecord, noticeVersion: string, at: string): GuestDraft {
  const draft: GuestDraft = {
    ...guest,
    channel: DESK_CHANNEL,
    consent: {
      ...guest.consent,
      noticeVersion,
      at,
      // an on-site consent is given aloud or on the paper form, never "online"
      method: guest.consent.method === 'online' ? 'verbal' : guest.consent.method,
    },
  };
  if (guest.guardian && draft.guardian?.consent) {
    draft.guardian = {
      ...guest.guardian,
      consent: { ...draft.guardian.consent, at, method: draft.consent?.method ?? 'verbal' },
    };
  }
  return JSON.parse(JSON.stringify(draft)) as GuestDraft;
}

/** What the first autosave carries: the top of the form (name, ID document, phone) typed. */
export function firstAutosave(draft: GuestDraft): GuestDraft {
  const first: GuestDraft = {};
  if (draft.name !== undefined) first.name = draft.name;
  if (draft.idDocument !== undefined) first.idDocument = draft.idDocument;
  if (draft.contact !== undefined) first.contact = draft.contact;
  if (draft.channel !== undefined) first.channel = draft.channel;
  return JSON.parse(JSON.stringify(first)) as GuestDraft;
}
