import pg from 'pg';

/**
 * One pg pool per process. Every central process is stateless: whatever must survive or be
 * shared between processes is in PostgreSQL, so any number of them can run behind a balancer.
 */
export type Pool = pg.Pool;
export type Client = pg.PoolClient;

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'snowdesk-central' });
  // an idle client that loses its server (a restart) must not take the process down
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction; commits before returning, rolls back on any throw. */
export async function inTransaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw cause;
  } finally {
    client.release();
  }
}

/**
 * Serialises everything done under `key` across all central processes until the transaction
 * ends: the per-device lock that makes one device's batches run one at a time (8.3).
 */
export async function lockForTransaction(client: Client, key: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
