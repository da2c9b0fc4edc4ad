import type { Database } from 'better-sqlite3';
import {
  SyncEnrolInput,
  type SyncProblem,
  type SyncTestInput,
  type SyncTestResult,
} from '../../../shared/ipc/sync-schemas.js';
import { decodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { PROTOCOL_MAJOR, PROTOCOL_VERSION_PATTERN, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { EnrolmentResponse, HealthResponse } from '../../../shared/sync/wire.js';
import type { AuditLog } from '../audit/audit-log.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { CentralClient, type CentralClientOptions, type CentralEndpoint } from './central-client.js';
import { resealHoldingItems } from './outbox.js';
import { type Verdict, verdictOf } from './sync-failure.js';
import { ensureSyncKeyPair } from './sync-keys.js';
import { readEnrolment, type SyncStateStore, writeEnrolment } from './sync-store.js';

/**
 * Enrolment and "test connection" (docs/sync-protocol.md 5, 7), for the maintainer. Every
 * failure comes back as a problem code with an English detail, never as a throw: a wrong
 * central public key, a wrong or revoked token, a certificate that does not match its pin,
 * each has its own words on the screen.
 */

export interface EnrolmentTarget extends CentralEndpoint {
  centralPublicKey: string;
  deviceName?: string;
}

export type Checked =
  { ok: true; health: HealthResponse; clockSkewMs: number } | { ok: false; verdict: Verdict };

/** An answer that says the central system is not the one entered: retrying cannot help. */
function refused(problem: SyncProblem, detail: string): Checked {
  return { ok: false, verdict: { problem, detail, retry: 'never', reachable: true, retryAfterMs: null } };
}

export interface EnrolmentDeps {
  db: Database;
  deviceId: string;
  audit: AuditLog;
  state: SyncStateStore;
  now: () => number;
  appVersion: string;
  clientOptions: Omit<CentralClientOptions, 'appVersion' | 'now'>;
}

/** The values a maintainer typed, or the ones inside an enrolment code. */
export function enrolmentTarget(input: SyncEnrolInput): EnrolmentTarget {
  if ('code' in input) {
    const decoded = decodeEnrolmentCode(input.code);
    if (!decoded.ok) {
      throw new CoreError('invalid_input', 'The enrolment code is not valid', {
        code: `enrolmentCode.${decoded.problem}`,
      });
    }
    const { url, token, centralPublicKey, tlsPins } = decoded.content;
    return { url, token, centralPublicKey, tlsPins: tlsPins ?? [], deviceName: input.deviceName };
  }
  return {
    url: input.url,
    token: input.token,
    centralPublicKey: input.centralPublicKey,
    tlsPins: input.tlsPins ?? [],
    deviceName: input.deviceName,
  };
}

function short(key: string): string {
  return `${key.slice(0, 8)}…`;
}

/**
 * GET /v1/health with `client`, and what the answer must say before anything is sealed: the
 * central public key entered, a protocol of our major, and (when `deviceId` is given) a token
 * that is free or already ours.
 */
export async function checkHealth(
  client: CentralClient,
  centralPublicKey: string,
  deviceId: string,
  now: number,
): Promise<Checked> {
  const answer = await client.get(SYNC_PATHS.health, HealthResponse);
  if (!answer.ok) return { ok: false, verdict: verdictOf(answer.failure) };
  const health = answer.value as HealthResponse;
  const version = PROTOCOL_VERSION_PATTERN.exec(health.protocol);
  if (Number(version?.[1]) !== PROTOCOL_MAJOR) {
    return refused('protocol_mismatch', `the central system speaks protocol ${health.protocol}`);
  }
  if (health.centralPublicKey !== centralPublicKey) {
    return refused(
      'central_key_mismatch',
      `the central system presents public key ${short(health.centralPublicKey)}, not the ${short(centralPublicKey)} entered`,
    );
  }
  if (health.deviceId !== null && health.deviceId !== deviceId) {
    return refused(
      'device_mismatch',
      `this token is enrolled as device ${health.deviceId}, not this kiosk (${deviceId})`,
    );
  }
  return { ok: true, health, clockSkewMs: now - Date.parse(health.serverTime) };
}

export async function testConnection(
  deps: EnrolmentDeps,
  input: SyncTestInput,
): Promise<{ result: SyncTestResult; reachable: boolean }> {
  let target: EnrolmentTarget;
  const candidate = SyncEnrolInput.safeParse(input);
  if (candidate.success) {
    target = enrolmentTarget(candidate.data);
  } else {
    const stored = readEnrolment(deps.db);
    if (!stored)
      throw new CoreError('not_found', 'This kiosk is not enrolled: enter the central system first');
    target = {
      url: stored.url,
      token: stored.token,
      tlsPins: stored.tlsPins,
      centralPublicKey: stored.centralPublicKey,
    };
  }
  const client = new CentralClient(target, {
    ...deps.clientOptions,
    appVersion: deps.appVersion,
    now: deps.now,
  });
  try {
    const checked = await checkHealth(client, target.centralPublicKey, deps.deviceId, deps.now());
    if (!checked.ok) {
      const { problem, detail, reachable } = checked.verdict;
      return { result: { ok: false, problem, detail }, reachable };
    }
    return {
      result: {
        ok: true,
        protocol: checked.health.protocol,
        serverTime: checked.health.serverTime,
        clockSkewMs: checked.clockSkewMs,
        centralDeviceId: checked.health.deviceId,
      },
      reachable: true,
    };
  } finally {
    client.close();
  }
}

export type EnrolOutcome = { ok: true } | { ok: false; problem: SyncProblem; detail: string };

/**
 * Checks the central system, binds the token to this kiosk and its device key (made now, its
 * secret wrapped by DK, and kept for later enrolments so the binding stays the same), then in
 * one transaction stores the enrolment and reseals what the outbox held before it.
 */
export async function enrol(
  deps: EnrolmentDeps,
  target: EnrolmentTarget,
  actorId: string,
  keys: KeyHandle,
): Promise<EnrolOutcome> {
  const { db, deviceId } = deps;
  const refuse = (problem: SyncProblem, detail: string): EnrolOutcome => {
    deps.audit.append({
      actorId,
      action: 'sync.enrol',
      targetType: 'device',
      targetId: deviceId,
      outcome: 'failed',
      reason: problem,
    });
    return { ok: false, problem, detail };
  };
  const client = new CentralClient(target, {
    ...deps.clientOptions,
    appVersion: deps.appVersion,
    now: deps.now,
  });
  try {
    const checked = await checkHealth(client, target.centralPublicKey, deviceId, deps.now());
    if (!checked.ok) return refuse(checked.verdict.problem, checked.verdict.detail);

    // committed before the request: a crash after the central side bound the key must not lose it
    const devicePublicKey = db.transaction(() => ensureSyncKeyPair(db, 'device', keys, deps.now()))();
    const deviceName =
      target.deviceName ?? readEnrolment(db)?.deviceName ?? `Snowdesk ${deviceId.slice(0, 8)}`;
    const answer = await client.post(
      SYNC_PATHS.enrolment,
      {
        deviceId,
        devicePublicKey: Buffer.from(devicePublicKey).toString('base64'),
        deviceName,
        appVersion: deps.appVersion.slice(0, 40),
      },
      EnrolmentResponse,
    );
    if (!answer.ok) {
      const verdict = verdictOf(answer.failure);
      return refuse(verdict.problem, verdict.detail);
    }
    const response = answer.value as EnrolmentResponse;
    if (response.deviceId !== deviceId) {
      return refuse(
        'device_mismatch',
        `the central system enrolled device ${response.deviceId}, not this kiosk`,
      );
    }
    if (response.centralPublicKey !== target.centralPublicKey) {
      return refuse('central_key_mismatch', 'the enrolment answer names another central public key');
    }
    const now = deps.now();
    db.transaction(() => {
      const previous = readEnrolment(db);
      if (previous && (previous.url !== target.url || previous.token !== target.token))
        deps.state.forgetCentral();
      writeEnrolment(db, {
        url: target.url,
        token: target.token,
        centralPublicKey: target.centralPublicKey,
        tlsPins: [...target.tlsPins],
        deviceName,
        enrolledAt: now,
        centralEnrolledAt: response.enrolledAt,
        enrolledBy: actorId,
      });
      resealHoldingItems(
        db,
        deviceId,
        new Uint8Array(Buffer.from(target.centralPublicKey, 'base64')),
        keys,
        now,
      );
      deps.state.resume();
      deps.audit.append({ actorId, action: 'sync.enrol', targetType: 'device', targetId: deviceId });
    })();
    return { ok: true };
  } finally {
    client.close();
  }
}
