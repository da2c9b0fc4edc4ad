import {
  revisionInForce,
  transition,
  type Actor,
  type RecordState,
  type WorkflowAction,
  type WorkflowActionType,
  type WorkflowAudit,
} from '../../../shared/domain/record-workflow.js';
import { GuestRecord } from '../../../shared/domain/guest-record.js';
import { CoreError } from '../core-error.js';
import type { NameHook } from './name-hook.js';
import type { RevisionRow } from './record-workflow-repository.js';
import { AuditedRefusal, refused } from './workflow-refusals.js';
import type { RecordWorkflowDeps } from './workflow-deps.js';
import type { Loaded, NewRevisionRow, WorkflowRows } from './workflow-rows.js';

export interface AuditExtra {
  revision?: number;
  fields?: readonly string[];
  reason?: string;
}

/** Appends the write's own audit entry (its action, its actor) about a record. */
export type AuditRecord = (recordId: string, extra?: AuditExtra) => void;

/** What a command sees once `transition()` has allowed its action. */
export interface Step {
  loaded: Loaded;
  /** the state machine's next state */
  next: RecordState;
  /** the audit entry the transition names (action, revision, fields) */
  audit: WorkflowAudit;
  actor: Actor;
  now: number;
}

/** What a command adds to a transition; all optional. */
export interface StepEffects {
  /** a next state the command recomputed (submit: with the flags of the validated data) */
  next?: RecordState;
  /** its own columns of the working revision, written with the new state */
  columns?: Partial<RevisionRow>;
  /** the row of a revision the transition added (a correction) */
  added?: NewRevisionRow;
  /** the audit entry's field names, when not the transition's */
  fields?: readonly string[];
  /** the audit entry's reason, when not `revision:N` */
  reason?: string;
}

/** The audit log's name of a workflow action: one spelling, from the state machine's action type. */
export function auditAction(type: WorkflowActionType): `record.${WorkflowActionType}` {
  return `record.${type}`;
}

/**
 * The one place a record changes. `write` runs a change in an IMMEDIATE transaction and audits a
 * refusal after the rollback; `run` is the workflow's transition: load the record, ask
 * `transition()` for the next state, let the command add its rows, persist through the row mapper,
 * append the audit entry the transition names and hand a valid revision or an erasure to the
 * outbox sink, all in that transaction. After the commit the name index hears of every record
 * the write audited.
 */
export class TransitionRunner {
  constructor(
    private readonly deps: RecordWorkflowDeps,
    private readonly rows: WorkflowRows,
    private readonly names: NameHook,
  ) {}

  now(): number {
    return this.deps.clock.now();
  }

  write<T>(
    action: string | (() => string),
    recordId: string | null,
    actor: Actor,
    work: (audit: AuditRecord) => T,
  ): T {
    const name = () => (typeof action === 'string' ? action : action());
    const touched = new Set<string>();
    const audit: AuditRecord = (target, extra = {}) => {
      touched.add(target);
      this.audit(actor, name(), target, extra);
    };
    let result: T;
    try {
      result = this.deps.db
        .transaction(() => {
          // the practice store's rows point at staff like the real ones: make the actor known there
          this.deps.mirrorStaff(actor.id);
          return work(audit);
        })
        .immediate();
    } catch (error) {
      if (error instanceof AuditedRefusal) {
        this.deps.mirrorStaff(actor.id);
        this.deps.audit.append({
          actorId: actor.id,
          action: name(),
          outcome: 'refused',
          reason: error.auditReason,
          ...(recordId === null ? {} : { targetType: 'record', targetId: recordId }),
          ...(error.auditFields ? { fields: error.auditFields } : {}),
        });
      }
      throw error;
    }
    for (const id of touched) this.names.changed(id);
    return result;
  }

  run(
    recordId: string,
    actor: Actor,
    action: (loaded: Loaded) => WorkflowAction,
    effects: (step: Step) => StepEffects | undefined = () => undefined,
  ): void {
    // until the action is known nothing is refused with an audit entry (not_found is not audited)
    let type: WorkflowActionType | null = null;
    this.write(
      () => (type === null ? 'record.unknown' : auditAction(type)),
      recordId,
      actor,
      (audit) => {
        const loaded = this.rows.load(recordId);
        const asked = action(loaded);
        type = asked.type;
        const result = transition(loaded.state, asked, actor);
        if (!result.ok) throw refused(result.reason);
        const now = this.now();
        const added = effects({ loaded, next: result.next, audit: result.audit, actor, now }) ?? {};
        const next = added.next ?? result.next;
        this.rows.persist(loaded, next, added.columns ?? {}, now, added.added);
        audit(recordId, {
          revision: added.added?.revision ?? result.audit.revision,
          fields: added.fields ?? result.audit.fields ?? [],
          ...(added.reason === undefined ? {} : { reason: added.reason }),
        });
        this.tellSink(loaded, next, asked, actor, now);
      },
    );
  }

  /** A revision that became valid, or an approved erasure, leaves for the central system. */
  private tellSink(
    loaded: Loaded,
    next: RecordState,
    action: WorkflowAction,
    actor: Actor,
    now: number,
  ): void {
    const { record, working, pending } = loaded;
    const recordId = record.record_id;
    if (action.type === 'approve_erasure') {
      if (!pending) throw refused('no_erasure_request');
      this.deps.sink.recordChanged(this.deps.db, {
        recordId,
        revision: working.revision,
        kind: 'erased',
        occurredAt: now,
        payload: { erasedAt: now, requestedBy: pending.requested_by, approvedBy: actor.id },
      });
      return;
    }
    const inForce = revisionInForce(next);
    if (inForce?.number !== working.revision || inForce.number === record.in_force_revision) return;
    if (this.deps.practice) return;
    const guest = GuestRecord.safeParse(
      this.deps.records.openRevision({ recordId, revision: working.revision }),
    );
    if (!guest.success)
      throw new CoreError('record_damaged', `The data of record ${recordId} is not a valid record`);
    const row = this.rows.repo.revisions(recordId).find((r) => r.revision === working.revision);
    if (!row?.entrant_id || !row.cross_reviewer_id || row.submitted_at === null) {
      throw new Error('a valid revision has an entrant, a cross reviewer and a submission time');
    }
    this.deps.sink.recordChanged(this.deps.db, {
      recordId,
      revision: working.revision,
      kind: 'revision_valid',
      occurredAt: now,
      payload: {
        guest: guest.data,
        workflow: {
          revision: working.revision,
          supersedes: record.in_force_revision,
          channel: guest.data.channel,
          vip: row.vip === 1,
          doubtful: row.doubtful === 1,
          entrantId: row.entrant_id,
          crossReviewerId: row.cross_reviewer_id,
          finalReviewerId: row.final_reviewer_id,
          entryStartedAt: row.entry_started_at,
          receivedAt: record.received_at,
          submittedAt: row.submitted_at,
          validAt: now,
        },
      },
    });
  }

  private audit(actor: Actor, action: string, recordId: string, extra: AuditExtra): void {
    this.deps.audit.append({
      actorId: actor.id,
      action,
      targetType: 'record',
      targetId: recordId,
      ...(extra.fields && extra.fields.length > 0 ? { fields: extra.fields } : {}),
      ...(extra.reason === undefined
        ? extra.revision === undefined
          ? {}
          : { reason: `revision:${String(extra.revision)}` }
        : { reason: extra.reason }),
    });
  }
}
