import { staffNameKey } from '../../../shared/domain/staff-account-rules.js';
import { decodeBase64Url } from '../crypto/bytes.js';
import { CryptoError } from '../crypto/crypto-error.js';
import { unwrapDataKeyForAccount, unwrapDataKeyWithRecoveryKey } from '../crypto/data-key.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { parseRecoveryKey, RecoveryKeyFormatError } from '../crypto/recovery-key.js';
import type { BoxKeyPair } from '../crypto/sealed-box.js';
import { readySodium } from '../crypto/sodium.js';
import { BackupError } from './backup-error.js';
import type { BackupHeader } from './backup-format.js';
import { unwrapBackupKeyWithDataKey, unwrapBackupKeyWithRecoveryKey } from './backup-keys.js';

/** What opens a backup: the kiosk's recovery key, or a maintainer of the backup and their password. */
export type RestoreCredentials = { recoveryKey: string } | { name: string; password: string };

/** The backup opened: DK and the backup key pair, and who opened it. */
export interface Unlocked {
  keys: KeyHandle;
  pair: BoxKeyPair;
  actorId: string | null;
  by: 'recovery_key' | 'maintainer';
}

const WRONG_RECOVERY =
  'This recovery key does not open this backup: it is the key of another kiosk (or the backup is damaged)';
const WRONG_PASSWORD =
  'The name or the password does not open this backup (it must be a maintainer of the backup)';

export async function unlock(header: BackupHeader, credentials: RestoreCredentials): Promise<Unlocked> {
  const publicKey = decodeBase64Url(header.publicKey);
  if (!publicKey) throw new BackupError('tampered', 'The backup header is damaged (public key)');
  let keys: KeyHandle;
  let by: Unlocked['by'];
  let actorId: string | null = null;
  let recovery: Uint8Array | null = null;
  try {
    if ('recoveryKey' in credentials) {
      try {
        recovery = parseRecoveryKey(credentials.recoveryKey);
      } catch (error) {
        if (error instanceof RecoveryKeyFormatError)
          throw new BackupError('recovery_key_format', error.message);
        throw error;
      }
      try {
        keys = unwrapDataKeyWithRecoveryKey(header.keys.recoveryWrappedDk, recovery, header.deviceId);
      } catch (error) {
        if (error instanceof CryptoError) throw new BackupError('wrong_credentials', WRONG_RECOVERY);
        throw error;
      }
      by = 'recovery_key';
    } else {
      const account = header.keys.maintainers.find((m) => m.nameKey === staffNameKey(credentials.name));
      if (!account) throw new BackupError('wrong_credentials', WRONG_PASSWORD);
      try {
        keys = await unwrapDataKeyForAccount(account.wrappedDk, credentials.password, account.id);
      } catch (error) {
        if (error instanceof CryptoError) throw new BackupError('wrong_credentials', WRONG_PASSWORD);
        throw error;
      }
      actorId = account.id;
      by = 'maintainer';
    }
    try {
      // DK opened: a backup secret key that does not open now means the header was altered
      const pair = unwrapBackupPair(header, publicKey, keys, recovery);
      keys.hold(pair.secretKey);
      return { keys, pair, actorId, by };
    } catch (error) {
      keys.wipe();
      if (error instanceof CryptoError || error instanceof TypeError) {
        throw new BackupError('tampered', 'The backup key block is damaged or was altered');
      }
      throw error;
    }
  } finally {
    if (recovery) readySodium().memzero(recovery);
  }
}

/**
 * The backup key pair: by the recovery copy when the recovery key was given (falling back to the
 * DK copy: a recovery copy made under an earlier recovery key no longer opens), else by DK.
 */
function unwrapBackupPair(
  header: BackupHeader,
  publicKey: Uint8Array,
  keys: KeyHandle,
  recovery: Uint8Array | null,
): BoxKeyPair {
  if (recovery && header.keys.recoveryWrappedSecretKey) {
    try {
      return unwrapBackupKeyWithRecoveryKey(header.keys.recoveryWrappedSecretKey, publicKey, recovery);
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
    }
  }
  return unwrapBackupKeyWithDataKey(header.keys.dkWrappedSecretKey, publicKey, keys);
}
