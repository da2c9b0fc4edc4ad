import { ARGON2_PARAMS } from '../../electron/core/crypto/argon2-params.js';
import { BUDGETS, budgetText } from '../budgets.js';
import type { BenchResult } from '../lib/result.js';
import { median } from '../lib/stats.js';
import { BENCH_ADMIN, openBenchCore, setUpThroughCore } from '../lib/store-folder.js';

/**
 * Unlock as a person at the desk pays for it: `session.signIn` through dispatch on a store made
 * by the real first setup, with the production Argon2id parameters (Argon2id, unwrap DK, audit
 * entry). One warm-up (it also starts the Argon2 worker), then `runs` timed sign-ins, each
 * followed by an untimed sign-out.
 */
export async function unlockWorkload(dataDir: string, runs: number): Promise<BenchResult[]> {
  await setUpThroughCore(dataDir);
  const core = await openBenchCore(dataDir);
  try {
    const signIn = async (): Promise<number> => {
      const start = performance.now();
      const result = await core.dispatch('session.signIn', { ...BENCH_ADMIN });
      const ms = performance.now() - start;
      if (!result.ok) throw new Error(`session.signIn refused: ${result.error.code}`);
      const out = await core.dispatch('session.signOut', {});
      if (!out.ok) throw new Error(`session.signOut refused: ${out.error.code}`);
      return ms;
    };
    await signIn();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await signIn());
    const value = median(times);
    const MiB = 1024 * 1024;
    return [
      {
        name: 'unlock (session.signIn via dispatch) median',
        value,
        unit: 'ms',
        budget: budgetText.unlock,
        ok: value >= BUDGETS.unlock.minMs && value <= BUDGETS.unlock.maxMs,
        note:
          `Argon2id opslimit ${String(ARGON2_PARAMS.opslimit)}, ${String(ARGON2_PARAMS.memlimit / MiB)} MiB; ` +
          `${String(runs)} runs, min ${Math.min(...times).toFixed(0)} / max ${Math.max(...times).toFixed(0)} ms; ` +
          "Argon2id on the core's worker thread (argon2-worker.ts), round trip included",
      },
    ];
  } finally {
    core.close();
  }
}
