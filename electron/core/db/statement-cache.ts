import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepared statements kept per connection and SQL text: the outbox row is written inside every
 * record change's transaction (DESIGN.md budget: a whole save p50 ≤ 2 ms), where preparing the
 * same few statements again each time would be most of the cost.
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared<P extends unknown[] | object = unknown[], R = unknown>(
  db: Database,
  sql: string,
): Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as unknown as Statement<P, R>;
}
