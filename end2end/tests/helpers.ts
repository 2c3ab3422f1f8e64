// Shared helpers for Naast end-to-end tests.
//
//   import { test, expect } from '@playwright/test';
//   import { gotoReady, collectConsoleErrors, axeCheck } from './helpers';
//
//   test('home', async ({ page }) => {
//     const errors = collectConsoleErrors(page);   // before the first goto
//     await gotoReady(page, '/');
//     expect(await axeCheck(page)).toEqual([]);
//     expect(errors).toEqual([]);
//   });

import AxeBuilder from '@axe-core/playwright';
import type {
  Browser,
  BrowserContext,
  BrowserContextOptions,
  ConsoleMessage,
  Page,
} from '@playwright/test';
import { BASE_URL, MOBILE_CONTEXT, READY_SELECTOR, SW_READY_SELECTOR } from '../env.mjs';

export { BASE_URL, READY_SELECTOR, SW_READY_SELECTOR };

const DEFAULT_TIMEOUT = 30_000;

async function waitForHtmlFlag(
  page: Page,
  selector: string,
  what: string,
  timeout: number,
): Promise<void> {
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout });
  } catch (err) {
    const attrs = await page
      .evaluate(() =>
        Array.from(document.documentElement.attributes)
          .map((a) => `${a.name}="${a.value}"`)
          .join(' '),
      )
      .catch(() => '(page not evaluable)');
    throw new Error(
      `${what}: ${selector} did not appear within ${timeout} ms on ${page.url()}\n` +
        `  <html${attrs ? ' ' + attrs : ''}>\n  cause: ${(err as Error).message.split('\n')[0]}`,
    );
  }
}

/**
 * Waits until the app is interactive: hydrated (or mounted client-side) and its
 * browser store loaded, i.e. `<html data-ready="1">`.
 */
export async function waitReady(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await waitForHtmlFlag(page, READY_SELECTOR, 'app not ready', timeout);
}

/**
 * Waits until the service worker is active and its precache filled,
 * i.e. `<html data-sw-ready="1">`. After this, the app shell works offline.
 */
export async function waitServiceWorker(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await waitForHtmlFlag(page, SW_READY_SELECTOR, 'service worker not ready', timeout);
}

/** `page.goto(path)` followed by `waitReady(page)`. */
export async function gotoReady(page: Page, path = '/', timeout = DEFAULT_TIMEOUT): Promise<void> {
  await page.goto(path);
  await waitReady(page, timeout);
}

export interface ConsoleErrorOptions {
  /** Messages matching any of these are not collected (e.g. expected offline fetch failures). */
  ignore?: RegExp[];
  /** Also collect console warnings that match this pattern. Default: hydration warnings. */
  warningsMatching?: RegExp | null;
  /** Also collect errors logged by service workers of the page's context. Default true. */
  serviceWorker?: boolean;
}

/**
 * Returns an array that fills up with console errors, uncaught page errors
 * (wasm panics, hydration failures) and renderer crashes of `page`.
 * Call it before the first navigation, then `expect(errors).toEqual([])` at the end.
 */
export function collectConsoleErrors(page: Page, options: ConsoleErrorOptions = {}): string[] {
  const errors: string[] = [];
  const ignore = options.ignore ?? [];
  const warningsMatching =
    options.warningsMatching === undefined ? /hydrat/i : options.warningsMatching;
  const push = (line: string) => {
    if (!ignore.some((re) => re.test(line))) errors.push(line);
  };
  const fromConsole = (msg: ConsoleMessage, origin: string) => {
    const type = msg.type();
    const isError = type === 'error' || type === 'assert';
    const isFlaggedWarning =
      type === 'warning' && warningsMatching !== null && warningsMatching.test(msg.text());
    if (!isError && !isFlaggedWarning) return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    push(`[${origin}console.${type}] ${msg.text()}${where}`);
  };

  page.on('console', (msg) => fromConsole(msg, ''));
  page.on('pageerror', (err) => push(`[pageerror] ${err.stack ?? err.message}`));
  page.on('crash', () => push('[crash] renderer process crashed'));
  if (options.serviceWorker ?? true) {
    // Context-level console events without a page come from service workers.
    page.context().on('console', (msg) => {
      if (msg.page() === null) fromConsole(msg, 'sw ');
    });
  }
  return errors;
}

/**
 * A new, empty browser context (no cookies, storage, caches or service workers)
 * with the project's phone settings and base URL. `browser.newContext()` does NOT
 * apply the config's `use` options by itself. Close it when done.
 */
export async function freshContext(
  browser: Browser,
  overrides: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    ...(MOBILE_CONTEXT as BrowserContextOptions),
    baseURL: BASE_URL,
    ...overrides,
  });
}

export interface AxeCheckOptions {
  /** Only scan this part of the page (CSS selector). */
  include?: string;
  /** Leave these parts out (CSS selectors). */
  exclude?: string[];
  /** axe rule ids to disable. */
  disableRules?: string[];
}

/**
 * Runs axe-core with the WCAG 2 A and AA rules and returns the serious and
 * critical violations, one readable string each (empty array = pass):
 *
 *   expect(await axeCheck(page)).toEqual([]);
 */
export async function axeCheck(page: Page, options: AxeCheckOptions = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (options.include) builder = builder.include(options.include);
  for (const sel of options.exclude ?? []) builder = builder.exclude(sel);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => {
          const target = n.target.map(String).join(' ');
          const summary = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
          return `    - ${target}\n      ${n.html.slice(0, 160)}\n      ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
      return `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    });
}
