import type { Result } from '../../../shared/ipc/errors.js';
import type { StorageState } from '../../../shared/ipc/schemas.js';
import type { Argon2Params } from '../crypto/argon2-params.js';

/**
 * What crosses the MessagePort between the thread that holds the window (Electron's main, or
 * the preview's launcher) and the core's thread. Both ends are ours and structured cloning keeps
 * the shapes; the renderer's payloads inside `rpc` are checked by the core's dispatch as before.
 */
export interface WorkerCoreOptions {
  dataDir: string;
  appVersion: string;
  validateOutput: boolean;
  /** 'console' in the app and the preview; tests keep the core quiet */
  log: 'console' | 'silent';
  logPrefix?: string;
  /** settings for this run only, over the data folder's settings.json (the preview, tests) */
  settingsOverrides?: Record<string, unknown>;
  /** tests move time: the core reads ms since epoch from this buffer (see shared-clock.ts) */
  clock?: SharedArrayBuffer;
  argon2?: Argon2Params;
  dailyBackup?: boolean;
}

export type ControlAction = 'tick' | 'backup-settled' | 'storage' | 'close';

export type HostMessage =
  | { type: 'rpc'; id: number; method: string; payload: unknown }
  | { type: 'control'; id: number; action: ControlAction }
  | { type: 'online'; online: boolean | null };

export type WorkerMessage =
  | { type: 'ready'; storage: StorageState }
  | { type: 'failed'; message: string }
  | { type: 'answer'; id: number; answer: Result<unknown> }
  | { type: 'done'; id: number; storage: StorageState }
  | { type: 'event'; name: string; payload: unknown };
