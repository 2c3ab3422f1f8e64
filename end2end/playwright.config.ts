import { defineConfig } from '@playwright/test';
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_PATH, MOBILE_CONTEXT } from './env.mjs';

/**
 * Playwright config for Naast end-to-end tests.
 *
 * - System Chromium at /usr/bin/chromium (override: CHROMIUM_PATH). Never run
 *   `npx playwright install`: browser downloads are not possible here.
 * - Base URL from NAAST_URL (default http://127.0.0.1:3000).
 * - No `webServer`: the caller starts the app (`cargo leptos end-to-end` or a script).
 */

const isCI = !!process.env.CI;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: isCI,
  workers: 1, // 2-core machine: leave the other core to the app server
  retries: isCI ? 1 : 0,
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
    // A small phone, as volunteers use on home visits.
    ...MOBILE_CONTEXT,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium-mobile',
      use: { browserName: 'chromium' },
    },
  ],
});
