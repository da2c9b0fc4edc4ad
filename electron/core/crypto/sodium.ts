import sodium from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodium;

let loading: Promise<Sodium> | null = null;
let loaded: Sodium | null = null;

/**
 * libsodium is a WebAssembly module that initialises asynchronously. The core awaits this
 * once at start-up; every primitive after that is synchronous, because better-sqlite3
 * transactions are synchronous and sealing happens inside them.
 */
export function loadSodium(): Promise<Sodium> {
  loading ??= sodium.ready.then(() => {
    loaded = sodium;
    return sodium;
  });
  return loading;
}

/**
 * The ready library, for the synchronous primitives. Before readiness libsodium's functions
 * are missing and would fail with an obscure TypeError; this names the mistake instead.
 */
export function readySodium(): Sodium {
  if (loaded === null) throw new Error('libsodium is not ready: await loadSodium() once at start-up');
  return loaded;
}
