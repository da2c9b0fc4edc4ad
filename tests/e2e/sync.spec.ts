import { expect, test, type Page } from '@playwright/test';
import { centralClientForTests } from '../support/central-server/central-client-for-tests.js';
import { startTempCentral, type TempCentral } from '../support/central-server/temp-central.js';
import {
  ADMIN,
  call,
  ManualClock,
  openTestCore,
  setUpKiosk,
  TEST_ARGON2,
  type CoreDoor,
} from '../support/core-harness.js';
import { adultGuest, CHECKLIST, PASSWORD, PEOPLE, signInAs } from '../support/desk-harness.js';
import { launchSnowdesk, type LaunchedSnowdesk } from '../support/launch-snowdesk.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Issue 5's Done-when through the real renderer and the real core in Chromium, against a real
 * loopback central system: the maintainer enrols the kiosk in the UI; while the central system
 * refuses connections the header says offline and the queue grows as records become valid; when
 * it accepts again the queue drains by itself (the core's own retry timers, nobody touches the
 * kiosk) and the header says online again. The central side then holds exactly those records.
 */

let app: LaunchedSnowdesk | undefined;
let central: TempCentral | undefined;
let dir: ReturnType<typeof tempDir>;

test.beforeEach(() => {
  dir = tempDir('snowdesk-e2e-sync-');
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await central?.dispose();
  central = undefined;
  dir.remove();
});

function field(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

/** The header's one status region: link, central system, queue, last sync, last problem. */
function header(page: Page) {
  return page.getByRole('status', { name: '网络状态' });
}

/**
 * First setup (the maintainer, key confirmed, and the certified first manager) and two certified
 * specialists with their own passwords; nobody signed in at the end.
 */
async function staffTheKiosk(core: CoreDoor): Promise<void> {
  await setUpKiosk(core);
  const ids: Record<string, string> = {};
  for (const person of ['alice', 'bob'] as const) {
    const { name, role } = PEOPLE[person];
    ids[person] = (await call(core, 'staff.create', { name, role, password: `first-${PASSWORD}` })).id;
  }
  await call(core, 'session.signOut', {});
  for (const person of ['alice', 'bob'] as const) {
    await call(core, 'session.signIn', { name: PEOPLE[person].name, password: `first-${PASSWORD}` });
    await call(core, 'session.changePassword', { current: `first-${PASSWORD}`, next: PASSWORD });
    await call(core, 'session.signOut', {});
  }
  await signInAs(core, 'manager');
  for (const person of ['alice', 'bob'] as const) {
    await call(core, 'staff.certify', { id: ids[person] ?? '', certified: true });
  }
  await call(core, 'session.signOut', {});
}

/** Alice enters and submits a guest, Bob cross-reviews it: the record becomes valid (and syncs). */
async function validRecord(core: CoreDoor, name: string): Promise<string> {
  await signInAs(core, 'alice');
  const started = await call(core, 'records.startIntake', {
    channel: 'on_site_face_to_face',
    draft: adultGuest({ name }),
  });
  await call(core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST });
  await call(core, 'session.signOut', {});
  await signInAs(core, 'bob');
  await call(core, 'review.approveCross', { recordId: started.recordId });
  await call(core, 'session.signOut', {});
  return started.recordId;
}

test('the header shows offline while the central system is down, the queue grows, and drains by itself when it is back', async () => {
  test.setTimeout(180_000);
  central = await startTempCentral();
  const server = central.server;
  const prepared = await openTestCore(dir.path);
  try {
    await staffTheKiosk(prepared);
  } finally {
    prepared.close();
  }

  app = await launchSnowdesk({ dataDir: dir.path, argon2: TEST_ARGON2, clock: new ManualClock() });
  const { page, core } = app;
  const status = header(page);

  // before enrolment: the link is up, no central system, nothing waits
  await expect(status).toContainText('未接入中心系统');
  await expect(status).toContainText('全部已上传');

  // the maintainer enrols the kiosk with the four values, through the form
  await field(page, '姓名').fill(ADMIN.name);
  await field(page, '密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page
    .getByRole('navigation', { name: '维护功能' })
    .getByRole('button', { name: '本机与中心系统' })
    .click();
  await expect(page.getByRole('heading', { name: '接入中心系统' })).toBeVisible();
  await page.getByRole('radio', { name: '逐项填写' }).check();
  await field(page, '中心系统地址').fill(server.url);
  await field(page, '设备令牌').fill(server.issueToken());
  await field(page, '中心系统公钥').fill(server.centralPublicKey);
  await field(page, '本机名称（可选）').fill('一号服务台');
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
  await page.getByRole('group', { name: '当前登录' }).getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
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
  expect(app.consoleErrors).toEqual([]);
});
