import { budgetText } from '../budgets.js';
import { pending, type BenchResult } from '../lib/result.js';

/**
 * Budget lines whose workload cannot be built yet, printed with no figure and ok=false so the
 * table stays honest about what is not measured. Each note says what is missing.
 */
export function saveIntakePending(): BenchResult[] {
  const why =
    'pending: the intake methods (records.startIntake / saveDraft / submit: dispatch → validate → seal → ' +
    'commit + audit + outbox) are being written (they appeared in the contract during this work); ' +
    'no workload on them yet';
  return [
    pending(
      'save an intake via dispatch @10k p50',
      'ms',
      budgetText.saveIntake + ' (budget is at 100k)',
      why,
    ),
    pending('save an intake via dispatch @100k p50', 'ms', budgetText.saveIntake, why),
  ];
}

export function nameSearchPending(): BenchResult {
  return pending(
    'name search @100k',
    'ms',
    budgetText.nameSearch,
    'pending: the core has no name index yet (in-memory index built after unlock, being written)',
  );
}

export function syncDrainPending(): BenchResult {
  return pending(
    'sync drain over loopback',
    'records/s',
    budgetText.syncDrain,
    'the sync drain workload broke (see above)',
  );
}

export function laterPending(): BenchResult[] {
  return [
    pending(
      'backup of 100k records',
      's',
      budgetText.backup,
      'pending: backup (electron/core/backup) is being written; no workload on it yet',
    ),
    pending(
      'restore of 100k records',
      's',
      '—',
      'pending: restore is being written with backup (issue 7 asks for it; DESIGN.md has no budget line)',
    ),
    pending(
      'renderer keystroke to paint (intake form)',
      'ms',
      budgetText.keystroke,
      'pending: the intake form is being written; to be measured in Chromium with the Performance API',
    ),
    pending(
      'renderer scroll of a 10k-row queue',
      'ms/frame',
      budgetText.scroll,
      'pending: no queue screen yet; to be measured in Chromium (frame times while scrolling, rows in the DOM)',
    ),
  ];
}
