import { type Channel, GuestDraft } from '../../../shared/domain/guest-record.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import type { RecordWorkflowService } from '../records/record-workflow-service.js';
import type { SessionManager } from '../session/session-manager.js';
import type { ActiveSession, SessionStore } from '../session/session-store.js';
import { type OnlineSubmissionSink, SubmissionRejected } from './inbox-store.js';

/**
 * The hand-off of opened inbox items to the record workflow's online queue (R9, R11): each
 * becomes a record through RecordWorkflowService.addOnline, with its two-hour clock starting at
 * the central side's receivedAt. A submission that is not a guest draft is refused as
 * SubmissionRejected, so the inbox quarantines it.
 */
export function workflowOnlineSubmissions(
  service: () => RecordWorkflowService,
  session: () => ActiveSession | null,
  now: () => number,
): OnlineSubmissionSink {
  return {
    addOnlineSubmission(_db, submission) {
      const who = session();
      if (!who || who.locked) throw new CoreError('locked', 'The kiosk is locked');
      const draft = GuestDraft.safeParse(submission.submission);
      if (!draft.success) {
        const where = draft.error.issues
          .slice(0, 3)
          .map((issue) => `${issue.path.join('.') || '(submission)'}: ${issue.code}`)
          .join('; ');
        throw new SubmissionRejected(`the submission is not a guest record draft (${where})`);
      }
      try {
        // a central clock a little ahead must not make a submission "received in the future"
        const channel: Channel = `online_${submission.channel}`;
        service().addOnline(who, channel, draft.data, Math.min(submission.receivedAt, now()));
      } catch (error) {
        if (error instanceof CoreError && error.code === 'invalid_input') {
          throw new SubmissionRejected(
            `the submission does not validate (${Object.keys(error.fields ?? {}).join(', ') || error.message})`,
          );
        }
        throw error;
      }
    },
  };
}

/**
 * DK for opening inbox items, only while a person who works the online queue (certified desk
 * staff: 'online.claim') is signed in and unlocked: the records they make are theirs, and a
 * maintainer, who sees no guest data, never opens one.
 */
export function onlineDeskKeys(store: SessionStore, sessions: SessionManager): () => KeyHandle | null {
  return () => {
    const who = store.get();
    if (!who || who.locked || who.mustChangePassword) return null;
    if (!roleAllows(who.staff.role, 'online.claim', who.staff.certified)) return null;
    try {
      return sessions.dataKeys();
    } catch {
      return null;
    }
  };
}
