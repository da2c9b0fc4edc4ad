import { basename } from 'node:path';
import type { DeviceSettings } from '../../../shared/domain/device-settings.js';
import type {
  BackupDetails,
  BackupHealth,
  BackupProblem,
  BackupSettings,
  BackupStatus,
} from '../../../shared/ipc/backup-schemas.js';
import { BackupError, type BackupErrorCode } from '../backup/backup-error.js';
import { checkBackupFolder } from '../backup/backup-folder-check.js';
import type { BackupSchedule } from '../backup/backup-schedule.js';
import type { BackupService } from '../backup/backup-service.js';
import type { RestoreResult } from '../backup/restore-backup.js';
import { CoreError } from '../core-error.js';
import type { CoreServices } from '../core-services.js';
import type { Handlers } from '../dispatch.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type BackupMethods = 'backup.status' | 'backup.health' | 'backup.run' | 'backup.configure' | 'backup.restore';

const asProblem = (code: BackupErrorCode): BackupProblem => code;
/** the wire's problem list and the core's codes are one list: a code missing on either side fails to compile */
export const BACKUP_PROBLEMS_ARE_CODES: [BackupProblem] extends [BackupErrorCode] ? true : never = true;

/** The status with the warning the UI shows (R16: older than a day, or failed). */
export function backupStatusView(status: ReturnType<BackupService['status']>, now: number): BackupStatus {
  const { lastSuccess, lastFailure } = status;
  const warning =
    lastFailure && (!lastSuccess || lastFailure.at >= lastSuccess.at)
      ? 'failed'
      : !lastSuccess
        ? 'never'
        : now - lastSuccess.at > DAY_MS
          ? 'stale'
          : 'none';
  return { ...status, warning };
}

/** The header's warning: no folders, no file names. */
export function backupHealth(service: BackupService, settings: DeviceSettings, now: number): BackupHealth {
  const view = backupStatusView(service.status(), now);
  return {
    warning: view.warning,
    lastSuccessAt: view.lastSuccess?.at ?? null,
    configured: settings.backupFolder !== null,
  };
}

function settingsView(settings: DeviceSettings): BackupSettings {
  return { folder: settings.backupFolder, time: settings.backupTime, keepDays: settings.backupKeepDays };
}

function failed(error: unknown): { ok: false; problem: BackupProblem; detail: string } {
  if (error instanceof BackupError)
    return { ok: false, problem: asProblem(error.code), detail: error.message };
  throw error;
}

/** What the composition root lends the backup methods. */
export interface BackupWiring {
  /** the open store's service; null while the store is unavailable or being restored */
  service(): BackupService | null;
  schedule: BackupSchedule;
  /** writes device settings (the core reads them back through `services.settings()`) */
  writeSettings(values: Partial<DeviceSettings>): void;
  /** a restore into the running kiosk (live-restore.ts) */
  restore(request: { file: string; recoveryKey: string; actorId: string }): Promise<RestoreResult>;
  /** tells the screens the warning may have changed */
  changed(): void;
}

/**
 * Backups and restores (R16), the maintainer's: status, settings, on demand, restore. The daily run
 * itself is the core's timer's (backup-schedule.ts). Failures a maintainer acts on (a missing,
 * read-only or full folder, a truncated or foreign backup, a wrong recovery key) are answers, not
 * errors: `{ok:false, problem, detail}`, like sync's connection test.
 */
export function backupHandlers(services: CoreServices, wiring: BackupWiring): Pick<Handlers, BackupMethods> {
  const service = (): BackupService => {
    const found = wiring.service();
    if (!found) throw new CoreError('storage_unavailable', 'The kiosk cannot reach its data folder');
    return found;
  };
  return {
    'backup.status': (): BackupDetails => {
      const backups = service();
      return {
        ...backupStatusView(backups.status(), services.clock.now()),
        settings: settingsView(services.settings()),
        nextRunAt: wiring.schedule.nextRunAt(),
        running: wiring.schedule.running,
        lastRestore: backups.lastRestore(),
      };
    },
    'backup.health': () => backupHealth(service(), services.settings(), services.clock.now()),
    'backup.run': async (_input, { session }) => {
      service();
      const folder = services.settings().backupFolder;
      if (folder === null) {
        return { ok: false, problem: 'not_configured', detail: 'No backup folder is configured' } as const;
      }
      try {
        const result = await wiring.schedule.runNow(folder, session.staff.id);
        return {
          ok: true,
          folder,
          fileName: result.fileName,
          sizeBytes: result.sizeBytes,
          createdAt: result.createdAt,
          removed: result.removed.length,
        } as const;
      } catch (error) {
        return failed(error);
      }
    },
    'backup.configure': (input, { session, store }) => {
      if (input.folder !== null) {
        try {
          checkBackupFolder(input.folder);
        } catch (error) {
          return failed(error);
        }
      }
      const before = settingsView(services.settings());
      const changed = (['folder', 'time', 'keepDays'] as const).filter((key) => before[key] !== input[key]);
      wiring.writeSettings({
        backupFolder: input.folder,
        backupTime: input.time,
        backupKeepDays: input.keepDays,
      });
      // which settings changed, never their values (a folder path is not guest data, but the
      // audit log says what and who, and the settings file says the value)
      store.audit.append({
        actorId: session.staff.id,
        action: 'backup.configure',
        targetType: 'settings',
        targetId: 'backup',
        fields: changed,
      });
      wiring.changed();
      return { ok: true, settings: settingsView(services.settings()) } as const;
    },
    'backup.restore': async (input, ctx) => {
      const { session } = ctx;
      service();
      try {
        const result = await wiring.restore({
          file: input.file,
          recoveryKey: input.recoveryKey,
          actorId: session.staff.id,
        });
        return {
          ok: true,
          backupCreatedAt: result.createdAt,
          counts: {
            records: result.counts.records,
            payloadsOpened: result.counts.payloadsOpened,
            auditEntries: result.counts.auditEntries,
            staff: result.counts.staff,
          },
          keptAside: result.movedAside === null ? null : basename(result.movedAside),
        } as const;
      } catch (error) {
        const answer = failed(error);
        // a refused restore changed nothing but is worth knowing: someone tried (the store is
        // open again here, whatever the restore did: ctx.store is read now, not before)
        if (wiring.service()) {
          ctx.store.audit.append({
            actorId: session.staff.id,
            action: 'backup.restore',
            targetType: 'backup',
            targetId: basename(input.file),
            outcome: 'failed',
            reason: answer.problem,
          });
        }
        return answer;
      } finally {
        wiring.changed();
      }
    },
  };
}
