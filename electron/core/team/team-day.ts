import { calendarDateAt, CHINA_UTC_OFFSET_MINUTES, requireIsoDate } from '../../../shared/domain/calendar.js';
import { usesPracticeStore } from '../../../shared/domain/practice-mode.js';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { ReviewComment } from '../../../shared/ipc/record-schemas.js';
import type {
  DayReturn,
  OverdueItem,
  PersonDay,
  QueueAge,
  TeamDay,
  TeamQueueName,
} from '../../../shared/ipc/team-schemas.js';
import { TEAM_QUEUES } from '../../../shared/ipc/team-schemas.js';
import type { StaffRepository, StaffRow } from '../accounts/staff-repository.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { guestNameOf } from '../records/guest-payload.js';
import type { RecordWorkflowService } from '../records/record-workflow-service.js';
import type { ActiveSession } from '../session/session-store.js';

const DAY_MS = 86_400_000;

/** The working revision of an open record, with what the queues need; clear columns only. */
interface OpenRow {
  record_id: string;
  working_revision: number;
  in_force_revision: number | null;
  state: 'draft' | 'returned' | 'awaiting_cross_review' | 'awaiting_final_review';
  revision: number;
  entrant_id: string | null;
  received_at: number | null;
  claimed_by: string | null;
  entry_started_at: number;
  entry_due_at: number | null;
  submitted_at: number | null;
  cross_review_due_at: number | null;
  cross_reviewed_at: number | null;
  assigned_reviewer_id: string | null;
  last_returned_at: number | null;
}

interface ReturnRow {
  record_id: string;
  working_revision: number;
  in_force_revision: number | null;
  round: number;
  stage: 'cross' | 'final';
  reviewer_id: string;
  entrant_id: string | null;
  decided_at: number;
  sealed: Buffer | null;
  handled: 0 | 1;
}

type Counted = 'started' | 'submitted' | 'late' | 'valid' | 'returned' | 'reviewed';

/**
 * Per-person counts for the day, each a GROUP BY over the workflow's clear columns (who, when,
 * which state): no guest data is opened to count. @start/@end bound the desk's local day.
 */
const COUNTS: Readonly<Record<Counted, string>> = {
  // an online submission's entry begins when it is claimed; everything else when typing began
  started: `SELECT r.entrant_id AS id, count(*) AS n FROM revision_workflow r
              JOIN record_workflow w ON w.record_id = r.record_id
             WHERE r.entrant_id IS NOT NULL
               AND CASE WHEN w.received_at IS NOT NULL AND r.revision = 1 THEN w.claimed_at
                        ELSE r.entry_started_at END >= @start
               AND CASE WHEN w.received_at IS NOT NULL AND r.revision = 1 THEN w.claimed_at
                        ELSE r.entry_started_at END < @end
             GROUP BY r.entrant_id`,
  submitted: `SELECT entrant_id AS id, count(*) AS n FROM revision_workflow
               WHERE entrant_id IS NOT NULL AND first_submitted_at >= @start AND first_submitted_at < @end
               GROUP BY entrant_id`,
  late: `SELECT entrant_id AS id, count(*) AS n FROM revision_workflow
          WHERE entrant_id IS NOT NULL AND first_submitted_at >= @start AND first_submitted_at < @end
            AND entry_due_at IS NOT NULL AND first_submitted_at > entry_due_at
          GROUP BY entrant_id`,
  valid: `SELECT entrant_id AS id, count(*) AS n FROM revision_workflow
           WHERE entrant_id IS NOT NULL AND valid_at >= @start AND valid_at < @end
           GROUP BY entrant_id`,
  returned: `SELECT r.entrant_id AS id, count(*) AS n FROM review_rounds rr
               JOIN revision_workflow r ON r.record_id = rr.record_id AND r.revision = rr.revision
              WHERE rr.outcome = 'returned' AND r.entrant_id IS NOT NULL
                AND rr.decided_at >= @start AND rr.decided_at < @end
              GROUP BY r.entrant_id`,
  reviewed: `SELECT reviewer_id AS id, count(*) AS n FROM review_rounds
              WHERE decided_at >= @start AND decided_at < @end GROUP BY reviewer_id`,
};

const OPEN_ITEMS = `
  SELECT w.record_id, w.working_revision, w.in_force_revision, w.received_at, w.claimed_by,
         r.state, r.revision, r.entrant_id, r.entry_started_at, r.entry_due_at, r.submitted_at,
         r.cross_review_due_at, r.cross_reviewed_at, r.assigned_reviewer_id,
         (SELECT max(rr.decided_at) FROM review_rounds rr
           WHERE rr.record_id = r.record_id AND rr.revision = r.revision AND rr.outcome = 'returned')
           AS last_returned_at
    FROM record_workflow w
    JOIN guest_records g ON g.id = w.record_id AND g.erased_at IS NULL
    JOIN revision_workflow r ON r.record_id = w.record_id AND r.revision = w.working_revision
   WHERE r.state IN ('draft', 'returned', 'awaiting_cross_review', 'awaiting_final_review')`;

const DAY_RETURNS = `
  SELECT rr.record_id, w.working_revision, w.in_force_revision, rr.round, rr.stage, rr.reviewer_id,
         r.entrant_id, rr.decided_at, rr.sealed,
         NOT (r.state = 'returned' AND r.revision = w.working_revision
              AND rr.round = (SELECT max(x.round) FROM review_rounds x WHERE x.record_id = rr.record_id))
           AS handled
    FROM review_rounds rr
    JOIN revision_workflow r ON r.record_id = rr.record_id AND r.revision = rr.revision
    JOIN record_workflow w ON w.record_id = rr.record_id
    JOIN guest_records g ON g.id = rr.record_id AND g.erased_at IS NULL
   WHERE rr.outcome = 'returned' AND rr.decided_at >= @start AND rr.decided_at < @end
   ORDER BY rr.decided_at, rr.record_id, rr.round`;

interface Placed {
  queue: TeamQueueName;
  since: number;
  due: { kind: OverdueItem['deadlineKind']; at: number } | null;
  responsible: string | null;
}

/**
 * Where an open record waits, since when, against which deadline, and who must act. Deadlines are
 * the ones the desk's queues show (RecordWorkflowService.deadlineOf), so both screens agree on
 * what is overdue; final review has none in the policy.
 */
function place(row: OpenRow): Placed {
  const entryDue = (): Placed['due'] =>
    row.entry_due_at === null
      ? null
      : { kind: row.received_at === null ? 'onsite_entry' : 'online_entry', at: row.entry_due_at };
  switch (row.state) {
    case 'draft':
      if (row.received_at !== null && row.claimed_by === null && row.revision === 1) {
        return { queue: 'online', since: row.received_at, due: entryDue(), responsible: null };
      }
      return { queue: 'entry', since: row.entry_started_at, due: entryDue(), responsible: row.entrant_id };
    case 'returned':
      return {
        queue: 'returned',
        since: row.last_returned_at ?? row.submitted_at ?? row.entry_started_at,
        due: entryDue(),
        responsible: row.entrant_id,
      };
    case 'awaiting_cross_review':
      return {
        queue: 'cross_review',
        since: row.submitted_at ?? row.entry_started_at,
        due: row.cross_review_due_at === null ? null : { kind: 'cross_review', at: row.cross_review_due_at },
        responsible: row.assigned_reviewer_id,
      };
    case 'awaiting_final_review':
      return {
        queue: 'final_review',
        since: row.cross_reviewed_at ?? row.submitted_at ?? row.entry_started_at,
        due: null,
        responsible: null,
      };
  }
}

/** The local day `date` (China time) as [start, end) instants. */
export function dayBounds(date: string, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): [number, number] {
  const { year, month, day } = requireIsoDate(date);
  const start = Date.UTC(year, month - 1, day) - utcOffsetMinutes * 60_000;
  return [start, start + DAY_MS];
}

/**
 * The team lead's day (R25 日常监督) on one store (the real one, or the practice one for an
 * uncertified lead): counts per person for the day, the queues now with the age of their oldest
 * item, what is overdue now, and the day's returns with the reviewers' reasons.
 *
 * The reasons are sealed review comments (record sub-key): a person with team.dashboard holds the
 * session's DK and may read them, but reading them is reading staff prose that can quote guests,
 * so each call that opens them is audited ('team.day', the day and how many returns were opened).
 * One entry per call rather than per record: the set of returns opened is fixed by the day and the
 * entry's time, and the panel does not poll, so the log stays a log of looks, not of refreshes.
 */
export class TeamDayReport {
  constructor(
    private readonly deps: { service: RecordWorkflowService; staff: StaffRepository; clock: Clock },
  ) {}

  day(session: ActiveSession, date?: string): TeamDay {
    const now = this.deps.clock.now();
    const today = calendarDateAt(now);
    const day = date ?? today;
    if (day > today) {
      throw new CoreError('invalid_input', 'That day has not begun yet', { date: 'desk.date_future' });
    }
    const [start, end] = dayBounds(day);
    const { service } = this.deps;
    const db = service.deps.db;
    const staff = new Map(this.deps.staff.list().map((row) => [row.id, row]));

    const counts = new Map<string, Record<Counted, number>>();
    const zero = (): Record<Counted, number> => ({
      started: 0,
      submitted: 0,
      late: 0,
      valid: 0,
      returned: 0,
      reviewed: 0,
    });
    for (const [measure, sql] of Object.entries(COUNTS) as [Counted, string][]) {
      for (const { id, n } of db.prepare<{ start: number; end: number }, { id: string; n: number }>(sql).all({
        start,
        end,
      })) {
        const row = counts.get(id) ?? zero();
        row[measure] = n;
        counts.set(id, row);
      }
    }

    const open = db.prepare<[], OpenRow>(OPEN_ITEMS).all();
    const queues = new Map<TeamQueueName, QueueAge>(
      TEAM_QUEUES.map((queue) => [
        queue,
        { queue, count: 0, oldestSince: null, oldestAgeMs: null, overdue: 0 },
      ]),
    );
    const overdueOf = new Map<string, number>();
    const overdue: OverdueItem[] = [];
    for (const row of open) {
      const placed = place(row);
      const queue = queues.get(placed.queue);
      if (!queue) continue;
      queue.count += 1;
      if (queue.oldestSince === null || placed.since < queue.oldestSince) {
        queue.oldestSince = placed.since;
        queue.oldestAgeMs = Math.max(0, now - placed.since);
      }
      if (placed.due && placed.due.at < now) {
        queue.overdue += 1;
        if (placed.responsible !== null)
          overdueOf.set(placed.responsible, (overdueOf.get(placed.responsible) ?? 0) + 1);
        overdue.push({
          recordId: row.record_id,
          queue: placed.queue,
          guestName: this.guestName(row),
          responsible: this.ref(staff, placed.responsible),
          deadlineKind: placed.due.kind,
          since: placed.since,
          dueAt: placed.due.at,
          overdueMs: now - placed.due.at,
        });
      }
    }
    overdue.sort((a, b) => b.overdueMs - a.overdueMs || a.recordId.localeCompare(b.recordId));

    const returns: DayReturn[] = db
      .prepare<{ start: number; end: number }, ReturnRow>(DAY_RETURNS)
      .all({ start, end })
      .map((row) => ({
        recordId: row.record_id,
        round: row.round,
        stage: row.stage,
        guestName: this.guestName(row),
        reviewer: this.ref(staff, row.reviewer_id) ?? { id: row.reviewer_id, name: '' },
        entrant: this.ref(staff, row.entrant_id),
        decidedAt: row.decided_at,
        comments: this.comments(row),
        handled: row.handled === 1,
      }));

    const people: PersonDay[] = [];
    for (const row of staff.values()) {
      const counted = counts.get(row.id);
      const late = overdueOf.get(row.id) ?? 0;
      // the desk staff of this store: certified people on the real one, trainees on the practice one
      const desk =
        row.disabled_at === null &&
        roleAllows(row.role, 'guest.enter', true) &&
        usesPracticeStore({ role: row.role, certified: row.certified_at !== null }) === service.practice;
      if (!desk && counted === undefined && late === 0) continue;
      people.push({
        staff: { id: row.id, name: row.name, role: row.role },
        ...(counted ?? zero()),
        overdueNow: late,
      });
    }
    people.sort((a, b) => a.staff.name.localeCompare(b.staff.name, 'zh-CN'));

    service.deps.audit.append({
      actorId: session.staff.id,
      action: 'team.day',
      targetType: 'team_day',
      targetId: day,
      reason: `returns:${String(returns.length)}`,
    });
    return {
      practice: service.practice,
      date: day,
      now,
      today: day === today,
      people,
      queues: [...queues.values()],
      overdue,
      returns,
    };
  }

  private ref(staff: Map<string, StaffRow>, id: string | null): { id: string; name: string } | null {
    if (id === null) return null;
    return { id, name: staff.get(id)?.name ?? '' };
  }

  private guestName(row: { record_id: string; working_revision: number; in_force_revision: number | null }) {
    return guestNameOf(this.deps.service.openDisplay(row));
  }

  private comments(row: ReturnRow): ReviewComment[] {
    if (row.sealed === null) return [];
    const note = this.deps.service.deps.records.openNote(
      { recordId: row.record_id, slot: 'review-round', key: String(row.round) },
      row.sealed,
    ) as { comments?: ReviewComment[] };
    return note.comments ?? [];
  }
}
