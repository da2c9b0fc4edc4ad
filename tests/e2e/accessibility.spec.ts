import { AxeBuilder } from '@axe-core/playwright';
import { ADMIN, call } from '../support/core-harness.js';
import { PASSWORD, PEOPLE, staffTheDesk, type Person } from '../support/desk-harness.js';
import { asPerson, submittedGuest, validGuest } from '../support/desk-work.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 14: axe (WCAG 2.1 AA) over every screen, in both languages. Each role signs in and opens
 * every section its navigation offers (and the maintainer every view); the desk also opens the
 * intake form and the guest search; first setup, sign-in and the lock screen are scanned too.
 * The desk has something in its queues, so tables are scanned with rows in them.
 */

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const WORDS = {
  'zh-CN': {
    name: '姓名',
    password: '密码',
    signIn: '登录',
    account: '当前登录',
    signOut: '退出登录',
    lock: '锁定屏幕',
    unlock: '解锁',
    newGuest: '新建客户登记',
    search: '查找客户',
    back: '返回工作台',
    quality: '质量统计',
    showFigures: '显示统计',
  },
  en: {
    name: 'Name',
    password: 'Password',
    signIn: 'Sign in',
    account: 'Signed in',
    signOut: 'Sign out',
    lock: 'Lock screen',
    unlock: 'Unlock',
    newGuest: 'New guest',
    search: 'Find a guest',
    back: 'Back to the desk',
    quality: 'Quality',
    showFigures: 'Show figures',
  },
} as const;

interface Finding {
  screen: string;
  rule: string;
  nodes: string[];
}

test.describe.configure({ timeout: 240_000 });

for (const lang of ['zh-CN', 'en'] as const) {
  test(`every screen passes axe (WCAG 2.1 AA) in ${lang}`, async ({ launch }) => {
    const words = WORDS[lang];
    const { page, core, consoleErrors } = await launch({ lang });
    const findings: Finding[] = [];
    const scan = async (screen: string) => {
      const { violations } = await new AxeBuilder({ page })
        .withTags(WCAG_21_AA)
        // axe's default finishes its run in a new page, which the kiosk closes as it closes every window
        .setLegacyMode(true)
        .analyze();
      for (const v of violations)
        findings.push({ screen, rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) });
    };
    const field = (label: string) => page.getByLabel(label, { exact: true });
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    const account = page.getByRole('group', { name: words.account });
    const signIn = async (name: string, password: string) => {
      await field(words.name).fill(name);
      await field(words.password).fill(password);
      await button(words.signIn).click();
      await expect(account).toContainText(name);
    };
    const signOut = async () => {
      await account.getByRole('button', { name: words.signOut }).click();
      await expect(button(words.signIn)).toBeVisible();
    };
    /** every button of every navigation on the screen, each opened and scanned */
    const everySection = async (who: string) => {
      const navigation = page.getByRole('navigation');
      const names = await navigation.getByRole('button').allInnerTexts();
      for (const name of names) {
        const section = navigation.getByRole('button', { name, exact: true }).first();
        await section.click();
        await expect(section).toHaveAttribute('aria-current', 'page');
        await page.evaluate(() => document.fonts.ready);
        await scan(`${who} · ${name}`);
      }
    };

    await expect(button(words.signIn).or(field(words.name))).toBeVisible();
    await scan('first setup');
    await staffTheDesk(core);
    const recordId = await validGuest(core);
    await submittedGuest(core, { entrant: 'alice' });
    await asPerson(core, 'alice', async () => {
      await call(core, 'suggestions.send', { topic: 'system', text: '证件号码输入框能否自动去掉空格' });
      await call(core, 'complaints.register', {
        kind: 'suspected_leak',
        receivedVia: 'hotline',
        recordId,
        text: '客户说有陌生人说出了他的住址',
      });
    });
    await asPerson(core, 'bob', () =>
      call(core, 'online.add', {
        channel: 'online_wechat',
        receivedAt: Date.UTC(2026, 10, 23, 1, 0, 0),
        submission: { name: '王芳', contact: { phone: '139 0013 9000' } },
      }),
    );
    await page.reload();
    await expect(button(words.signIn)).toBeVisible();
    await scan('sign-in');

    const desk: Person[] = ['alice', 'lead', 'manager', 'supervisor'];
    for (const person of desk) {
      await signIn(PEOPLE[person].name, PASSWORD);
      await everySection(person);
      await signOut();
    }

    // the manager's quality figures, shown for the day (a wide table that scrolls in English)
    await signIn(PEOPLE.manager.name, PASSWORD);
    await page.getByRole('navigation').getByRole('button', { name: words.quality, exact: true }).click();
    await button(words.showFigures).click();
    await expect(page.getByRole('table')).toBeVisible();
    await scan('manager · quality figures');
    await signOut();

    await signIn(PEOPLE.alice.name, PASSWORD);
    await page.getByRole('button', { name: words.search }).first().click();
    await scan('alice · search');
    await button(words.back).click();
    await page.getByRole('button', { name: words.newGuest }).click();
    await expect(field(words.name)).toBeVisible();
    await scan('alice · intake');
    await account.getByRole('button', { name: words.lock }).click();
    await expect(button(words.unlock)).toBeVisible();
    await scan('lock screen');
    await field(words.password).fill(PASSWORD);
    await button(words.unlock).click();
    await signOut();

    await signIn(ADMIN.name, ADMIN.password);
    await everySection('maintainer');

    expect(findings, describeFindings(findings)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.screen}: ${f.rule} at ${f.nodes.join(', ')}`).join('\n');
}
