import type { Database } from 'better-sqlite3';
import type { IsoDate } from '../../../shared/domain/calendar.js';
import { periodInstants } from '../../../shared/domain/sampling-audit.js';
import {
  PERMISSION_USE_KINDS,
  type PermissionUse,
  type PermissionUseKind,
  type PermissionUseRow,
} from '../../../shared/ipc/supervision-schemas.js';

/**
 * What the audit log calls each use of a sensitive permission (R20, R26 "use of the system and
 * permissions is checked too"). Names as the core writes them:
 * - reveal: `guest.reveal` (search screen, and a sampling audit opening a record: reason
 *   `supervision_audit`);
 * - export: any action naming an export (`guests.export` of the maintainer CLI, and exports
 *   added later under the same word);
 * - password_reset: a maintainer's `staff.reset_password`, a recovery-key `recovery.reset_password`;
 * - a call dispatch refused for want of the permission (`dispatch.refused`, reason `forbidden`)
 *   counts as a refused use of the method's kind, or as 'refused' when it is none of the three.
 */
const RESET_ACTIONS = new Set(['staff.reset_password', 'recovery.reset_password']);
const REFUSED_METHOD_KIND: Readonly<Record<string, PermissionUseKind>> = {
  'guests.reveal': 'reveal',
  'staff.resetPassword': 'password_reset',
  'recovery.resetPassword': 'password_reset',
};

interface LogRow {
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_id: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  reason: string | null;
  at: number;
}

function kindOf(row: LogRow): PermissionUseKind | null {
  if (row.action === 'dispatch.refused') {
    const method = row.target_id ?? '';
    return REFUSED_METHOD_KIND[method] ?? (method.toLowerCase().includes('export') ? 'export' : 'refused');
  }
  if (row.action === 'guest.reveal') return 'reveal';
  if (RESET_ACTIONS.has(row.action)) return 'password_reset';
  if (row.action.toLowerCase().includes('export')) return 'export';
  return null;
}

/** Counts of reveals, exports, password resets and refused attempts in a period, by person. */
export function permissionUse(db: Database, from: IsoDate, to: IsoDate): PermissionUse {
  const period = periodInstants(from, to);
  const rows = db
    .prepare<[number, number], LogRow>(
      `SELECT a.actor_id, s.name AS actor_name, a.action, a.target_id, a.outcome, a.reason, a.at
         FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id
        WHERE a.at BETWEEN ? AND ?
          AND (a.action IN ('guest.reveal', 'staff.reset_password', 'recovery.reset_password')
               OR a.action LIKE '%export%'
               OR (a.action = 'dispatch.refused' AND a.reason = 'forbidden'))
        ORDER BY a.seq`,
    )
    .all(period.from, period.to);

  const groups = new Map<string, PermissionUseRow>();
  const totals = Object.fromEntries(PERMISSION_USE_KINDS.map((k) => [k, 0])) as Record<
    PermissionUseKind,
    number
  >;
  for (const row of rows) {
    const kind = kindOf(row);
    if (kind === null) continue;
    const key = `${kind}\u0000${row.actor_id ?? ''}`;
    const group =
      groups.get(key) ??
      ({
        kind,
        actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name ?? '' },
        count: 0,
        refused: 0,
        first: row.at,
        last: row.at,
        reasons: {},
      } satisfies PermissionUseRow);
    const refused = row.outcome !== 'ok' || row.action === 'dispatch.refused';
    if (refused) group.refused++;
    else {
      group.count++;
      if (kind === 'reveal' && row.reason !== null)
        group.reasons[row.reason] = (group.reasons[row.reason] ?? 0) + 1;
    }
    // totals: uses of the three permissions; for 'refused', the refused attempts themselves
    if (!refused || kind === 'refused') totals[kind]++;
    group.last = row.at;
    groups.set(key, group);
  }
  const order = (kind: PermissionUseKind) => PERMISSION_USE_KINDS.indexOf(kind);
  return {
    from,
    to,
    rows: [...groups.values()].sort(
      (a, b) =>
        order(a.kind) - order(b.kind) ||
        b.count + b.refused - (a.count + a.refused) ||
        (a.actor?.name ?? '').localeCompare(b.actor?.name ?? ''),
    ),
    totals,
  };
}
