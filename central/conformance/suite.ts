import { SYNC_PATHS } from '../../shared/sync/protocol.js';
import { EnrolmentResponse, HealthResponse, OutboxBatchResponse } from '../../shared/sync/wire.js';
import { sodiumReady } from '../crypto.js';
import { ConformanceError, Desk, expectThat, parsed } from './client.js';
import { inboxChecks } from './checks-inbox.js';
import { outboxChecks } from './checks-outbox.js';
import { transportChecks } from './checks-transport.js';

/**
 * The conformance suite of docs/sync-protocol.md 14: any central implementation, given four
 * fresh device tokens (and, for the 1.1 intake, claim and look-up checks, a channel key),
 * is checked from the outside, over HTTP(S), the way a kiosk meets it.
 */
export interface SuiteOptions {
  url: string;
  /** four fresh, never enrolled device tokens */
  tokens: readonly [string, string, string, string];
  /** channel:key of an intake channel key (1.1); without it the intake checks are skipped */
  channelKey?: { channel: 'website' | 'wechat' | 'app'; key: string };
}

export interface SuiteContext {
  url: string;
  /** never enrolled: for the checks that must not get that far */
  probe: Desk;
  a: Desk;
  b: Desk;
  /** the desk that is made to rewind its history (it stays refused afterwards) */
  c: Desk;
  channelKey: SuiteOptions['channelKey'];
  enrol: (desk: Desk) => Promise<EnrolmentResponse>;
  /** sends a batch; on 200 the desk holds the head the answer names */
  send: (desk: Desk, body: Record<string, unknown>) => Promise<OutboxBatchResponse>;
}

export interface Check {
  name: string;
  /** 'skip' when the check does not apply (no channel key given) */
  run(ctx: SuiteContext): Promise<undefined | 'skip'> | Promise<void>;
}

export type CheckResult = { name: string; outcome: 'passed' | 'failed' | 'skipped'; detail?: string };

export const ALL_CHECKS: readonly Check[] = [...transportChecks, ...outboxChecks, ...inboxChecks];

export async function runSuite(
  options: SuiteOptions,
  onResult: (result: CheckResult) => void = () => undefined,
): Promise<CheckResult[]> {
  await sodiumReady();
  const [p, a, b, c] = options.tokens;
  const enrolled = new Map<Desk, EnrolmentResponse>();
  const ctx: SuiteContext = {
    url: options.url,
    probe: new Desk(options.url, p, 'probe'),
    a: new Desk(options.url, a, 'desk A'),
    b: new Desk(options.url, b, 'desk B'),
    c: new Desk(options.url, c, 'desk C'),
    channelKey: options.channelKey,
    async enrol(desk) {
      const known = enrolled.get(desk);
      if (known) return known;
      const health = parsed(
        await desk.call({ path: SYNC_PATHS.health }),
        200,
        HealthResponse,
        `${desk.name}: health`,
      );
      desk.centralPublicKey = health.centralPublicKey;
      const body = {
        deviceId: desk.deviceId,
        devicePublicKey: desk.publicKey,
        deviceName: `Conformance ${desk.name}`,
        appVersion: '1.1.0',
      };
      const answer = parsed(
        await desk.call({ path: SYNC_PATHS.enrolment, body }),
        200,
        EnrolmentResponse,
        `${desk.name}: enrolment`,
      );
      enrolled.set(desk, answer);
      return answer;
    },
    async send(desk, body) {
      const response = parsed(
        await desk.call({ path: SYNC_PATHS.outboxBatches, body }),
        200,
        OutboxBatchResponse,
        `${desk.name}: batch`,
      );
      desk.heldSeq = response.auditHead.seq;
      return response;
    },
  };
  const results: CheckResult[] = [];
  for (const check of ALL_CHECKS) {
    let result: CheckResult;
    try {
      const outcome = await check.run(ctx);
      result = { name: check.name, outcome: outcome === 'skip' ? 'skipped' : 'passed' };
    } catch (cause) {
      const detail =
        cause instanceof ConformanceError || cause instanceof Error ? cause.message : String(cause);
      result = { name: check.name, outcome: 'failed', detail };
    }
    results.push(result);
    onResult(result);
  }
  return results;
}

export { expectThat };
