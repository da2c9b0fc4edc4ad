import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { main } from '../../electron/core/cli/snowdesk-cli.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';

export async function runCli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ...env } });
  return { code, out, err };
}

export interface StoreSnapshot {
  /** row count of every table */
  counts: Record<string, number>;
  /** SHA-256 over every table's rows in primary-key order: equal digests, equal contents */
  digests: Record<string, string>;
  auditHead: { seq: number; hash: string } | null;
}

/** What a data folder's database holds, table by table, read-only. */
export function snapshotStore(dataDir: string): StoreSnapshot {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const counts: Record<string, number> = {};
    const digests: Record<string, string> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
      counts[table] = rows.length;
      const lines = rows
        .map((row) =>
          row
            .map((cell) => (Buffer.isBuffer(cell) ? `x${cell.toString('hex')}` : JSON.stringify(cell)))
            .join('|'),
        )
        .sort();
      digests[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: Buffer } | undefined;
    return { counts, digests, auditHead: head ? { seq: head.seq, hash: head.hash.toString('hex') } : null };
  } finally {
    db.close();
  }
}

/** Parses our CSV export (quoted cells may hold commas); enough for the values we seed. */
export function csvRows(csv: string): string[][] {
  return csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) =>
        (m[1] ?? '').replace(/^"|"$/g, '').replaceAll('""', '"'),
      ),
    );
}
