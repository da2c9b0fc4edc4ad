import { expect, type Page } from '@playwright/test';

/** Opens a section of the home screen the way a person does: its button in the 功能 navigation. */
export async function openSection(page: Page, name: string): Promise<void> {
  const button = page.getByRole('navigation', { name: '功能' }).getByRole('button', { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-current', 'page');
}
