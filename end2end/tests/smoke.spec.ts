import { test, expect } from '@playwright/test';
import { collectConsoleErrors, waitReady } from './helpers';

test('home page loads, becomes interactive, and logs no errors', async ({ page }) => {
  const errors = collectConsoleErrors(page);

  const response = await page.goto('/');
  expect(response?.status(), 'status of GET /').toBeLessThan(400);
  await waitReady(page);

  await expect(page.locator('main')).toHaveCount(1);
  const lang = await page.locator('html').getAttribute('lang');
  expect(lang ?? '', 'html lang attribute').not.toBe('');

  expect(errors, 'console errors / page errors').toEqual([]);
});
