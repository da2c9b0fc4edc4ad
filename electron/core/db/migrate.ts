import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.js';

export class DatabaseNewerError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The database is at schema ${String(found)}; this Snowdesk knows up to ${String(known)}`);
    this.name = 'DatabaseNewerError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: the newest known). Refuses a database newer than
 * this build, because an older build would misread it and might write over what it does not
 * understand.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  now: () => number,
  target = migrations.length,
): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.name} is numbered ${String(m.version)}, expected ${String(i + 1)}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) throw new DatabaseNewerError(current, migrations.length);
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO migration_log (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        now(),
      );
      db.pragma(`user_version = ${String(m.version)}`);
    })();
  }
  return schemaVersion(db);
}
