import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../../shared/sync/protocol.js';
import {
  InboxAckResponse,
  type InboxItem,
  InboxPage,
  InboxReportResponse,
} from '../../../shared/sync/wire.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { FakeDevice } from '../../support/central-server/fake-device.js';
import { sealJson } from '../../support/central-server/sealing.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral({ enrolled: true });

async function page(query = ''): Promise<InboxPage> {
  const answer = await central.device.call({ path: `${SYNC_PATHS.inbox}${query}` });
  expect(answer.status).toBe(200);
  return InboxPage.parse(answer.json);
}

async function ack(cursor: string): Promise<InboxAckResponse> {
  const answer = await central.device.call({ path: SYNC_PATHS.inboxAck, body: { cursor } });
  expect(answer.status).toBe(200);
  return InboxAckResponse.parse(answer.json);
}

describe('the inbox of online submissions', () => {
  it('pages with an opaque cursor, oldest first, items sealed to the device', async () => {
    const added = Array.from({ length: 5 }, (_, i) =>
      central.server.addInboxItem(central.device.deviceId, {
        channel: (['website', 'wechat', 'app'] as const)[i % 3],
        submission: { name: `Guest ${i}` },
      }),
    );

    const first = await page('?limit=2');
    expect(first.items.map((i) => i.id)).toEqual(added.slice(0, 2).map((i) => i.id));
    expect(first.hasMore).toBe(true);
    const second = await page(`?limit=2&cursor=${first.nextCursor}`);
    const third = await page(`?limit=2&cursor=${second.nextCursor}`);
    expect([...second.items, ...third.items].map((i) => i.id)).toEqual(added.slice(2).map((i) => i.id));
    expect(third.hasMore).toBe(false);

    const opened = central.device.openInboxItem(first.items[1] as InboxItem);
    expect(opened).toMatchObject({
      v: 1,
      id: added[1]?.id,
      channel: 'wechat',
      submission: { name: 'Guest 1' },
    });
    expect(opened?.receivedAt).toBe(added[1]?.receivedAt);
  });

  it('starts where the device acknowledged, and only ever moves forward', async () => {
    const added = Array.from({ length: 3 }, () => central.server.addInboxItem(central.device.deviceId));
    const first = await page('?limit=2');
    // until acknowledged, asking again without a cursor gives the same items (at-least-once)
    expect((await page('?limit=2')).items).toEqual(first.items);

    expect((await ack(first.nextCursor)).cursor).toBe(first.nextCursor);
    const rest = await page();
    expect(rest.items.map((i) => i.id)).toEqual([added[2]?.id]);
    // acknowledging an older cursor again changes nothing
    expect((await ack('c1-0')).cursor).toBe(first.nextCursor);
    expect((await page()).items.map((i) => i.id)).toEqual([added[2]?.id]);

    await ack(rest.nextCursor);
    const empty = await page();
    expect(empty).toEqual({ items: [], nextCursor: rest.nextCursor, hasMore: false });
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.inboxAcked(central.device.deviceId)).toBeGreaterThan(0);
    } finally {
      stored.close();
    }
  });

  it('keeps each device to its own inbox', async () => {
    const other = await FakeDevice.enrol(central.server);
    central.server.addInboxItem(other.deviceId);
    const mine = central.server.addInboxItem(central.device.deviceId);
    expect((await page()).items.map((i) => i.id)).toEqual([mine.id]);
  });

  it('records quarantine reports once per item, and says which items it knows', async () => {
    const unopenable: InboxItem = {
      id: randomUUID(),
      channel: 'app',
      receivedAt: new Date().toISOString(),
      sealed: sealJson({ v: 1 }, central.server.centralPublicKey),
    };
    central.server.addRawInboxItem(central.device.deviceId, unopenable);
    const [item] = (await page()).items;
    expect(item && central.device.openInboxItem(item)).toBeNull();

    const report = { id: unopenable.id, reason: 'unsealable', detectedAt: new Date().toISOString() };
    const stranger = {
      id: randomUUID(),
      reason: 'invalid_content',
      detail: 'not JSON',
      detectedAt: report.detectedAt,
    };
    const body = { reports: [report, stranger] };
    for (let i = 0; i < 2; i += 1) {
      const answer = await central.device.call({ path: SYNC_PATHS.inboxReports, body });
      expect(InboxReportResponse.parse(answer.json)).toEqual({ recorded: 2 });
    }
    const stored = await centralClientForTests(central.server);
    try {
      expect(stored.inboxReports(central.device.deviceId).map((r) => [r.itemId, r.reason, r.known])).toEqual([
        [unopenable.id, 'unsealable', true],
        [stranger.id, 'invalid_content', false],
      ]);
    } finally {
      stored.close();
    }
  });

  it('fills a page up to the body limit, never beyond, always at least one item', async () => {
    const big = { note: 'x'.repeat(60 * 1024) };
    for (let i = 0; i < 80; i += 1) central.server.addInboxItem(central.device.deviceId, { submission: big });
    const answer = await central.device.call({ path: `${SYNC_PATHS.inbox}?limit=100` });
    const parsed = InboxPage.parse(answer.json);
    expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(parsed.items.length).toBeGreaterThan(1);
    expect(parsed.items.length).toBeLessThan(80);
    expect(parsed.hasMore).toBe(true);
  });
});
