import type { Database } from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { passwordProblem, staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import type { AuditLog } from '../audit/audit-log.js';
import { addRecoveryCopy, createBackupKeys, replaceRecoveryCopy } from '../backup/backup-keys.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { CryptoError } from '../crypto/crypto-error.js';
import {
  generateDataKey,
  unwrapDataKeyForAccount,
  unwrapDataKeyWithRecoveryKey,
  wrapDataKeyForAccount,
  wrapDataKeyForRecovery,
} from '../crypto/data-key.js';
import { KeyHandle } from '../crypto/key-handle.js';
import {
  formatRecoveryKey,
  generateRecoveryKey,
  parseRecoveryKey,
  RecoveryKeyFormatError,
} from '../crypto/recovery-key.js';
import { readySodium } from '../crypto/sodium.js';
import { newStaffId, type SessionManager } from '../session/session-manager.js';
import type { SessionState } from '../../../shared/ipc/schemas.js';
import { KeyringRepository } from './keyring-repository.js';
import type { StaffRow } from './staff-repository.js';

/** How many groups of the recovery key a person re-types to show it was written down. */
const CONFIRM_GROUPS = 2;

export interface FirstSetupResult {
  recoveryKey: string;
  confirmGroups: number[];
  session: SessionState;
}

/**
 * The kiosk's first run, with both people present: the maintainer and the first manager, each
 * typing their own password. The data key is made and wrapped for both and by a recovery key
 * shown exactly once, for the resort to keep. The first manager is certified by this act (nobody
 * else could ever certify them: nobody certifies themselves), and the audit log says so. The
 * recovery key is also the way back when every password is lost: it sets a new password for a
 * maintainer account.
 */
export class FirstSetup {
  private readonly keyring: KeyringRepository;
  /** the shown recovery key, kept only until it is confirmed, locked away or signed out */
  private pending: { staffId: string; groups: string[]; ask: number[] } | null = null;

  constructor(
    private readonly db: Database,
    private readonly sessions: SessionManager,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly deviceId: string,
  ) {
    this.keyring = new KeyringRepository(db);
  }

  required(): boolean {
    return this.sessions.staff.count() === 0;
  }

  recoveryConfirmed(): boolean {
    return this.keyring.get()?.recovery_confirmed_at != null;
  }

  async create(
    name: string,
    password: string,
    manager: { name: string; password: string },
  ): Promise<FirstSetupResult> {
    if (!this.required()) throw new CoreError('conflict', 'This kiosk is already set up');
    const problem = passwordProblem(password, name);
    if (problem)
      throw new CoreError('invalid_input', 'The password is not acceptable', { password: problem });
    const managerProblem = passwordProblem(manager.password, manager.name);
    if (managerProblem) {
      throw new CoreError('invalid_input', 'The password is not acceptable', {
        'manager.password': managerProblem,
      });
    }
    if (staffNameKey(manager.name) === staffNameKey(name)) {
      throw new CoreError('invalid_input', 'Two people, two names', { 'manager.name': 'name_taken' });
    }
    if (manager.password.normalize('NFC') === password.normalize('NFC')) {
      // each person types their own: one password for both would be a shared password (R23)
      throw new CoreError('invalid_input', 'Each person chooses their own password', {
        'manager.password': 'same_as_current',
      });
    }

    const keys = KeyHandle.adopt(generateDataKey());
    const recovery = generateRecoveryKey();
    try {
      const id = newStaffId();
      const recoveryWrapped = wrapDataKeyForRecovery(keys, recovery, this.deviceId);
      const managerId = newStaffId();
      const wrapped = await wrapDataKeyForAccount(keys, password, id, this.sessions.argon2);
      const managerWrapped = await wrapDataKeyForAccount(
        keys,
        manager.password,
        managerId,
        this.sessions.argon2,
      );
      const now = this.clock.now();
      const row = setupAccount({ id, name, role: 'maintainer', wrapped, now });
      const managerRow: StaffRow = {
        ...setupAccount({ id: managerId, name: manager.name, role: 'manager', wrapped: managerWrapped, now }),
        certified_at: now,
        certified_by: id,
      };
      this.db.transaction(() => {
        // a second window racing through setup must not create a second data key
        if (this.sessions.staff.count() > 0) throw new CoreError('conflict', 'This kiosk is already set up');
        this.keyring.create(recoveryWrapped, now);
        // the backup key pair, wrapped by DK and by the recovery key (migration 0007)
        createBackupKeys(this.db, keys, recovery, now);
        this.sessions.staff.insert(row);
        this.sessions.staff.insert(managerRow);
        this.audit.append({ actorId: id, action: 'setup.create', targetType: 'staff', targetId: id });
        this.audit.append({
          actorId: id,
          action: 'setup.first_manager_certified',
          targetType: 'staff',
          targetId: managerId,
        });
      })();
      const formatted = formatRecoveryKey(recovery);
      const groups = formatted.split('-');
      const ask = pickGroups(groups.length);
      this.pending = { staffId: id, groups, ask };
      const session = this.sessions.adopt(row, keys);
      return { recoveryKey: formatted, confirmGroups: ask, session };
    } catch (error) {
      keys.wipe();
      throw error;
    } finally {
      readySodium().memzero(recovery);
    }
  }

  /** The person re-types the asked groups (1-based) of the key they wrote down. */
  confirmRecoveryKey(staffId: string, typed: Record<string, string>): void {
    const pending = this.pending;
    if (!pending || pending.staffId !== staffId) {
      throw new CoreError('conflict', 'There is no recovery key waiting for confirmation');
    }
    const fields: Record<string, string> = {};
    for (const index of pending.ask) {
      const want = pending.groups[index - 1] ?? '';
      const got = (typed[String(index)] ?? '').replace(/[\s-]/g, '').toUpperCase();
      if (got !== want) fields[String(index)] = 'mismatch';
    }
    if (Object.keys(fields).length > 0) {
      throw new CoreError('invalid_input', 'The typed groups do not match the recovery key', fields);
    }
    this.db.transaction(() => {
      this.keyring.confirmRecovery(this.clock.now());
      this.audit.append({ actorId: staffId, action: 'setup.recovery_key_confirmed' });
    })();
    this.pending = null;
  }

  /**
   * A new recovery key replaces the old one (lost, never confirmed, or shown to the wrong
   * person). The maintainer re-enters their password: a recovery key is worth the whole store,
   * so an unattended unlocked kiosk must not be enough to mint one.
   */
  async reissueRecoveryKey(staffId: string, password: string): Promise<FirstSetupResult> {
    const row = this.sessions.staff.byId(staffId);
    if (!row) throw new CoreError('not_found', 'No such account');
    const check = await unwrapDataKeyForAccount(row.wrapped_dk, password, row.id).catch((error: unknown) => {
      if (error instanceof CryptoError) {
        this.audit.append({
          actorId: staffId,
          action: 'setup.recovery_key_reissued',
          outcome: 'refused',
          reason: 'wrong_password',
        });
        throw new CoreError('wrong_credentials', 'The password is wrong');
      }
      throw error;
    });
    check.wipe();
    const recovery = generateRecoveryKey();
    try {
      const wrapped = wrapDataKeyForRecovery(this.sessions.dataKeys(), recovery, this.deviceId);
      this.db.transaction(() => {
        this.keyring.replaceRecovery(wrapped);
        // the recovery copy of the backup secret key follows the new recovery key
        replaceRecoveryCopy(this.db, this.sessions.dataKeys(), recovery, this.clock.now());
        this.audit.append({ actorId: staffId, action: 'setup.recovery_key_reissued' });
      })();
      const formatted = formatRecoveryKey(recovery);
      const groups = formatted.split('-');
      const ask = pickGroups(groups.length);
      this.pending = { staffId, groups, ask };
      return { recoveryKey: formatted, confirmGroups: ask, session: this.sessions.state() };
    } finally {
      readySodium().memzero(recovery);
    }
  }

  /** Drops the shown key from memory (lock, sign-out). */
  forgetPending(): void {
    this.pending = null;
  }

  /**
   * Every password lost: the recovery key sets a new password for a maintainer account and
   * signs that maintainer in.
   */
  async recover(recoveryText: string, name: string, newPassword: string): Promise<SessionState> {
    const stored = this.keyring.get();
    if (!stored) throw new CoreError('conflict', 'This kiosk is not set up yet');
    let recovery: Uint8Array;
    try {
      recovery = parseRecoveryKey(recoveryText);
    } catch (error) {
      if (error instanceof RecoveryKeyFormatError) {
        throw new CoreError('invalid_input', error.message, { recoveryKey: error.problem });
      }
      throw error;
    }
    let keys: KeyHandle;
    try {
      keys = unwrapDataKeyWithRecoveryKey(stored.recovery_wrapped_dk, recovery, this.deviceId);
      // a backup key pair made without the recovery key (a store older than 0007) gets its copy
      // now; best effort: the recovery itself must not fail because of it
      try {
        if (addRecoveryCopy(this.db, keys, recovery, this.clock.now())) {
          this.audit.append({ actorId: null, action: 'backup.key_recovery_copy_added' });
        }
      } catch {
        // the next recovery tries again; restores still work through the recovery copy of DK
      }
    } catch (error) {
      if (error instanceof CryptoError) {
        this.audit.append({
          actorId: null,
          action: 'recovery.reset_password',
          outcome: 'refused',
          reason: 'wrong_recovery_key',
        });
        throw new CoreError('wrong_recovery_key', 'This is not the recovery key of this kiosk');
      }
      throw error;
    } finally {
      readySodium().memzero(recovery);
    }
    try {
      const row = this.sessions.staff.byNameKey(staffNameKey(name));
      if (row?.role !== 'maintainer') {
        throw new CoreError('not_found', 'No maintainer account has this name', { name: 'not_maintainer' });
      }
      const problem = passwordProblem(newPassword, row.name);
      if (problem)
        throw new CoreError('invalid_input', 'The password is not acceptable', { newPassword: problem });
      const wrapped = await wrapDataKeyForAccount(keys, newPassword, row.id, this.sessions.argon2);
      this.db.transaction(() => {
        this.sessions.staff.setWrappedKey(row.id, wrapped, false);
        this.sessions.staff.setDisabled(row.id, null);
        this.audit.append({
          actorId: row.id,
          action: 'recovery.reset_password',
          targetType: 'staff',
          targetId: row.id,
        });
      })();
      const fresh = this.sessions.staff.byId(row.id);
      if (!fresh) throw new CoreError('not_found', 'The account vanished');
      return this.sessions.adopt(fresh, keys);
    } catch (error) {
      keys.wipe();
      throw error;
    }
  }
}

function setupAccount(account: {
  id: string;
  name: string;
  role: 'maintainer' | 'manager';
  wrapped: string;
  now: number;
}): StaffRow {
  return {
    id: account.id,
    name: account.name,
    name_key: staffNameKey(account.name),
    role: account.role,
    wrapped_dk: account.wrapped,
    // each typed their own password at setup: nothing to change at first sign-in
    must_change_password: 0,
    certified_at: null,
    certified_by: null,
    disabled_at: null,
    failed_attempts: 0,
    locked_until: null,
    created_at: account.now,
    created_by: null,
  };
}

function pickGroups(count: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(CONFIRM_GROUPS, count)) picked.add(randomInt(1, count + 1));
  return [...picked].sort((a, b) => a - b);
}
