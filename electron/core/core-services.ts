import type { Database } from 'better-sqlite3';
import type { DeviceSettings } from '../../shared/domain/device-settings.js';
import type { StorageState } from '../../shared/ipc/schemas.js';
import type { Clock } from './clock.js';
import type { EventBus } from './event-bus.js';
import type { Logger } from './logger.js';
import type { NetworkMonitor } from './network-monitor.js';
import type { SessionStore } from './session.js';

/** What handlers are built from: the composition root fills it in once. */
export interface CoreServices {
  appVersion: string;
  clock: Clock;
  log: Logger;
  events: EventBus;
  session: SessionStore;
  network: NetworkMonitor;
  settings(): DeviceSettings;
  storageState(): StorageState;
  /** the open database, or a 'storage_unavailable' CoreError */
  db(): Database;
  setupRequired(): boolean;
}
