import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { passwordProblem, staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import type { SessionState } from '../../../shared/ipc/schemas.js';
import type { StaffRow } from '../accounts/staff-repository.js';
import { StaffRepository, staffView } from '../accounts/staff-repository.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import type { Argon2Params } from '../crypto/argon2-params.js';
import { CryptoError } from '../crypto/crypto-error.js';
import { unwrapDataKeyForAccount, wrapDataKeyForAccount } from '../crypto/data-key.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { wrapLabel, wrapWithPassword } from '../crypto/key-wrapping.js';
import { lockoutDelayMs } from './lockout-policy.js';
import type { SessionStore } from './session-store.js';

export type LockReason = 'manual' | 'idle';

const TIMING_LABEL = wrapLabel('dk', 'timing-equaliser');

export interface SessionManagerOptions {
  db: Database;
  audit: AuditLog;
  store: SessionStore;
  clock: Clock;
  idleLockMs: () => number;
  /** cheaper Argon2 for tests; production always uses the constants */
  argon2?: Argon2Params;
}

/**
 * Who is at the kiosk and the data key that comes with them. DK exists in memory only between
 * a successful sign-in (or unlock) and the next lock or sign-out, which wipe it. Every attempt,
 * failure, lock and unlock is audited.
 */
export class SessionManager {
  private keys: KeyHandle | null = null;
  private lastActivity = 0;
  readonly staff: StaffRepository;

  constructor(private readonly options: SessionManagerOptions) {
    this.staff = new StaffRepository(options.db);
  }

  get argon2(): Argon2Params | undefined {
    return this.options.argon2;
  }

  state(): SessionState {
    return this.options.store.view();
  }

  /** DK for the signed-in, unlocked person; refuses otherwise. */
  dataKeys(): KeyHandle {
    const session = this.options.store.get();
    if (!session) throw new CoreError('not_signed_in', 'Sign in first');
    if (session.locked || !this.keys) throw new CoreError('locked', 'The kiosk is locked');
    return this.keys;
  }

  /** Starts a session with a DK already in hand (first setup, recovery). */
  adopt(row: StaffRow, keys: KeyHandle): SessionState {
    this.endSession('switched');
    this.keys = keys;
    this.begin(row);
    return this.state();
  }

  async signIn(name: string, password: string): Promise<SessionState> {
    const row = this.staff.byNameKey(staffNameKey(name));
    if (!row) {
      // spend the same Argon2 time as a real attempt, so timing does not tell which names exist
      await wrapWithPassword(new Uint8Array(32), password, TIMING_LABEL, this.options.argon2);
      this.options.audit.append({
        actorId: null,
        action: 'session.sign_in',
        outcome: 'refused',
        reason: 'unknown_name',
      });
      throw new CoreError('wrong_credentials', 'The name or the password is wrong');
    }
    const keys = await this.verify(row, password, 'session.sign_in');
    this.endSession('switched');
    this.keys = keys;
    this.begin(row);
    return this.state();
  }

  async unlock(password: string): Promise<SessionState> {
    const session = this.options.store.get();
    if (!session) throw new CoreError('not_signed_in', 'Nobody is signed in');
    if (!session.locked) return this.state();
    const row = this.staff.byId(session.staff.id);
    if (!row) throw new CoreError('not_found', 'The account no longer exists');
    this.keys = await this.verify(row, password, 'session.unlock');
    this.lastActivity = this.options.clock.now();
    this.options.store.set({ ...session, locked: false });
    return this.state();
  }

  lock(reason: LockReason): SessionState {
    const session = this.options.store.get();
    if (!session || session.locked) return this.state();
    this.wipeKeys();
    this.options.audit.append({ actorId: session.staff.id, action: 'session.lock', reason });
    this.options.store.set({ ...session, locked: true });
    return this.state();
  }

  signOut(): SessionState {
    this.endSession('sign_out');
    return this.state();
  }

  async changePassword(current: string, next: string): Promise<SessionState> {
    const session = this.options.store.get();
    if (!session || session.locked) throw new CoreError('locked', 'The kiosk is locked');
    const row = this.staff.byId(session.staff.id);
    if (!row) throw new CoreError('not_found', 'The account no longer exists');
    const problem = passwordProblem(next, row.name);
    if (problem)
      throw new CoreError('invalid_input', 'The new password is not acceptable', { next: problem });
    if (next.normalize('NFC') === current.normalize('NFC')) {
      throw new CoreError('invalid_input', 'The new password must differ', {
        next: 'password.same_as_current',
      });
    }
    const check = await this.verify(row, current, 'session.change_password');
    check.wipe();
    const wrapped = await wrapDataKeyForAccount(this.dataKeys(), next, row.id, this.options.argon2);
    this.options.db.transaction(() => {
      this.staff.setWrappedKey(row.id, wrapped, false);
      this.options.audit.append({
        actorId: row.id,
        action: 'staff.password_changed',
        targetType: 'staff',
        targetId: row.id,
      });
    })();
    this.options.store.set({ ...session, mustChangePassword: false });
    return this.state();
  }

  noteActivity(): void {
    this.lastActivity = this.options.clock.now();
  }

  /** Locks when nobody has touched the kiosk for the idle setting; called by a timer. */
  checkIdle(): void {
    const session = this.options.store.get();
    if (!session || session.locked) return;
    if (this.options.clock.now() - this.lastActivity >= this.options.idleLockMs()) this.lock('idle');
  }

  /** The signed-in account was changed by someone else (disabled, deleted): end its session. */
  refreshFromStore(): void {
    const session = this.options.store.get();
    if (!session) return;
    const row = this.staff.byId(session.staff.id);
    if (!row || row.disabled_at !== null) {
      this.endSession('account_disabled');
      return;
    }
    this.options.store.set({ ...session, staff: staffView(row) });
  }

  close(): void {
    this.wipeKeys();
  }

  private begin(row: StaffRow): void {
    this.lastActivity = this.options.clock.now();
    this.options.store.set({
      staff: staffView(row),
      locked: false,
      mustChangePassword: row.must_change_password === 1,
    });
  }

  private endSession(reason: 'sign_out' | 'switched' | 'account_disabled'): void {
    const session = this.options.store.get();
    this.wipeKeys();
    if (!session) return;
    this.options.audit.append({ actorId: session.staff.id, action: 'session.sign_out', reason });
    this.options.store.set(null);
  }

  private wipeKeys(): void {
    this.keys?.wipe();
    this.keys = null;
  }

  /** The password is right when it unwraps this account's DK; failures count toward lockout. */
  private async verify(row: StaffRow, password: string, action: string): Promise<KeyHandle> {
    const now = this.options.clock.now();
    if (row.disabled_at !== null) {
      this.options.audit.append({ actorId: row.id, action, outcome: 'refused', reason: 'disabled' });
      throw new CoreError('account_disabled', 'This account is disabled');
    }
    if (row.locked_until !== null && row.locked_until > now) {
      this.options.audit.append({ actorId: row.id, action, outcome: 'refused', reason: 'locked_out' });
      throw lockedOut(row.locked_until);
    }
    try {
      const keys = await unwrapDataKeyForAccount(row.wrapped_dk, password, row.id);
      this.options.db.transaction(() => {
        if (row.failed_attempts > 0 || row.locked_until !== null) this.staff.setFailures(row.id, 0, null);
        this.options.audit.append({ actorId: row.id, action });
      })();
      return keys;
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      const failures = row.failed_attempts + 1;
      const delay = lockoutDelayMs(failures);
      const until = delay > 0 ? this.options.clock.now() + delay : null;
      this.options.db.transaction(() => {
        this.staff.setFailures(row.id, failures, until);
        this.options.audit.append({
          actorId: row.id,
          action,
          outcome: 'refused',
          reason:
            error.code === 'key_format'
              ? 'damaged_key'
              : until
                ? 'wrong_password_locked_out'
                : 'wrong_password',
        });
      })();
      if (error.code === 'key_format') {
        throw new CoreError(
          'internal',
          'This account’s key is damaged; a maintainer must reset its password',
        );
      }
      if (until) throw lockedOut(until);
      throw new CoreError('wrong_credentials', 'The name or the password is wrong');
    }
  }
}

function lockedOut(until: number): CoreError {
  return new CoreError('account_locked_out', 'Too many wrong passwords; try again later', undefined, until);
}

export function newStaffId(): string {
  return randomUUID();
}
