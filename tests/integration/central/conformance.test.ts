import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCentral, startCentral } from '../../../central/server.js';
import { runSuite } from '../../../central/conformance/suite.js';
import { type CentralDatabase, createCentralDatabase } from '../../support/central-pg.js';

/**
 * The conformance suite of docs/sync-protocol.md 14 against central/ on a real PostgreSQL: every
 * check passes, and `npm run conformance -- URL` says so the way an outside team would run it.
 */
let db: CentralDatabase;
let central: RunningCentral;

async function tokens(n: number): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const out = await db.cli('enrol-device', '--url', central.url, '--token-only');
    made.push(out.out.trim());
  }
  return made;
}

async function channelKey(): Promise<string> {
  return (await db.cli('channel-key', 'website')).out.trim();
}

beforeAll(async () => {
  db = await createCentralDatabase();
  central = await startCentral({ databaseUrl: db.url, keysPath: db.keysPath });
});
afterAll(async () => {
  await central.close();
  await db.drop();
});

describe('the conformance suite against central/', () => {
  it('passes every check, 1.1 intake, claims and look-ups included', async () => {
    const [p = '', a = '', b = '', c = ''] = await tokens(4);
    const results = await runSuite({
      url: central.url,
      tokens: [p, a, b, c],
      channelKey: { channel: 'website', key: await channelKey() },
    });
    expect(results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(25);
  });

  it('runs as npm run conformance -- URL, and fails where the central side is wrong', async () => {
    const given = await tokens(4);
    const script = join(import.meta.dirname, '../../../central/conformance/run.ts');
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      script,
      central.url,
      '--tokens',
      given.join(','),
    ]);
    expect(stdout).toMatch(/^conformance: \d+ passed, 0 failed, 2 skipped$/m);
    // the same tokens again are enrolled already: the enrolment checks must notice
    const again = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      script,
      central.url,
      '--tokens',
      given.join(','),
    ]).catch((failure: unknown) => failure as { stdout: string; code: number });
    expect('code' in again ? again.code : 0).toBe(1);
    expect(again.stdout).toMatch(/FAIL/);
  });
});
