import type { Database } from 'better-sqlite3';

export interface KeyringRow {
  recovery_wrapped_dk: string;
  recovery_confirmed_at: number | null;
  created_at: number;
}

export class KeyringRepository {
  constructor(private readonly db: Database) {}

  get(): KeyringRow | undefined {
    return this.db
      .prepare<[], KeyringRow>('SELECT recovery_wrapped_dk, recovery_confirmed_at, created_at FROM keyring')
      .get();
  }

  create(recoveryWrapped: string, at: number): void {
    this.db
      .prepare('INSERT INTO keyring (singleton, recovery_wrapped_dk, created_at) VALUES (1, ?, ?)')
      .run(recoveryWrapped, at);
  }

  replaceRecovery(recoveryWrapped: string): void {
    this.db
      .prepare('UPDATE keyring SET recovery_wrapped_dk = ?, recovery_confirmed_at = NULL WHERE singleton = 1')
      .run(recoveryWrapped);
  }

  confirmRecovery(at: number): void {
    this.db.prepare('UPDATE keyring SET recovery_confirmed_at = ? WHERE singleton = 1').run(at);
  }
}
