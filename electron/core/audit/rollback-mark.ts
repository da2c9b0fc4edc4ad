import type { Database } from 'better-sqlite3';
import type { AuditRollback } from '../../../shared/ipc/schemas.js';
import type { SettingsSource } from '../settings-source.js';

/** The settings key of the audit chain's high-water mark. */
export const AUDIT_MARK_KEY = 'auditHighWater';

interface Mark {
  deviceId: string;
  seq: number;
  hash: string;
}

function readMark(settings: SettingsSource, deviceId: string): Mark | null {
  const raw = settings.get(AUDIT_MARK_KEY);
  if (typeof raw !== 'object' || raw === null) return null;
  const { deviceId: device, seq, hash } = raw as Record<string, unknown>;
  if (device !== deviceId || typeof seq !== 'number' || typeof hash !== 'string') return null;
  return { deviceId, seq, hash };
}

function entryHash(db: Database, seq: number): string | null {
  const hash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq) as Buffer | undefined;
  return hash ? hash.toString('hex') : null;
}

function headOf(db: Database): { seq: number; hash: string } | null {
  const row = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: Buffer } | undefined;
  return row ? { seq: row.seq, hash: row.hash.toString('hex') } : null;
}

/**
 * A database swapped for an older copy (bringing an erased guest back), or an audit tail cut off
 * or rewritten, passes every check the database can make of itself. So the kiosk remembers, outside
 * the database (settings.json, beside it), the newest audit entry it has seen: its seq and hash.
 * At start the chain must still hold that very entry. If it does not, the store is behind (the
 * entry is gone) or rewritten (another entry has its seq), and stays so named at every start: the
 * mark only moves forward along a chain that holds it. A copy of the whole folder, settings
 * included, is beyond any local check; the central side's held head catches that at the next sync.
 */
export function checkRollback(
  db: Database,
  deviceId: string,
  settings: SettingsSource,
): AuditRollback | null {
  const mark = readMark(settings, deviceId);
  if (!mark) return null;
  const held = entryHash(db, mark.seq);
  if (held === mark.hash) return null;
  const headSeq = headOf(db)?.seq ?? 0;
  return { problem: held === null ? 'behind' : 'rewritten', markSeq: mark.seq, headSeq };
}

/** Moves the mark to the current head, unless the chain no longer holds the mark (see checkRollback). */
export function advanceMark(db: Database, deviceId: string, settings: SettingsSource): void {
  const head = headOf(db);
  if (!head) return;
  const mark = readMark(settings, deviceId);
  if (mark && (head.seq <= mark.seq || entryHash(db, mark.seq) !== mark.hash)) return;
  settings.set(AUDIT_MARK_KEY, { deviceId, seq: head.seq, hash: head.hash });
}

/** A deliberate step back (a verified restore, an adoption): the mark starts again at this head. */
export function resetMark(db: Database, deviceId: string, settings: SettingsSource): void {
  const head = headOf(db);
  settings.set(AUDIT_MARK_KEY, head ? { deviceId, seq: head.seq, hash: head.hash } : null);
}
