import type { Database } from 'better-sqlite3';
import type { GuestRecord } from '../../../shared/domain/guest-record.js';
import type { Role } from '../../../shared/domain/roles.js';
import { staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import type { StaffAdmin } from '../accounts/staff-admin.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { SealedRecordStore } from '../records/sealed-record-store.js';
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
  records: SealedRecordStore;
  clock: Clock;
}

function indexValues(guest: GuestRecord): { idNumber: string; phones: string[] } {
  const phones = [guest.contact.phone, guest.emergencyContact?.phone, guest.guardian?.phone].filter(
    (p): p is string => typeof p === 'string',
  );
  return { idNumber: guest.idDocument.number, phones };
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
  ctx.db.transaction(() => {
    for (const row of desk) {
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
  const now = new Date(ctx.clock.now());
  let written = 0;
  while (written < options.records) {
    const size = Math.min(BATCH, options.records - written);
    ctx.db.transaction(() => {
      for (let i = 0; i < size; i++) {
        const guest = demoGuest(random, now);
        const entrant = random.pick(desk);
        const ref = ctx.records.createRecord(entrant.id, guest, indexValues(guest));
        ctx.audit.append({
          actorId: entrant.id,
          action: 'record.create',
          targetType: 'record',
          targetId: ref.recordId,
          fields: Object.keys(guest),
          reason: 'demo_seed',
        });
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
