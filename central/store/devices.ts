import type { EnrolmentRequest } from '../../shared/sync/wire.js';
import { newSecret, sha256Hex } from '../crypto.js';
import { type Client, inTransaction, lockForTransaction, type Pool } from '../db/pool.js';
import { fail, iso, type Outcome } from './outcome.js';

/**
 * Device tokens and enrolment (docs/sync-protocol.md 5). Only a token's SHA-256 is stored; the
 * token itself is shown once to the operator, inside its enrolment code.
 */

/** Section 5.2: a token nobody enrolled within a week stops being good for anything. */
export const TOKEN_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface TokenRow {
  token_hash: string;
  device_id: string | null;
  revoked_at: Date | null;
  expires_at: Date;
}

export interface DeviceRow {
  device_id: string;
  public_key: string;
  name: string;
  app_version: string;
  enrolled_at: Date;
  last_contact_at: Date | null;
  audit_seq: string | null;
  audit_hash: string | null;
  rewound_at: Date | null;
  inbox_acked: string;
}

export async function issueToken(pool: Pool, label: string, now: Date): Promise<string> {
  const token = newSecret('sdt');
  await pool.query('INSERT INTO tokens (token_hash, label, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [
    sha256Hex(token),
    label,
    now,
    new Date(now.getTime() + TOKEN_LIFETIME_MS),
  ]);
  return token;
}

/**
 * The token's row if it is good now: not revoked, and enrolled or still within its week. A
 * revoked token's device id stays bound, so the device cannot come back under a new token.
 */
export async function liveToken(pool: Pool | Client, token: string, now: Date): Promise<TokenRow | null> {
  const { rows } = await pool.query<TokenRow>(
    'SELECT token_hash, device_id, revoked_at, expires_at FROM tokens WHERE token_hash = $1',
    [sha256Hex(token)],
  );
  const row = rows[0];
  if (!row || row.revoked_at !== null) return null;
  if (row.device_id === null && row.expires_at.getTime() < now.getTime()) return null;
  return row;
}

export async function device(pool: Pool | Client, deviceId: string): Promise<DeviceRow | null> {
  const { rows } = await pool.query<DeviceRow>('SELECT * FROM devices WHERE device_id = $1', [deviceId]);
  return rows[0] ?? null;
}

/** Revokes by device id or by token; true when something was revoked. */
export async function revoke(
  pool: Pool,
  what: { deviceId?: string; token?: string },
  now: Date,
): Promise<boolean> {
  const result = what.deviceId
    ? await pool.query('UPDATE tokens SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL', [
        what.deviceId,
        now,
      ])
    : await pool.query('UPDATE tokens SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
        sha256Hex(what.token ?? ''),
        now,
      ]);
  return (result.rowCount ?? 0) > 0;
}

/** Binds a token to one device id and public key, once (5.3). */
export async function enrol(
  pool: Pool,
  tokenHash: string,
  request: EnrolmentRequest,
  now: Date,
): Promise<Outcome<DeviceRow>> {
  return inTransaction(pool, async (client) => {
    // one enrolment at a time per device id, whichever token asks
    await lockForTransaction(client, `enrol:${request.deviceId}`);
    const { rows } = await client.query<{ device_id: string | null }>(
      'SELECT device_id FROM tokens WHERE token_hash = $1 FOR UPDATE',
      [tokenHash],
    );
    const bound = rows[0]?.device_id ?? null;
    if (bound !== null && bound !== request.deviceId) {
      return fail('enrolment_conflict', 'this token is enrolled as another device');
    }
    const existing = await device(client, request.deviceId);
    if (existing) {
      if (bound === null) return fail('enrolment_conflict', 'this device id is enrolled with another token');
      if (existing.public_key !== request.devicePublicKey) {
        return fail('enrolment_conflict', 'this device is enrolled with another public key');
      }
      const updated = await client.query<DeviceRow>(
        'UPDATE devices SET name = $2, app_version = $3 WHERE device_id = $1 RETURNING *',
        [request.deviceId, request.deviceName, request.appVersion],
      );
      const row = updated.rows[0];
      return row ? { ok: true, value: row } : fail('internal', 'the device vanished');
    }
    const created = await client.query<DeviceRow>(
      `INSERT INTO devices (device_id, public_key, name, app_version, enrolled_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [request.deviceId, request.devicePublicKey, request.deviceName, request.appVersion, now],
    );
    await client.query('UPDATE tokens SET device_id = $1 WHERE token_hash = $2', [
      request.deviceId,
      tokenHash,
    ]);
    const row = created.rows[0];
    return row ? { ok: true, value: row } : fail('internal', 'the device was not stored');
  });
}

export async function touch(pool: Pool, deviceId: string, now: Date): Promise<void> {
  await pool.query('UPDATE devices SET last_contact_at = $2 WHERE device_id = $1', [deviceId, now]);
}

export interface DeviceListing {
  deviceId: string;
  name: string;
  appVersion: string;
  enrolledAt: string;
  lastContactAt: string | null;
  auditHead: { seq: number; hash: string } | null;
  revoked: boolean;
}

export async function listDevices(pool: Pool): Promise<DeviceListing[]> {
  const { rows } = await pool.query<DeviceRow & { revoked: boolean }>(
    `SELECT d.*, EXISTS (SELECT 1 FROM tokens t WHERE t.device_id = d.device_id AND t.revoked_at IS NOT NULL) AS revoked
       FROM devices d ORDER BY d.enrolled_at`,
  );
  return rows.map((row) => ({
    deviceId: row.device_id,
    name: row.name,
    appVersion: row.app_version,
    enrolledAt: iso(row.enrolled_at),
    lastContactAt: row.last_contact_at ? iso(row.last_contact_at) : null,
    auditHead:
      row.audit_seq !== null && row.audit_hash !== null
        ? { seq: Number(row.audit_seq), hash: row.audit_hash }
        : null,
    revoked: row.revoked,
  }));
}
