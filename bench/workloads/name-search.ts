import { pinyin } from 'pinyin-pro';
import { NameIndex } from '../../electron/core/records/name-index.js';
import type { GuestRecord } from '../../shared/domain/guest-record.js';
import { BUDGETS, budgetText } from '../budgets.js';
import type { DataSet } from '../lib/dataset.js';
import type { BenchResult } from '../lib/result.js';
import { percentile } from '../lib/stats.js';
import { openUnlockedStore } from '../lib/store-folder.js';

const LIMIT = 50;
const HAN = /\p{Script=Han}/u;

/**
 * Name search over the core's in-memory NameIndex (electron/core/records/name-index.ts), built
 * the way the core builds it after unlock: every record's payload opened, its name indexed.
 * Queries are what a desk types: a full name, a surname alone, full pinyin, pinyin initials,
 * and a Latin name, taken from guests spread over the data set. The build is reported apart.
 */
export async function nameSearchWorkload(dataSet: DataSet, queries: number): Promise<BenchResult[]> {
  const store = await openUnlockedStore(dataSet.dir);
  try {
    const rows = store.db
      .prepare(
        'SELECT record_id AS recordId, revision, sealed FROM record_revisions WHERE sealed IS NOT NULL',
      )
      .all() as { recordId: string; revision: number; sealed: Buffer }[];
    const index = new NameIndex();
    const buildStart = performance.now();
    index.ensureBuilt(function* () {
      for (const row of rows) {
        const guest = store.records.open(row, row.sealed) as GuestRecord;
        yield [row.recordId, [guest.name]] as const;
      }
    });
    const buildMs = performance.now() - buildStart;

    const forms: string[] = [];
    for (const recordId of dataSet.manifest.probeRecordIds.slice(0, 200)) {
      const { name } = store.records.openRevision({ recordId, revision: 1 }) as GuestRecord;
      if (HAN.test(name)) {
        const options = { toneType: 'none', type: 'array', surname: 'head' } as const;
        forms.push(
          name,
          name.slice(0, 1),
          pinyin(name, options).join(''),
          pinyin(name, { ...options, pattern: 'first' }).join(''),
        );
      } else {
        forms.push(name, name.split(' ')[0] ?? name);
      }
    }
    for (let i = 0; i < 20; i++) index.search(forms[i % forms.length] ?? '', LIMIT);
    const times: number[] = [];
    let empty = 0;
    for (let i = 0; i < queries; i++) {
      const query = forms[i % forms.length] ?? '';
      const start = performance.now();
      const found = index.search(query, LIMIT);
      times.push(performance.now() - start);
      if (found.length === 0) empty++;
    }
    if (empty > 0) throw new Error(`${String(empty)} name searches found nobody`);
    const label = `${String(dataSet.manifest.records / 1_000)}k`;
    const p99 = percentile(times, 0.99);
    return [
      {
        name: `name search @${label} p99`,
        value: p99,
        unit: 'ms',
        budget: budgetText.nameSearch,
        ok: p99 <= BUDGETS.nameSearch.maxMs,
        note:
          `${String(queries)} queries (full name, surname, pinyin, initials, Latin names), top ${String(LIMIT)}; ` +
          'NameIndex.search in memory, below dispatch (no search method wired yet)',
      },
      {
        name: `name search @${label} p50`,
        value: percentile(times, 0.5),
        unit: 'ms',
        budget: null,
        ok: null,
      },
      {
        name: `name index build @${label} (after unlock)`,
        value: buildMs,
        unit: 'ms',
        budget: null,
        ok: null,
        note: 'open every payload + pinyin of every name; rows already read from SQLite',
      },
    ];
  } finally {
    store.close();
  }
}
