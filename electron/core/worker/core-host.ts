import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { isEventName, isMethodName, type EventName } from '../../../shared/ipc/contract.js';
import { fail, type Result } from '../../../shared/ipc/errors.js';
import type { StorageState } from '../../../shared/ipc/schemas.js';
import type { Logger } from '../logger.js';
import type { ControlAction, HostMessage, WorkerCoreOptions, WorkerMessage } from './relay-protocol.js';

export interface CoreHostOptions {
  core: WorkerCoreOptions;
  /** the worker's script; default: the bundle beside this one, or the TypeScript source under tsx */
  entry?: { url: URL; execArgv: string[] };
  log: Logger;
  /** the core's thread died and a new one is serving: the window goes back to the lock screen */
  onRestart?: () => void;
}

interface Pending {
  resolve: (message: WorkerMessage | null) => void;
}

interface Thread {
  worker: Worker;
  port: MessagePort;
  /** resolves once this host has seen the thread end (and started the next one) */
  exited: Promise<void>;
}

/** A thread that dies again this soon after starting is not restarted (it would only loop). */
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_IN_WINDOW = 3;

const CLOSE_WAIT_MS = 5_000;

const STOPPED = fail('internal', 'The kiosk core stopped; it is starting again. Please try once more.');

/**
 * Where the core worker's script is: the bundle `core-worker.js` beside the bundled main (or the
 * launcher's build), else this folder's TypeScript run under tsx (unit tests, scripts).
 */
export function coreWorkerEntry(bundleDir?: string): { url: URL; execArgv: string[] } {
  if (bundleDir) return { url: pathToFileURL(join(bundleDir, 'core-worker.js')), execArgv: [] };
  // through a variable: the bundler must not turn this into an asset reference
  const fromSource = import.meta.url.endsWith('.ts');
  const name = fromSource ? 'core-worker.ts' : 'core-worker.js';
  return { url: new URL(name, import.meta.url), execArgv: fromSource ? ['--import', 'tsx'] : [] };
}

/**
 * The window's side of the core: one MessagePort to the core's thread carries the RPC door and
 * the events. An unknown method is refused here without crossing; a thread that dies answers
 * every call in flight with a typed error and is started again (sessions die with it, so the
 * window shows the lock screen).
 */
export class CoreHost {
  private thread: Thread | null = null;
  private starting: Promise<Thread | null> | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();
  private nextId = 1;
  private online: boolean | null = null;
  private closing = false;
  private restarts: number[] = [];
  private lastStorage: StorageState;

  private constructor(private readonly options: CoreHostOptions) {
    this.lastStorage = {
      state: 'unavailable',
      problem: { code: 'database_error', message: 'The core has not started', dataDir: options.core.dataDir },
    };
  }

  /** Starts the core's thread; rejects with the core's own message when it cannot start. */
  static async start(options: CoreHostOptions): Promise<CoreHost> {
    const host = new CoreHost(options);
    host.thread = await host.spawn();
    return host;
  }

  /** The storage state as of the last word from the core's thread (a restart keeps the last). */
  get storage(): StorageState {
    return this.lastStorage;
  }

  async dispatch(method: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) {
      this.options.log.warn('relay.unknown_method', { type: typeof method });
      return fail('unknown_method', 'Unknown method');
    }
    const answer = await this.request((id) => ({ type: 'rpc', id, method, payload }));
    if (!answer) return STOPPED;
    return answer.type === 'answer' ? answer.answer : fail('protocol', 'Unexpected answer');
  }

  subscribe(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setOsOnline(online: boolean | null): void {
    this.online = online;
    this.post({ type: 'online', online });
  }

  /** Runs the core's timer checks now (tests that move the clock). */
  async tick(): Promise<void> {
    await this.control('tick');
  }

  /** Resolves when no backup is running on the core's thread. */
  async backupSettled(): Promise<void> {
    await this.control('backup-settled');
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const thread = this.thread;
    if (!thread) return;
    // a thread that cannot answer (stuck in a call) is ended anyway: closing must not hang
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    await Promise.race([this.control('close'), timeout]);
    clearTimeout(timer);
    await thread.worker.terminate();
    this.thread = null;
  }

  /** Ends the core's thread as a crash would (tests of the restart, a maintainer's drill). */
  async stopThread(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    await thread.worker.terminate();
    await thread.exited;
  }

  private async control(action: ControlAction): Promise<void> {
    const answer = await this.request((id) => ({ type: 'control', id, action }));
    if (answer?.type === 'done') this.lastStorage = answer.storage;
  }

  private post(message: HostMessage): void {
    this.thread?.port.postMessage(message);
  }

  /** Posts a request to a live thread (waiting for a restart under way); null when none answers. */
  private async request(make: (id: number) => HostMessage): Promise<WorkerMessage | null> {
    const thread = this.thread ?? (await this.starting);
    if (!thread) return null;
    const id = this.nextId++;
    return new Promise<WorkerMessage | null>((resolve) => {
      this.pending.set(id, { resolve });
      thread.port.postMessage(make(id));
    });
  }

  private spawn(): Promise<Thread> {
    const entry = this.options.entry ?? coreWorkerEntry();
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(entry.url, {
      execArgv: entry.execArgv,
      workerData: { port: port2, options: this.options.core },
      transferList: [port2],
    });
    let markExited = () => {};
    const exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    return new Promise<Thread>((resolve, reject) => {
      let thread: Thread | null = null;
      port1.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          thread = { worker, port: port1, exited };
          this.lastStorage = message.storage;
          resolve(thread);
        } else if (message.type === 'failed') {
          reject(new Error(message.message));
        } else if (message.type === 'event') {
          if (isEventName(message.name))
            for (const listener of this.listeners) listener(message.name, message.payload);
        } else {
          this.settle(message.id, message);
        }
      });
      let failure = '';
      worker.on('error', (error) => {
        failure = error.message;
        this.options.log.error('core.thread_error', { message: error.message });
      });
      worker.on('exit', (code) => {
        port1.close();
        markExited();
        if (!thread) {
          reject(new Error(`the core's thread stopped while starting (exit code ${code}): ${failure}`));
          return;
        }
        if (this.thread === thread) this.thread = null;
        this.failPending();
        if (!this.closing) this.restart(code);
      });
    });
  }

  private settle(id: number, message: WorkerMessage | null): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    call.resolve(message);
  }

  private failPending(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, null);
  }

  private restart(code: number): void {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS_IN_WINDOW) {
      this.options.log.error('core.thread_gave_up', { code, restarts: this.restarts.length });
      return;
    }
    this.restarts.push(now);
    this.options.log.error('core.thread_restart', { code });
    this.starting = this.spawn().then(
      (thread) => {
        this.thread = thread;
        this.starting = null;
        if (this.online !== null) this.post({ type: 'online', online: this.online });
        this.options.onRestart?.();
        return thread;
      },
      (error: unknown) => {
        this.starting = null;
        this.options.log.error('core.thread_start_failed', {
          message: error instanceof Error ? error.message : String(error),
        });
        return null;
      },
    );
  }
}
