import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  LookupResponse,
  type SealedLookupAnswer,
  SealedLookupAnswer as AnswerSchema,
  type SealedLookupQuery,
} from '../../../shared/sync/wire-1-1.js';
import type { AuditLog } from '../audit/audit-log.js';
import { openSealedJson, sealJsonToPublicKey } from '../crypto/sealed-box.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import type { CentralClient } from './central-client.js';
import { openSyncKeyPair } from './sync-keys.js';

/**
 * Returning guests across desks (protocol 1.1, section 17): a duplicate or search look-up also
 * asks the central side, query sealed to the central key and answer sealed to this device's key.
 * Every look-up is an audit entry here (kind and outcome, never the values), as it is a log row
 * there. Offline, or against a 1.0 central side, the answer says so and the desk searches its own
 * store alone.
 */
export const LOOKUPS_PATH = '/v1/lookups';

export type CentralLookupResult =
  | { searched: 'central'; matches: SealedLookupAnswer['matches'] }
  | { searched: 'local_only'; why: 'not_enrolled' | 'unreachable' | 'refused' };

export interface CentralLookupDeps {
  db: Database;
  deviceId: string;
  audit: AuditLog;
  client: CentralClient | null;
  centralPublicKey: string | null;
}

export async function lookUpCentral(
  deps: CentralLookupDeps,
  query: Omit<SealedLookupQuery, 'v' | 'id' | 'deviceId'>,
  keys: KeyHandle,
  actorId: string,
): Promise<CentralLookupResult> {
  const record = (outcome: 'ok' | 'failed', reason: string): void => {
    deps.audit.append({ actorId, action: 'sync.central_lookup', targetType: 'lookup', outcome, reason });
  };
  if (!deps.client || !deps.centralPublicKey) {
    record('failed', `${query.kind}: not enrolled, searched locally`);
    return { searched: 'local_only', why: 'not_enrolled' };
  }
  const id = randomUUID();
  const content: SealedLookupQuery = { v: 1, id, deviceId: deps.deviceId, ...query };
  const sealed = sealJsonToPublicKey(Buffer.from(deps.centralPublicKey, 'base64'), content).toString(
    'base64',
  );
  const answer = await deps.client.post(
    LOOKUPS_PATH,
    { deviceId: deps.deviceId, lookupId: id, sealed },
    LookupResponse,
    '1.1',
  );
  if (!answer.ok) {
    const why = answer.failure.kind === 'status' && answer.failure.status < 500 ? 'refused' : 'unreachable';
    record('failed', `${query.kind}: central ${why}, searched locally`);
    return { searched: 'local_only', why };
  }
  const pair = openSyncKeyPair(deps.db, 'device', keys);
  const response = answer.value as LookupResponse;
  const opened = pair ? AnswerSchema.safeParse(safeOpen(pair, response.sealed)) : null;
  if (!opened?.success || opened.data.id !== id) {
    record('failed', `${query.kind}: the central answer did not open, searched locally`);
    return { searched: 'local_only', why: 'refused' };
  }
  record('ok', `${query.kind}: ${opened.data.matches.length} central match(es)`);
  return { searched: 'central', matches: opened.data.matches };
}

function safeOpen(pair: Parameters<typeof openSealedJson>[0], sealed: string): unknown {
  try {
    return openSealedJson(pair, Buffer.from(sealed, 'base64'));
  } catch {
    return null;
  }
}
