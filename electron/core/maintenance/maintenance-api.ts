import type { StorageState } from '../../../shared/ipc/schemas.js';
import { CoreError } from '../core-error.js';
import type { Clock } from '../clock.js';
import type { StoreServices } from '../core-services.js';
import { seedDemo, type SeedSummary } from '../demo/demo-seed.js';
import { checkPermission } from '../permission-check.js';
import { DEVICE_BINDING_KEY } from '../db/device-binding.js';
import { SealedRecordStore } from '../records/sealed-record-store.js';
import type { SettingsSource } from '../settings-source.js';
import type { ActiveSession, SessionStore } from '../session/session-store.js';
import { runDoctor, type DoctorReport } from './doctor.js';
import { CSV_LINE_END, csvLine } from '../csv.js';
import { GUEST_CSV_COLUMNS, guestCsvRow } from './guest-csv.js';

/**
 * What the maintainer CLI does beyond the IPC contract. Not reachable from the renderer; the
 * same permission table and the same audit log apply.
 */
export interface MaintenanceApi {
  doctor(): DoctorReport;
  seedDemo(options: { records: number; password: string; seed?: number }): Promise<SeedSummary>;
  /** writes the CSV through `write`, returns the number of guests */
  exportGuestsCsv(write: (chunk: string) => void): number;
  /** binds this folder's settings to the open database (one copied from another kiosk) */
  adoptDatabase(): void;
}

export function createMaintenanceApi(
  storage: StorageState,
  store: () => StoreServices | null,
  session: SessionStore,
  clock: Clock,
  settings: SettingsSource,
): MaintenanceApi {
  const require = (
    permission: Parameters<typeof checkPermission>[0],
  ): { services: StoreServices; actor: ActiveSession } => {
    const services = store();
    if (!services) throw new CoreError('storage_unavailable', 'The data folder cannot be used');
    const actor = session.get();
    const refusal = checkPermission(permission, actor);
    if (refusal || !actor) {
      services.audit.append({
        actorId: actor?.staff.id ?? null,
        action: 'maintenance.refused',
        targetType: 'permission',
        targetId: typeof permission === 'string' ? permission : permission.join('|'),
        outcome: 'refused',
        reason: refusal?.code ?? 'not_signed_in',
      });
      throw new CoreError(refusal?.code ?? 'not_signed_in', refusal?.message ?? 'Sign in first');
    }
    return { services, actor };
  };
  const recordStore = (services: StoreServices) =>
    new SealedRecordStore(
      services.db,
      () => services.sessions.dataKeys(),
      () => clock.now(),
    );

  return {
    doctor() {
      const services = store();
      const current = session.get();
      const unlocked = current !== null && !current.locked;
      return runDoctor(
        storage,
        services?.db ?? null,
        storage.state === 'ready' ? storage.deviceId : null,
        services && unlocked ? recordStore(services) : null,
      );
    },

    seedDemo(options) {
      const { services, actor } = require('device.admin');
      return seedDemo({ ...services, workflow: services.records.for(false).service, clock }, actor, options);
    },

    exportGuestsCsv(write) {
      const { services, actor } = require('export');
      const records = recordStore(services);
      const rows = services.db
        .prepare(
          `SELECT r.record_id AS recordId, r.revision, r.sealed FROM record_revisions r
             JOIN guest_records g ON g.id = r.record_id AND g.erased_at IS NULL
            WHERE r.sealed IS NOT NULL
              AND r.revision = (SELECT max(revision) FROM record_revisions WHERE record_id = r.record_id)
            ORDER BY g.created_at, g.id`,
        )
        .iterate() as IterableIterator<{ recordId: string; revision: number; sealed: Buffer }>;
      write(csvLine(GUEST_CSV_COLUMNS) + CSV_LINE_END);
      let count = 0;
      for (const row of rows) {
        const line = guestCsvRow(row.recordId, row.revision, records.open(row, row.sealed));
        if (line === null) continue;
        write(line + CSV_LINE_END);
        count++;
      }
      services.audit.append({
        actorId: actor.staff.id,
        action: 'guests.export',
        reason: `csv_${String(count)}`,
      });
      return count;
    },

    adoptDatabase() {
      const { services, actor } = require('device.admin');
      if (storage.state !== 'ready')
        throw new CoreError('storage_unavailable', 'The data folder cannot be used');
      settings.set(DEVICE_BINDING_KEY, storage.deviceId);
      services.audit.append({
        actorId: actor.staff.id,
        action: 'device.adopt_database',
        targetType: 'device',
        targetId: storage.deviceId,
      });
    },
  };
}
