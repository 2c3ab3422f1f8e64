// Shared settings for the Playwright config, the test helpers and the benchmark.
// Plain ESM JavaScript so `node bench/*.mjs` can import it without a TS loader.

/** Base URL of the running Naast server. */
export const BASE_URL = (process.env.NAAST_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** System Chromium (browser downloads are impossible here: never `npx playwright install`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless launch flags required on this machine / in CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Browser-context options: a small phone, Dutch locale, service workers on. */
export const MOBILE_CONTEXT = {
  viewport: { width: 360, height: 640 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'nl-NL',
  serviceWorkers: 'allow',
};

/** Selectors for the readiness contract of the app. */
export const READY_SELECTOR = 'html[data-ready="1"]';
export const SW_READY_SELECTOR = 'html[data-sw-ready="1"]';
