import type { GuestDraft } from '../../../shared/domain/guest-record.js';
import { maskIdNumber, maskPhone } from '../../../shared/domain/masking.js';
import type { GuestHit, REVEAL_FIELDS, REVEAL_REASONS } from '../../../shared/ipc/record-schemas.js';
import { calendarDateAt } from '../../../shared/domain/calendar.js';
import { searchQueryProblem } from '../../../shared/domain/search-query.js';
import { CANCELLED_REVISION } from '../../../shared/domain/record-workflow.js';
import { CoreError } from '../core-error.js';
import type { ActiveSession } from '../session/session-store.js';
import { asDraft, guestNameOf, normalisedIdNumber, normalisedPhone, phonesOf } from './guest-payload.js';
import type { RecordWorkflowService } from './record-workflow-service.js';

/** Name search answers at most this many guests; a longer list is no help at a desk. */
export const NAME_SEARCH_LIMIT = 50;

type MatchKind = GuestHit['matchedOn'][number];

/**
 * Finding guests (DESIGN "Keys and data at rest", "Duplicates"): exact lookups by ID number or
 * phone go through the blind index, whose candidates are opened and compared (the index only
 * narrows the search); names go through the in-memory name index. Results are masked; a full
 * value comes only from `reveal`, which is audited with its reason. Searches are audited too, by
 * kind, never by value.
 */
export class GuestSearch {
  constructor(private readonly service: RecordWorkflowService) {}

  search(session: ActiveSession, query: { idNumber?: string; phone?: string; name?: string }): GuestHit[] {
    const actor = this.service.actor(session);
    const problem = searchQueryProblem(query, calendarDateAt(this.service.deps.clock.now()));
    if (problem) {
      throw new CoreError('invalid_input', 'This cannot match any guest', { [problem.field]: problem.code });
    }
    let hits: GuestHit[];
    let kind: string;
    if (query.idNumber !== undefined) {
      kind = 'id_number';
      hits = this.exact({ idNumber: query.idNumber }, { ownPhoneOnly: false });
    } else if (query.phone !== undefined) {
      kind = 'phone';
      hits = this.exact({ phone: query.phone }, { ownPhoneOnly: false });
    } else {
      kind = 'name';
      hits = this.byName(query.name ?? '');
    }
    this.service.deps.audit.append({ actorId: actor.id, action: 'guest.search', reason: kind });
    return hits;
  }

  /**
   * Returning guests (issue 4): the guests already stored whose ID number or own phone equals what
   * is being typed, the record being typed left out, so the desk opens them instead of a duplicate.
   */
  duplicates(
    session: ActiveSession,
    input: { recordId?: string; idNumber?: string; phone?: string },
  ): GuestHit[] {
    const actor = this.service.actor(session);
    const hits = this.exact(input, { ownPhoneOnly: true }).filter((hit) => hit.recordId !== input.recordId);
    this.service.deps.audit.append({
      actorId: actor.id,
      action: 'guest.duplicate_check',
      reason: [input.idNumber !== undefined ? 'id_number' : null, input.phone !== undefined ? 'phone' : null]
        .filter(Boolean)
        .join('+'),
      ...(input.recordId === undefined ? {} : { targetType: 'record', targetId: input.recordId }),
    });
    return hits;
  }

  /** One full value of the record's data in force (or being entered), audited with its reason (R20). */
  reveal(
    session: ActiveSession,
    recordId: string,
    field: (typeof REVEAL_FIELDS)[number],
    reason: (typeof REVEAL_REASONS)[number],
  ): string | null {
    const actor = this.service.actor(session);
    const { record } = this.service.load(recordId);
    if (record.erased_at !== null) return null;
    const draft = this.service.openDisplay(record);
    const value = revealable(draft, field);
    this.service.deps.audit.append({
      actorId: actor.id,
      action: 'guest.reveal',
      targetType: 'record',
      targetId: recordId,
      fields: [field],
      reason,
    });
    return value;
  }

  private exact(
    input: { idNumber?: string; phone?: string },
    options: { ownPhoneOnly: boolean },
  ): GuestHit[] {
    const idNumber = normalisedIdNumber(input.idNumber);
    const phone = normalisedPhone(input.phone);
    const records = this.service.deps.records;
    const candidates = new Set<string>();
    if (idNumber !== undefined)
      for (const c of records.candidates('id-number', idNumber)) candidates.add(c.recordId);
    if (phone !== undefined) for (const c of records.candidates('phone', phone)) candidates.add(c.recordId);

    const hits: GuestHit[] = [];
    for (const recordId of candidates) {
      const record = this.service.repo.record(recordId);
      if (!record || record.erased_at !== null) continue;
      // compare with the data in force and with the revision being entered (a correction)
      const revisions = [...new Set([record.in_force_revision, record.working_revision])].filter(
        (r): r is number => r !== null,
      );
      const matched = new Set<MatchKind>();
      for (const revision of revisions) {
        const draft = this.open(recordId, revision);
        if (idNumber !== undefined && normalisedIdNumber(draft.idDocument?.number) === idNumber)
          matched.add('idNumber');
        if (phone !== undefined) {
          const phones = phonesOf(draft);
          if (options.ownPhoneOnly ? phones.own === phone : phones.all.includes(phone)) matched.add('phone');
        }
      }
      if (matched.size > 0) hits.push(this.hit(recordId, [...matched]));
    }
    return hits.sort(
      (a, b) => b.matchedOn.length - a.matchedOn.length || a.recordId.localeCompare(b.recordId),
    );
  }

  private byName(name: string): GuestHit[] {
    const index = this.service.ensureNames();
    return index.search(name, NAME_SEARCH_LIMIT).map((m) => this.hit(m.recordId, ['name']));
  }

  private open(recordId: string, revision: number): GuestDraft {
    return asDraft(this.service.deps.records.openRevision({ recordId, revision }), recordId);
  }

  private hit(recordId: string, matchedOn: MatchKind[]): GuestHit {
    const { record, working } = this.service.load(recordId);
    const draft = this.service.openDisplay(record);
    const idNumber = normalisedIdNumber(draft.idDocument?.number);
    const phone = phonesOf(draft).own;
    if (working.state === CANCELLED_REVISION) throw new Error('a cancelled revision is never working');
    return {
      recordId,
      guestName: guestNameOf(draft),
      maskedIdNumber: idNumber === undefined ? null : maskIdNumber(idNumber),
      maskedPhone: phone === undefined ? null : maskPhone(phone),
      state: working.state,
      inForceRevision: record.in_force_revision,
      channel: record.channel,
      matchedOn,
    };
  }
}

function revealable(draft: GuestDraft, field: (typeof REVEAL_FIELDS)[number]): string | null {
  switch (field) {
    case 'idDocument.number':
      return normalisedIdNumber(draft.idDocument?.number) ?? draft.idDocument?.number ?? null;
    case 'contact.phone':
      return normalisedPhone(draft.contact?.phone) ?? draft.contact?.phone ?? null;
    case 'emergencyContact.phone':
      return normalisedPhone(draft.emergencyContact?.phone) ?? draft.emergencyContact?.phone ?? null;
    case 'guardian.phone':
      return normalisedPhone(draft.guardian?.phone) ?? draft.guardian?.phone ?? null;
  }
}
