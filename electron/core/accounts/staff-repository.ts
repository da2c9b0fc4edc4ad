import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/domain/roles.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';

export interface StaffRow {
  id: string;
  name: string;
  name_key: string;
  role: Role;
  wrapped_dk: string;
  must_change_password: 0 | 1;
  certified_at: number | null;
  certified_by: string | null;
  disabled_at: number | null;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  created_by: string | null;
}

export function staffView(row: StaffRow): StaffView {
  return { id: row.id, name: row.name, role: row.role, certified: row.certified_at !== null };
}

/** SQL for the staff table and nothing else: rules live in the services that call it. */
export class StaffRepository {
  constructor(private readonly db: Database) {}

  count(): number {
    return this.db.prepare('SELECT count(*) FROM staff').pluck().get() as number;
  }

  byId(id: string): StaffRow | undefined {
    return this.db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?').get(id);
  }

  byNameKey(nameKey: string): StaffRow | undefined {
    return this.db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE name_key = ?').get(nameKey);
  }

  list(): StaffRow[] {
    return this.db.prepare<[], StaffRow>('SELECT * FROM staff ORDER BY role, name_key').all();
  }

  insert(row: StaffRow): void {
    this.db
      .prepare(
        `INSERT INTO staff (id, name, name_key, role, wrapped_dk, must_change_password, certified_at,
           certified_by, disabled_at, failed_attempts, locked_until, created_at, created_by)
         VALUES (@id, @name, @name_key, @role, @wrapped_dk, @must_change_password, @certified_at,
           @certified_by, @disabled_at, @failed_attempts, @locked_until, @created_at, @created_by)`,
      )
      .run(row);
  }

  setWrappedKey(id: string, wrapped: string, mustChange: boolean): void {
    this.db
      .prepare(
        'UPDATE staff SET wrapped_dk = ?, must_change_password = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?',
      )
      .run(wrapped, mustChange ? 1 : 0, id);
  }

  setFailures(id: string, failedAttempts: number, lockedUntil: number | null): void {
    this.db
      .prepare('UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?')
      .run(failedAttempts, lockedUntil, id);
  }

  setDisabled(id: string, at: number | null): void {
    this.db.prepare('UPDATE staff SET disabled_at = ? WHERE id = ?').run(at, id);
  }

  setCertified(id: string, at: number | null, by: string | null): void {
    this.db.prepare('UPDATE staff SET certified_at = ?, certified_by = ? WHERE id = ?').run(at, by, id);
  }
}
