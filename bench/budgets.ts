/**
 * The budgets of DESIGN.md ("Budgets"), as numbers, in one place. The bench runner checks every
 * figure against these; change them here and in DESIGN.md together.
 *
 *   unlock (Argon2id + unwrap)                 250–700 ms, off the UI thread
 *   save an intake                             p50 ≤ 2 ms at 100k records
 *   exact lookup by ID or phone                p50 ≤ 1 ms at 1M records
 *   name search                                ≤ 50 ms over 100k records
 *   encrypted store throughput                 ≥ 0.5× plaintext better-sqlite3, ≥ 1× SQLCipher
 *   sync drain over loopback                   ≥ 1,000 records/s; zero duplicates, zero losses
 *   backup of 100k records                     ≤ 5 s
 *   renderer                                   keystroke to paint ≤ 16 ms; 10k-row queues virtualised
 *
 * Not in DESIGN.md, chosen here:
 *
 *   restore of 100k records                    ≤ 30 s
 *     A restore runs with the desk stopped (a replaced machine, a broken disk) while a maintainer
 *     waits at the kiosk. It does the backup's copy and cipher work in reverse and then what a
 *     backup never does: verifies the copy before replacing anything (integrity check, audit
 *     chain, every sealed payload opened, R16) and migrates it. Six times the backup's 5 s keeps
 *     that wait under a minute for a season of guests on the kiosk's hardware, while leaving the
 *     verification room to open every payload rather than sample them.
 *
 *   renderer, 10k-row queue (the line above made measurable; issue 7)
 *     virtualised: ≤ 100 <tr> in the table body at any time (a window of rows and the spacers),
 *     whatever the queue's length. Scrolling: p95 frame interval ≤ 16.7 ms, one frame at 60 Hz,
 *     the rate the desk's screens run at (rAF intervals are whole vsync periods with jitter of a
 *     fraction of a ms: one under 1.5 periods counts as one frame). Opening: ≤ 1 s from the sign-in click to the queue's
 *     first rows drawn, the limit for a person's flow of thought not being interrupted; it is
 *     mostly the core answering with every row (each guest name unsealed).
 *
 *   the window while the core works (issue 13: the core on its own thread)
 *     While the core builds the 100k name index after an unlock (seconds of CPU), the renderer's
 *     frame intervals stay ≤ 50 ms (no stall a person sees as a freeze; Chromium's long-task
 *     mark) and a small call's round trip (session.state) has p99 < 20 ms: the door stays open.
 */
export const BUDGETS = Object.freeze({
  unlock: { minMs: 250, maxMs: 700 },
  saveIntake: { p50MaxMs: 2, atRecords: 100_000 },
  exactLookup: { p50MaxMs: 1, atRecords: 1_000_000 },
  nameSearch: { maxMs: 50, atRecords: 100_000 },
  storeThroughput: { minRatioToPlain: 0.5, minRatioToSqlcipher: 1 },
  syncDrain: { minRecordsPerS: 1_000, maxDuplicates: 0, maxLosses: 0 },
  backup: { maxMs: 5_000, atRecords: 100_000 },
  restore: { maxMs: 30_000, atRecords: 100_000 },
  renderer: {
    keystrokeToPaintMaxMs: 16,
    queueRows: 10_000,
    frameMs: 16.7,
    maxDomRows: 100,
    firstRowsMaxMs: 1_000,
  },
  coreThread: { atRecords: 100_000, frameMaxMs: 50, smallCallP99Ms: 20 },
} as const);

/** A budget as the table prints it and the JSON carries it. */
export type BudgetText = string;

export const budgetText = {
  unlock: `${String(BUDGETS.unlock.minMs)}–${String(BUDGETS.unlock.maxMs)} ms`,
  saveIntake: `p50 ≤ ${String(BUDGETS.saveIntake.p50MaxMs)} ms`,
  exactLookup: `p50 ≤ ${String(BUDGETS.exactLookup.p50MaxMs)} ms`,
  nameSearch: `≤ ${String(BUDGETS.nameSearch.maxMs)} ms`,
  vsPlain: `≥ ${String(BUDGETS.storeThroughput.minRatioToPlain)}× plain`,
  vsSqlcipher: `≥ ${String(BUDGETS.storeThroughput.minRatioToSqlcipher)}× SQLCipher`,
  syncDrain: `≥ ${BUDGETS.syncDrain.minRecordsPerS.toLocaleString('en')} records/s`,
  backup: `≤ ${String(BUDGETS.backup.maxMs / 1000)} s`,
  restore: `≤ ${String(BUDGETS.restore.maxMs / 1000)} s`,
  keystroke: `≤ ${String(BUDGETS.renderer.keystrokeToPaintMaxMs)} ms`,
  scroll: `≤ ${String(BUDGETS.renderer.maxDomRows)} of ${BUDGETS.renderer.queueRows.toLocaleString('en')} rows in the DOM`,
  frame: `≤ 1 frame (${String(BUDGETS.renderer.frameMs)} ms)`,
  firstRows: `≤ ${String(BUDGETS.renderer.firstRowsMaxMs / 1000)} s`,
  busyFrame: `every interval ≤ ${String(BUDGETS.coreThread.frameMaxMs)} ms`,
  busyCall: `p99 < ${String(BUDGETS.coreThread.smallCallP99Ms)} ms`,
} as const satisfies Record<string, BudgetText>;
