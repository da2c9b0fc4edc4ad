import type { Page } from '@playwright/test';
import { ACTIVITY_INTERVAL_MS } from '../../renderer/src/session/activity-throttle.js';
import { ADMIN, call, FIRST_MANAGER, type CoreDoor } from '../support/core-harness.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 3 through the real renderer and the real core in Chromium: first setup with the
 * recovery key, accounts, first passwords, the idle lock, lockouts, quick switch, recovery.
 * Time is a ManualClock the core reads; the page never sleeps, it waits for what it shows.
 */

const IDLE_LOCK_MS = 3 * 60_000;
const FIRST_LOCKOUT_MS = 60_000;

interface Account {
  name: string;
  role: 'specialist' | 'lead' | 'manager';
  password: string;
  /** the password the person chose at first sign-in; without it the first one is still theirs */
  own?: string;
}

const LI_NA: Account = { name: 'Li Na', role: 'specialist', password: 'first-pass-li', own: 'powder-day-42' };

/** The maintainer's work in prepareKiosk: these accounts created, and own passwords chosen. */
function hire(staff: Account[]) {
  return async (core: CoreDoor): Promise<void> => {
    for (const person of staff) {
      await call(core, 'staff.create', { name: person.name, role: person.role, password: person.password });
    }
    for (const person of staff) {
      if (!person.own) continue;
      await call(core, 'session.signIn', { name: person.name, password: person.password });
      await call(core, 'session.changePassword', { current: person.password, next: person.own });
    }
  };
}

async function chooseOwnPassword(page: Page, first: string, own: string): Promise<void> {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await expect(page.getByRole('heading', { name: '请设置你自己的密码' })).toBeVisible();
  await field('当前密码').fill(first);
  await field('新密码').fill(own);
  await field('再次输入新密码').fill(own);
  await page.getByRole('button', { name: '保存新密码' }).click();
}

async function createAccount(page: Page, name: string, role: string, password: string): Promise<void> {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  await field('姓名').fill(name);
  await page.getByLabel('角色').selectOption({ label: role });
  await field('初始密码').fill(password);
  await field('再次输入初始密码').fill(password);
  await page.getByRole('button', { name: '创建账户' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已创建 ${name} 的账户` })).toBeVisible();
}

/** "10:05": the time the page shows for a lockout, rounded up to the minute, in its time zone. */
async function clockTimeOnPage(page: Page, at: number): Promise<string> {
  const timeZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const minute = Math.ceil(at / 60_000) * 60_000;
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(minute);
}

test('first setup, accounts, first passwords, idle lock, lockout and quick switch, all through the UI', async ({
  app,
  clock,
}) => {
  const { page, core, consoleErrors, field, account, fillSignIn, signOut, copyRecoveryKey } = app;
  const maintainer = { name: '赵维护', password: 'snow-admin-2026!' };

  // step 1: the maintainer's account, the rules said up front, a refusal next to its field
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByText('至少 8 个字符，最多 128 个字符')).toBeVisible();
  await field('姓名').fill(maintainer.name);
  await field('密码').fill('12345678');
  await field('再次输入密码').fill('12345678');
  // the first manager, present too, types their own password
  await field('客服经理姓名').fill(FIRST_MANAGER.name);
  await field('客服经理密码').fill(FIRST_MANAGER.password);
  await field('再次输入客服经理密码').fill(FIRST_MANAGER.password);
  await page.getByRole('button', { name: '创建两个账户' }).click();
  await expect(field('密码')).toHaveAccessibleDescription(/密码太简单/);
  await expect(field('姓名')).toHaveValue(maintainer.name);
  await field('密码').fill(maintainer.password);
  await field('再次输入密码').fill(maintainer.password);
  await page.getByRole('button', { name: '创建两个账户' }).click();

  // step 2: the recovery key, once, in 14 groups
  const groups = await copyRecoveryKey();
  for (const group of groups) expect(group).toMatch(/^[0-9A-Z]{4}$/);

  // step 3: the asked groups typed back; a mismatch is shown at its group
  const asked = (
    await page
      .locator('label')
      .filter({ hasText: /^第 \d+ 组$/ })
      .allTextContents()
  ).map((label) => Number(/\d+/.exec(label)?.[0]));
  expect(asked).toHaveLength(2);
  const [first, second] = asked as [number, number];
  const groupText = (n: number) => groups[n - 1] ?? '';
  await field(`第 ${first} 组`).fill(groupText(first).toLowerCase());
  await field(`第 ${second} 组`).fill(groupText(second) === 'ZZZZ' ? 'YYYY' : 'ZZZZ');
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await expect(field(`第 ${second} 组`)).toHaveAccessibleDescription(/与恢复密钥的这一组不一致/);
  await expect(field(`第 ${first} 组`)).not.toHaveAttribute('aria-invalid', 'true');
  await field(`第 ${second} 组`).fill(groupText(second));
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复密钥已确认' })).toBeVisible();
  await expect(page.locator('code', { hasText: groupText(first) })).toHaveCount(0);

  // the maintainer, named with role in the header, creates a specialist and a lead
  await expect(account()).toContainText(maintainer.name);
  await expect(account()).toContainText('系统维护');
  await expect(page.getByRole('heading', { name: '员工账户' })).toBeVisible();
  await createAccount(page, 'Li Na', '客服专员', 'first-pass-li');
  await createAccount(page, '王芳', '客服组长', 'first-pass-wang');
  const accounts = page.getByRole('table', { name: '员工账户列表' });
  await expect(accounts.getByRole('row', { name: /Li Na/ })).toContainText('客服专员');
  await expect(accounts.getByRole('row', { name: /Li Na/ })).toContainText('待本人设置');
  await expect(accounts.getByRole('row', { name: /王芳/ })).toContainText('客服组长');
  await signOut();

  // each signs in with the first password and must choose their own first
  await fillSignIn('Li Na', 'first-pass-li');
  await expect(account().getByRole('button', { name: '锁定屏幕' })).toHaveCount(0);
  await chooseOwnPassword(page, 'first-pass-li', 'powder-day-42');
  await expect(page.getByRole('heading', { name: '你好，Li Na' })).toBeVisible();
  await expect(account()).toContainText('客服专员');
  await expect(page.getByRole('heading', { name: '仅限练习模式' })).toBeVisible();
  await signOut();

  await fillSignIn('王芳', 'first-pass-wang');
  await chooseOwnPassword(page, 'first-pass-wang', '雪场冬天快乐2026');
  await expect(page.getByRole('heading', { name: '你好，王芳' })).toBeVisible();
  await expect(account()).toContainText('客服组长');

  // idle: the core locks by itself, and nothing of the screen that was open stays on the page
  clock.advance(IDLE_LOCK_MS + 1_000);
  await core.tick();
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  await expect(page.getByText('王芳（客服组长）已登录')).toBeVisible();
  await expect(page.getByRole('heading', { name: '你好，王芳' })).toHaveCount(0);
  await expect(page.getByText('仅限练习模式')).toHaveCount(0);
  await expect(account()).toHaveCount(0);

  // a colleague switches user; five wrong passwords lock Li Na out until a time the page shows
  await page.getByRole('button', { name: '切换用户' }).click();
  await expect(page.getByRole('heading', { name: '切换用户' })).toBeVisible();
  await expect(page.getByText('你登录后，王芳 将被退出登录')).toBeVisible();
  const alert = page.getByRole('alert');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await fillSignIn('Li Na', `wrong-pass-${attempt}`);
    // a refused password is cleared for the next try: the answer has arrived
    await expect(field('密码')).toHaveValue('');
    if (attempt < 5) await expect(alert).toContainText('姓名或密码不正确');
  }
  const retryAt = clock.now() + FIRST_LOCKOUT_MS;
  await expect(alert).toContainText('账户已暂时锁定');
  await expect(alert).toContainText(`请在 ${await clockTimeOnPage(page, retryAt)} 之后再试`);
  await expect(field('姓名')).toHaveValue('Li Na');

  // the right password does not get in before that time, and does after it
  await fillSignIn('Li Na', 'powder-day-42');
  await expect(field('密码')).toHaveValue('');
  await expect(alert).toContainText('账户已暂时锁定');
  clock.advance(FIRST_LOCKOUT_MS + 1);
  await fillSignIn('Li Na', 'powder-day-42');
  await expect(page.getByRole('heading', { name: '你好，Li Na' })).toBeVisible();

  // lock by hand, unlock with the password
  await account().getByRole('button', { name: '锁定屏幕' }).click();
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  await field('密码').fill('not-my-password');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(alert).toContainText('密码不正确');
  await field('密码').fill('powder-day-42');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('heading', { name: '你好，Li Na' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the recovery key is shown once: a reload does not bring it back', async ({ app }) => {
  const { page, consoleErrors, field } = app;
  await field('姓名').fill(ADMIN.name);
  await field('密码').fill(ADMIN.password);
  await field('再次输入密码').fill(ADMIN.password);
  await field('客服经理姓名').fill(FIRST_MANAGER.name);
  await field('客服经理密码').fill(FIRST_MANAGER.password);
  await field('再次输入客服经理密码').fill(FIRST_MANAGER.password);
  await page.getByRole('button', { name: '创建两个账户' }).click();
  const groups = page.getByRole('list', { name: '恢复密钥（共 14 组）' });
  await expect(groups).toBeVisible();
  const firstGroup = (await groups.locator('code').first().textContent()) ?? '';

  await page.reload();
  await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
  await expect(page.getByRole('list', { name: '恢复密钥（共 14 组）' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '首次设置' })).toHaveCount(0);
  expect(await page.locator('body').textContent()).not.toContain(firstGroup);
  expect(consoleErrors).toEqual([]);
});

test('the recovery key sets a new maintainer password', async ({ prepareKiosk, launch }) => {
  const { recoveryKey } = await prepareKiosk();
  const { page, consoleErrors, field, account, fillSignIn, signOut } = await launch();

  await page.getByRole('button', { name: '系统维护人员忘记密码？使用恢复密钥' }).click();
  await expect(page.getByRole('heading', { name: '用恢复密钥重设系统维护密码' })).toBeVisible();
  // one character mistyped: caught by the key's check characters, shown at the key
  const chars = recoveryKey.split('');
  const at = chars.findIndex((c) => c !== '-' && c !== 'A');
  chars[at] = chars[at] === 'B' ? 'C' : 'B';
  await field('恢复密钥').fill(chars.join(''));
  await field('系统维护账户姓名').fill(ADMIN.name);
  await field('新密码').fill('brand-new-start-1');
  await field('再次输入新密码').fill('brand-new-start-1');
  await page.getByRole('button', { name: '重设密码并登录' }).click();
  await expect(field('恢复密钥')).toHaveAccessibleDescription(/有字符抄错或输错/);
  await expect(field('新密码')).toHaveValue('brand-new-start-1');

  // as people copy it from paper: lower case, spaces for dashes
  await field('恢复密钥').fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
  await page.getByRole('button', { name: '重设密码并登录' }).click();
  await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
  await expect(account()).toContainText('系统维护');

  await signOut();
  await fillSignIn(ADMIN.name, ADMIN.password);
  await expect(page.getByRole('alert')).toContainText('姓名或密码不正确');
  await fillSignIn(ADMIN.name, 'brand-new-start-1');
  await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the maintainer disables, enables and resets accounts; refusals keep what was typed', async ({
  prepareKiosk,
  launch,
}) => {
  await prepareKiosk(hire([LI_NA]));
  const { page, consoleErrors, field, fillSignIn, signOut } = await launch();
  await fillSignIn(ADMIN.name, ADMIN.password);
  const accounts = page.getByRole('table', { name: '员工账户列表' });
  const liNa = accounts.getByRole('row', { name: /Li Na/ });
  await expect(liNa).toContainText('本人已设置');
  // the maintainer's own account cannot be disabled, so it offers no such button
  await expect(accounts.getByRole('row', { name: new RegExp(ADMIN.name) }).getByRole('button')).toHaveCount(
    0,
  );

  // a taken name is refused at the name; the rest stays as typed
  await field('姓名').fill('li na');
  await page.getByLabel('角色').selectOption({ label: '客服组长' });
  await field('初始密码').fill('another-first-1');
  await field('再次输入初始密码').fill('another-first-1');
  await page.getByRole('button', { name: '创建账户' }).click();
  await expect(field('姓名')).toHaveAccessibleDescription(/已有同名账户/);
  await expect(field('姓名')).toHaveValue('li na');
  await expect(page.getByLabel('角色')).toHaveValue('lead');
  await expect(field('初始密码')).toHaveValue('another-first-1');

  await liNa.getByRole('button', { name: /^停用/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已停用 Li Na 的账户' })).toBeVisible();
  await expect(liNa).toContainText('已停用');
  await signOut();
  await fillSignIn('Li Na', 'powder-day-42');
  await expect(page.getByRole('alert')).toContainText('此账户已停用');

  await fillSignIn(ADMIN.name, ADMIN.password);
  await liNa.getByRole('button', { name: /^启用/ }).click();
  await expect(liNa).toContainText('正常');
  await liNa.getByRole('button', { name: /^重置密码/ }).click();
  const reset = page.getByRole('region', { name: '为 Li Na 重置密码' });
  await expect(reset.getByLabel('初始密码', { exact: true })).toBeFocused();
  await reset.getByLabel('初始密码', { exact: true }).fill('reset-first-9');
  await reset.getByLabel('再次输入初始密码', { exact: true }).fill('reset-first-9');
  await reset.getByRole('button', { name: '设置初始密码' }).click();
  await expect(reset).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '已重置 Li Na 的密码' })).toBeVisible();
  await expect(liNa).toContainText('待本人设置');
  await signOut();

  await fillSignIn('Li Na', 'reset-first-9');
  await chooseOwnPassword(page, 'reset-first-9', 'fresh-powder-77');
  await expect(page.getByRole('heading', { name: '你好，Li Na' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('a manager certifies a specialist, who then leaves practice-only (R6)', async ({
  prepareKiosk,
  launch,
}) => {
  await prepareKiosk(hire([LI_NA]));
  const { page, consoleErrors, account, fillSignIn, openSection } = await launch();
  // the first manager, certified at first setup
  await fillSignIn(FIRST_MANAGER.name, FIRST_MANAGER.password);
  await openSection('培训认证与告知书');
  await expect(page.getByRole('heading', { name: '培训认证' })).toBeVisible();
  const desk = page.getByRole('table', { name: '需要培训认证的员工' });
  await expect(desk.getByRole('row', { name: new RegExp(ADMIN.name) })).toHaveCount(0);
  const liNa = desk.getByRole('row', { name: /Li Na/ });
  await expect(liNa).toContainText('未认证');
  await liNa.getByRole('button', { name: /^记录认证合格/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录 Li Na 培训认证合格' })).toBeVisible();
  await expect(liNa.getByRole('button', { name: /^撤销认证/ })).toBeVisible();

  // switch user from the header: the manager's screen locks, Li Na signs in over it
  await account().getByRole('button', { name: '切换用户' }).click();
  await expect(page.getByRole('heading', { name: '切换用户' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '培训认证' })).toHaveCount(0);
  await fillSignIn('Li Na', 'powder-day-42');
  await expect(page.getByRole('heading', { name: '你好，Li Na' })).toBeVisible();
  await expect(page.getByText('你已通过培训认证')).toBeVisible();
  await expect(page.getByRole('heading', { name: '仅限练习模式' })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('input tells the core someone is at the kiosk, at most every 15 seconds', async ({
  clock,
  prepareKiosk,
  launch,
}) => {
  await prepareKiosk();
  const { page, core, consoleErrors, fillSignIn } = await launch();
  const methods: string[] = [];
  const dispatch = core.dispatch;
  core.dispatch = (method, payload) => {
    methods.push(String(method));
    return dispatch(method, payload);
  };
  const activity = () => methods.filter((m) => m === 'session.activity').length;

  // typing at the sign-in screen is nobody's activity
  await fillSignIn(ADMIN.name, ADMIN.password);
  await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
  expect(activity()).toBe(0);

  clock.advance(2 * 60_000);
  // the page throttles on its own real clock: on a loaded machine these steps may take longer
  // than one interval, and then one more report is right, never more than one per interval
  const started = Date.now();
  await page.keyboard.press('Shift');
  await expect.poll(activity).toBe(1);
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.getByRole('button', { name: '刷新列表' }).click();
  await expect.poll(() => methods.filter((m) => m === 'staff.list').length).toBeGreaterThan(1);
  expect(activity()).toBeLessThanOrEqual(1 + Math.floor((Date.now() - started) / ACTIVITY_INTERVAL_MS));

  // two minutes after that activity the kiosk stays open; past three it locks
  clock.advance(2 * 60_000);
  await core.tick();
  expect(await core.dispatch('session.state', {})).toMatchObject({ ok: true, value: { locked: false } });
  clock.advance(60_001);
  await core.tick();
  await expect(page.getByRole('heading', { name: '屏幕已锁定' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('English on request: sign-in, refusals and roles', async ({ prepareKiosk, launch }) => {
  await prepareKiosk(hire([LI_NA]));
  const { page, consoleErrors } = await launch();
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await page.getByRole('group', { name: '界面语言' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Name', { exact: true }).fill('Li Na');
  await page.getByLabel('Password', { exact: true }).fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The name or the password is wrong.');
  await page.getByLabel('Password', { exact: true }).fill('powder-day-42');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hello, Li Na' })).toBeVisible();
  const signedIn = page.getByRole('group', { name: 'Signed in' });
  await expect(signedIn).toContainText('Specialist');
  await expect(page.getByRole('heading', { name: 'Practice mode only' })).toBeVisible();
  await signedIn.getByRole('button', { name: 'Lock screen' }).click();
  await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible();
  await expect(page.getByText('Li Na (Specialist) is signed in')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
