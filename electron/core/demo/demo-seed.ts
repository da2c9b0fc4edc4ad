import type { Database } from 'better-sqlite3';
import type { GuestRecord } from '../../../shared/domain/guest-record.js';
import type { Role } from '../../../shared/domain/roles.js';
import { staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import type { StaffAdmin } from '../accounts/staff-admin.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { SELF_REVIEW_CHECKS } from '../../../shared/domain/record-workflow.js';
import type { RecordWorkflowService } from '../records/record-workflow-service.js';
import { staffView, type StaffRow } from '../accounts/staff-repository.js';
import type { SessionManager } from '../session/session-manager.js';
import type { ActiveSession } from '../session/session-store.js';
import { demoGuest } from './demo-guests.js';
import { SeededRandom } from './seeded-random.js';

export const DEMO_STAFF: readonly { name: string; role: Role }[] = [
  { name: 'demo-manager', role: 'manager' },
  { name: 'demo-lead', role: 'lead' },
  { name: 'demo-specialist-1', role: 'specialist' },
  { name: 'demo-specialist-2', role: 'specialist' },
  { name: 'demo-supervisor', role: 'supervisor' },
];

const BATCH = 500;

export interface SeedSummary {
  staffCreated: string[];
  records: number;
}

export interface SeedContext {
  db: Database;
  audit: AuditLog;
  sessions: SessionManager;
  staffAdmin: StaffAdmin;
  workflow: RecordWorkflowService;
  clock: Clock;
}

const CHECKLIST = Object.fromEntries(SELF_REVIEW_CHECKS.map((check) => [check, true]));

function asSession(row: StaffRow): ActiveSession {
  return { staff: staffView(row), locked: false, mustChangePassword: false };
}

/**
 * Most demo guests are valid, as at a desk after a season; the rest wait where real ones would:
 * in cross-review, returned to their entrant, or still a draft.
 */
function seedOne(
  ctx: SeedContext,
  guest: GuestRecord,
  random: SeededRandom,
  desk: readonly StaffRow[],
  manager: StaffRow,
  now: number,
): void {
  // a VIP or doubtful record goes to the manager for final review: someone else entered it
  const final = guest.vip || guest.doubtful;
  const entrant = random.pick(final ? desk.filter((d) => d.id !== manager.id) : desk);
  const reviewer = random.pick(desk.filter((d) => d.id !== entrant.id));
  const roll = random.next();
  if (roll < 0.85) {
    const enteredAt = now - random.int(1, 90) * 86_400_000 - random.int(0, 8) * 3_600_000;
    ctx.workflow.seedValid({
      guest,
      entrantId: entrant.id,
      reviewerId: reviewer.id,
      finalReviewerId: manager.id,
      enteredAt,
      validAt: enteredAt + random.int(10, 240) * 60_000,
    });
    return;
  }
  const { recordId } = ctx.workflow.startIntake(asSession(entrant), guest.channel, guest);
  if (roll >= 0.95) return; // still a draft
  ctx.workflow.submit(asSession(entrant), recordId, CHECKLIST);
  if (roll >= 0.92) {
    ctx.workflow.returnCross(asSession(reviewer), recordId, [
      { path: 'homeAddress', text: '地址缺少门牌号，请与客人核对' },
    ]);
  }
}

/**
 * A realistic demo store for demos, training and benchmarks: the five demo staff (certified,
 * ready to sign in with the given password) and `count` guests entered by the desk staff among
 * them. Deterministic for a given seed.
 */
export async function seedDemo(
  ctx: SeedContext,
  actor: ActiveSession,
  options: { records: number; password: string; seed?: number },
): Promise<SeedSummary> {
  const created: string[] = [];
  for (const demo of DEMO_STAFF) {
    if (ctx.sessions.staff.byNameKey(staffNameKey(demo.name))) continue;
    await ctx.staffAdmin.create(actor, demo.name, demo.role, options.password, { mustChangePassword: false });
    created.push(demo.name);
  }
  const byName = (name: string) => {
    const row = ctx.sessions.staff.byNameKey(staffNameKey(name));
    if (!row) throw new Error(`demo account ${name} missing`);
    return row;
  };
  const manager = byName('demo-manager');
  const desk = DEMO_STAFF.filter((d) => d.role !== 'supervisor').map((d) => byName(d.name));
  // certification below changes these rows; the workflow reads the certificate from the session
  const fresh = () => desk.map((row) => byName(row.name));
  ctx.db.transaction(() => {
    // the supervisor too: certification opens guest data for every role that touches it
    for (const row of DEMO_STAFF.map((d) => byName(d.name))) {
      if (row.certified_at !== null) continue;
      ctx.sessions.staff.setCertified(row.id, ctx.clock.now(), manager.id);
      ctx.audit.append({
        actorId: actor.staff.id,
        action: 'staff.certify',
        targetType: 'staff',
        targetId: row.id,
        reason: 'demo_seed',
      });
    }
  })();

  const random = new SeededRandom(options.seed ?? 20261123);
  const now = ctx.clock.now();
  const certifiedDesk = fresh();
  const certifiedManager = byName(manager.name);
  let written = 0;
  while (written < options.records) {
    const size = Math.min(BATCH, options.records - written);
    ctx.db.transaction(() => {
      for (let i = 0; i < size; i++) {
        seedOne(ctx, demoGuest(random, new Date(now)), random, certifiedDesk, certifiedManager, now);
      }
    })();
    written += size;
  }
  ctx.audit.append({
    actorId: actor.staff.id,
    action: 'demo.seed',
    reason: `records_${String(options.records)}`,
  });
  return { staffCreated: created, records: written };
}
