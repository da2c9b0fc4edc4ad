import type { Client, Pool } from './pool.js';
import { inTransaction, lockForTransaction } from './pool.js';

/**
 * The central schema, one numbered step at a time. A step never changes once released: a new
 * need is a new step, and each step has a test that builds the version before it and upgrades.
 * Guest data never sits in a column in clear: sealed snapshots are secretbox under the operator's
 * data key, look-up terms are HMACs, inbox items are sealed to their device.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'devices, outbox results, records, audit heads, inbox',
    sql: `
CREATE TABLE tokens (
  token_hash text PRIMARY KEY,
  label text NOT NULL,
  device_id uuid UNIQUE,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE TABLE devices (
  device_id uuid PRIMARY KEY,
  public_key text NOT NULL,
  name text NOT NULL,
  app_version text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  last_contact_at timestamptz,
  audit_seq bigint,
  audit_hash text,
  -- set by a rewind, cleared only by an operator: until then every batch is refused
  rewound_at timestamptz,
  inbox_acked bigint NOT NULL DEFAULT 0
);
-- one row per Idempotency-Key with a final result; consumes marks the item that took its position
CREATE TABLE items (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  record_id uuid NOT NULL,
  seq integer NOT NULL,
  digest text NOT NULL,
  status text NOT NULL CHECK (status IN ('applied', 'rejected')),
  consumes boolean NOT NULL,
  result jsonb NOT NULL,
  batch_id uuid NOT NULL,
  stored_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX items_record_position ON items (record_id, seq) WHERE consumes;
CREATE TABLE records (
  record_id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  next_seq integer NOT NULL,
  snapshot bytea,
  updated_at timestamptz,
  erased_at timestamptz
);
CREATE TABLE record_terms (
  term text NOT NULL,
  record_id uuid NOT NULL REFERENCES records ON DELETE CASCADE,
  PRIMARY KEY (term, record_id)
);
CREATE TABLE receipts (
  n bigserial PRIMARY KEY,
  item_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL
);
CREATE INDEX receipts_item ON receipts (item_id);
CREATE TABLE audit_events (
  n bigserial PRIMARY KEY,
  device_id uuid NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  reported jsonb,
  held jsonb
);
CREATE TABLE inbox (
  position bigserial PRIMARY KEY,
  id uuid NOT NULL,
  device_id uuid NOT NULL,
  channel text NOT NULL,
  received_at timestamptz NOT NULL,
  sealed text NOT NULL,
  UNIQUE (device_id, id)
);
CREATE TABLE inbox_reports (
  device_id uuid NOT NULL,
  item_id uuid NOT NULL,
  reason text NOT NULL,
  detail text,
  detected_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  known boolean NOT NULL,
  PRIMARY KEY (device_id, item_id)
);`,
  },
  {
    version: 2,
    name: 'online intake per channel, claims and withdrawals (protocol 1.1), look-up log',
    sql: `
CREATE TABLE channel_keys (
  key_hash text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('website', 'wechat', 'app')),
  label text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE TABLE submissions (
  id uuid PRIMARY KEY,
  channel text NOT NULL,
  received_at timestamptz NOT NULL,
  content bytea NOT NULL,
  claimed_by uuid,
  claimed_at timestamptz
);
ALTER TABLE inbox ADD COLUMN kind text NOT NULL DEFAULT 'submission'
  CHECK (kind IN ('submission', 'withdrawal'));
ALTER TABLE inbox ADD COLUMN withdraws uuid;
ALTER TABLE inbox ALTER COLUMN sealed DROP NOT NULL;
CREATE INDEX inbox_device ON inbox (device_id, position);
CREATE TABLE lookups (
  n bigserial PRIMARY KEY,
  device_id uuid NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  matches integer NOT NULL
);`,
  },
];

export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

async function currentVersion(client: Client): Promise<number> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const { rows } = await client.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM schema_migrations',
  );
  return rows[0]?.v ?? 0;
}

/**
 * Brings the database to `target` (default: the newest), each step in the same transaction as
 * its bookkeeping. Two processes starting at once wait for each other on an advisory lock.
 */
export async function migrate(pool: Pool, target = LATEST_VERSION): Promise<{ from: number; to: number }> {
  return inTransaction(pool, async (client) => {
    await lockForTransaction(client, 'snowdesk-central:migrate');
    const from = await currentVersion(client);
    if (from > LATEST_VERSION) {
      throw new Error(
        `the database is at version ${from}, newer than this central service (${LATEST_VERSION})`,
      );
    }
    for (const step of MIGRATIONS) {
      if (step.version <= from || step.version > target) continue;
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        step.version,
        step.name,
      ]);
    }
    return { from, to: Math.max(from, Math.min(target, LATEST_VERSION)) };
  });
}

export async function schemaVersion(pool: Pool): Promise<number> {
  const client = await pool.connect();
  try {
    return await currentVersion(client);
  } finally {
    client.release();
  }
}
