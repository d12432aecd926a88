import { expect, test } from '@playwright/test';

test('the shell shows the sidebar and serves a runtime plugin page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  const sidebar = page.getByRole('navigation', { name: 'Main' });
  await expect(sidebar).toBeVisible();

  // "Hello" comes from a separate package named only in the e2e config and loaded at run time.
  await sidebar.getByRole('link', { name: 'Hello' }).click();
  await expect(page).toHaveURL(/\/hello$/);
  await expect(page.getByRole('heading', { name: 'Hello from a runtime plugin' })).toBeVisible();
  await expect(page.getByText('Greetings, e2e')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a runtime plugin route works when opened directly', async ({ page }) => {
  await page.goto('/hello');
  await expect(page.getByRole('heading', { name: 'Hello from a runtime plugin' })).toBeVisible();
});

test('the theme switches between light and dark and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Switch to light theme' })).toBeVisible();
  expect(await background()).toBe(dark);
});
