import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { calendarDateAt } from '../../../shared/domain/calendar.js';
import type { GuestDraft } from '../../../shared/domain/guest-record.js';
import {
  periodInstants,
  sampleSize,
  type AuditVerdict,
  type SampleRequest,
} from '../../../shared/domain/sampling-audit.js';
import {
  AUDIT_FIELD_PATHS,
  type SampleCheckView,
  type SampleDetail,
  type SampleDrawInput,
  type SampleItemView,
  type SampleRecord,
  type SampleReport,
  type SampleSummary,
} from '../../../shared/ipc/supervision-schemas.js';
import type { SamplingProblem } from '../../../shared/ipc/problem-codes.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { asDraft } from '../records/guest-payload.js';
import type { RecordWorkflowService } from '../records/record-workflow-service.js';
import type { NoteRef } from '../records/sealed-record-store.js';
import type { ActiveSession } from '../session/session-store.js';
import { drawSample, newSeed, populationDigest } from './sample-draw.js';
import {
  SamplingRepository,
  type CheckRow,
  type ItemRow,
  type PopulationMember,
  type SampleRow,
} from './sampling-repository.js';

export interface SamplingDeps {
  /** the real store (supervisors never work in the practice store) */
  db: Database;
  audit: AuditLog;
  clock: Clock;
  /** the real store's workflow: opens revisions and seals notes under the record sub-key */
  workflow: () => RecordWorkflowService;
}

/** A refusal that leaves a trace in the audit log before it reaches the supervisor (R20). */
class SamplingRefusal extends CoreError {
  constructor(
    code: 'invalid_input' | 'conflict' | 'not_found',
    readonly auditReason: SamplingProblem,
    field: string,
  ) {
    super(code, `Refused: ${auditReason}`, { [field]: `sampling.${auditReason}` });
  }
}

function refusal(
  code: 'invalid_input' | 'conflict' | 'not_found',
  problem: SamplingProblem,
  field = '_',
): CoreError {
  return new SamplingRefusal(code, problem, field);
}

function memberId(member: PopulationMember): string {
  return `${member.record_id}#${String(member.revision)}`;
}

function counts(rows: readonly { verdict: AuditVerdict }[]): Record<AuditVerdict, number> {
  const result = { correct: 0, wrong: 0, missing: 0 };
  for (const row of rows) result[row.verdict]++;
  return result;
}

function enteredOnTime(row: Pick<ItemRow, 'entry_due_at' | 'first_submitted_at'>): boolean | null {
  if (row.entry_due_at === null || row.first_submitted_at === null) return null;
  return row.first_submitted_at <= row.entry_due_at;
}

function staffRef(id: string | null, name: string | null): { id: string; name: string } | null {
  return id === null ? null : { id, name: name ?? '' };
}

/**
 * The supervisor's sampling audit (R26; DESIGN "Backups, supervision, reports").
 *
 * A draw takes the valid records of a period (sampling-repository `population`), records the seed,
 * the population's size and digest, and keeps the drawn revisions; drawing again with that seed
 * over the same population gives the same items (sample-draw.ts). The supervisor then opens each
 * drawn revision — a reveal of full values, audited as `guest.reveal` with the reason
 * `supervision_audit` — and marks fields correct, wrong or missing, with a note sealed under the
 * record's sub-key. Completing the sample freezes it; the report counts findings by field and by
 * entrant. Every step is audited; refusals too.
 */
export class SamplingService {
  readonly repo: SamplingRepository;

  constructor(private readonly deps: SamplingDeps) {
    this.repo = new SamplingRepository(deps.db);
  }

  draw(session: ActiveSession, input: SampleDrawInput): SampleDetail {
    const actor = session.staff.id;
    const period = periodInstants(input.from, input.to);
    const request: SampleRequest =
      input.count === undefined ? { sharePercent: input.sharePercent ?? 0 } : { count: input.count };
    const id = this.guarded('audit_sample.draw', actor, null, () =>
      this.deps.db
        .transaction(() => {
          const population = this.repo.population(period.from, period.to);
          if (population.length === 0) throw refusal('invalid_input', 'period_empty', 'period');
          const seed = newSeed();
          const size = sampleSize(population.length, request);
          const drawn = drawSample(population, size, seed);
          const sampleId = randomUUID();
          this.repo.insertSample({
            id: sampleId,
            drawnBy: actor,
            drawnAt: this.deps.clock.now(),
            periodFrom: period.from,
            periodTo: period.to,
            sharePercent: 'sharePercent' in request ? request.sharePercent : null,
            requestedCount: 'count' in request ? request.count : null,
            seed,
            populationCount: population.length,
            populationDigest: populationDigest(population.map(memberId)),
          });
          drawn.forEach((member, index) => {
            this.repo.insertItem(sampleId, index + 1, member);
          });
          this.deps.audit.append({
            actorId: actor,
            action: 'audit_sample.draw',
            targetType: 'audit_sample',
            targetId: sampleId,
            reason: `population:${String(population.length)};size:${String(size)}`,
          });
          return sampleId;
        })
        .immediate(),
    );
    return this.detail(this.requireSample(id));
  }

  list(): SampleSummary[] {
    return this.repo.samples().map((row) => this.summary(row));
  }

  get(sampleId: string): SampleDetail {
    const row = this.repo.sample(sampleId);
    if (!row) throw new CoreError('not_found', 'No such sample');
    return this.detail(row);
  }

  /**
   * Drawing again from what the sample recorded. 'population_changed': the valid records of the
   * period are not those of the draw any more (erased, corrected, or synced in since), so the
   * digest differs and a re-draw proves nothing; 'items_differ' would mean the stored items are not
   * the draw's (tampering), which the audit chain then has to explain.
   */
  reproduce(sampleId: string): SampleDetail['reproduction'] {
    const row = this.requireSample(sampleId);
    const population = this.repo.population(row.period_from, row.period_to);
    if (populationDigest(population.map(memberId)) !== row.population_digest) return 'population_changed';
    const request: SampleRequest =
      row.requested_count === null
        ? { sharePercent: row.share_percent ?? 0 }
        : { count: row.requested_count };
    const again = drawSample(population, sampleSize(population.length, request), row.seed).map(memberId);
    const stored = this.repo.items(sampleId).map((item) => memberId(item));
    return again.length === stored.length && again.every((id, i) => id === stored[i])
      ? 'same'
      : 'items_differ';
  }

  /** One drawn revision in full, for checking field by field: a reveal, audited as one. */
  openRecord(session: ActiveSession, sampleId: string, recordId: string): SampleRecord {
    const actor = session.staff.id;
    return this.guarded('audit_sample.open_record', actor, recordId, () => {
      const sample = this.requireSample(sampleId);
      const item = this.requireItem(sampleId, recordId);
      let guest: GuestDraft | null = null;
      if (item.erased === 0) {
        const records = this.deps.workflow().deps.records;
        guest = asDraft(records.openRevision({ recordId, revision: item.revision }), recordId);
        this.deps.audit.append({
          actorId: actor,
          action: 'guest.reveal',
          targetType: 'record',
          targetId: recordId,
          fields: ['_'],
          reason: 'supervision_audit',
        });
      }
      return {
        sampleId,
        status: sample.status,
        position: item.position,
        recordId,
        revision: item.revision,
        entrant: staffRef(item.entrant_id, item.entrant_name),
        entryStartedAt: item.entry_started_at,
        entryDueAt: item.entry_due_at,
        submittedAt: item.first_submitted_at ?? item.submitted_at,
        validAt: item.valid_at,
        enteredOnTime: enteredOnTime(item),
        guest,
        checks: this.repo.checks(sampleId, recordId).map((row) => this.checkView(sampleId, row)),
      };
    });
  }

  check(
    session: ActiveSession,
    input: {
      sampleId: string;
      recordId: string;
      field: string;
      verdict: AuditVerdict;
      note?: string | undefined;
    },
  ): SampleCheckView {
    const actor = session.staff.id;
    const { sampleId, recordId, field, verdict, note } = input;
    this.guarded('audit_sample.check', actor, recordId, () =>
      this.deps.db
        .transaction(() => {
          const sample = this.requireSample(sampleId);
          if (sample.status !== 'open') throw refusal('conflict', 'sample_completed');
          const item = this.requireItem(sampleId, recordId);
          if (item.erased === 1) throw refusal('conflict', 'record_erased');
          const records = this.deps.workflow().deps.records;
          this.repo.saveCheck({
            sampleId,
            recordId,
            revision: item.revision,
            field,
            verdict,
            noteSealed:
              note === undefined ? null : records.sealNote(this.noteRef(sampleId, recordId, field), note),
            checkedBy: actor,
            checkedAt: this.deps.clock.now(),
          });
          this.deps.audit.append({
            actorId: actor,
            action: 'audit_sample.check',
            targetType: 'record',
            targetId: recordId,
            fields: [field],
            reason: `sample:${sampleId};verdict:${verdict}${note === undefined ? '' : ';note'}`,
          });
        })
        .immediate(),
    );
    const row = this.repo.checks(sampleId, recordId).find((c) => c.field === field);
    if (!row) throw new Error('the check just saved is not there');
    return this.checkView(sampleId, row);
  }

  /** Every drawn record still there must have been checked; then the sample is frozen. */
  complete(session: ActiveSession, sampleId: string): SampleSummary {
    const actor = session.staff.id;
    this.guarded(
      'audit_sample.complete',
      actor,
      null,
      () =>
        this.deps.db
          .transaction(() => {
            const sample = this.requireSample(sampleId);
            if (sample.status !== 'open') throw refusal('conflict', 'sample_completed');
            const unchecked = this.repo
              .items(sampleId)
              .filter((item) => item.erased === 0 && item.correct + item.wrong + item.missing === 0);
            if (unchecked.length > 0) throw refusal('conflict', 'records_unchecked');
            this.repo.complete(sampleId, this.deps.clock.now());
            this.deps.audit.append({
              actorId: actor,
              action: 'audit_sample.complete',
              targetType: 'audit_sample',
              targetId: sampleId,
            });
          })
          .immediate(),
      sampleId,
    );
    return this.summary(this.requireSample(sampleId));
  }

  /** Findings by field and by entrant, and every wrong or missing field or note to follow up. */
  report(session: ActiveSession, sampleId: string): SampleReport {
    const sample = this.requireSample(sampleId);
    const items = this.repo.items(sampleId);
    const checks = this.repo.checks(sampleId);
    const itemOf = new Map(items.map((item) => [item.record_id, item]));

    const byFieldMap = new Map<string, CheckRow[]>();
    for (const row of checks) byFieldMap.set(row.field, [...(byFieldMap.get(row.field) ?? []), row]);
    const catalogueOrder = (field: string) => AUDIT_FIELD_PATHS.indexOf(field);
    const byField = [...byFieldMap.entries()]
      .sort(([a], [b]) => catalogueOrder(a) - catalogueOrder(b))
      .map(([field, rows]) => ({ field, ...counts(rows) }));

    const entrants = new Map<string, { items: ItemRow[]; checks: CheckRow[] }>();
    for (const item of items) {
      const key = item.entrant_id ?? '';
      const group = entrants.get(key) ?? { items: [], checks: [] };
      group.items.push(item);
      entrants.set(key, group);
    }
    for (const row of checks) entrants.get(itemOf.get(row.record_id)?.entrant_id ?? '')?.checks.push(row);
    const byEntrant = [...entrants.values()]
      .map((group) => {
        const first = group.items[0];
        return {
          entrant: first ? staffRef(first.entrant_id, first.entrant_name) : null,
          records: group.items.length,
          late: group.items.filter((item) => enteredOnTime(item) === false).length,
          ...counts(group.checks),
        };
      })
      .sort((a, b) => (a.entrant?.name ?? '').localeCompare(b.entrant?.name ?? ''));

    const findings = checks
      .filter((row) => row.verdict !== 'correct' || row.note_sealed !== null)
      .map((row) => {
        const item = itemOf.get(row.record_id);
        return {
          ...this.checkView(sampleId, row),
          position: item?.position ?? 0,
          recordId: row.record_id,
          entrant: item ? staffRef(item.entrant_id, item.entrant_name) : null,
        };
      });

    this.deps.audit.append({
      actorId: session.staff.id,
      action: 'audit_sample.report',
      targetType: 'audit_sample',
      targetId: sampleId,
    });
    return {
      sample: this.summary(sample),
      totals: {
        records: items.length,
        checkedRecords: sample.checked_records,
        late: items.filter((item) => enteredOnTime(item) === false).length,
        ...counts(checks),
      },
      byField,
      byEntrant,
      findings,
    };
  }

  // ---- internals ----------------------------------------------------------------------------

  /** Runs `work`; a CoreError it throws is audited as a refusal (by its problem code) and rethrown. */
  private guarded<T>(
    action: string,
    actorId: string,
    recordId: string | null,
    work: () => T,
    sampleId?: string,
  ): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof CoreError) {
        const target =
          recordId !== null
            ? { targetType: 'record', targetId: recordId }
            : sampleId === undefined
              ? {}
              : { targetType: 'audit_sample', targetId: sampleId };
        this.deps.audit.append({
          actorId,
          action,
          outcome: 'refused',
          reason:
            error instanceof SamplingRefusal
              ? error.auditReason
              : (Object.values(error.fields ?? {})[0] ?? error.code),
          ...target,
        });
      }
      throw error;
    }
  }

  private requireSample(sampleId: string): SampleRow {
    const row = this.repo.sample(sampleId);
    if (!row) throw refusal('not_found', 'sample_not_found');
    return row;
  }

  private requireItem(sampleId: string, recordId: string): ItemRow {
    const item = this.repo.items(sampleId).find((row) => row.record_id === recordId);
    if (!item) throw refusal('not_found', 'record_not_in_sample');
    return item;
  }

  private noteRef(sampleId: string, recordId: string, field: string): NoteRef {
    return { recordId, slot: 'audit-check', key: `${sampleId}/${field}` };
  }

  private checkView(sampleId: string, row: CheckRow): SampleCheckView {
    const note =
      row.note_sealed === null
        ? null
        : (this.deps
            .workflow()
            .deps.records.openNote(
              this.noteRef(sampleId, row.record_id, row.field),
              row.note_sealed,
            ) as string);
    return {
      field: row.field,
      verdict: row.verdict,
      note,
      checkedBy: { id: row.checked_by, name: row.checked_by_name },
      checkedAt: row.checked_at,
    };
  }

  private summary(row: SampleRow): SampleSummary {
    return {
      sampleId: row.id,
      drawnAt: row.drawn_at,
      drawnBy: { id: row.drawn_by, name: row.drawn_by_name },
      from: calendarDateAt(row.period_from),
      to: calendarDateAt(row.period_to),
      periodFrom: row.period_from,
      periodTo: row.period_to,
      sharePercent: row.share_percent,
      requestedCount: row.requested_count,
      seed: row.seed,
      populationCount: row.population_count,
      populationDigest: row.population_digest,
      size: row.size,
      status: row.status,
      completedAt: row.completed_at,
      checkedRecords: row.checked_records,
      checks: { correct: row.correct, wrong: row.wrong, missing: row.missing },
    };
  }

  private detail(row: SampleRow): SampleDetail {
    const items: SampleItemView[] = this.repo.items(row.id).map((item) => ({
      position: item.position,
      recordId: item.record_id,
      revision: item.revision,
      entrant: staffRef(item.entrant_id, item.entrant_name),
      validAt: item.valid_at,
      erased: item.erased === 1,
      checks: { correct: item.correct, wrong: item.wrong, missing: item.missing },
    }));
    return { sample: this.summary(row), items, reproduction: this.reproduce(row.id) };
  }
}
