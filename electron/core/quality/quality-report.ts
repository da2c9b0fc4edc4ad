import type { Database } from 'better-sqlite3';
import { completeness } from '../../../shared/domain/guest-record.js';
import {
  computeQualityFigures,
  periodBounds,
  type QualityEntry,
  type QualityStaff,
} from '../../../shared/domain/quality-figures.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { QualityCsv, QualityPeriodInput, QualityReport } from '../../../shared/ipc/quality-schemas.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { asDraft } from '../records/guest-payload.js';
import type { SealedRecordStore } from '../records/sealed-record-store.js';
import type { ActiveSession } from '../session/session-store.js';
import { qualityCsv } from './quality-csv.js';
import { QualityRepository, type EntryRow } from './quality-repository.js';

export interface QualityReportDeps {
  /** the real store: practice data never counts for anyone's figures */
  db: Database;
  audit: AuditLog;
  clock: Clock;
  /** the real store's payloads, opened with the session's data key for completeness */
  records: () => SealedRecordStore;
}

/**
 * Quality per staff member (R28) for a period: who may see whose figures, and the figures.
 *
 * Completeness needs to know which recommended fields an entry fills, and that is inside the
 * sealed payload. The report opens the payloads of the period's entries with the caller's data
 * key (every signed-in person holds it) and keeps only a count per entry; nothing of what it read
 * leaves this function. That is one XChaCha20 open and one parse per entry, cheap next to a
 * schema change that would record a count at submit time (and would have nothing for the
 * records already entered). An erased record has no payload left and a damaged one does not
 * open: both are left out of completeness (and only of completeness), which the answer shows
 * as `completenessMeasured`.
 */
export class QualityReportService {
  private readonly repo: QualityRepository;

  constructor(private readonly deps: QualityReportDeps) {
    this.repo = new QualityRepository(deps.db);
  }

  figures(session: ActiveSession, input: QualityPeriodInput): QualityReport {
    const ownOnly = this.ownOnly(session);
    if (ownOnly && input.staffId !== undefined && input.staffId !== session.staff.id) {
      this.deps.audit.append({
        actorId: session.staff.id,
        action: 'quality.figures',
        targetType: 'staff',
        targetId: input.staffId,
        outcome: 'refused',
        reason: 'own_only',
      });
      throw new CoreError('forbidden', 'You may see your own quality figures only');
    }
    const staffId = ownOnly ? session.staff.id : (input.staffId ?? null);
    const bounds = periodBounds(input.from, input.to);
    // the schema checked the period already; this keeps the types honest
    if (!bounds.ok) throw new CoreError('invalid_input', 'Not a valid period');
    const { start, end } = bounds.value;

    let people: QualityStaff[];
    if (staffId === null) {
      people = this.repo.staff(start, end);
    } else {
      const person = this.repo.person(staffId);
      if (!person) throw new CoreError('not_found', 'No such account', { staffId: 'account.not_found' });
      people = [person];
    }
    const figures = computeQualityFigures({
      staff: people,
      entries: this.repo.entries(start, end, staffId).map((row) => this.entry(row)),
      returns: this.repo.returns(start, end, staffId).map((row) => ({
        staffId: row.staff_id,
        fields: parseFields(row.fields),
      })),
      checks: this.repo.checks(start, end, staffId).map((row) => ({
        staffId: row.staff_id,
        verdict: row.verdict,
      })),
    });
    return {
      from: input.from,
      to: input.to,
      generatedAt: this.deps.clock.now(),
      ownOnly,
      staff: figures.staff.map((s) => ({ ...s, returnedFields: [...s.returnedFields] })),
      returnsByField: [...figures.returnsByField],
    };
  }

  /** The same figures as CSV; an export, so audited (who, which period, whose figures). */
  csv(session: ActiveSession, input: QualityPeriodInput): QualityCsv {
    const report = this.figures(session, input);
    this.deps.audit.append({
      actorId: session.staff.id,
      action: 'quality.export',
      targetType: input.staffId === undefined ? 'team' : 'staff',
      ...(input.staffId === undefined ? {} : { targetId: input.staffId }),
      reason: `${input.from}..${input.to}`,
    });
    return { fileName: `snowdesk-quality-${input.from}-${input.to}.csv`, csv: qualityCsv(report) };
  }

  /** quality.own only (a specialist): their own figures, whatever they ask for. */
  private ownOnly(session: ActiveSession): boolean {
    const { role, certified } = session.staff;
    return !roleAllows(role, 'quality.team', certified) && !roleAllows(role, 'quality.all', certified);
  }

  private entry(row: EntryRow): QualityEntry {
    return {
      staffId: row.staff_id,
      correction: row.revision > 1,
      firstSubmittedAt: row.first_submitted_at,
      entryDueAt: row.entry_due_at,
      firstCrossOutcome: row.first_cross_outcome,
      recommendedFilled: this.recommendedFilled(row),
    };
  }

  private recommendedFilled(row: EntryRow): number | null {
    if (row.sealed === null) return null;
    const ref = { recordId: row.record_id, revision: row.revision };
    try {
      const draft = asDraft(this.deps.records().open(ref, row.sealed), row.record_id);
      return completeness(draft).filled.length;
    } catch (error) {
      // 'locked' and the like must reach the caller; a damaged payload only leaves this entry out
      if (error instanceof CoreError && error.code === 'record_damaged') return null;
      throw error;
    }
  }
}

/** review_rounds.fields is a JSON array of paths (the schema checks it is an array). */
function parseFields(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
