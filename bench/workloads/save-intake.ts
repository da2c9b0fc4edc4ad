/**
 * Saving an intake as the desk does it (DESIGN.md "Budgets": p50 ≤ 2 ms at 100k records): a
 * certified specialist signed in on the real core, every call through `dispatch` (input schema,
 * permission, handler, output schema), on a copy of a cached data set of `records` stored guests.
 * Per intake, what the intake form sends: `records.startIntake` (the desk's "new intake"
 * button), two autosaves (`records.saveDraft`: the top of the form, then the whole guest; each
 * validates the draft, seals it, re-indexes it and commits it with its audit entry) and, after
 * self-review, `records.submit` (validated for submission, sealed normalised, state change and
 * audit entry in one transaction).
 *
 *   node --import tsx bench/workloads/save-intake.ts [--records 10000] [--intakes 200]
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SELF_REVIEW_CHECKS } from '../../shared/domain/record-workflow.js';
import { call } from '../../tests/support/core-harness.js';
import { BUDGETS, budgetText } from '../budgets.js';
import { ensureDataSet, type DataSet } from '../lib/dataset.js';
import {
  BENCH_DESK_PASSWORD,
  BENCH_SPECIALIST,
  openDeskCore,
  signIn,
  staffedCopy,
} from '../lib/desk-store.js';
import { demoGuests } from '../lib/guests.js';
import { DESK_CHANNEL, deskDraft, firstAutosave, recordsLabel } from '../lib/intake-drafts.js';
import type { BenchResult } from '../lib/result.js';
import { percentile } from '../lib/stats.js';

const WARM_UP = 10;
const CHECKLIST = Object.fromEntries(SELF_REVIEW_CHECKS.map((check) => [check, true]));

/**
 * What one durable commit waits for on this disk: a 4 KiB write and fdatasync in `dir`, p50 of
 * 50. The core commits with synchronous=FULL, so every save waits for (at least) one of these:
 * it says how much of a save's time is the disk's, on this machine, in this run.
 */
function diskSyncMs(dir: string): number {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      writeSync(fd, page, 0, page.length, (i % 8) * page.length);
      fdatasyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  return percentile(times, 0.5);
}

export interface SaveIntakeOptions {
  dataSet: DataSet;
  /** scratch folder for the copy (removed by the caller) */
  dir: string;
  intakes: number;
  seed: number;
}

export async function saveIntakeWorkload(options: SaveIntakeOptions): Promise<BenchResult[]> {
  const { dataSet } = options;
  await staffedCopy(dataSet, options.dir, options.seed);
  const core = await openDeskCore(options.dir);
  try {
    await signIn(core, BENCH_SPECIALIST, BENCH_DESK_PASSWORD);
    // the notice the form shows and records (R8)
    const notice = await call(core, 'consent.current', {});
    // other guests than the stored ones (another seed): new people at the desk
    const guests = demoGuests(WARM_UP + options.intakes, options.seed + 1);
    const starts: number[] = [];
    const saves: number[] = [];
    const submits: number[] = [];
    for (let i = 0; i < WARM_UP + options.intakes; i++) {
      const next = guests.next();
      if (next.done === true) throw new Error('the demo generator ran dry');
      const draft = deskDraft(next.value, notice.version, new Date(Date.now() - 60_000).toISOString());
      const timed = i >= WARM_UP;

      let start = performance.now();
      const started = await call(core, 'records.startIntake', { channel: DESK_CHANNEL });
      const startMs = performance.now() - start;
      if (started.practice) throw new Error('the specialist saved on the practice store, not the real one');
      const { recordId } = started;

      const saveMs: number[] = [];
      for (const step of [firstAutosave(draft), draft]) {
        start = performance.now();
        await call(core, 'records.saveDraft', { recordId, draft: step });
        saveMs.push(performance.now() - start);
      }

      start = performance.now();
      const submitted = await call(core, 'records.submit', { recordId, checklist: CHECKLIST });
      const submitMs = performance.now() - start;
      if (submitted.state !== 'awaiting_cross_review') {
        throw new Error(`a submitted intake is ${submitted.state}, not awaiting cross-review`);
      }
      if (timed) {
        starts.push(startMs);
        saves.push(...saveMs);
        submits.push(submitMs);
      }
    }

    const syncMs = diskSyncMs(options.dir);
    const label = recordsLabel(dataSet.manifest.records);
    const atBudgetSize = dataSet.manifest.records >= BUDGETS.saveIntake.atRecords;
    const budget =
      budgetText.saveIntake +
      (atBudgetSize ? '' : ` (budget is at ${recordsLabel(BUDGETS.saveIntake.atRecords)})`);
    const savesP50 = percentile(saves, 0.5);
    const submitsP50 = percentile(submits, 0.5);
    return [
      {
        name: `save an intake via dispatch @${label} p50`,
        value: savesP50,
        unit: 'ms',
        budget,
        ok: savesP50 <= BUDGETS.saveIntake.p50MaxMs,
        note:
          `records.saveDraft by a certified specialist, ${String(saves.length)} autosaves of ${String(options.intakes)} intakes ` +
          `(the top of the form, then the whole guest); records.startIntake p50 ${percentile(starts, 0.5).toFixed(2)} ms; ` +
          `on a copy of the ${label} bench data set (sealed records and blind indexes, no workflow rows or audit entries ` +
          'for them) staffed by `snowdesk seed` (accounts at the minimum Argon2 cost: the unlock line measures ' +
          'sign-in); the outbox row is written when a record becomes valid, after review; ' +
          `a 4 KiB write + fdatasync on this disk: p50 ${syncMs.toFixed(2)} ms (each commit waits for one)` +
          (dataSet.built ? '; data set built in this run' : ''),
      },
      {
        name: `save an intake via dispatch @${label} p99`,
        value: percentile(saves, 0.99),
        unit: 'ms',
        budget: null,
        ok: null,
      },
      {
        name: `submit an intake via dispatch @${label} p50`,
        value: submitsP50,
        unit: 'ms',
        budget,
        ok: submitsP50 <= BUDGETS.saveIntake.p50MaxMs,
        note: 'records.submit after self-review: validated for submission, sealed normalised, state change and audit in one transaction',
      },
      {
        name: `submit an intake via dispatch @${label} p99`,
        value: percentile(submits, 0.99),
        unit: 'ms',
        budget: null,
        ok: null,
      },
    ];
  } finally {
    core.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '10000' },
      intakes: { type: 'string', default: '200' },
      seed: { type: 'string', default: '20261123' },
    },
  });
  const seed = Number(values.seed);
  const dataSet = await ensureDataSet(Number(values.records), seed, (text) =>
    process.stderr.write(text + '\n'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'snowdesk-bench-save-'));
  try {
    const results = await saveIntakeWorkload({
      dataSet,
      dir: join(dir, 'store'),
      intakes: Number(values.intakes),
      seed,
    });
    for (const r of results) {
      process.stdout.write(
        `${r.name}: ${r.value === null ? '—' : r.value.toFixed(3)} ${r.unit} (budget ${r.budget ?? '—'}, ok ${String(r.ok)})\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
