import { call } from '../support/core-harness.js';
import { signInAs } from '../support/desk-harness.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 7: a long queue is virtualised in real Chromium layout. The online queue gets more
 * submissions than its scroll box shows; the table still announces all of them, holds only a
 * window of rows, and every row's action is reachable by keyboard, scrolled into view.
 */

const SUBMISSIONS = 150;

test('a long queue is one accessible table with a window of rows; Tab, arrows and End reach every row', async ({
  desk,
  clock,
}) => {
  const { page, core, consoleErrors, signIn } = desk;
  await signInAs(core, 'bob');
  for (let i = 0; i < SUBMISSIONS; i++) {
    await call(core, 'online.add', {
      channel: 'online_website',
      receivedAt: clock.now() - (SUBMISSIONS - i) * 60_000,
      submission: { name: `客户${String(i + 1).padStart(3, '0')}` },
    });
  }
  await call(core, 'session.signOut', {});
  await page.reload();
  await signIn('alice');

  const online = page.getByRole('table', { name: /^线上提交/ });
  await expect(online.getByRole('button', { name: '领取 客户001' })).toBeVisible();
  await expect(online).toHaveAttribute('aria-rowcount', String(SUBMISSIONS + 1));
  await expect(online.getByRole('row').first()).toHaveAttribute('aria-rowindex', '1');
  // the header row stays on top of the scroll box (its cells are sticky)
  const header = online.getByRole('columnheader', { name: '操作' });
  const rendered = await online.locator('tbody tr[aria-rowindex]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(SUBMISSIONS / 2);
  await expect(online.getByRole('button', { name: '领取 客户150' })).toHaveCount(0);

  // Tab walks the rows' actions in order, each scrolled into view, past the first window
  await online.getByRole('button', { name: '领取 客户001' }).focus();
  for (let i = 2; i <= rendered + 5; i++) {
    await page.keyboard.press('Tab');
    const next = online.getByRole('button', { name: `领取 客户${String(i).padStart(3, '0')}` });
    await expect(next).toBeFocused();
    await expect(next).toBeInViewport();
  }
  await expect(header).toBeInViewport();

  // End: the last row, rendered, focused and in view, with the header row still on top
  await page.keyboard.press('End');
  const last = online.getByRole('button', { name: `领取 客户${String(SUBMISSIONS)}` });
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  const lastName = `领取 客户${String(SUBMISSIONS)}`;
  await expect(
    online.getByRole('row').filter({ has: page.getByRole('button', { name: lastName }) }),
  ).toHaveAttribute('aria-rowindex', String(SUBMISSIONS + 1));
  await expect(header).toBeInViewport();
  await expect(online.getByRole('button', { name: '领取 客户001' })).toHaveCount(0);
  expect(await online.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(SUBMISSIONS / 2);

  // arrows move one row; Enter claims the focused one
  await page.keyboard.press('ArrowUp');
  const before = online.getByRole('button', { name: `领取 客户${String(SUBMISSIONS - 1)}` });
  await expect(before).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已领取线上提交' })).toBeVisible();
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(`客户${String(SUBMISSIONS - 1)}`);
  expect(consoleErrors).toEqual([]);
});
