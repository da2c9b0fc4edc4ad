import type { Database } from 'better-sqlite3';

/**
 * One step of the schema. Files are named NNNN-name.ts; `version` is NNNN. A migration runs
 * inside a transaction with the version bump, so a crash leaves the old or the new schema,
 * never half of one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
