import { calendarDateAt } from '../../../../shared/domain/calendar.js';
import { crossReviewDeadline, onsiteDeadline } from '../../../../shared/domain/deadlines.js';
import {
  isOnlineChannel,
  validateGuestForSubmit,
  type Channel,
  type GuestDraft,
} from '../../../../shared/domain/guest-record.js';
import {
  editRefusal,
  newRecord,
  setWorkingFlags,
  submitAction,
  transition,
  workingRevision,
  type Actor,
} from '../../../../shared/domain/record-workflow.js';
import type { DraftSaved, TransitionDone } from '../../../../shared/ipc/record-schemas.js';
import { CoreError } from '../../core-error.js';
import { asDraft, changedFieldPaths, indexValuesOf } from '../guest-payload.js';
import type { RecordRow } from '../record-workflow-repository.js';
import type { WorkflowParts } from '../workflow-deps.js';
import { AuditedRefusal, refused } from '../workflow-refusals.js';

/** "22:00" as hour and minute (the device's end of the working day). */
export function parseWorkdayEnd(value: string): { hour: number; minute: number } {
  const [hour, minute] = value.split(':').map(Number);
  return { hour: hour ?? 22, minute: minute ?? 0 };
}

/** The draft with the record's channel: on-site records may switch between the on-site channels. */
function withChannel(record: RecordRow, draft: GuestDraft): GuestDraft {
  const channel = record.channel;
  if (draft.channel === undefined || channel === null)
    return channel === null ? draft : { ...draft, channel };
  if (draft.channel === channel) return draft;
  if (!isOnlineChannel(channel) && !isOnlineChannel(draft.channel)) return draft;
  throw new CoreError('invalid_input', 'The channel of an online submission or on-site entry cannot change', {
    channel: 'workflow.wrong_state',
  });
}

/**
 * A new record at the desk (or, with `receivedAt`, an online submission nobody has claimed yet):
 * revision 1 in draft, its entry deadline running.
 */
export function createRecord(
  w: WorkflowParts,
  actor: Actor,
  input: {
    channel: Channel;
    draft: GuestDraft;
    receivedAt: number | null;
    dueAt: number;
    action: string;
    reason?: string;
  },
): string {
  const now = w.runner.now();
  const { channel, draft, receivedAt } = input;
  return w.runner.write(input.action, null, actor, (audit) => {
    const ref = w.deps.records.createRecord(actor.id, draft, indexValuesOf(draft));
    w.rows.repo.insertRecord({ recordId: ref.recordId, channel, receivedAt, now });
    const first = workingRevision(
      newRecord(receivedAt === null ? actor.id : '', {
        vip: draft.vip ?? false,
        doubtful: draft.doubtful ?? false,
      }),
    );
    w.rows.insertRevision(
      ref.recordId,
      first,
      { entryStartedAt: receivedAt ?? now, entryDueAt: input.dueAt, reasonSealed: null },
      now,
    );
    audit(ref.recordId, {
      fields: changedFieldPaths({}, draft),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    });
    return ref.recordId;
  });
}

export function startIntake(
  w: WorkflowParts,
  actor: Actor,
  channel: Channel,
  typed: GuestDraft = {},
): DraftSaved {
  const now = w.runner.now();
  const draft: GuestDraft = { ...typed, channel };
  const recordId = createRecord(w, actor, {
    channel,
    draft,
    receivedAt: null,
    dueAt: onsiteDeadline(now, w.deps.settings().onsiteDeadlineMinutes).dueAt,
    action: 'record.start',
  });
  return w.views.saved(recordId, 1, now, changedFieldPaths({}, draft), draft);
}

export function saveDraft(w: WorkflowParts, actor: Actor, recordId: string, input: GuestDraft): DraftSaved {
  const now = w.runner.now();
  const result = w.runner.write('record.save', recordId, actor, (audit) => {
    const loaded = w.rows.load(recordId);
    const refusal = editRefusal(loaded.state, actor);
    if (refusal) throw refused(refusal);
    const { record, working } = loaded;
    const draft = withChannel(record, input);
    const ref = { recordId, revision: working.revision };
    const before = asDraft(w.deps.records.openRevision(ref), recordId);
    const changed = changedFieldPaths(before, draft);
    if (changed.length === 0) return { revision: working.revision, changed, draft };
    w.deps.records.replaceRevision(ref, draft, indexValuesOf(draft));
    const flags = setWorkingFlags(loaded.state, {
      vip: draft.vip ?? false,
      doubtful: draft.doubtful ?? false,
    });
    w.rows.persist(loaded, flags, {}, now);
    if (draft.channel !== record.channel && draft.channel !== undefined) {
      w.rows.repo.updateRecord(recordId, { channel: draft.channel }, now);
    }
    audit(recordId, { revision: working.revision, fields: changed });
    return { revision: working.revision, changed, draft };
  });
  return w.views.saved(recordId, result.revision, now, result.changed, result.draft);
}

/** R12: the entrant's self-review done, the data valid for submission, the record goes to cross-review. */
export function submit(
  w: WorkflowParts,
  actor: Actor,
  recordId: string,
  checklist: Partial<Record<string, boolean>>,
): TransitionDone {
  const settings = w.deps.settings();
  // the transition guards first (state, entrant, checklist), so a reviewer poking at someone's
  // draft learns nothing about its data
  w.runner.run(
    recordId,
    actor,
    ({ state }) => ({ type: submitAction(state), checklist }),
    ({ loaded, now }) => {
      const { record, working } = loaded;
      const ref = { recordId, revision: working.revision };
      const draft = withChannel(record, asDraft(w.deps.records.openRevision(ref), recordId));
      const checked = validateGuestForSubmit(draft, calendarDateAt(now));
      if (!checked.ok) {
        const fields = Object.fromEntries(Object.entries(checked.errors).map(([path, e]) => [path, e.code]));
        throw new AuditedRefusal(
          'invalid_input',
          'The record cannot be submitted: some fields need attention',
          'invalid_data',
          fields,
          Object.keys(fields),
        );
      }
      const { value } = checked;
      // an on-site guest was shown this kiosk's notice; an online guest the central's, which the
      // kiosk need not have
      if (!isOnlineChannel(value.channel) && !w.deps.noticePublished(value.consent.noticeVersion)) {
        throw new AuditedRefusal(
          'invalid_input',
          'The record cites a consent notice this kiosk never published',
          'invalid_data',
          { 'consent.noticeVersion': 'consent.notice_unknown' },
          ['consent.noticeVersion'],
        );
      }
      const flagged = setWorkingFlags(loaded.state, { vip: value.vip, doubtful: value.doubtful });
      const result = transition(flagged, { type: submitAction(flagged), checklist }, actor);
      if (!result.ok) throw refused(result.reason);
      // the record keeps the normalised values the entrant checked (E.164 phones, canonical numbers)
      w.deps.records.replaceRevision(ref, value, indexValuesOf(value));
      return {
        next: result.next,
        columns: {
          submitted_at: now,
          first_submitted_at: working.first_submitted_at ?? now,
          cross_review_due_at: crossReviewDeadline(now, parseWorkdayEnd(settings.workdayEnd)).dueAt,
          cross_reviewed_at: null,
          final_reviewer_id: null,
          final_reviewed_at: null,
        },
        fields: changedFieldPaths(draft, value),
      };
    },
  );
  return w.views.done(recordId);
}

/**
 * A guest who walks away before the entry is submitted: what was typed is destroyed now (the
 * payload, its indexes and notes, as an erasure does) and the record stays as a tombstone. It never
 * reached the central system (only valid revisions sync), so nothing is sent.
 */
export function discardDraft(w: WorkflowParts, actor: Actor, recordId: string): TransitionDone {
  w.runner.run(
    recordId,
    actor,
    () => ({ type: 'discard_draft' }),
    ({ loaded }) => {
      if (loaded.record.received_at !== null) throw refused('online_submission');
      w.deps.records.erase(recordId, actor.id);
      return undefined;
    },
  );
  return w.views.done(recordId);
}
