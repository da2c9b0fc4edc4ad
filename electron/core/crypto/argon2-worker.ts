import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Argon2Params } from './argon2-params.js';

/**
 * Argon2id on a worker thread. An unlock costs about half a second of CPU and 128 MiB of
 * WebAssembly memory; on the Electron main process that would freeze IPC, window events and the
 * idle timer for that long. The worker is started with the core (`warmArgon2Worker`) and kept:
 * starting it and loading libsodium costs more than the derivation itself, and every unlock
 * after an idle lock would pay that again. It never keeps the process alive (unref).
 *
 * The worker's code is a CommonJS string evaluated by Node, given libsodium's resolved path:
 * it runs the same in vitest, under tsx (CLI) and in Electron's bundled main process, with no
 * separate build entry to keep in step.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodiumModule = require(workerData.sodiumPath);
const ready = sodiumModule.ready.then(() => sodiumModule);
parentPort.on('message', async (job) => {
  const sodium = await ready;
  if (job.warm) return;
  const password = new Uint8Array(job.password);
  try {
    const key = sodium.crypto_pwhash(job.bytes, password, new Uint8Array(job.salt), job.opslimit, job.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13);
    parentPort.postMessage({ id: job.id, key: key.buffer }, [key.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  } finally {
    sodium.memzero(password);
  }
});
`;

interface Pending {
  resolve: (key: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Answer {
  id: number;
  key?: ArrayBuffer;
  error?: string;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function startWorker(): Worker {
  const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } });
  started.on('message', (answer: Answer) => {
    const job = pending.get(answer.id);
    if (!job) return;
    pending.delete(answer.id);
    if (answer.key) job.resolve(new Uint8Array(answer.key));
    else job.reject(new Error(`Argon2id failed: ${answer.error ?? 'unknown'}`));
    // idle: let the process exit (a 'message' listener keeps the worker referenced)
    if (pending.size === 0) started.unref();
  });
  started.on('error', (error) => {
    worker = null;
    failAll(error);
  });
  started.on('exit', () => {
    if (worker === started) worker = null;
    failAll(new Error('the Argon2 worker stopped'));
  });
  started.unref();
  return started;
}

/** Starts the worker ahead of the first sign-in, so that sign-in pays only for Argon2 itself. */
export function warmArgon2Worker(): void {
  worker ??= startWorker();
  worker.postMessage({ warm: true });
}

/**
 * Derives `bytes` of key from `password` (its buffer is handed over to the worker and is
 * unusable here afterwards, so no copy stays on this thread).
 */
export function deriveKeyOffThread(
  password: Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  bytes: number,
): Promise<Uint8Array> {
  worker ??= startWorker();
  const id = nextId++;
  const own = new Uint8Array(password);
  password.fill(0);
  const job = {
    id,
    password: own.buffer,
    salt: Uint8Array.from(salt).buffer,
    opslimit: params.opslimit,
    memlimit: params.memlimit,
    bytes,
  };
  const running = worker;
  return new Promise<Uint8Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // a job under way keeps the process alive until its answer arrives
    running.ref();
    running.postMessage(job, [job.password]);
  });
}
