import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { call, ManualClock, refusal, TEST_ARGON2 } from '../support/core-harness.js';
import {
  adultGuest,
  CHECKLIST,
  PASSWORD,
  PEOPLE,
  residentId,
  signInAs,
  staffTheDesk,
  type Person,
} from '../support/desk-harness.js';
import { launchSnowdesk, type LaunchedSnowdesk } from '../support/launch-snowdesk.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Issue 4 through the real renderer and the real core in Chromium: the desk's people are set up
 * through the core's dispatch, then everything else is done on the screens as people do it.
 * SNOWDESK_SCREENSHOTS=<folder> also saves pictures of the screens (outside the repository).
 */

let app: LaunchedSnowdesk | undefined;
let dir: ReturnType<typeof tempDir>;

test.beforeEach(() => {
  dir = tempDir('snowdesk-e2e-records-');
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  dir.remove();
});

const ID_NUMBER = residentId('110105', '19850312', '123');

async function openDesk(): Promise<LaunchedSnowdesk> {
  const launched = await launchSnowdesk({ dataDir: dir.path, argon2: TEST_ARGON2, clock: new ManualClock() });
  await staffTheDesk(launched.core);
  await launched.page.reload();
  await expect(launched.page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  return launched;
}

async function shot(page: Page, name: string): Promise<void> {
  const folder = process.env.SNOWDESK_SCREENSHOTS;
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

function field(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

async function signIn(page: Page, person: Person): Promise<void> {
  await field(page, '姓名').fill(PEOPLE[person].name);
  await field(page, '密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('group', { name: '当前登录' })).toContainText(PEOPLE[person].name);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('group', { name: '当前登录' }).getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^已保存/ })).toBeVisible();
}

async function selfReviewAndSubmit(page: Page): Promise<void> {
  await page.getByRole('button', { name: '下一步：自我审核' }).click();
  await expect(page.getByRole('heading', { name: /^自我审核/ })).toBeVisible();
  const submit = page.getByRole('button', { name: '提交', exact: true });
  await expect(submit).toBeDisabled();
  for (const label of ['完整性', '准确性', '格式', '告知与同意']) {
    await page.getByRole('checkbox', { name: new RegExp(`^${label}：`) }).check();
  }
  await submit.click();
}

test('an on-site VIP guest goes from entry through a returned cross-review to the manager’s approval', async () => {
  app = await openDesk();
  const { page } = app;

  // Alice enters the guest at the desk, keyboard first; a slip in the phone number
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeFocused();
  await field(page, '姓名').fill('张伟');
  await field(page, '姓名').press('Enter');
  await expect(field(page, '证件类型')).toBeFocused();
  await field(page, '证件类型').selectOption({ label: '居民身份证' });
  await field(page, '证件号码').fill(ID_NUMBER);
  await field(page, '电话').fill('138 0013 8001');
  await field(page, '家庭住址').fill('北京市朝阳区建国路88号1单元1201');
  await field(page, '滑雪项目').selectOption({ label: '双板' });
  await field(page, '水平').selectOption({ label: '中级' });
  await field(page, '教学课程意向').selectOption({ label: '团体课' });
  await field(page, '紧急联系人姓名').fill('王丽');
  await field(page, '紧急联系人电话').fill('139 0013 9000');
  await field(page, '与客户关系').selectOption({ label: '配偶' });
  await field(page, 'VIP 客户').check();
  await field(page, '同意收集和使用信息').check();
  await field(page, '单独同意登记证件号码').check();
  await expect(page.getByText(/^同意已记录：/)).toBeVisible();
  await saved(page);
  await shot(page, 'intake');
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待交叉审核。' })).toBeVisible();

  // her own record is never offered to her for cross-review
  const aliceCross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(aliceCross).toContainText('没有记录。');
  await expect(aliceCross.getByRole('button')).toHaveCount(0);
  // and the core refuses it when asked directly, in her session
  const [entered] = (await call(app.core, 'guests.search', { name: '张伟' })).hits;
  expect(await refusal(app.core, 'review.approveCross', { recordId: entered?.recordId ?? '' })).toMatchObject(
    {
      code: 'forbidden',
    },
  );
  await signOut(page);

  // Bob returns it with a comment on the phone field
  await signIn(page, 'bob');
  await page.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^交叉审核/ })).toBeVisible();
  await expect(page.locator('[data-field="contact.phone"]')).toContainText('+8613800138001');
  await page.getByRole('button', { name: '对“电话”写意见' }).click();
  await field(page, '对“电话”的意见').fill('客户说号码是 8000 结尾，不是 8001');
  await shot(page, 'cross-review');
  await expect(page.getByRole('button', { name: '审核通过' })).toBeDisabled();
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已退回录入人修改。' })).toBeVisible();
  await signOut(page);

  // Alice sees the comment beside the field, fixes it and resubmits
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '修改 张伟' }).click();
  await expect(field(page, '电话')).toHaveAccessibleDescription(/审核意见：客户说号码是 8000 结尾/);
  await expect(page.getByRole('heading', { name: '审核记录' })).toBeVisible();
  await field(page, '电话').fill('13800138000');
  await field(page, '电话').blur();
  await saved(page);
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待交叉审核。' })).toBeVisible();
  await signOut(page);

  // Bob approves; a VIP goes on to the manager
  await signIn(page, 'bob');
  await page.getByRole('button', { name: '审核 张伟' }).click();
  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();
  await signOut(page);

  // the manager gives final review: valid
  await signIn(page, 'manager');
  const finalQueue = page.getByRole('table', { name: /^待最终审核/ });
  await finalQueue.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^最终审核/ })).toBeVisible();
  await page.getByRole('button', { name: '最终审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();

  // the manager finds the guest: masked, valid
  await page.getByRole('button', { name: '查找客户' }).click();
  await field(page, '查找方式').selectOption({ label: '证件号码' });
  await field(page, '查找内容').fill(ID_NUMBER);
  await page.getByRole('button', { name: '查找', exact: true }).click();
  const hit = page.getByRole('listitem').filter({ hasText: '张伟' });
  await expect(hit).toContainText('有效信息');
  await expect(hit).toContainText('110***********');
  await expect(hit).not.toContainText(ID_NUMBER);
  await shot(page, 'search');
  await hit.getByRole('button', { name: /^显示完整证件号码/ }).click();
  await expect(hit).toContainText(ID_NUMBER);

  // the record is valid and the chain verifies (the manager's own session, as the page's)
  const found = await call(app.core, 'guests.search', { name: '张伟' });
  expect(found.hits.map((h) => h.state)).toEqual(['valid']);
  expect(await call(app.core, 'audit.verify', {})).toMatchObject({ ok: true });
  expect(app.consoleErrors).toEqual([]);
});

test('a minor without the guardian’s consent cannot be submitted', async () => {
  app = await openDesk();
  const { page } = app;
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field(page, '姓名').fill('张小明');
  await field(page, '证件类型').selectOption({ label: '居民身份证' });
  await expect(field(page, '监护人姓名')).toHaveCount(0);
  await field(page, '证件号码').fill(residentId('110105', '20160501', '031'));
  // the age says so: the guardian's section appears
  await expect(page.getByText('客户未满 14 周岁：需要登记监护人信息，并取得监护人同意。')).toBeVisible();
  await field(page, '电话').fill('137 0013 7000');
  await field(page, '家庭住址').fill('北京市朝阳区建国路88号1单元1201');
  await field(page, '滑雪项目').selectOption({ label: '单板' });
  await field(page, '水平').selectOption({ label: '初学' });
  await field(page, '监护人姓名').fill('张伟');
  await field(page, '监护人电话').fill('138 0013 8000');
  await field(page, '监护关系').selectOption({ label: '父母' });
  await field(page, '监护人同意方式').selectOption({ label: '当面口头告知并同意' });
  await field(page, '同意收集和使用信息').check();
  await field(page, '单独同意登记证件号码').check();
  await saved(page);
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('alert')).toContainText('记录没有提交');
  await expect(page.locator('[data-field="guardian.consent.given"]')).toContainText(
    '客户未满 14 周岁，需取得监护人同意后才能提交',
  );
  await shot(page, 'self-review-minor');
  await expect(page.getByRole('heading', { name: /^自我审核/ })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('typing an existing guest’s ID number offers the existing record', async () => {
  app = await openDesk();
  const { page } = app;
  // Bob registered the guest earlier
  await signInAs(app.core, 'bob');
  const { recordId } = await call(app.core, 'records.startIntake', {
    channel: 'on_site_face_to_face',
    draft: adultGuest({ idDocument: { type: 'resident_id', number: ID_NUMBER } }),
  });
  await call(app.core, 'records.submit', { recordId, checklist: CHECKLIST });
  await call(app.core, 'session.signOut', {});
  await page.reload();

  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field(page, '证件类型').selectOption({ label: '居民身份证' });
  await field(page, '证件号码').fill(ID_NUMBER);
  await field(page, '证件号码').press('Tab');
  const offer = page.getByRole('alert').filter({ hasText: '可能是已登记的客户' });
  await expect(offer).toContainText('110***********');
  await offer.getByRole('button', { name: '打开已有记录：张伟' }).click();
  await expect(page.getByRole('heading', { name: /^客户记录 · 张伟/ })).toBeVisible();
  await expect(page.getByText('待交叉审核', { exact: true })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('a lock loses nothing: what was typed is saved on the way out and the form comes back after unlock', async () => {
  app = await openDesk();
  const { page } = app;
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field(page, '姓名').fill('李雷');
  await field(page, '家庭住址').fill('上海市浦东新区世纪大道100号');
  // straight to the lock button: the blur on the way saves the draft
  await page.getByRole('group', { name: '当前登录' }).getByRole('button', { name: '锁定屏幕' }).click();
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  await expect(page.getByText('李雷')).toHaveCount(0);
  await field(page, '密码').fill(PASSWORD);
  await page.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeVisible();
  await expect(field(page, '姓名')).toHaveValue('李雷');
  await expect(field(page, '家庭住址')).toHaveValue('上海市浦东新区世纪大道100号');
  expect(app.consoleErrors).toEqual([]);
});

test('a guest who walks away: the entrant discards the draft after confirming, and it is gone', async () => {
  app = await openDesk();
  const { page, core } = app;
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field(page, '姓名').fill('韩梅梅');
  await field(page, '家庭住址').fill('广州市天河区体育西路1号');
  await page.getByRole('button', { name: '放弃草稿', exact: true }).click();
  await page.getByRole('button', { name: '不放弃' }).click();
  await expect(field(page, '姓名')).toHaveValue('韩梅梅');
  await page.getByRole('button', { name: '放弃草稿', exact: true }).click();
  await page.getByRole('button', { name: '确认放弃并销毁' }).click();
  await expect(page.getByRole('status').filter({ hasText: '草稿已放弃' })).toBeVisible();
  await expect(page.getByText('韩梅梅')).toHaveCount(0);
  await signOut(page);
  await signInAs(core, 'alice');
  expect((await call(core, 'guests.search', { name: '韩梅梅' })).hits).toEqual([]);
  await call(core, 'session.signOut', {});
  expect(app.consoleErrors).toEqual([]);
});

test('uncertified staff get the same screens in practice mode, clearly marked (R6)', async () => {
  app = await openDesk();
  const { page } = app;
  await signIn(page, 'trainee');
  await expect(page.getByRole('note').filter({ hasText: '练习模式' })).toBeVisible();
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field(page, '姓名').fill('练习客户');
  await saved(page);
  await page.getByRole('button', { name: '返回工作台' }).click();
  const mine = page.getByRole('table', { name: /^我的草稿和退回记录/ });
  await expect(mine.getByRole('row').filter({ hasText: '练习客户' })).toContainText('练习');
  await shot(page, 'practice');
  expect((await call(app.core, 'records.myQueue', {})).practice).toBe(true);
  expect(app.consoleErrors).toEqual([]);
});

test('a guest’s erasure request is sent by a specialist and approved by the manager (R19)', async () => {
  app = await openDesk();
  const { page } = app;
  await signInAs(app.core, 'bob');
  const { recordId } = await call(app.core, 'records.startIntake', {
    channel: 'on_site_face_to_face',
    draft: adultGuest(),
  });
  await call(app.core, 'records.submit', { recordId, checklist: CHECKLIST });
  await call(app.core, 'session.signOut', {});
  await signInAs(app.core, 'lead');
  await call(app.core, 'review.approveCross', { recordId });
  await call(app.core, 'session.signOut', {});
  await page.reload();

  await signIn(page, 'alice');
  await page.getByRole('button', { name: '查找客户' }).click();
  await field(page, '查找内容').fill('zw');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.getByRole('button', { name: '查看 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^客户记录 · 张伟/ })).toBeVisible();
  await field(page, '删除原因').fill('客户撤回同意，要求删除');
  await page.getByRole('button', { name: '提交删除申请' }).click();
  await expect(page.getByRole('status').filter({ hasText: '删除申请已提交' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'manager');
  await page.getByRole('button', { name: '批准删除 张伟' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已处理删除申请。' })).toBeVisible();
  expect((await call(app.core, 'guests.search', { name: '张伟' })).hits).toEqual([]);
  expect(await call(app.core, 'audit.verify', {})).toMatchObject({ ok: true });
  expect(app.consoleErrors).toEqual([]);
});

test('online submissions: 2-hour countdown, overdue stands out, claim and log contact attempts (R9, R11)', async () => {
  const clock = new ManualClock();
  app = await launchSnowdesk({ dataDir: dir.path, argon2: TEST_ARGON2, clock });
  await staffTheDesk(app.core);
  await signInAs(app.core, 'bob');
  const hour = 3_600_000;
  await call(app.core, 'online.add', {
    channel: 'online_wechat',
    receivedAt: clock.now() - 3 * hour,
    submission: { name: '王芳', contact: { phone: '139 0013 9000' } },
  });
  await call(app.core, 'online.add', {
    channel: 'online_website',
    receivedAt: clock.now() - 30 * 60_000,
    submission: { name: '赵敏' },
  });
  await call(app.core, 'session.signOut', {});
  const { page } = app;
  await page.reload();

  await signIn(page, 'alice');
  const online = page.getByRole('table', { name: /^线上提交/ });
  const late = online.getByRole('row').filter({ hasText: '王芳' });
  await expect(late).toHaveClass(/row-overdue/);
  await expect(late).toContainText('已超时 1:00:');
  await expect(online.getByRole('row').filter({ hasText: '赵敏' })).toContainText(/剩余 1:[23]\d:\d\d/);
  await shot(page, 'desk-home-online');
  await late.getByRole('button', { name: '领取 王芳' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已领取线上提交' })).toBeVisible();
  await expect(field(page, '姓名')).toHaveValue('王芳');
  await expect(field(page, '信息来源渠道')).toHaveValue('online_wechat');
  await field(page, '联系方式').selectOption({ label: '电话' });
  await field(page, '结果').selectOption({ label: '无人接听' });
  await page.getByRole('button', { name: '记录联系' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Alice Li · 电话 · 无人接听' })).toBeVisible();

  // English on request: the same form in the other language
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: /^Guest intake/ })).toBeVisible();
  await expect(field(page, 'Name')).toHaveValue('王芳');
  expect(app.consoleErrors).toEqual([]);
});

test('a guest’s correction is a new revision that the lead assigns for cross-review (R13, R19)', async () => {
  app = await openDesk();
  const { page } = app;
  await signInAs(app.core, 'bob');
  const { recordId } = await call(app.core, 'records.startIntake', {
    channel: 'on_site_face_to_face',
    draft: adultGuest(),
  });
  await call(app.core, 'records.submit', { recordId, checklist: CHECKLIST });
  await call(app.core, 'session.signOut', {});
  await signInAs(app.core, 'alice');
  await call(app.core, 'review.approveCross', { recordId });
  await call(app.core, 'session.signOut', {});
  await page.reload();

  // Alice takes the guest's correction: a new revision, entered like any other
  await signIn(page, 'alice');
  await page.getByRole('button', { name: '查找客户' }).click();
  await field(page, '查找方式').selectOption({ label: '电话' });
  await field(page, '查找内容').fill('13800138000');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.getByRole('button', { name: '查看 张伟' }).click();
  await field(page, '更正原因').fill('客户换了手机号');
  await page.getByRole('button', { name: '开始更正' }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeVisible();
  await field(page, '电话').fill('139 0013 9001');
  await field(page, '电话').blur();
  await saved(page);
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待交叉审核。' })).toBeVisible();
  await signOut(page);

  // the lead assigns Bob; Bob sees it as his and approves
  await signIn(page, 'lead');
  const cross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(cross.getByRole('row').filter({ hasText: '张伟' })).toContainText('更正');
  await cross.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByText('更正原因：客户换了手机号')).toBeVisible();
  await field(page, '审核人').selectOption({ label: 'Bob Zhou（客服专员）' });
  await page.getByRole('button', { name: '保存指定' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已指定审核人。' })).toBeVisible();
  await signOut(page);

  await signIn(page, 'bob');
  const bobCross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(bobCross.getByRole('row').filter({ hasText: '张伟' })).toContainText('Bob Zhou');
  await bobCross.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.locator('[data-field="contact.phone"]')).toContainText('+8613900139001');
  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();
  const found = await call(app.core, 'guests.search', { phone: '139 0013 9001' });
  expect(found.hits).toEqual([expect.objectContaining({ state: 'valid', inForceRevision: 2 })]);
  expect(app.consoleErrors).toEqual([]);
});
