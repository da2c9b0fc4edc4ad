import type { SealedLookupAnswer, SealedLookupQuery } from '../../shared/sync/wire-1-1.js';
import { openAtRest } from '../crypto.js';
import type { Pool } from '../db/pool.js';
import { termsOf } from './terms.js';

/**
 * Returning guests across desks: a desk's duplicate or search query, matched on the blind index
 * of every desk's newest snapshots. Each look-up is logged (who asked, what kind, how many
 * matches; never the values), the central half of "audited at both ends".
 */
const MAX_MATCHES = 20;

export async function lookUp(
  pool: Pool,
  keys: { dataKey: Uint8Array; lookupKey: Uint8Array },
  query: SealedLookupQuery,
  now: Date,
): Promise<SealedLookupAnswer> {
  const terms = termsOf(query, keys.lookupKey);
  const { rows } = await pool.query<{
    record_id: string;
    device_id: string;
    snapshot: Buffer;
    updated_at: Date;
  }>(
    `SELECT r.record_id, r.device_id, r.snapshot, r.updated_at FROM records r
       WHERE r.erased_at IS NULL AND r.snapshot IS NOT NULL
         AND r.record_id IN (SELECT record_id FROM record_terms WHERE term = ANY($1::text[]))
       ORDER BY r.updated_at DESC LIMIT $2`,
    [terms, MAX_MATCHES],
  );
  const matches = rows.map((row) => {
    const kept = openAtRest(row.snapshot, keys.dataKey) as { seq: number; data: Record<string, unknown> };
    return {
      recordId: row.record_id,
      deviceId: row.device_id,
      seq: kept.seq,
      updatedAt: row.updated_at.toISOString(),
      data: kept.data,
    };
  });
  await pool.query('INSERT INTO lookups (device_id, at, kind, matches) VALUES ($1, $2, $3, $4)', [
    query.deviceId,
    now,
    query.kind,
    matches.length,
  ]);
  return { v: 1, id: query.id, matches };
}

export interface Alert {
  at: string;
  deviceId: string;
  kind: 'audit_rewind' | 'inbox_quarantine';
  detail: string;
}

/** What a person at the central side must look at: rewinds and quarantined inbox items. */
export async function alerts(pool: Pool): Promise<Alert[]> {
  const { rows } = await pool.query<{ at: Date; device_id: string; kind: Alert['kind']; detail: string }>(
    `SELECT at, device_id, 'audit_rewind' AS kind, coalesce(held::text, '') AS detail FROM audit_events WHERE kind = 'rewind'
     UNION ALL
     SELECT recorded_at, device_id, 'inbox_quarantine', reason || ' ' || item_id::text FROM inbox_reports
     ORDER BY 1`,
  );
  return rows.map((row) => ({
    at: row.at.toISOString(),
    deviceId: row.device_id,
    kind: row.kind,
    detail: row.detail,
  }));
}
