import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { main as centralCli } from '../../central/cli/central-cli.js';

/**
 * A real PostgreSQL database of its own for one test file (a random name, dropped at the end;
 * never `test` or `postgres`), the operator's key file beside it, and central processes started
 * as the resort would start them: `snowdesk-central serve`, as child processes that can be
 * killed with SIGKILL.
 */
export const PG_ADMIN_URL = process.env.SNOWDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface CentralDatabase {
  url: string;
  name: string;
  keysPath: string;
  dir: string;
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>;
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createCentralDatabase(initialise = true): Promise<CentralDatabase> {
  const name = `snowdesk_central_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const dir = mkdtempSync(join(tmpdir(), 'snowdesk-central-pg-'));
  const database: CentralDatabase = {
    url: urlFor(name),
    name,
    dir,
    keysPath: join(dir, 'central-keys.json'),
    async cli(...args) {
      let out = '';
      let err = '';
      const code = await centralCli(['--database', database.url, '--keys', database.keysPath, ...args], {
        out: (t) => (out += t),
        err: (t) => (err += t),
        env: {},
      });
      return { code, out, err };
    },
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (initialise) {
    const init = await database.cli('init');
    if (init.code !== 0) throw new Error(`init failed: ${init.err}`);
  }
  return database;
}

/** Issues a device token with the CLI and returns its enrolment code. */
export async function enrolmentCode(database: CentralDatabase, url: string, label = 'desk'): Promise<string> {
  const made = await database.cli('enrol-device', '--url', url, '--label', label, '--no-qr');
  if (made.code !== 0) throw new Error(`enrol-device failed: ${made.err}`);
  return made.out.trim();
}

export interface CentralChild {
  url: string;
  child: ChildProcess;
  /** resolves with the first stdout line that contains `text` */
  waitFor(text: string): Promise<void>;
  stop(): Promise<void>;
}

const BIN = join(import.meta.dirname, '../../bin/snowdesk-central.js');

/** `snowdesk-central serve` on 127.0.0.1, any free port, as its own process. */
export async function spawnCentral(
  database: CentralDatabase,
  env: Record<string, string> = {},
): Promise<CentralChild> {
  const child = spawn(
    process.execPath,
    [BIN, '--database', database.url, '--keys', database.keysPath, 'serve', '--port', '0'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const waiters: { text: string; resolve: () => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const listening = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`central exited with ${String(code)} before listening`)));
    lines.on('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
      for (const waiter of waiters.filter((w) => line.includes(w.text))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  const url = await listening;
  return {
    url,
    child,
    waitFor: (text) => new Promise((resolve) => waiters.push({ text, resolve })),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
