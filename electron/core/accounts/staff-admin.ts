import type { Database } from 'better-sqlite3';
import { passwordProblem, staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import type { Role } from '../../../shared/domain/roles.js';
import type { StaffAccount } from '../../../shared/ipc/schemas.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { wrapDataKeyForAccount } from '../crypto/data-key.js';
import type { ActiveSession } from '../session/session-store.js';
import { newStaffId, type SessionManager } from '../session/session-manager.js';
import type { StaffRow } from './staff-repository.js';

export function staffAccount(row: StaffRow, now: number): StaffAccount {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    certified: row.certified_at !== null,
    certifiedAt: row.certified_at,
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

/**
 * Account administration: the maintainer creates, disables and resets; a manager certifies
 * (R6). Resetting a password re-wraps DK, so it needs the maintainer's own unlocked session.
 */
export class StaffAdmin {
  constructor(
    private readonly db: Database,
    private readonly sessions: SessionManager,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(): StaffAccount[] {
    const now = this.clock.now();
    return this.sessions.staff.list().map((row) => staffAccount(row, now));
  }

  async create(
    actor: ActiveSession,
    name: string,
    role: Role,
    password: string,
    options: { mustChangePassword?: boolean } = {},
  ): Promise<StaffAccount> {
    const nameKey = staffNameKey(name);
    this.assertNameFree(nameKey);
    const problem = passwordProblem(password, name);
    if (problem)
      throw new CoreError('invalid_input', 'The password is not acceptable', { password: problem });
    const id = newStaffId();
    return this.sessions.withDataKey(
      (keys) => wrapDataKeyForAccount(keys, password, id, this.sessions.argon2),
      (wrapped) =>
        this.insert(actor, {
          id,
          name,
          nameKey,
          role,
          wrapped,
          mustChange: options.mustChangePassword !== false,
        }),
    );
  }

  private insert(
    actor: ActiveSession,
    account: { id: string; name: string; nameKey: string; role: Role; wrapped: string; mustChange: boolean },
  ): StaffAccount {
    const { id, name, nameKey, role, wrapped } = account;
    // the name may have been taken while the password was being stretched
    this.assertNameFree(nameKey);
    const now = this.clock.now();
    const row: StaffRow = {
      id,
      name,
      name_key: nameKey,
      role,
      wrapped_dk: wrapped,
      // a password someone else chose is replaced at first sign-in (R23: never shared)
      must_change_password: account.mustChange ? 1 : 0,
      certified_at: null,
      certified_by: null,
      disabled_at: null,
      failed_attempts: 0,
      locked_until: null,
      created_at: now,
      created_by: actor.staff.id,
    };
    this.db.transaction(() => {
      this.sessions.staff.insert(row);
      this.audit.append({
        actorId: actor.staff.id,
        action: 'staff.create',
        targetType: 'staff',
        targetId: id,
        fields: ['name', 'role'],
      });
    })();
    return staffAccount(row, now);
  }

  setDisabled(actor: ActiveSession, id: string, disabled: boolean): StaffAccount {
    const row = this.require(id);
    if (disabled && id === actor.staff.id) {
      throw new CoreError('conflict', 'You cannot disable your own account', { id: 'self' });
    }
    this.db.transaction(() => {
      this.sessions.staff.setDisabled(id, disabled ? this.clock.now() : null);
      this.audit.append({
        actorId: actor.staff.id,
        action: disabled ? 'staff.disable' : 'staff.enable',
        targetType: 'staff',
        targetId: id,
      });
    })();
    return staffAccount(this.require(row.id), this.clock.now());
  }

  async resetPassword(actor: ActiveSession, id: string, password: string): Promise<StaffAccount> {
    const row = this.require(id);
    const problem = passwordProblem(password, row.name);
    if (problem)
      throw new CoreError('invalid_input', 'The password is not acceptable', { password: problem });
    return this.sessions.withDataKey(
      (keys) => wrapDataKeyForAccount(keys, password, id, this.sessions.argon2),
      (wrapped) => {
        this.db.transaction(() => {
          this.sessions.staff.setWrappedKey(id, wrapped, true);
          this.audit.append({
            actorId: actor.staff.id,
            action: 'staff.reset_password',
            targetType: 'staff',
            targetId: id,
          });
        })();
        return staffAccount(this.require(id), this.clock.now());
      },
    );
  }

  certify(actor: ActiveSession, id: string, certified: boolean): StaffAccount {
    const row = this.require(id);
    if (id === actor.staff.id) {
      throw new CoreError('conflict', 'Nobody certifies themselves', { id: 'self' });
    }
    // the maintainer never sees a guest; every other role's guest data opens with the certificate
    if (row.role === 'maintainer') {
      throw new CoreError('conflict', 'The maintainer is not certified for guest data', {
        id: 'not_desk_role',
      });
    }
    this.db.transaction(() => {
      this.sessions.staff.setCertified(
        id,
        certified ? this.clock.now() : null,
        certified ? actor.staff.id : null,
      );
      this.audit.append({
        actorId: actor.staff.id,
        action: certified ? 'staff.certify' : 'staff.uncertify',
        targetType: 'staff',
        targetId: id,
      });
    })();
    return staffAccount(this.require(id), this.clock.now());
  }

  private assertNameFree(nameKey: string): void {
    if (this.sessions.staff.byNameKey(nameKey)) {
      throw new CoreError('conflict', 'An account with this name exists', { name: 'name_taken' });
    }
  }

  private require(id: string): StaffRow {
    const row = this.sessions.staff.byId(id);
    if (!row) throw new CoreError('not_found', 'No such account', { id: 'not_found' });
    return row;
  }
}
