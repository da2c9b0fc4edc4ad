import type { Page } from '@playwright/test';
import { centralClientForTests } from '../support/central-server/central-client-for-tests.js';
import { call, type CoreDoor } from '../support/core-harness.js';
import { adultGuest, staffTheDesk } from '../support/desk-harness.js';
import { validGuest } from '../support/desk-work.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 5's Done-when through the real renderer and the real core in Chromium, against a real
 * loopback central system: the maintainer enrols the kiosk in the UI; while the central system
 * refuses connections the header says offline and the queue grows as records become valid; when
 * it accepts again the queue drains by itself (the core's own retry timers, nobody touches the
 * kiosk) and the header says online again. The central side then holds exactly those records.
 */

/** The header's one status region: link, central system, queue, last sync, last problem. */
function header(page: Page) {
  return page.getByRole('status', { name: '网络状态' });
}

/** Alice enters and submits a guest, Bob cross-reviews it: the record becomes valid (and syncs). */
function validRecord(core: CoreDoor, name: string): Promise<string> {
  return validGuest(core, { entrant: 'alice', reviewer: 'bob', draft: adultGuest({ name }) });
}

test('the header shows offline while the central system is down, the queue grows, and drains by itself when it is back', async ({
  central,
  withCore,
  launch,
}) => {
  test.setTimeout(180_000);
  const server = central.server;
  await withCore(staffTheDesk);

  const { page, core, consoleErrors, field, signInAsMaintainer, signOut, openMaintenance } = await launch();
  const status = header(page);

  // before enrolment: the link is up, no central system, nothing waits
  await expect(status).toContainText('未接入中心系统');
  await expect(status).toContainText('全部已上传');

  // the maintainer enrols the kiosk with the four values, through the form
  await signInAsMaintainer();
  await openMaintenance('本机与中心系统');
  await expect(page.getByRole('heading', { name: '接入中心系统' })).toBeVisible();
  await page.getByRole('radio', { name: '逐项填写' }).check();
  await field('中心系统地址').fill(server.url);
  await field('设备令牌').fill(server.issueToken());
  await field('中心系统公钥').fill(server.centralPublicKey);
  await field('本机名称（可选）').fill('一号服务台');
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.getByRole('status').filter({ hasText: '连接正常' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '还没有接入任何设备' })).toBeVisible();
  await page.getByRole('button', { name: '接入', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已接入中心系统' })).toBeVisible();
  const facts = page.getByRole('definition');
  await expect(facts.filter({ hasText: server.url })).toBeVisible();
  await expect(facts.filter({ hasText: '一号服务台' })).toBeVisible();
  await expect(status).toContainText('在线');
  await expect(status).toContainText('中心系统已连接');
  await expect(status).toContainText('上次同步');

  // the maintainer leaves; the central system goes down
  await signOut();
  const sentBefore = server.requests().length;
  await server.faults.refuseConnections('closed');

  // the desk keeps working: each record that becomes valid waits, and the header says so
  const first = await validRecord(core, '李雪');
  await expect(status).toContainText('离线');
  await expect(status).toContainText('中心系统无法连接');
  await expect(status).toContainText('待上传 1 条');
  await expect(status).toContainText('连不上中心系统');
  const second = await validRecord(core, '王冰');
  await expect(status).toContainText('待上传 2 条');
  await expect(status).toContainText('离线');
  // nothing reached the central system while it was down
  expect(server.requests().length).toBe(sentBefore);

  // the central system is back: nobody touches the kiosk, the retry timer sends everything
  await server.faults.acceptConnections();
  await expect(status).toContainText('全部已上传', { timeout: 120_000 });
  await expect(status).toContainText('在线');
  await expect(status).toContainText('中心系统已连接');
  await expect(status).not.toContainText('连不上中心系统');
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();

  const stored = await centralClientForTests(server);
  try {
    expect(
      stored.compare([
        { recordId: first, seq: 1 },
        { recordId: second, seq: 1 },
      ]),
    ).toMatchObject({ ok: true });
  } finally {
    stored.close();
  }
  expect(await call(core, 'sync.status', {})).toMatchObject({ waiting: 0, online: true, lastError: null });
  expect(consoleErrors).toEqual([]);
});
