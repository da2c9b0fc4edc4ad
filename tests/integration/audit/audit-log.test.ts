import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, verifyAuditChain } from '../../../electron/core/audit/audit-log.js';
import { migrate } from '../../../electron/core/db/migrate.js';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let db: Database.Database;
let t = 1_000;
const now = () => t++;

beforeEach(() => {
  dir = tempDir();
  db = new Database(join(dir.path, 'snowdesk.db'));
  migrate(db, MIGRATIONS, now);
});

afterEach(() => {
  db.close();
  dir.remove();
});

function fill(log: AuditLog, n: number): void {
  for (let i = 0; i < n; i++) {
    log.append({
      actorId: `staff-${i % 3}`,
      action: 'record.update',
      targetType: 'record',
      targetId: `r${i}`,
      fields: ['phone', 'name'],
    });
  }
}

/** Bypasses the append-only triggers the way someone editing the file would. */
function tamper(sql: string, ...params: unknown[]): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...params);
}

describe('the audit log', () => {
  it('chains entries and verifies an untouched log', () => {
    const log = new AuditLog(db, 'device-a', now);
    fill(log, 50);
    const verdict = log.verify();
    expect(verdict).toMatchObject({ ok: true, entries: 50, head: { seq: 50 } });
    expect(log.head()).toEqual(verdict.ok ? verdict.head : null);
  });

  it('records field names sorted and never values', () => {
    const log = new AuditLog(db, 'device-a', now);
    const entry = log.append({
      actorId: 's1',
      action: 'record.update',
      targetId: 'r1',
      fields: ['phone', 'address'],
    });
    expect(entry.fields).toEqual(['address', 'phone']);
    expect(Object.keys(entry)).not.toContain('value');
  });

  it('does not verify under another device id (a log copied from another kiosk)', () => {
    fill(new AuditLog(db, 'device-a', now), 3);
    expect(verifyAuditChain(db, 'device-b')).toMatchObject({ ok: false, brokenAt: 1, problem: 'prev_hash' });
  });

  it.each([
    ['an edited action', "UPDATE audit_log SET action = 'record.view' WHERE seq = 17", 17, 'hash'],
    ['an edited actor', "UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 30", 30, 'hash'],
    ['an edited time', 'UPDATE audit_log SET at = at + 1 WHERE seq = 5', 5, 'hash'],
    ['a deleted entry', 'DELETE FROM audit_log WHERE seq = 20', 20, 'gap'],
    [
      'a deleted tail is not detectable locally, the head is',
      'DELETE FROM audit_log WHERE seq > 45',
      null,
      null,
    ],
  ])('names the first broken link after %s', (_label, sql, brokenAt, problem) => {
    const log = new AuditLog(db, 'device-a', now);
    fill(log, 50);
    tamper(sql);
    const verdict = log.verify();
    if (brokenAt === null) {
      // truncation keeps a valid chain: that is why the head travels to the central system
      expect(verdict).toMatchObject({ ok: true, head: { seq: 45 } });
    } else {
      expect(verdict).toMatchObject({ ok: false, brokenAt, problem });
    }
  });

  it('detects a rewritten entry whose own hash was recomputed, at the next link', () => {
    const log = new AuditLog(db, 'device-a', now);
    fill(log, 10);
    tamper("UPDATE audit_log SET action = 'forged', hash = randomblob(32) WHERE seq = 4");
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 4, problem: 'hash' });
  });

  it('appends inside the caller transaction and rolls back with it', () => {
    const log = new AuditLog(db, 'device-a', now);
    fill(log, 2);
    expect(() =>
      db.transaction(() => {
        log.append({ actorId: 's', action: 'record.create', targetId: 'r9' });
        throw new Error('the record write failed');
      })(),
    ).toThrow('the record write failed');
    expect(log.head()?.seq).toBe(2);
    expect(log.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('two connections on one file (kiosk and CLI) keep one chain', () => {
    const other = new Database(join(dir.path, 'snowdesk.db'));
    const a = new AuditLog(db, 'device-a', now);
    const b = new AuditLog(other, 'device-a', now);
    for (let i = 0; i < 20; i++) (i % 2 ? a : b).append({ actorId: 'x', action: `step-${i}` });
    other.close();
    expect(a.verify()).toMatchObject({ ok: true, entries: 20 });
  });
});
