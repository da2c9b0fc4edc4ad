import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate, schemaVersion } from '../../../central/db/migrations.js';
import { createPool, type Pool } from '../../../central/db/pool.js';
import { type CentralDatabase, createCentralDatabase } from '../../support/central-pg.js';

/**
 * Each central migration on a real PostgreSQL: built from the version before it, filled the way
 * that version would fill it, then upgraded; what was there survives with the meaning it had.
 */
let db: CentralDatabase;
let pool: Pool;

async function databaseAt(version: number): Promise<void> {
  db = await createCentralDatabase(false);
  pool = createPool(db.url, 2);
  await migrate(pool, version);
}

afterEach(async () => {
  await pool.end();
  await db.drop();
});

describe('central migrations', () => {
  it('1: an empty database gets the devices, items, records and inbox tables', async () => {
    await databaseAt(0);
    expect(await schemaVersion(pool)).toBe(0);
    expect(await migrate(pool, 1)).toEqual({ from: 0, to: 1 });
    const { rows } = await pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['audit_events', 'devices', 'inbox', 'items', 'records', 'tokens']),
    );
  });

  it('2: inbox items of version 1 stay submissions; intake, claims and look-ups arrive', async () => {
    await databaseAt(1);
    const device = '3f1c2a9e-7b4d-4c1e-9a2f-5d6e7f809a1b';
    await pool.query(
      `INSERT INTO devices (device_id, public_key, name, app_version, enrolled_at) VALUES ($1, 'k', 'Front desk', '0.1.0', now())`,
      [device],
    );
    await pool.query(
      `INSERT INTO inbox (id, device_id, channel, received_at, sealed) VALUES (gen_random_uuid(), $1, 'wechat', now(), 'sealed-text')`,
      [device],
    );
    expect(await migrate(pool)).toEqual({ from: 1, to: LATEST_VERSION });
    const inbox = await pool.query<{ kind: string; sealed: string }>('SELECT kind, sealed FROM inbox');
    expect(inbox.rows).toEqual([{ kind: 'submission', sealed: 'sealed-text' }]);
    await expect(
      pool.query(
        "INSERT INTO channel_keys (key_hash, channel, label, created_at) VALUES ('h', 'fax', 'x', now())",
      ),
    ).rejects.toThrow(/check constraint/);
    await pool.query("INSERT INTO lookups (device_id, at, kind, matches) VALUES ($1, now(), 'search', 0)", [
      device,
    ]);
  });

  it('refuses a database newer than this service, and two migrators at once do the work once', async () => {
    await databaseAt(0);
    const other = createPool(db.url, 2);
    const both = await Promise.all([migrate(pool), migrate(other)]);
    await other.end();
    expect(both.map((b) => b.from).sort()).toEqual([0, LATEST_VERSION]);
    await pool.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    await expect(migrate(pool)).rejects.toThrow(/newer than this central service/);
  });
});
