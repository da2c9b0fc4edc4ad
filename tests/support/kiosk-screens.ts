import { expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN } from './core-harness.js';
import { PASSWORD, PEOPLE, type Person } from './desk-harness.js';

/**
 * What a person does on the kiosk's screens again and again, bound to one page: every e2e spec
 * signs in, signs out and opens sections the same way, so a change to those screens is made here.
 */
export interface KioskScreens {
  /** the control with exactly this accessible label */
  field: (label: string) => Locator;
  /** the header's 当前登录 group (name, role, lock, switch user, sign out) */
  account: () => Locator;
  /** types a name and a password and presses the button; waits for nothing (refusals are tested) */
  fillSignIn: (name: string, password: string, button?: string) => Promise<void>;
  /** one of the desk's people (PEOPLE) signs in, and the header names them */
  signIn: (person: Person) => Promise<void>;
  /** the maintainer (ADMIN) signs in and is greeted */
  signInAsMaintainer: () => Promise<void>;
  signOut: () => Promise<void>;
  /** a fresh page load, ending at the sign-in screen (after the desk was prepared through the core) */
  showSignIn: () => Promise<void>;
  /** a section of the home screen, opened by its button in the 功能 navigation */
  openSection: (name: string) => Promise<void>;
  /** a view of the maintainer's screen, by its button in the 维护功能 navigation */
  openMaintenance: (name: string) => Promise<void>;
  /** the recovery key shown once, read off as its 14 groups; then on to the step that asks some back */
  copyRecoveryKey: () => Promise<string[]>;
  /** with SNOWDESK_SCREENSHOTS=<folder>, saves a picture of the page (or of `part`) there */
  shot: (name: string, part?: Locator) => Promise<void>;
}

const SIGN_IN_HEADING = { name: '登录', exact: true } as const;

export function kioskScreens(page: Page): KioskScreens {
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const account = () => page.getByRole('group', { name: '当前登录' });
  const fillSignIn = async (name: string, password: string, button = '登录') => {
    await field('姓名').fill(name);
    await field('密码').fill(password);
    await page.getByRole('button', { name: button, exact: true }).click();
  };
  const currentAt = async (navigation: Locator, name: string) => {
    const button = navigation.getByRole('button', { name, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
  };
  return {
    field,
    account,
    fillSignIn,
    async signIn(person) {
      await fillSignIn(PEOPLE[person].name, PASSWORD);
      await expect(account()).toContainText(PEOPLE[person].name);
    },
    async signInAsMaintainer() {
      await fillSignIn(ADMIN.name, ADMIN.password);
      await expect(page.getByRole('heading', { name: `你好，${ADMIN.name}` })).toBeVisible();
    },
    async signOut() {
      await account().getByRole('button', { name: '退出登录' }).click();
      await expect(page.getByRole('heading', SIGN_IN_HEADING)).toBeVisible();
    },
    async showSignIn() {
      await page.reload();
      await expect(page.getByRole('heading', SIGN_IN_HEADING)).toBeVisible();
    },
    openSection: (name) => currentAt(page.getByRole('navigation', { name: '功能' }), name),
    async openMaintenance(name) {
      // a maintainer who holds other sections too sees the maintenance one only when it is chosen
      const sections = page.getByRole('navigation', { name: '功能', exact: true });
      if ((await sections.count()) > 0) await currentAt(sections, '系统维护');
      await currentAt(page.getByRole('navigation', { name: '维护功能' }), name);
    },
    async copyRecoveryKey() {
      await expect(page.getByRole('heading', { name: '恢复密钥', exact: true })).toBeVisible();
      const groups = await page
        .getByRole('list', { name: '恢复密钥（共 14 组）' })
        .locator('code')
        .allTextContents();
      expect(groups).toHaveLength(14);
      await page.getByRole('button', { name: '我已抄写好，下一步' }).click();
      await expect(page.getByRole('heading', { name: '确认恢复密钥' })).toBeVisible();
      return groups;
    },
    async shot(name, part) {
      const folder = process.env.SNOWDESK_SCREENSHOTS;
      if (!folder) return;
      const path = join(folder, `${name}.png`);
      await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
    },
  };
}
