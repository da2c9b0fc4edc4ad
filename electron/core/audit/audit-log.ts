import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';

/**
 * What happened, by whom, to what, and which fields: never a value. `reason` is a code
 * ('wrong_password', 'forbidden', …), never free text a person typed.
 */
export interface AuditEntryInput {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  fields?: readonly string[];
  outcome?: 'ok' | 'refused' | 'failed';
  reason?: string;
}

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  fields: string[] | null;
  outcome: 'ok' | 'refused' | 'failed';
  reason: string | null;
  prevHash: Buffer;
  hash: Buffer;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; entries: number; head: AuditHead }
  | { ok: false; entries: number; brokenAt: number; problem: 'gap' | 'prev_hash' | 'hash' | 'unreadable' };

interface AuditRow {
  seq: number;
  at: number;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  fields: string | null;
  outcome: string;
  reason: string | null;
  prev_hash: Buffer;
  hash: Buffer;
}

/** Chains start from the device id, so a log copied from another kiosk does not verify here. */
export function genesisHash(deviceId: string): Buffer {
  return createHash('sha256').update(`snowdesk/audit/v1/genesis/${deviceId}`).digest();
}

function entryHash(prevHash: Buffer, row: Omit<AuditRow, 'prev_hash' | 'hash'>): Buffer {
  // only the listed columns count; prev_hash enters as the chain link, hash is the result
  // a JSON array in fixed order: unambiguous, and stable across SQLite and Node versions
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.fields,
    row.outcome,
    row.reason,
  ]);
  return createHash('sha256').update(prevHash).update(canonical, 'utf8').digest();
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    fields: row.fields === null ? null : (JSON.parse(row.fields) as string[]),
    outcome: row.outcome as AuditEntry['outcome'],
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class AuditLog {
  private readonly lastStmt: Statement<[], { seq: number; hash: Buffer }>;
  private readonly insertStmt: Statement<AuditRow>;

  constructor(
    private readonly db: Database,
    private readonly deviceId: string,
    private readonly now: () => number,
  ) {
    this.lastStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(`
      INSERT INTO audit_log (seq, at, actor_id, action, target_type, target_id, fields, outcome, reason, prev_hash, hash)
      VALUES (@seq, @at, @actor_id, @action, @target_type, @target_id, @fields, @outcome, @reason, @prev_hash, @hash)`);
  }

  /**
   * Appends one entry. Inside the caller's transaction when there is one (so a change and its
   * audit entry commit together); otherwise in an IMMEDIATE transaction of its own, so two
   * processes on one data folder (kiosk and CLI) cannot fork the chain.
   */
  append(input: AuditEntryInput): AuditEntry {
    const write = (): AuditEntry => {
      const last = this.lastStmt.get();
      const prevHash = last ? last.hash : genesisHash(this.deviceId);
      const base = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now(),
        actor_id: input.actorId,
        action: input.action,
        target_type: input.targetType ?? null,
        target_id: input.targetId ?? null,
        fields: input.fields ? JSON.stringify([...input.fields].sort()) : null,
        outcome: input.outcome ?? 'ok',
        reason: input.reason ?? null,
      };
      const row: AuditRow = { ...base, prev_hash: prevHash, hash: entryHash(prevHash, base) };
      this.insertStmt.run(row);
      return toEntry(row);
    };
    if (this.db.inTransaction) return write();
    return this.db.transaction(write).immediate();
  }

  head(): AuditHead | null {
    const last = this.lastStmt.get();
    return last ? { seq: last.seq, hash: last.hash.toString('hex') } : null;
  }

  entries(
    options: { afterSeq?: number; limit?: number; actorId?: string; targetId?: string } = {},
  ): AuditEntry[] {
    const where: string[] = ['seq > @after'];
    if (options.actorId !== undefined) where.push('actor_id = @actor');
    if (options.targetId !== undefined) where.push('target_id = @target');
    const rows = this.db
      .prepare<{ after: number; actor?: string; target?: string; limit: number }, AuditRow>(
        `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
      )
      .all({
        after: options.afterSeq ?? 0,
        actor: options.actorId,
        target: options.targetId,
        limit: options.limit ?? 1000,
      });
    return rows.map(toEntry);
  }

  /** Walks the whole chain in order and names the first entry that does not hold. */
  verify(): ChainVerdict {
    return verifyAuditChain(this.db, this.deviceId);
  }
}

export function verifyAuditChain(db: Database, deviceId: string): ChainVerdict {
  let expectedSeq = 1;
  let prev = genesisHash(deviceId);
  let entries = 0;
  let head: AuditHead = { seq: 0, hash: prev.toString('hex') };
  try {
    const rows = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate();
    for (const row of rows) {
      entries++;
      if (row.seq !== expectedSeq) return { ok: false, entries, brokenAt: expectedSeq, problem: 'gap' };
      if (!Buffer.isBuffer(row.prev_hash) || !row.prev_hash.equals(prev)) {
        return { ok: false, entries, brokenAt: row.seq, problem: 'prev_hash' };
      }
      const stored = row.hash;
      if (!Buffer.isBuffer(stored) || !entryHash(prev, row).equals(stored)) {
        return { ok: false, entries, brokenAt: row.seq, problem: 'hash' };
      }
      prev = stored;
      head = { seq: row.seq, hash: stored.toString('hex') };
      expectedSeq++;
    }
  } catch {
    return { ok: false, entries, brokenAt: expectedSeq, problem: 'unreadable' };
  }
  return { ok: true, entries, head };
}
