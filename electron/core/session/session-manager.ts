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
import { wrapDataKeyForAccount } from '../crypto/data-key.js';
import { KeyHandle } from '../crypto/key-handle.js';
import { wrapLabel, wrapWithPassword } from '../crypto/key-wrapping.js';
import { FREE_ATTEMPTS } from './lockout-policy.js';
import { checkPassword, type FailureCount } from './password-check.js';
import type { SessionStore } from './session-store.js';

export type LockReason = 'manual' | 'idle';

const TIMING_LABEL = wrapLabel('dk', 'timing-equaliser');

/** Wrong passwords at one lock screen before the session ends and the sign-in screen returns. */
const UNLOCK_ATTEMPTS = FREE_ATTEMPTS + 1;

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
 *
 * Changes that wait for Argon2 (sign-in, unlock, password change, wrapping DK for an account)
 * run one at a time through `queued`. Lock and sign-out do not wait in that queue: a guest at
 * the desk must not see the screen stay open for half a second because someone is signing in.
 * They bump `epoch` instead, and every queued change re-checks it after each await, so a lock or
 * sign-out that lands during the wait is never undone by what finishes afterwards.
 */
export class SessionManager {
  private keys: KeyHandle | null = null;
  private lastActivity = 0;
  private epoch = 0;
  private unlockFailures = 0;
  private tail: Promise<unknown> = Promise.resolve();
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

  /** Runs `work` after every session change queued before it has settled. */
  queued<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * A change that needs DK across an Argon2 wait (wrapping it for an account): `prepare` gets a
   * copy of DK made before the wait, wiped after it, so a lock cannot zero what is being wrapped;
   * `commit` runs in the same turn as the check that the session is still the one that started,
   * unlocked. Otherwise nothing is written and the call is refused as locked.
   */
  withDataKey<T, R>(prepare: (keys: KeyHandle) => Promise<T>, commit: (prepared: T) => R): Promise<R> {
    return this.queued(async () => {
      const epoch = this.epoch;
      const copy = this.copyOfDataKey();
      let prepared: T;
      try {
        prepared = await prepare(copy);
      } finally {
        copy.wipe();
      }
      this.assertUnchanged(epoch);
      this.dataKeys();
      return commit(prepared);
    });
  }

  /** Starts a session with a DK already in hand (first setup, recovery). */
  adopt(row: StaffRow, keys: KeyHandle): SessionState {
    this.endSession('switched');
    this.keys = keys;
    this.begin(row);
    return this.state();
  }

  signIn(name: string, password: string): Promise<SessionState> {
    return this.queued(async () => {
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
      const keys = await this.check(row.id, password, 'session.sign_in', 'account');
      // whatever happened meanwhile, the person who typed the password is the one signed in
      const fresh = this.staff.byId(row.id) ?? row;
      this.endSession('switched');
      this.keys = keys;
      this.begin(fresh);
      return this.state();
    });
  }

  unlock(password: string): Promise<SessionState> {
    return this.queued(async () => {
      const session = this.options.store.get();
      if (!session) throw new CoreError('not_signed_in', 'Nobody is signed in');
      if (!session.locked) return this.state();
      const epoch = this.epoch;
      // counted before the slow check, so parallel guesses cannot outrun the limit
      this.unlockFailures += 1;
      let keys: KeyHandle;
      try {
        keys = await this.check(session.staff.id, password, 'session.unlock', 'session');
      } catch (error) {
        if (this.epoch === epoch && this.unlockFailures >= UNLOCK_ATTEMPTS)
          this.endSession('unlock_attempts');
        throw error;
      }
      if (this.epoch !== epoch) {
        keys.wipe();
        throw changedMeanwhile();
      }
      this.unlockFailures = 0;
      this.keys = keys;
      this.lastActivity = this.options.clock.now();
      this.epoch += 1;
      this.options.store.set({ ...session, locked: false });
      return this.state();
    });
  }

  lock(reason: LockReason): SessionState {
    const session = this.options.store.get();
    if (!session || session.locked) return this.state();
    this.epoch += 1;
    this.unlockFailures = 0;
    this.wipeKeys();
    this.options.audit.append({ actorId: session.staff.id, action: 'session.lock', reason });
    this.options.store.set({ ...session, locked: true });
    return this.state();
  }

  signOut(): SessionState {
    this.endSession('sign_out');
    return this.state();
  }

  changePassword(current: string, next: string): Promise<SessionState> {
    return this.queued(async () => {
      const session = this.options.store.get();
      if (!session || session.locked) throw new CoreError('locked', 'The kiosk is locked');
      const epoch = this.epoch;
      const row = this.staff.byId(session.staff.id);
      if (!row) throw new CoreError('not_found', 'The account no longer exists');
      const problem = passwordProblem(next, row.name);
      if (problem)
        throw new CoreError('invalid_input', 'The new password is not acceptable', { next: problem });
      if (next.normalize('NFC') === current.normalize('NFC')) {
        throw new CoreError('invalid_input', 'The new password must differ', { next: 'same_as_current' });
      }
      const check = await this.check(row.id, current, 'session.change_password', 'account');
      check.wipe();
      this.assertUnchanged(epoch);
      const copy = this.copyOfDataKey();
      let wrapped: string;
      try {
        wrapped = await wrapDataKeyForAccount(copy, next, row.id, this.options.argon2);
      } finally {
        copy.wipe();
      }
      this.assertUnchanged(epoch);
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
    });
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
    this.epoch += 1;
    this.wipeKeys();
  }

  private begin(row: StaffRow): void {
    this.epoch += 1;
    this.unlockFailures = 0;
    this.lastActivity = this.options.clock.now();
    this.options.store.set({
      staff: staffView(row),
      locked: false,
      mustChangePassword: row.must_change_password === 1,
    });
  }

  private endSession(reason: 'sign_out' | 'switched' | 'account_disabled' | 'unlock_attempts'): void {
    const session = this.options.store.get();
    this.epoch += 1;
    this.unlockFailures = 0;
    this.wipeKeys();
    if (!session) return;
    this.options.audit.append({ actorId: session.staff.id, action: 'session.sign_out', reason });
    this.options.store.set(null);
  }

  private wipeKeys(): void {
    this.keys?.wipe();
    this.keys = null;
  }

  /** A handle of its own over a copy of DK, which a lock of the session's handle cannot zero. */
  private copyOfDataKey(): KeyHandle {
    return KeyHandle.adopt(Uint8Array.from(this.dataKeys().dataKey()));
  }

  private assertUnchanged(epoch: number): void {
    if (this.epoch !== epoch) throw changedMeanwhile();
  }

  private check(
    accountId: string,
    password: string,
    action: string,
    count: FailureCount,
  ): Promise<KeyHandle> {
    const { db, audit, clock } = this.options;
    return checkPassword({ db, staff: this.staff, audit, clock }, accountId, password, action, count);
  }
}

/** The kiosk was locked, signed out or switched during the wait: nothing of the change is kept. */
function changedMeanwhile(): CoreError {
  return new CoreError('locked', 'The kiosk was locked or changed hands while this was in progress');
}

export function newStaffId(): string {
  return randomUUID();
}
