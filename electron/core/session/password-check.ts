import type { Database } from 'better-sqlite3';
import type { StaffRepository, StaffRow } from '../accounts/staff-repository.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import { CryptoError } from '../crypto/crypto-error.js';
import { unwrapDataKeyForAccount } from '../crypto/data-key.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { lockoutDelayMs } from './lockout-policy.js';

/**
 * How a wrong password counts: toward the account's lockout (sign-in, password change), or
 * only toward the locked session's own limit (the lock screen, where a colleague who types
 * their own password over someone else's session must not lock that person out for an hour).
 */
export type FailureCount = 'account' | 'session';

export interface PasswordCheckDeps {
  db: Database;
  staff: StaffRepository;
  audit: AuditLog;
  clock: Clock;
}

/**
 * The password is right when it unwraps this account's DK. An account-counted attempt is
 * counted BEFORE the slow Argon2 check, in the same transaction that reads the lockout, so
 * parallel tries all see each other's count and none slips past the lockout while another
 * is still stretching; a success clears the count again.
 */
export async function checkPassword(
  deps: PasswordCheckDeps,
  accountId: string,
  password: string,
  action: string,
  count: FailureCount,
): Promise<KeyHandle> {
  const { db, staff, audit, clock } = deps;
  // a refusal is audited outside the transaction: a throw inside it would roll the entry back
  const verdict = db.transaction((): StaffRow | 'disabled' | { lockedUntil: number } => {
    const fresh = staff.byId(accountId);
    if (!fresh) throw new CoreError('not_found', 'The account no longer exists');
    const now = clock.now();
    if (fresh.disabled_at !== null) return 'disabled';
    if (fresh.locked_until !== null && fresh.locked_until > now) return { lockedUntil: fresh.locked_until };
    if (count === 'account') {
      const failures = fresh.failed_attempts + 1;
      const delay = lockoutDelayMs(failures);
      staff.setFailures(fresh.id, failures, delay > 0 ? now + delay : null);
    }
    return fresh;
  })();
  if (verdict === 'disabled') {
    audit.append({ actorId: accountId, action, outcome: 'refused', reason: 'disabled' });
    throw new CoreError('account_disabled', 'This account is disabled');
  }
  if ('lockedUntil' in verdict) {
    audit.append({ actorId: accountId, action, outcome: 'refused', reason: 'locked_out' });
    throw lockedOut(verdict.lockedUntil);
  }
  const row = verdict;
  try {
    const keys = await unwrapDataKeyForAccount(row.wrapped_dk, password, row.id);
    db.transaction(() => {
      if (count === 'account') staff.setFailures(row.id, 0, null);
      audit.append({ actorId: row.id, action });
    })();
    return keys;
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    const until = count === 'account' ? (staff.byId(row.id)?.locked_until ?? null) : null;
    audit.append({
      actorId: row.id,
      action,
      outcome: 'refused',
      reason:
        error.code === 'key_format' ? 'damaged_key' : until ? 'wrong_password_locked_out' : 'wrong_password',
    });
    if (error.code === 'key_format') {
      throw new CoreError('internal', 'This account’s key is damaged; a maintainer must reset its password');
    }
    if (until) throw lockedOut(until);
    throw new CoreError('wrong_credentials', 'The name or the password is wrong');
  }
}

export function lockedOut(until: number): CoreError {
  return new CoreError('account_locked_out', 'Too many wrong passwords; try again later', undefined, until);
}
