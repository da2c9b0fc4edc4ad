import type { InboxItem, InboxReport } from '../../shared/sync/wire.js';
import type { InboxWithdrawal } from '../../shared/sync/wire-1-1.js';
import { blindTerm } from '../crypto.js';
import { inTransaction, lockForTransaction, type Pool } from '../db/pool.js';

/**
 * A device's inbox (docs/sync-protocol.md 11): items in a stable order (a global sequence),
 * opaque cursors that carry a MAC so a cursor never given to this device is refused, and an
 * acknowledged position that only moves forward.
 */

interface InboxRow {
  position: string;
  id: string;
  channel: InboxItem['channel'];
  received_at: Date;
  sealed: string | null;
  kind: 'submission' | 'withdrawal';
  withdraws: string | null;
}

export function encodeCursor(deviceId: string, position: number, key: Uint8Array): string {
  const p = position.toString(36);
  return `p1.${p}.${blindTerm('cursor', `${deviceId.toLowerCase()}:${p}`, key).slice(0, 24)}`;
}

/** The position a cursor names, or null when it was not made for this device. */
export function decodeCursor(deviceId: string, cursor: string, key: Uint8Array): number | null {
  const match = /^p1\.([0-9a-z]{1,12})\.([0-9a-f]{24})$/.exec(cursor);
  if (!match?.[1] || encodeCursor(deviceId, parseInt(match[1], 36), key) !== cursor) return null;
  return parseInt(match[1], 36);
}

export interface InboxPageRows {
  items: (InboxItem | InboxWithdrawal)[];
  last: number;
  hasMore: boolean;
}

/**
 * Items after `after`, oldest first, at most `limit` and about `maxBytes` of sealed text, and
 * always at least one when there is one. A 1.0 device never sees withdrawals: it could not
 * parse them.
 */
export async function inboxPage(
  pool: Pool,
  deviceId: string,
  after: number,
  limit: number,
  maxBytes: number,
  withWithdrawals: boolean,
): Promise<InboxPageRows> {
  const { rows } = await pool.query<InboxRow>(
    `SELECT position, id, channel, received_at, sealed, kind, withdraws FROM inbox
       WHERE device_id = $1 AND position > $2 AND ($4 OR kind = 'submission')
       ORDER BY position LIMIT $3`,
    [deviceId, after, limit + 1, withWithdrawals],
  );
  const items: (InboxItem | InboxWithdrawal)[] = [];
  let last = after;
  let bytes = 0;
  for (const row of rows.slice(0, limit)) {
    bytes += (row.sealed?.length ?? 0) + 200;
    if (items.length > 0 && bytes > maxBytes) break;
    if (row.kind === 'withdrawal' && row.withdraws !== null) {
      items.push({
        id: row.id,
        kind: 'withdrawal',
        withdraws: row.withdraws,
        claimedAt: row.received_at.toISOString(),
      });
    } else if (row.sealed !== null) {
      items.push({
        id: row.id,
        channel: row.channel,
        receivedAt: row.received_at.toISOString(),
        sealed: row.sealed,
      });
    }
    last = Number(row.position);
  }
  return { items, last, hasMore: rows.some((row) => Number(row.position) > last) };
}

/** Forward only: an older cursor changes nothing, and the answer names what is held. */
export async function ackInbox(pool: Pool, deviceId: string, position: number): Promise<number> {
  const { rows } = await pool.query<{ inbox_acked: string }>(
    'UPDATE devices SET inbox_acked = GREATEST(inbox_acked, $2) WHERE device_id = $1 RETURNING inbox_acked',
    [deviceId, position],
  );
  return Number(rows[0]?.inbox_acked ?? 0);
}

/** Idempotent by device and item: a report repeated, or for an id never issued, is recorded once. */
export async function recordReports(
  pool: Pool,
  deviceId: string,
  reports: readonly InboxReport[],
  now: Date,
): Promise<number> {
  await inTransaction(pool, async (client) => {
    await lockForTransaction(client, `reports:${deviceId}`);
    for (const report of reports) {
      await client.query(
        `INSERT INTO inbox_reports (device_id, item_id, reason, detail, detected_at, recorded_at, known)
           VALUES ($1, $2, $3, $4, $5, $6, EXISTS (SELECT 1 FROM inbox WHERE id = $2 AND device_id = $1))
           ON CONFLICT DO NOTHING`,
        [deviceId, report.id, report.reason, report.detail ?? null, report.detectedAt, now],
      );
    }
  });
  return reports.length;
}
