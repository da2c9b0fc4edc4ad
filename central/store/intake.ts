import { randomUUID } from 'node:crypto';
import type { InboxChannel } from '../../shared/sync/wire.js';
import type { GuestSubmission, IntakeResponse } from '../../shared/sync/wire-1-1.js';
import { newSecret, openAtRest, sealAtRest, sealJsonTo, sha256Hex } from '../crypto.js';
import { type Client, inTransaction, lockForTransaction, type Pool } from '../db/pool.js';

/**
 * Online submissions in (R9): a channel's back end (website, WeChat, app) hands a submission in
 * with its channel key; it is kept sealed at rest and offered to every enrolled desk that is not
 * revoked, sealed to each device's key. The first desk whose claim reaches the central side
 * wins; every other desk it was offered to gets a withdrawal in its inbox.
 */

export async function issueChannelKey(
  pool: Pool,
  channel: InboxChannel,
  label: string,
  now: Date,
): Promise<string> {
  const key = newSecret(`sdc_${channel}`);
  await pool.query(
    'INSERT INTO channel_keys (key_hash, channel, label, created_at) VALUES ($1, $2, $3, $4)',
    [sha256Hex(key), channel, label, now],
  );
  return key;
}

export async function channelOfKey(pool: Pool, key: string): Promise<InboxChannel | null> {
  const { rows } = await pool.query<{ channel: InboxChannel }>(
    'SELECT channel FROM channel_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [sha256Hex(key)],
  );
  return rows[0]?.channel ?? null;
}

export async function revokeChannelKeys(pool: Pool, channel: InboxChannel, now: Date): Promise<number> {
  const result = await pool.query(
    'UPDATE channel_keys SET revoked_at = $2 WHERE channel = $1 AND revoked_at IS NULL',
    [channel, now],
  );
  return result.rowCount ?? 0;
}

export async function submit(
  pool: Pool,
  dataKey: Uint8Array,
  channel: InboxChannel,
  request: { id?: string | undefined; submission: GuestSubmission },
  now: Date,
): Promise<{ created: boolean; value: IntakeResponse } | { conflict: true }> {
  const id = (request.id ?? randomUUID()).toLowerCase();
  return inTransaction(pool, async (client) => {
    await lockForTransaction(client, `submission:${id}`);
    const existing = await client.query<{ channel: string; received_at: Date; content: Buffer }>(
      'SELECT channel, received_at, content FROM submissions WHERE id = $1',
      [id],
    );
    const row = existing.rows[0];
    if (row) {
      const same =
        row.channel === channel &&
        JSON.stringify(openAtRest(row.content, dataKey)) === JSON.stringify(request.submission);
      if (!same) return { conflict: true as const };
      const offered = await client.query('SELECT 1 FROM inbox WHERE id = $1', [id]);
      return {
        created: false,
        value: { id, receivedAt: row.received_at.toISOString(), offeredTo: offered.rowCount ?? 0 },
      };
    }
    await client.query(
      'INSERT INTO submissions (id, channel, received_at, content) VALUES ($1, $2, $3, $4)',
      [id, channel, now, sealAtRest(request.submission, dataKey)],
    );
    const devices = await client.query<{ device_id: string; public_key: string }>(
      `SELECT d.device_id, d.public_key FROM devices d
         WHERE NOT EXISTS (SELECT 1 FROM tokens t WHERE t.device_id = d.device_id AND t.revoked_at IS NOT NULL)`,
    );
    const receivedAt = now.toISOString();
    for (const desk of devices.rows) {
      const sealed = sealJsonTo(
        { v: 1, id, channel, receivedAt, submission: request.submission },
        desk.public_key,
      );
      await client.query(
        'INSERT INTO inbox (id, device_id, channel, received_at, sealed) VALUES ($1, $2, $3, $4, $5)',
        [id, desk.device_id, channel, now, sealed],
      );
    }
    return { created: true, value: { id, receivedAt, offeredTo: devices.rows.length } };
  });
}

/**
 * Inside a batch's transaction: true when this device may have the submission (it was offered
 * to it, and nobody else claimed it first). The winner's claim sends withdrawals to the others.
 */
export async function claimSubmission(
  client: Client,
  submissionId: string,
  deviceId: string,
  now: Date,
): Promise<boolean> {
  const offered = await client.query('SELECT 1 FROM inbox WHERE id = $1 AND device_id = $2', [
    submissionId,
    deviceId,
  ]);
  if ((offered.rowCount ?? 0) === 0) return false;
  const claim = await client.query(
    'UPDATE submissions SET claimed_by = $2, claimed_at = $3 WHERE id = $1 AND claimed_by IS NULL RETURNING id',
    [submissionId, deviceId, now],
  );
  if ((claim.rowCount ?? 0) === 0) return false;
  await client.query(
    `INSERT INTO inbox (id, device_id, channel, received_at, kind, withdraws)
       SELECT gen_random_uuid(), device_id, channel, $3, 'withdrawal', id FROM inbox
        WHERE id = $1 AND device_id <> $2 AND kind = 'submission'`,
    [submissionId, deviceId, now],
  );
  return true;
}
