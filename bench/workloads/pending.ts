import { budgetText } from '../budgets.js';
import { pending, type BenchResult } from '../lib/result.js';

/**
 * Budget lines whose workload cannot be built yet, or broke in this run, printed with no figure
 * and ok=false so the table stays honest about what is not measured. Each note says what is
 * missing (for a broken workload, the runner adds why).
 */
/** The save-an-intake lines when their workload broke (the runner's note says why). */
export function saveIntakePending(label: string, atBudgetSize: boolean): BenchResult[] {
  const budget = budgetText.saveIntake + (atBudgetSize ? '' : ' (budget is at 100k)');
  return [
    pending(`save an intake via dispatch @${label} p50`, 'ms', budget, ''),
    pending(`submit an intake via dispatch @${label} p50`, 'ms', budget, ''),
  ];
}

/** The backup and restore lines when their workload broke (the runner's note says why). */
export function backupRestorePending(): BenchResult[] {
  return [
    pending('backup of 100k records', 's', budgetText.backup, ''),
    pending('restore of 100k records', 's', budgetText.restore, ''),
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
