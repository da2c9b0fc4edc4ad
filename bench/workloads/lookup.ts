import type { BlindIndexKind } from '../../electron/core/crypto/blind-index.js';
import type { GuestRecord } from '../../shared/domain/guest-record.js';
import { BUDGETS, budgetText } from '../budgets.js';
import type { DataSet } from '../lib/dataset.js';
import { indexValues } from '../lib/guests.js';
import type { BenchResult } from '../lib/result.js';
import { mean, percentile } from '../lib/stats.js';
import { openUnlockedStore, type UnlockedStore } from '../lib/store-folder.js';

const WARM_UP = 100;

/**
 * Exact lookup as the duplicate check and the search box will do it: blind-index candidates,
 * open each candidate's payload, compare the real value. Below dispatch, on the record store
 * (the contract has no lookup method yet), so the figure is the store's cost alone.
 */
function lookup(
  store: UnlockedStore,
  kind: BlindIndexKind,
  value: string,
): { matches: number; candidates: number } {
  const candidates = store.records.candidates(kind, value);
  let matches = 0;
  for (const ref of candidates) {
    const guest = store.records.openRevision(ref) as GuestRecord;
    const values = indexValues(guest);
    if (kind === 'id-number' ? values.idNumber === value : values.phones.includes(value)) matches++;
  }
  return { matches, candidates: candidates.length };
}

export async function lookupWorkload(dataSet: DataSet, lookups: number): Promise<BenchResult[]> {
  const store = await openUnlockedStore(dataSet.dir);
  try {
    // the probes' values, read back after unlock (the manifest holds record ids only)
    const probes = dataSet.manifest.probeRecordIds.map((recordId) =>
      indexValues(store.records.openRevision({ recordId, revision: 1 }) as GuestRecord),
    );
    const size = dataSet.manifest.records;
    const label = size >= 1_000_000 ? `${String(size / 1_000_000)}M` : `${String(size / 1_000)}k`;
    const results: BenchResult[] = [];
    for (const kind of ['id-number', 'phone'] as const) {
      const pick = (i: number): string => {
        const probe = probes[i % probes.length];
        if (!probe) throw new Error('no probes');
        return kind === 'id-number' ? probe.idNumber : (probe.phones[0] ?? '');
      };
      for (let i = 0; i < WARM_UP; i++) lookup(store, kind, pick(i * 7919));
      const times: number[] = [];
      const candidates: number[] = [];
      let misses = 0;
      for (let i = 0; i < lookups; i++) {
        const value = pick(i);
        const start = performance.now();
        const found = lookup(store, kind, value);
        times.push(performance.now() - start);
        candidates.push(found.candidates);
        if (found.matches === 0) misses++;
      }
      if (misses > 0) throw new Error(`${String(misses)} ${kind} lookups missed a stored guest`);
      const what = kind === 'id-number' ? 'ID number' : 'phone';
      const atBudgetSize = size >= BUDGETS.exactLookup.atRecords;
      const p50 = percentile(times, 0.5);
      results.push({
        name: `exact lookup by ${what} @${label} p50`,
        value: p50,
        unit: 'ms',
        budget: budgetText.exactLookup + (atBudgetSize ? '' : ' (budget is at 1M)'),
        ok: p50 <= BUDGETS.exactLookup.p50MaxMs,
        note:
          `${String(lookups)} lookups of stored values, ${mean(candidates).toFixed(1)} candidates opened on average; ` +
          'record store below dispatch (no lookup method in the contract yet)' +
          (dataSet.built ? '; data set built in this run (warm OS cache)' : ''),
      });
      results.push({
        name: `exact lookup by ${what} @${label} p99`,
        value: percentile(times, 0.99),
        unit: 'ms',
        budget: null,
        ok: null,
      });
    }
    return results;
  } finally {
    store.close();
  }
}
