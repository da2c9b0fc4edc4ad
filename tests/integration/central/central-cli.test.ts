import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { type CentralDatabase, createCentralDatabase, enrolmentCode } from '../../support/central-pg.js';

/** The operator's commands against a real PostgreSQL: init, enrolment codes, channel keys, listing. */
let db: CentralDatabase;

beforeAll(async () => {
  db = await createCentralDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('snowdesk-central', () => {
  it('init twice keeps the key file and the schema', async () => {
    const again = await db.cli('init');
    expect(again.code).toBe(0);
    expect(again.out).toContain('kept key file');
    expect(again.out).toContain('database schema at version 2 (was 2)');
  });

  it('issues an enrolment code that decodes to the URL, a fresh token and the central key', async () => {
    const first = decodeEnrolmentCode(await enrolmentCode(db, 'https://central.resort.example/snowdesk'));
    const second = decodeEnrolmentCode(await enrolmentCode(db, 'https://central.resort.example/snowdesk'));
    if (!first.ok || !second.ok) throw new Error('the codes do not decode');
    expect(first.content.url).toBe('https://central.resort.example/snowdesk');
    expect(first.content.token).not.toBe(second.content.token);
    expect(first.content.centralPublicKey).toBe(second.content.centralPublicKey);
  });

  it('prints a QR code for the maintainer screen unless told not to', async () => {
    const made = await db.cli('enrol-device', '--url', 'https://central.resort.example');
    expect(made.code).toBe(0);
    expect(made.out.split('\n').length).toBeGreaterThan(10);
    expect(made.out).toMatch(/[█▀▄]/);
  });

  it('issues channel keys per channel and refuses an unknown channel', async () => {
    const key = await db.cli('channel-key', 'wechat');
    expect(key.out).toMatch(/^sdc_wechat_/);
    expect((await db.cli('channel-key', 'fax')).code).not.toBe(0);
  });

  it('refuses to revoke a device it does not know', async () => {
    const revoked = await db.cli('revoke', '00000000-0000-4000-8000-000000000000');
    expect(revoked.code).toBe(1);
    expect(revoked.err).toContain('no live token');
  });
});
