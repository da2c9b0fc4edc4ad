import type { Page } from '@playwright/test';
import { call, refusal } from '../support/core-harness.js';
import { adultGuest, PASSWORD, residentId, signInAs } from '../support/desk-harness.js';
import { submittedGuest, validGuest } from '../support/desk-work.js';
import { expect, test, type Kiosk } from '../support/snowdesk-test.js';

/**
 * Issue 4 through the real renderer and the real core in Chromium: the desk's people are set up
 * through the core's dispatch, then everything else is done on the screens as people do it.
 * SNOWDESK_SCREENSHOTS=<folder> also saves pictures of the screens (outside the repository).
 */

const ID_NUMBER = residentId('110105', '19850312', '123');

async function saved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^已保存/ })).toBeVisible();
}

/** The phone changed on the open intake form, saved, and the record submitted again. */
async function resubmitWithPhone({ page, field, signOut }: Kiosk, phone: string): Promise<void> {
  await field('电话').fill(phone);
  await field('电话').blur();
  await saved(page);
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待交叉审核。' })).toBeVisible();
  await signOut();
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

test('an on-site VIP guest goes from entry through a returned cross-review to the manager’s approval', async ({
  desk,
}) => {
  const { page, core, consoleErrors, field, signIn, signOut, shot, showSignIn } = desk;
  await showSignIn();

  // Alice enters the guest at the desk, keyboard first; a slip in the phone number
  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeFocused();
  await field('姓名').fill('张伟');
  await field('姓名').press('Enter');
  await expect(field('证件类型')).toBeFocused();
  await field('证件类型').selectOption({ label: '居民身份证' });
  await field('证件号码').fill(ID_NUMBER);
  await field('电话').fill('138 0013 8001');
  await field('家庭住址').fill('北京市朝阳区建国路88号1单元1201');
  await field('滑雪项目').selectOption({ label: '双板' });
  await field('水平').selectOption({ label: '中级' });
  await field('教学课程意向').selectOption({ label: '团体课' });
  await field('紧急联系人姓名').fill('王丽');
  await field('紧急联系人电话').fill('139 0013 9000');
  await field('与客户关系').selectOption({ label: '配偶' });
  await field('VIP 客户').check();
  await field('同意收集和使用信息').check();
  await field('单独同意登记证件号码').check();
  await expect(page.getByText(/^同意已记录：/)).toBeVisible();
  await saved(page);
  await shot('intake');
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('status').filter({ hasText: '已提交，等待交叉审核。' })).toBeVisible();

  // her own record is never offered to her for cross-review
  const aliceCross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(aliceCross).toContainText('没有记录。');
  await expect(aliceCross.getByRole('button')).toHaveCount(0);
  // and the core refuses it when asked directly, in her session
  const [entered] = (await call(core, 'guests.search', { name: '张伟' })).hits;
  expect(await refusal(core, 'review.approveCross', { recordId: entered?.recordId ?? '' })).toMatchObject({
    code: 'forbidden',
  });
  await signOut();

  // Bob returns it with a comment on the phone field
  await signIn('bob');
  await page.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^交叉审核/ })).toBeVisible();
  await expect(page.locator('[data-field="contact.phone"]')).toContainText('+8613800138001');
  await page.getByRole('button', { name: '对“电话”写意见' }).click();
  await field('对“电话”的意见').fill('客户说号码是 8000 结尾，不是 8001');
  await shot('cross-review');
  await expect(page.getByRole('button', { name: '审核通过' })).toBeDisabled();
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已退回录入人修改。' })).toBeVisible();
  await signOut();

  // Alice sees the comment beside the field, fixes it and resubmits
  await signIn('alice');
  await page.getByRole('button', { name: '修改 张伟' }).click();
  await expect(field('电话')).toHaveAccessibleDescription(/审核意见：客户说号码是 8000 结尾/);
  await expect(page.getByRole('heading', { name: '审核记录' })).toBeVisible();
  await resubmitWithPhone(desk, '13800138000');

  // Bob approves; a VIP goes on to the manager
  await signIn('bob');
  await page.getByRole('button', { name: '审核 张伟' }).click();
  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();
  await signOut();

  // the manager gives final review: valid
  await signIn('manager');
  const finalQueue = page.getByRole('table', { name: /^待最终审核/ });
  await finalQueue.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^最终审核/ })).toBeVisible();
  await page.getByRole('button', { name: '最终审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();

  // the manager finds the guest: masked, valid
  await page.getByRole('button', { name: '查找客户' }).click();
  await field('查找方式').selectOption({ label: '证件号码' });
  await field('查找内容').fill(ID_NUMBER);
  await page.getByRole('button', { name: '查找', exact: true }).click();
  const hit = page.getByRole('listitem').filter({ hasText: '张伟' });
  await expect(hit).toContainText('有效信息');
  await expect(hit).toContainText('110***********');
  await expect(hit).not.toContainText(ID_NUMBER);
  await shot('search');
  await hit.getByRole('button', { name: /^显示完整证件号码/ }).click();
  await expect(hit).toContainText(ID_NUMBER);

  // the record is valid and the chain verifies (the manager's own session, as the page's)
  const found = await call(core, 'guests.search', { name: '张伟' });
  expect(found.hits.map((h) => h.state)).toEqual(['valid']);
  expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  expect(consoleErrors).toEqual([]);
});

test('a minor without the guardian’s consent cannot be submitted', async ({ desk }) => {
  const { page, consoleErrors, field, signIn, shot, showSignIn } = desk;
  await showSignIn();
  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field('姓名').fill('张小明');
  await field('证件类型').selectOption({ label: '居民身份证' });
  await expect(field('监护人姓名')).toHaveCount(0);
  await field('证件号码').fill(residentId('110105', '20160501', '031'));
  // the age says so: the guardian's section appears
  await expect(page.getByText('客户未满 14 周岁：需要登记监护人信息，并取得监护人同意。')).toBeVisible();
  await field('电话').fill('137 0013 7000');
  await field('家庭住址').fill('北京市朝阳区建国路88号1单元1201');
  await field('滑雪项目').selectOption({ label: '单板' });
  await field('水平').selectOption({ label: '初学' });
  await field('监护人姓名').fill('张伟');
  await field('监护人电话').fill('138 0013 8000');
  await field('监护关系').selectOption({ label: '父母' });
  await field('监护人同意方式').selectOption({ label: '当面口头告知并同意' });
  await field('同意收集和使用信息').check();
  await field('单独同意登记证件号码').check();
  await saved(page);
  await selfReviewAndSubmit(page);
  await expect(page.getByRole('alert')).toContainText('记录没有提交');
  await expect(page.locator('[data-field="guardian.consent.given"]')).toContainText(
    '客户未满 14 周岁，需取得监护人同意后才能提交',
  );
  await shot('self-review-minor');
  await expect(page.getByRole('heading', { name: /^自我审核/ })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('typing an existing guest’s ID number offers the existing record', async ({ desk }) => {
  const { page, core, consoleErrors, field, signIn, showSignIn } = desk;
  // Bob registered the guest earlier
  await submittedGuest(core, {
    draft: adultGuest({ idDocument: { type: 'resident_id', number: ID_NUMBER } }),
  });
  await showSignIn();

  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field('证件类型').selectOption({ label: '居民身份证' });
  await field('证件号码').fill(ID_NUMBER);
  await field('证件号码').press('Tab');
  const offer = page.getByRole('alert').filter({ hasText: '可能是已登记的客户' });
  await expect(offer).toContainText('110***********');
  await offer.getByRole('button', { name: '打开已有记录：张伟' }).click();
  await expect(page.getByRole('heading', { name: /^客户记录 · 张伟/ })).toBeVisible();
  await expect(page.getByText('待交叉审核', { exact: true })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a lock loses nothing: what was typed is saved on the way out and the form comes back after unlock', async ({
  desk,
}) => {
  const { page, consoleErrors, field, signIn, showSignIn } = desk;
  await showSignIn();
  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field('姓名').fill('李雷');
  await field('家庭住址').fill('上海市浦东新区世纪大道100号');
  // straight to the lock button: the blur on the way saves the draft
  await page.getByRole('group', { name: '当前登录' }).getByRole('button', { name: '锁定屏幕' }).click();
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  await expect(page.getByText('李雷')).toHaveCount(0);
  await field('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '解锁', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeVisible();
  await expect(field('姓名')).toHaveValue('李雷');
  await expect(field('家庭住址')).toHaveValue('上海市浦东新区世纪大道100号');
  expect(consoleErrors).toEqual([]);
});

test('a guest who walks away: the entrant discards the draft after confirming, and it is gone', async ({
  desk,
}) => {
  const { page, core, consoleErrors, field, signIn, signOut, showSignIn } = desk;
  await showSignIn();
  await signIn('alice');
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field('姓名').fill('韩梅梅');
  await field('家庭住址').fill('广州市天河区体育西路1号');
  await page.getByRole('button', { name: '放弃草稿', exact: true }).click();
  await page.getByRole('button', { name: '不放弃' }).click();
  await expect(field('姓名')).toHaveValue('韩梅梅');
  await page.getByRole('button', { name: '放弃草稿', exact: true }).click();
  await page.getByRole('button', { name: '确认放弃并销毁' }).click();
  await expect(page.getByRole('status').filter({ hasText: '草稿已放弃' })).toBeVisible();
  await expect(page.getByText('韩梅梅')).toHaveCount(0);
  await signOut();
  await signInAs(core, 'alice');
  expect((await call(core, 'guests.search', { name: '韩梅梅' })).hits).toEqual([]);
  await call(core, 'session.signOut', {});
  expect(consoleErrors).toEqual([]);
});

test('uncertified staff get the same screens in practice mode, clearly marked (R6)', async ({ desk }) => {
  const { page, core, consoleErrors, field, signIn, shot, showSignIn } = desk;
  await showSignIn();
  await signIn('trainee');
  await expect(page.getByRole('note').filter({ hasText: '练习模式' })).toBeVisible();
  await page.getByRole('button', { name: '新建客户登记' }).click();
  await field('姓名').fill('练习客户');
  await saved(page);
  await page.getByRole('button', { name: '返回工作台' }).click();
  const mine = page.getByRole('table', { name: /^我的草稿和退回记录/ });
  await expect(mine.getByRole('row').filter({ hasText: '练习客户' })).toContainText('练习');
  await shot('practice');
  expect((await call(core, 'records.myQueue', {})).practice).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('a guest’s erasure request is sent by a specialist and approved by the manager (R19)', async ({
  desk,
}) => {
  const { page, core, consoleErrors, field, signIn, signOut, showSignIn } = desk;
  await validGuest(core, { reviewer: 'lead' });
  await showSignIn();

  await signIn('alice');
  await page.getByRole('button', { name: '查找客户' }).click();
  await field('查找内容').fill('zw');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.getByRole('button', { name: '查看 张伟' }).click();
  await expect(page.getByRole('heading', { name: /^客户记录 · 张伟/ })).toBeVisible();
  await field('删除原因').fill('客户撤回同意，要求删除');
  await page.getByRole('button', { name: '提交删除申请' }).click();
  await expect(page.getByRole('status').filter({ hasText: '删除申请已提交' })).toBeVisible();
  await signOut();

  await signIn('manager');
  await page.getByRole('button', { name: '批准删除 张伟' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已处理删除申请。' })).toBeVisible();
  expect((await call(core, 'guests.search', { name: '张伟' })).hits).toEqual([]);
  expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  expect(consoleErrors).toEqual([]);
});

test('online submissions: 2-hour countdown, overdue stands out, claim and log contact attempts (R9, R11)', async ({
  desk,
  clock,
}) => {
  const { page, core, consoleErrors, field, signIn, shot } = desk;
  await signInAs(core, 'bob');
  const hour = 3_600_000;
  await call(core, 'online.add', {
    channel: 'online_wechat',
    receivedAt: clock.now() - 3 * hour,
    submission: { name: '王芳', contact: { phone: '139 0013 9000' } },
  });
  await call(core, 'online.add', {
    channel: 'online_website',
    receivedAt: clock.now() - 30 * 60_000,
    submission: { name: '赵敏' },
  });
  await call(core, 'session.signOut', {});
  await page.reload();

  await signIn('alice');
  const online = page.getByRole('table', { name: /^线上提交/ });
  const late = online.getByRole('row').filter({ hasText: '王芳' });
  await expect(late).toHaveClass(/row-overdue/);
  await expect(late).toContainText('已超时 1:00:');
  await expect(online.getByRole('row').filter({ hasText: '赵敏' })).toContainText(/剩余 1:[23]\d:\d\d/);
  await shot('desk-home-online');
  await late.getByRole('button', { name: '领取 王芳' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已领取线上提交' })).toBeVisible();
  await expect(field('姓名')).toHaveValue('王芳');
  await expect(field('信息来源渠道')).toHaveValue('online_wechat');
  await field('联系方式').selectOption({ label: '电话' });
  await field('结果').selectOption({ label: '无人接听' });
  await page.getByRole('button', { name: '记录联系' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Alice Li · 电话 · 无人接听' })).toBeVisible();

  // English on request: the same form in the other language
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: /^Guest intake/ })).toBeVisible();
  await expect(field('Name')).toHaveValue('王芳');
  expect(consoleErrors).toEqual([]);
});

test('a guest’s correction is a new revision that the lead assigns for cross-review (R13, R19)', async ({
  desk,
}) => {
  const { page, core, consoleErrors, field, signIn, signOut, showSignIn } = desk;
  await validGuest(core);
  await showSignIn();

  // Alice takes the guest's correction: a new revision, entered like any other
  await signIn('alice');
  await page.getByRole('button', { name: '查找客户' }).click();
  await field('查找方式').selectOption({ label: '电话' });
  await field('查找内容').fill('13800138000');
  await page.getByRole('button', { name: '查找', exact: true }).click();
  await page.getByRole('button', { name: '查看 张伟' }).click();
  await field('更正原因').fill('客户换了手机号');
  await page.getByRole('button', { name: '开始更正' }).click();
  await expect(page.getByRole('heading', { name: /^客户信息登记/ })).toBeVisible();
  await resubmitWithPhone(desk, '139 0013 9001');

  // the lead assigns Bob; Bob sees it as his and approves
  await signIn('lead');
  const cross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(cross.getByRole('row').filter({ hasText: '张伟' })).toContainText('更正');
  await cross.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.getByText('更正原因：客户换了手机号')).toBeVisible();
  await field('审核人').selectOption({ label: 'Bob Zhou（客服专员）' });
  await page.getByRole('button', { name: '保存指定' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已指定审核人。' })).toBeVisible();
  await signOut();

  await signIn('bob');
  const bobCross = page.getByRole('table', { name: /^待交叉审核/ });
  await expect(bobCross.getByRole('row').filter({ hasText: '张伟' })).toContainText('Bob Zhou');
  await bobCross.getByRole('button', { name: '审核 张伟' }).click();
  await expect(page.locator('[data-field="contact.phone"]')).toContainText('+8613900139001');
  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审核通过。' })).toBeVisible();
  const found = await call(core, 'guests.search', { phone: '139 0013 9001' });
  expect(found.hits).toEqual([expect.objectContaining({ state: 'valid', inForceRevision: 2 })]);
  expect(consoleErrors).toEqual([]);
});
