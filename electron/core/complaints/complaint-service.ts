import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { roleAllows } from '../../../shared/domain/roles.js';
import type {
  ANSWER_CHANNELS,
  COMPLAINT_CHANNELS,
  COMPLAINT_OUTCOMES,
  ComplaintDetail,
  ComplaintKind,
  ComplaintList,
  ComplaintSummary,
} from '../../../shared/ipc/complaint-schemas.js';
import type { StaffRepository } from '../accounts/staff-repository.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { SealedNotes } from '../crypto/sealed-note.js';
import type { DeskProblem } from '../../../shared/ipc/problem-codes.js';
import type { ActiveSession } from '../session/session-store.js';
import { ComplaintRepository, type ComplaintRow } from './complaint-repository.js';

export interface ComplaintDeps {
  db: Database;
  audit: AuditLog;
  staff: StaffRepository;
  /** DK of the unlocked session; throws 'locked' otherwise */
  keys: () => KeyHandle;
  clock: Clock;
}

/** A refusal the register keeps a trace of (R20): audited outside the rolled-back transaction. */
class Refused extends CoreError {
  constructor(
    code: 'invalid_input' | 'not_found' | 'forbidden' | 'conflict',
    message: string,
    readonly auditReason: DeskProblem,
    field: string,
  ) {
    super(code, message, { [field]: `desk.${auditReason}` });
  }
}

function mayManage(session: ActiveSession): boolean {
  return roleAllows(session.staff.role, 'complaint.manage', session.staff.certified);
}

/**
 * The guest complaints register (R27 客户反馈监督): complaints about wrong entries, suspected leaks
 * or anything else are registered at the desk (complaint.record), assigned to someone who handles
 * complaints (complaint.manage), investigated with notes, and resolved with the answer given to the
 * guest. open -> assigned (and re-assigned) -> resolved; a resolved complaint does not change again.
 *
 * What the guest said, investigation notes and the answer are prose about a guest, sealed under the
 * complaint sub-key; clear columns hold kinds, states, instants and staff ids. Every step, every
 * opening of a complaint's text and every refused step is audited (never with the text).
 *
 * A suspected leak is the gravest kind (R21; PIPL Art. 57 wants remedial steps at once): it is
 * marked urgent and listed before everything else until resolved. Nobody investigates a complaint
 * about a record they entered themselves, as nobody cross-reviews their own record (R13).
 */
export class ComplaintService {
  readonly repo: ComplaintRepository;
  private readonly notes: SealedNotes;

  constructor(private readonly deps: ComplaintDeps) {
    this.repo = new ComplaintRepository(deps.db);
    this.notes = new SealedNotes(deps.keys, 'complaint');
  }

  register(
    session: ActiveSession,
    input: {
      kind: ComplaintKind;
      receivedVia: (typeof COMPLAINT_CHANNELS)[number];
      recordId?: string | undefined;
      text: string;
    },
  ): ComplaintDetail {
    const actorId = session.staff.id;
    const id = randomUUID();
    this.write('complaint.register', null, actorId, () => {
      const recordId = input.recordId ?? null;
      if (recordId !== null && !this.repo.recordExists(recordId)) {
        throw new Refused('not_found', 'No guest record has this id', 'unknown_record', 'recordId');
      }
      const now = this.deps.clock.now();
      const number = this.repo.nextNumber();
      this.repo.insert({
        id,
        number,
        kind: input.kind,
        receivedVia: input.receivedVia,
        recordId,
        textSealed: this.notes.seal({ ownerId: id, slot: 'text', key: '0' }, { text: input.text }),
        by: actorId,
        at: now,
      });
      this.repo.addEvent({ complaintId: id, kind: 'registered', staffId: actorId, at: now });
      this.audit(actorId, 'complaint.register', id, `kind:${input.kind}`);
      if (recordId !== null) {
        // the record's own history shows that a guest complained about it
        this.deps.audit.append({
          actorId,
          action: 'complaint.linked',
          targetType: 'record',
          targetId: recordId,
          reason: `complaint:${id}`,
        });
      }
    });
    return this.detail(this.require(id));
  }

  list(session: ActiveSession): ComplaintList {
    const manage = mayManage(session);
    const rows = this.repo.list(manage ? null : session.staff.id);
    return {
      items: rows.map((row) => this.summary(row)),
      openLeaks: rows.filter((row) => row.kind === 'suspected_leak' && row.status !== 'resolved').length,
      ownOnly: !manage,
    };
  }

  /** A complaint with its text, history and answer; opening it is audited (R20). */
  open(session: ActiveSession, complaintId: string): ComplaintDetail {
    const row = this.require(complaintId);
    if (!mayManage(session) && row.registered_by !== session.staff.id) {
      this.audit(session.staff.id, 'complaint.open', complaintId, 'not_registrant', 'refused');
      throw new CoreError(
        'forbidden',
        'Only the complaints handlers and the person who registered it see it',
      );
    }
    const detail = this.detail(row);
    this.audit(session.staff.id, 'complaint.open', complaintId);
    return detail;
  }

  /** Who may be given a complaint: enabled staff whose role handles complaints. */
  assignees(): { id: string; name: string }[] {
    return this.deps.staff
      .list()
      .filter(
        (row) =>
          row.disabled_at === null && roleAllows(row.role, 'complaint.manage', row.certified_at !== null),
      )
      .map((row) => ({ id: row.id, name: row.name }));
  }

  assign(session: ActiveSession, complaintId: string, assigneeId: string): ComplaintDetail {
    const actorId = session.staff.id;
    this.write('complaint.assign', complaintId, actorId, () => {
      const row = this.require(complaintId);
      this.requireUnresolved(row);
      const person = this.deps.staff.byId(assigneeId);
      if (!person || person.disabled_at !== null) {
        throw new Refused('invalid_input', 'No such active account', 'unknown_staff', 'assigneeId');
      }
      if (!roleAllows(person.role, 'complaint.manage', person.certified_at !== null)) {
        throw new Refused(
          'invalid_input',
          'That person does not handle complaints',
          'cannot_handle_complaints',
          'assigneeId',
        );
      }
      if (row.record_id !== null && this.repo.entrantsOf(row.record_id).has(assigneeId)) {
        throw new Refused(
          'invalid_input',
          'Nobody investigates a complaint about a record they entered',
          'assignee_is_entrant',
          'assigneeId',
        );
      }
      if (row.assigned_to === assigneeId) return;
      const now = this.deps.clock.now();
      this.repo.assign(complaintId, assigneeId, actorId, now);
      this.repo.addEvent({ complaintId, kind: 'assigned', staffId: actorId, at: now, assigneeId });
      this.audit(actorId, 'complaint.assign', complaintId, `assignee:${assigneeId}`);
    });
    return this.detail(this.require(complaintId));
  }

  note(session: ActiveSession, complaintId: string, note: string): ComplaintDetail {
    const actorId = session.staff.id;
    this.write('complaint.note', complaintId, actorId, () => {
      const row = this.require(complaintId);
      this.requireUnresolved(row);
      const now = this.deps.clock.now();
      this.repo.addEvent({
        complaintId,
        kind: 'note',
        staffId: actorId,
        at: now,
        noteSealed: (seq) =>
          this.notes.seal({ ownerId: complaintId, slot: 'event', key: String(seq) }, { note }),
      });
      this.audit(actorId, 'complaint.note', complaintId);
    });
    return this.detail(this.require(complaintId));
  }

  resolve(
    session: ActiveSession,
    complaintId: string,
    input: {
      outcome: (typeof COMPLAINT_OUTCOMES)[number];
      answeredVia: (typeof ANSWER_CHANNELS)[number];
      answer: string;
    },
  ): ComplaintDetail {
    const actorId = session.staff.id;
    this.write('complaint.resolve', complaintId, actorId, () => {
      const row = this.require(complaintId);
      this.requireUnresolved(row);
      if (row.status === 'open') {
        throw new Refused('conflict', 'Assign the complaint before resolving it', 'not_assigned', '_');
      }
      if (row.assigned_to !== actorId) {
        throw new Refused('forbidden', 'Only the person it is assigned to resolves it', 'not_assignee', '_');
      }
      const now = this.deps.clock.now();
      this.repo.resolve(complaintId, {
        by: actorId,
        at: now,
        outcome: input.outcome,
        answeredVia: input.answeredVia,
        answerSealed: this.notes.seal(
          { ownerId: complaintId, slot: 'answer', key: '0' },
          { answer: input.answer },
        ),
      });
      this.repo.addEvent({ complaintId, kind: 'resolved', staffId: actorId, at: now });
      this.audit(actorId, 'complaint.resolve', complaintId, `outcome:${input.outcome}`);
    });
    return this.detail(this.require(complaintId));
  }

  // ---- internals ------------------------------------------------------------------------------

  private require(complaintId: string): ComplaintRow {
    const row = this.repo.byId(complaintId);
    if (!row)
      throw new CoreError('not_found', 'No such complaint', { complaintId: 'desk.unknown_complaint' });
    return row;
  }

  private requireUnresolved(row: ComplaintRow): void {
    if (row.status === 'resolved') {
      throw new Refused(
        'conflict',
        'The complaint is resolved and does not change again',
        'already_resolved',
        '_',
      );
    }
  }

  private summary(row: ComplaintRow): ComplaintSummary {
    const now = this.deps.clock.now();
    return {
      id: row.id,
      number: row.number,
      kind: row.kind,
      urgent: row.kind === 'suspected_leak' && row.status !== 'resolved',
      receivedVia: row.received_via,
      recordId: row.record_id,
      status: row.status,
      registeredBy: { id: row.registered_by, name: row.registered_name },
      registeredAt: row.registered_at,
      assignedTo: row.assigned_to === null ? null : { id: row.assigned_to, name: row.assigned_name ?? '' },
      assignedAt: row.assigned_at,
      resolvedAt: row.resolved_at,
      outcome: row.outcome,
      ageMs: Math.max(0, (row.resolved_at ?? now) - row.registered_at),
    };
  }

  private detail(row: ComplaintRow): ComplaintDetail {
    const text = this.notes.open({ ownerId: row.id, slot: 'text', key: '0' }, row.text_sealed) as {
      text: string;
    };
    const answer =
      row.answer_sealed === null
        ? null
        : (
            this.notes.open({ ownerId: row.id, slot: 'answer', key: '0' }, row.answer_sealed) as {
              answer: string;
            }
          ).answer;
    return {
      ...this.summary(row),
      text: text.text,
      recordErased: row.record_erased === 1,
      resolvedBy: row.resolved_by === null ? null : { id: row.resolved_by, name: row.resolved_name ?? '' },
      answeredVia: row.answered_via,
      answer,
      events: this.repo.events(row.id).map((event) => ({
        seq: event.seq,
        kind: event.kind,
        staff: { id: event.staff_id, name: event.staff_name },
        at: event.at,
        assignee:
          event.assignee_id === null ? null : { id: event.assignee_id, name: event.assignee_name ?? '' },
        note:
          event.note_sealed === null
            ? null
            : (
                this.notes.open(
                  { ownerId: row.id, slot: 'event', key: String(event.seq) },
                  event.note_sealed,
                ) as {
                  note: string;
                }
              ).note,
      })),
    };
  }

  private write(action: string, complaintId: string | null, actorId: string, work: () => void): void {
    try {
      this.deps.db.transaction(work).immediate();
    } catch (error) {
      if (error instanceof Refused) {
        this.audit(actorId, action, complaintId, error.auditReason, 'refused');
      }
      throw error;
    }
  }

  private audit(
    actorId: string,
    action: string,
    complaintId: string | null,
    reason?: string,
    outcome: 'ok' | 'refused' = 'ok',
  ): void {
    this.deps.audit.append({
      actorId,
      action,
      outcome,
      ...(complaintId === null ? {} : { targetType: 'complaint', targetId: complaintId }),
      ...(reason === undefined ? {} : { reason }),
    });
  }
}
