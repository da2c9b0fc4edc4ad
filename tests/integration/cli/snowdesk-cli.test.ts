import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/core/cli/snowdesk-cli.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { GUEST_CSV_COLUMNS } from '../../../electron/core/maintenance/guest-csv.js';
import { tempDir } from '../../support/temp-dir.js';

const ADMIN = { SNOWDESK_USER: 'zhao', SNOWDESK_PASSWORD: 'powder-2026-key' };
const DEMO_PASSWORD = 'demo-pass-2026';
const MANAGER = { SNOWDESK_USER: 'demo-manager', SNOWDESK_PASSWORD: DEMO_PASSWORD };
const ROOT = join(import.meta.dirname, '../../..');

async function run(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ...env } });
  return { code, out, err };
}

/** Parses our CSV (quoted cells may hold commas); enough for the values we seed. */
function csvValues(csv: string): string[][] {
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

let dir: ReturnType<typeof tempDir>;
let dataDir: string;
let csv: string;

beforeAll(async () => {
  dir = tempDir('snowdesk-cli-');
  dataDir = join(dir.path, 'data');
  const init = await run(['init', '--data-dir', dataDir, '--admin', 'zhao', '--manager', 'sun'], {
    SNOWDESK_PASSWORD: ADMIN.SNOWDESK_PASSWORD,
    SNOWDESK_MANAGER_PASSWORD: 'first-manager-2026',
  });
  expect(init.code, init.err).toBe(0);
  expect(init.out).toMatch(/RECOVERY KEY[\s\S]*([0-9A-Z]{4}-){13}[0-9A-Z]{4}/);
  const seed = await run(['seed', '--data-dir', dataDir, '--records', '1000'], {
    ...ADMIN,
    SNOWDESK_DEMO_PASSWORD: DEMO_PASSWORD,
  });
  expect(seed.code, seed.err).toBe(0);
  const exported = await run(['export', '--data-dir', dataDir, '--format', 'csv'], MANAGER);
  expect(exported.code, exported.err).toBe(0);
  csv = exported.out;
}, 120_000);

afterAll(() => {
  dir.remove();
});

function dataFiles(): string[] {
  return readdirSync(dataDir)
    .map((name) => join(dataDir, name))
    .filter((path) => statSync(path).isFile());
}

describe('snowdesk init, seed and export', () => {
  it('exports every seeded guest as CSV for a manager', () => {
    expect(csv.split('\r\n')[0]).toBe(GUEST_CSV_COLUMNS.join(','));
    expect(csvValues(csv)).toHaveLength(1000);
  });

  it('leaves no seeded name, ID number, phone or address in any file of the data folder', () => {
    const columns = [
      'name',
      'phone',
      'id_number',
      'home_address',
      'emergency_contact',
      'emergency_phone',
    ] as const;
    const index = columns.map((c) => GUEST_CSV_COLUMNS.indexOf(c));
    const values = new Set<string>();
    for (const row of csvValues(csv)) {
      for (const i of index) {
        const v = row[i] ?? '';
        if (v.length >= 4) values.add(v);
        // phones are stored E.164; also look for the national form a careless log would write
        if (v.startsWith('+86')) values.add(v.slice(3));
      }
    }
    expect(values.size).toBeGreaterThan(3000);
    const files = dataFiles();
    expect(files.map((f) => f.split('/').pop())).toContain(DATABASE_FILE);
    const found: string[] = [];
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const value of values)
        if (bytes.includes(Buffer.from(value, 'utf8'))) found.push(`${value} in ${file}`);
    }
    // the same search does find the values where they are in clear: the export itself
    const exportBytes = Buffer.from(csv, 'utf8');
    expect([...values].every((v) => exportBytes.includes(Buffer.from(v, 'utf8')))).toBe(true);
    expect(found).toEqual([]);
    // thousands of values searched through every file: a scan, not a timing
  }, 120_000);

  it('refuses the export to the maintainer, who sees no guest data', async () => {
    const refused = await run(['export', '--data-dir', dataDir], ADMIN);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/forbidden/);
    expect(refused.out).toBe('');
  });

  it('manages accounts', async () => {
    const add = await run(
      ['users', 'add', '--data-dir', dataDir, '--name', 'Li Na', '--role', 'specialist'],
      {
        ...ADMIN,
        SNOWDESK_NEW_PASSWORD: 'first-pass-li',
      },
    );
    expect(add.code, add.err).toBe(0);
    const badRole = await run(
      ['users', 'add', '--data-dir', dataDir, '--name', 'X', '--role', 'janitor'],
      ADMIN,
    );
    expect(badRole.code).toBe(2);
    await run(['users', 'disable', '--data-dir', dataDir, '--name', 'li na'], ADMIN);
    const list = await run(['users', 'list', '--data-dir', dataDir], ADMIN);
    expect(list.out).toMatch(/Li Na\tspecialist\tdisabled must-change-password/);
    expect(list.out).toMatch(/demo-specialist-1\tspecialist\tcertified/);
  });
});

describe('snowdesk doctor', () => {
  it('exits 0 on an untouched folder, through the real bin', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/snowdesk.js'), 'doctor', '--data-dir', dataDir],
      {
        env: { ...process.env, ...ADMIN },
      },
    );
    expect(stdout).toMatch(/sealed payloads: \d+ open/);
    expect(stdout).toMatch(/healthy/);
  });

  function flipInFile(needle: Buffer, offsetInNeedle: number): void {
    const path = join(dataDir, DATABASE_FILE);
    // the newest copy of a page may still be in the WAL, where a flip in the main file goes unread
    const db = new Database(path);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    const at = bytes.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    bytes[at + offsetInNeedle] = (bytes[at + offsetInNeedle] ?? 0) ^ 0x20;
    writeFileSync(path, bytes);
  }

  function readOne(sql: string): Record<string, unknown> {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare(sql).get() as Record<string, unknown>;
    } finally {
      db.close();
    }
  }

  it('names a sealed payload with one flipped byte, then an audit entry with one flipped byte', async () => {
    const victim = readOne(
      'SELECT record_id, revision, sealed FROM record_revisions WHERE sealed IS NOT NULL ORDER BY record_id, revision LIMIT 1 OFFSET 7',
    ) as {
      record_id: string;
      revision: number;
      sealed: Buffer;
    };
    flipInFile(victim.sealed.subarray(30, 70), 10);
    const payload = await run(['doctor', '--data-dir', dataDir], ADMIN);
    expect(payload.code, payload.out).toBe(1);
    expect(payload.out).toMatch(
      new RegExp(
        `FAIL  sealed payloads: 1 do not open: record ${victim.record_id} revision ${String(victim.revision)}`,
      ),
    );
    expect(payload.out).toMatch(/ok  {3}audit chain/);

    const entry = readOne('SELECT seq, hash FROM audit_log WHERE seq = 500') as { seq: number; hash: Buffer };
    flipInFile(entry.hash, 5);
    const audit = await run(['doctor', '--data-dir', dataDir]);
    expect(audit.code).toBe(1);
    expect(audit.out).toMatch(/FAIL {2}audit chain: broken at entry 50[01]/);
    expect(audit.out).toMatch(/NOT HEALTHY/);
  });
});
