import Database from 'better-sqlite3';
import { join } from 'node:path';
import { verifyAuditChain } from '../../electron/core/audit/audit-log.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';

/**
 * What must hold in a kiosk's data folder after any fault (a kill, a full disk, a failed write),
 * read on a connection of the test's own: SQLite's integrity and foreign keys, the audit chain,
 * every acknowledged save, and the transactional outbox (every revision that became valid has
 * its outbox row, pending or delivered, and nothing reached the central side that the kiosk has
 * no row for; every erased record has its erasure item).
 */

/** A save the kiosk answered ok to, as the fault loop's child reports it. */
export interface Ack {
  ack: 'saved' | 'submitted' | 'approved';
  recordId: string;
  revision: number;
  name?: string;
}

/** One finding per broken rule; an empty list is a healthy folder. */
export interface KioskCheck {
  problems: string[];
  /** revisions that are valid on the kiosk: `${recordId}#${revision}` */
  validRevisions: number;
  /** every outbox row, oldest first */
  outbox: OutboxRow[];
}

export interface OutboxRow {
  id: string;
  recordId: string;
  seq: number;
  kind: 'record.revision' | 'record.erasure';
  revision: number;
  state: string;
}

const STATE_AFTER: Readonly<Record<Ack['ack'], readonly string[]>> = {
  saved: ['draft', 'awaiting_cross_review', 'awaiting_final_review', 'valid', 'returned'],
  submitted: ['awaiting_cross_review', 'awaiting_final_review', 'valid', 'returned'],
  approved: ['valid'],
};

export function checkKiosk(
  dataDir: string,
  acks: readonly Ack[],
  central?: { appliedIds: ReadonlySet<string> },
): KioskCheck {
  const problems: string[] = [];
  // read-only: no checkpoint on close, so the next run starts from the WAL the kill left
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 3))}`);

    const device = db.prepare<[], { device_id: string }>('SELECT device_id FROM device').get();
    if (!device) problems.push('no device row');
    else {
      const chain = verifyAuditChain(db, device.device_id);
      if (!chain.ok) problems.push(`audit chain: ${chain.problem} at ${String(chain.brokenAt)}`);
    }

    const revisionState = db.prepare<[string, number], { state: string; sealed: number }>(
      `SELECT w.state, length(r.sealed) AS sealed FROM revision_workflow w
         JOIN record_revisions r USING (record_id, revision)
        WHERE w.record_id = ? AND w.revision = ?`,
    );
    for (const ack of acks) {
      const row = revisionState.get(ack.recordId, ack.revision);
      if (!row)
        problems.push(`acknowledged ${ack.ack} of ${ack.recordId}#${String(ack.revision)} is missing`);
      else if (!STATE_AFTER[ack.ack].includes(row.state))
        problems.push(`acknowledged ${ack.ack} of ${ack.recordId} is in state ${row.state}`);
      else if (!(row.sealed > 0)) problems.push(`acknowledged ${ack.ack} of ${ack.recordId} has no payload`);
    }

    const outbox = db
      .prepare<[], OutboxRow>(
        'SELECT id, record_id AS recordId, seq, kind, revision, state FROM sync_outbox ORDER BY n',
      )
      .all();
    const valid = db
      .prepare<[], { record_id: string; revision: number }>(
        "SELECT record_id, revision FROM revision_workflow WHERE state = 'valid'",
      )
      .all();
    const revisions = outbox.filter((item) => item.kind === 'record.revision');
    const queued = new Set(revisions.map((item) => `${item.recordId}#${String(item.revision)}`));
    for (const row of valid) {
      if (!queued.has(`${row.record_id}#${String(row.revision)}`))
        problems.push(`valid ${row.record_id}#${String(row.revision)} has no outbox item`);
    }
    // an erased record's revisions are 'erased': their earlier items stay in the outbox
    const sent = new Set(
      db
        .prepare<[], { record_id: string; revision: number }>(
          "SELECT record_id, revision FROM revision_workflow WHERE state IN ('valid', 'erased')",
        )
        .all()
        .map((row) => `${row.record_id}#${String(row.revision)}`),
    );
    for (const item of revisions) {
      if (!sent.has(`${item.recordId}#${String(item.revision)}`))
        problems.push(
          `outbox item ${item.id} is for ${item.recordId}#${String(item.revision)}, which never became valid`,
        );
    }
    const erasedWithoutItem = db
      .prepare<[], { id: string }>(
        `SELECT id FROM guest_records g WHERE erased_at IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM sync_outbox o WHERE o.record_id = g.id AND o.kind = 'record.erasure')`,
      )
      .all();
    for (const row of erasedWithoutItem) problems.push(`erased ${row.id} has no outbox item`);
    if (central) {
      const ids = new Set(outbox.map((item) => item.id));
      for (const item of outbox)
        if (item.state === 'delivered' && !central.appliedIds.has(item.id))
          problems.push(`outbox item ${item.id} is marked delivered but the central side does not have it`);
      for (const id of central.appliedIds)
        if (!ids.has(id)) problems.push(`the central side holds ${id}, which the kiosk never committed`);
    }
    return { problems, validRevisions: valid.length, outbox };
  } finally {
    db.close();
  }
}
