import type { Database } from 'better-sqlite3';
import type { StorageState } from '../../../shared/ipc/schemas.js';
import { verifyAuditChain } from '../audit/audit-log.js';
import { CoreError } from '../core-error.js';
import { parseKeyWrappedKey, parsePasswordWrappedKey } from '../crypto/key-wrapping.js';
import type { SealedRecordStore } from '../records/sealed-record-store.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** what was found, in words a maintainer acts on; identifiers only, never guest values */
  detail: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

const MAX_LISTED = 20;

/**
 * The data folder's health: SQLite integrity and foreign keys, the audit chain, the stored
 * keys' form, and (with an unlocked session) that every sealed payload opens. Read-only.
 */
export function runDoctor(
  storage: StorageState,
  db: Database | null,
  deviceId: string | null,
  records: SealedRecordStore | null,
): DoctorReport {
  const checks: DoctorCheck[] = [];
  if (storage.state !== 'ready' || !db || !deviceId) {
    const detail = storage.state === 'unavailable' ? storage.problem.message : 'the store is not open';
    return { ok: false, checks: [{ name: 'data folder', ok: false, detail }] };
  }
  checks.push({ name: 'data folder', ok: true, detail: `schema version ${String(storage.schemaVersion)}` });
  checks.push(integrity(db));
  checks.push(foreignKeys(db));
  checks.push(auditChain(db, deviceId));
  checks.push(storedKeys(db));
  checks.push(
    records
      ? payloads(db, records)
      : { name: 'sealed payloads', ok: true, detail: 'not checked: sign in to open payloads' },
  );
  return { ok: checks.every((c) => c.ok), checks };
}

function guarded(name: string, work: () => DoctorCheck): DoctorCheck {
  try {
    return work();
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : 'error';
    return { name, ok: false, detail: `could not be read (${code})` };
  }
}

function integrity(db: Database): DoctorCheck {
  return guarded('SQLite integrity', () => {
    const rows = db.prepare('PRAGMA integrity_check(50)').pluck().all() as string[];
    const ok = rows.length === 1 && rows[0] === 'ok';
    return { name: 'SQLite integrity', ok, detail: ok ? 'ok' : rows.slice(0, MAX_LISTED).join('; ') };
  });
}

function foreignKeys(db: Database): DoctorCheck {
  return guarded('references', () => {
    const rows = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number }[];
    return {
      name: 'references',
      ok: rows.length === 0,
      detail:
        rows.length === 0
          ? 'ok'
          : rows
              .slice(0, MAX_LISTED)
              .map((r) => `${r.table} row ${String(r.rowid)}`)
              .join('; '),
    };
  });
}

function auditChain(db: Database, deviceId: string): DoctorCheck {
  return guarded('audit chain', () => {
    const verdict = verifyAuditChain(db, deviceId);
    return verdict.ok
      ? {
          name: 'audit chain',
          ok: true,
          detail: `${String(verdict.entries)} entries, head ${String(verdict.head.seq)}`,
        }
      : {
          name: 'audit chain',
          ok: false,
          detail: `broken at entry ${String(verdict.brokenAt)} (${verdict.problem}); entries after it cannot be trusted`,
        };
  });
}

function storedKeys(db: Database): DoctorCheck {
  return guarded('stored keys', () => {
    const bad: string[] = [];
    const staff = db.prepare('SELECT id, name, wrapped_dk FROM staff').all() as {
      id: string;
      name: string;
      wrapped_dk: string;
    }[];
    for (const row of staff) {
      try {
        parsePasswordWrappedKey(row.wrapped_dk);
      } catch {
        bad.push(`account ${row.name} (${row.id})`);
      }
    }
    const keyring = db.prepare('SELECT recovery_wrapped_dk FROM keyring').pluck().get() as string | undefined;
    if (staff.length > 0 && keyring === undefined) bad.push('recovery copy missing');
    if (keyring !== undefined) {
      try {
        parseKeyWrappedKey(keyring);
      } catch {
        bad.push('recovery copy');
      }
    }
    return {
      name: 'stored keys',
      ok: bad.length === 0,
      detail: bad.length === 0 ? `${String(staff.length)} accounts` : `damaged: ${bad.join(', ')}`,
    };
  });
}

function payloads(db: Database, records: SealedRecordStore): DoctorCheck {
  return guarded('sealed payloads', () => {
    let opened = 0;
    const broken: string[] = [];
    const rows = db
      .prepare(
        'SELECT record_id AS recordId, revision, sealed FROM record_revisions WHERE sealed IS NOT NULL ORDER BY record_id, revision',
      )
      .iterate() as IterableIterator<{ recordId: string; revision: number; sealed: Buffer }>;
    for (const row of rows) {
      try {
        records.open({ recordId: row.recordId, revision: row.revision }, row.sealed);
        opened++;
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        broken.push(`record ${row.recordId} revision ${String(row.revision)}`);
      }
    }
    const listed =
      broken.slice(0, MAX_LISTED).join('; ') +
      (broken.length > MAX_LISTED ? `; and ${String(broken.length - MAX_LISTED)} more` : '');
    return {
      name: 'sealed payloads',
      ok: broken.length === 0,
      detail:
        broken.length === 0 ? `${String(opened)} open` : `${String(broken.length)} do not open: ${listed}`,
    };
  });
}
