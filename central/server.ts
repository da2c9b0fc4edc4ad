import type { FastifyInstance } from 'fastify';
import { createPool, type Pool } from './db/pool.js';
import { sodiumReady } from './crypto.js';
import { buildCentralApp } from './http/app.js';
import { type CentralKeys, readCentralKeys } from './keys.js';

/**
 * One central process: a pool to the shared PostgreSQL, the operator's keys, and the HTTP app.
 * Start as many as the resort needs on the same database; none holds state the others need.
 */
export interface CentralProcessOptions {
  databaseUrl: string;
  keysPath: string;
  host?: string;
  port?: number;
  tls?: { key: string; cert: string };
  /** test hook (SNOWDESK_CENTRAL_TEST_HOLD): stall a batch with items, for kill -9 tests */
  hold?: { at: 'before_commit' | 'after_commit'; stall: () => Promise<void> };
}

export interface RunningCentral {
  url: string;
  app: FastifyInstance;
  pool: Pool;
  keys: CentralKeys;
  close(): Promise<void>;
}

export async function startCentral(options: CentralProcessOptions): Promise<RunningCentral> {
  await sodiumReady();
  const keys = readCentralKeys(options.keysPath);
  const pool = createPool(options.databaseUrl);
  const app = buildCentralApp({
    pool,
    keys,
    now: () => new Date(),
    ...(options.hold?.at === 'before_commit' ? { beforeCommit: options.hold.stall } : {}),
    ...(options.hold?.at === 'after_commit' ? { afterCommit: options.hold.stall } : {}),
  });
  const host = options.host ?? '127.0.0.1';
  const address = await app.listen({ host, port: options.port ?? 0 });
  const url = options.tls ? address.replace(/^http:/, 'https:') : address;
  return {
    url,
    app,
    pool,
    keys,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}
