import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/snowdesk-test.js';

/**
 * Issue 14: the fonts ship with the renderer. This machine has no CJK font (`fc-list :lang=zh` is
 * empty), so a Chinese glyph drawn at all is drawn by the bundled Noto Sans SC. Chromium says which
 * font it really drew a node's text with (DevTools' CSS.getPlatformFontsForNode), not only which
 * one the style sheet asked for. The screenshots are attached to the test's report.
 */

// the name inside the font file: fontsource's static cuts of the variable font carry a style after it
const NOTO_SANS_SC = expect.stringMatching(/^Noto Sans SC\b/);
const NOTO_SANS = expect.stringMatching(/^Noto Sans(?! SC)\b/);

/** The fonts Chromium drew `part`'s text with, by family, most glyphs first. */
async function fontsDrawing(page: Page, part: Locator): Promise<string[]> {
  await part.evaluate((element) => element.setAttribute('data-font-probe', ''));
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-font-probe]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return [...fonts].sort((a, b) => b.glyphCount - a.glyphCount).map((font) => font.familyName);
  } finally {
    await part.evaluate((element) => element.removeAttribute('data-font-probe'));
    await cdp.detach();
  }
}

test('Chinese is drawn in the bundled Noto Sans SC, English in Noto Sans with CJK after it', async ({
  app,
}, testInfo) => {
  const { page, consoleErrors } = app;
  const heading = page.getByRole('heading', { name: '本机状态' });
  await expect(heading).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('18px "Noto Sans SC"', '本机状态'))).toBe(true);
  expect(await fontsDrawing(page, heading)).toEqual([NOTO_SANS_SC]);
  await page.screenshot({ path: testInfo.outputPath('zh-CN.png') });
  await testInfo.attach('zh-CN', { path: testInfo.outputPath('zh-CN.png'), contentType: 'image/png' });

  await page.getByRole('group', { name: '界面语言' }).getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('heading', { name: 'This kiosk' });
  await expect(english).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  const stack = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
  expect(stack.split(',').map((family) => family.trim().replaceAll('"', ''))).toEqual([
    'Noto Sans',
    'Noto Sans SC',
    'sans-serif',
  ]);
  expect(await fontsDrawing(page, english)).toEqual([NOTO_SANS]);
  // the way back to Chinese, on the English screen, is still Chinese and not boxes
  const chinese = page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' });
  expect(await fontsDrawing(page, chinese)).toEqual([NOTO_SANS_SC]);
  await page.screenshot({ path: testInfo.outputPath('en.png') });
  await testInfo.attach('en', { path: testInfo.outputPath('en.png'), contentType: 'image/png' });
  expect(consoleErrors).toEqual([]);
});
