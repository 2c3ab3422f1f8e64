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

/**
 * Waits until the device holds a catalogue and every picture it names is in Cache
 * Storage (what the app does after its first sync), so a test that goes offline or
 * swaps the server does not cut those downloads off.
 */
export async function waitCatalogueOnDevice(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const missing = await page.evaluate(async () => {
      const stored = localStorage.getItem('naast:catalogue');
      if (stored === null) return -1;
      const stories: { pictures: { image: string }[] }[] = JSON.parse(stored).catalogue.stories;
      const images = new Set(stories.flatMap((s) => s.pictures.map((p) => p.image)));
      const cached = new Set((await (await caches.open('naast-pictures')).keys()).map((r) => new URL(r.url).pathname));
      return [...images].filter((image) => !cached.has(image)).length;
    });
    if (missing === 0) return;
    if (Date.now() > deadline) throw new Error(`catalogue not on the device (${missing} missing)`);
    await page.waitForTimeout(250);
  }
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

// ---------------------------------------------------------------------------
// Diary helpers for the end-to-end specs (dates, forms, stored data).
// ---------------------------------------------------------------------------

import { expect } from '@playwright/test';

/** Console messages that are expected while the context is offline. */
export const OFFLINE_IGNORE: RegExp[] = [
  /net::ERR_INTERNET_DISCONNECTED/,
  /net::ERR_NAME_NOT_RESOLVED/,
  /net::ERR_NETWORK_CHANGED/,
  /net::ERR_FAILED/,
  /Failed to load resource/,
  /Failed to fetch/,
  /An unknown error occurred when fetching the script/,
  /Failed to update a ServiceWorker/,
];

const pad = (n: number) => String(n).padStart(2, '0');

/** A local date as `YYYY-MM-DD`. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A local `Date` at noon, `days` from today (negative: in the past). */
export function dayFromToday(days: number): Date {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() + days);
  return d;
}

/** `YYYY-MM-DD`, `days` from today. */
export function daysFromToday(days: number): string {
  return isoDate(dayFromToday(days));
}

/**
 * `YYYY-MM-DD` exactly `months` calendar months before today, on a day of the month
 * that exists in every month and is not after today's day (so the child is exactly
 * `months` whole months old).
 */
export function monthsAgo(months: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - months, Math.min(now.getDate(), 28), 12);
  return isoDate(d);
}

/** `YYYY-MM-DDTHH:MM` for `<input type=datetime-local>`, `days` from today. */
export function dateTimeLocal(days: number, hours = 10, minutes = 0): string {
  return `${daysFromToday(days)}T${pad(hours)}:${pad(minutes)}`;
}

const WEEKDAYS = {
  nl: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};
const MONTHS = {
  nl: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** A day the way the app writes it: "ma 30 nov 2026" / "Mon 30 Nov 2026". */
export function formatDay(d: Date, lang: 'nl' | 'en' = 'nl'): string {
  return `${WEEKDAYS[lang][d.getDay()]} ${d.getDate()} ${MONTHS[lang][d.getMonth()]} ${d.getFullYear()}`;
}

/** An appointment the way the app writes it: "ma 30 nov 2026, 10:00". */
export function formatAppointment(days: number, hours: number, minutes: number, lang: 'nl' | 'en' = 'nl'): string {
  return `${formatDay(dayFromToday(days), lang)}, ${pad(hours)}:${pad(minutes)}`;
}

export interface FamilyData {
  pseudonym: string;
  childKind?: 'born' | 'expected';
  /** `YYYY-MM-DD` */
  childDate: string;
  languages?: string[];
  programme?: 'mim' | 'home_start' | 'samen_oplopen';
  cadence?: 'weekly' | 'fortnightly' | 'monthly';
  status?: 'intake' | 'active' | 'paused' | 'ended';
  /** `YYYY-MM-DDTHH:MM` */
  nextAppointment?: string;
  /** The mother agreed that the coordinator reads the notes. */
  sharesNotes?: boolean;
}

/** Ticks (or unticks) a visually hidden chip checkbox through its label. */
export async function setChip(page: Page, id: string, on = true): Promise<void> {
  const input = page.locator(`#${id}`);
  if ((await input.isChecked()) !== on) {
    await page.locator(`label[for="${id}"]`).click();
  }
  if (on) await expect(input).toBeChecked();
  else await expect(input).not.toBeChecked();
}

/**
 * Chooses a visually hidden radio by tapping its label, as a finger does (a forced
 * click on the hidden input can land on the sticky header instead).
 */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  const input = page.locator(`input[name="${name}"][value="${value}"]`);
  await page.locator('label').filter({ has: input }).click();
  await expect(input).toBeChecked();
}

/** Fills the family form (already open and ready). */
export async function fillFamilyForm(page: Page, data: Partial<FamilyData>): Promise<void> {
  await expect(page.locator('#pseudonym')).toBeVisible();
  if (data.pseudonym !== undefined) await page.locator('#pseudonym').fill(data.pseudonym);
  if (data.childKind) {
    await chooseRadio(page, 'child_kind', data.childKind);
  }
  if (data.childDate !== undefined) await page.locator('#child_date').fill(data.childDate);
  for (const code of data.languages ?? []) await setChip(page, `languages-${code}`);
  if (data.programme) await page.locator('#programme').selectOption(data.programme);
  if (data.cadence) await page.locator('#cadence').selectOption(data.cadence);
  if (data.status) await page.locator('#status').selectOption(data.status);
  if (data.nextAppointment !== undefined) await page.locator('#next_appointment').fill(data.nextAppointment);
  if (data.sharesNotes !== undefined) await page.locator('#shares_notes').setChecked(data.sharesNotes);
}

const FAMILY_URL = /\/families\/([0-9a-f-]{36})$/;

/**
 * Adds a family through the form and returns its id (the page ends on the family page).
 * Unless told otherwise the mother agreed to share notes with the coordinator (the form
 * itself starts unticked).
 */
export async function addFamily(page: Page, data: FamilyData): Promise<string> {
  await gotoReady(page, '/families/new');
  await fillFamilyForm(page, { sharesNotes: true, ...data });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(FAMILY_URL);
  await expect(page.getByRole('heading', { level: 1, name: data.pseudonym })).toBeVisible();
  return FAMILY_URL.exec(new URL(page.url()).pathname)![1];
}

export interface VisitData {
  /** `YYYY-MM-DD`; the form defaults to today. */
  date?: string;
  duration?: string;
  kind?: 'home' | 'library' | 'park' | 'clinic' | 'outing' | 'phone' | 'video';
  topics?: string[];
  support?: string[];
  ownQuestion?: string;
  chosenToTry?: string;
  agreements?: string;
  note?: string;
  /** `YYYY-MM-DDTHH:MM` */
  nextAppointment?: string;
  signal?: { urgency: 'low' | 'soon' | 'urgent'; text: string };
}

/** Fills the visit form (already open and ready). */
export async function fillVisitForm(page: Page, data: VisitData): Promise<void> {
  await expect(page.locator('#date')).toBeVisible();
  if (data.date !== undefined) await page.locator('#date').fill(data.date);
  if (data.duration !== undefined) await page.locator('#duration').fill(data.duration);
  if (data.kind) await page.locator('#kind').selectOption(data.kind);
  for (const code of data.topics ?? []) await setChip(page, `topics-${code}`);
  for (const code of data.support ?? []) await setChip(page, `support-${code}`);
  if (data.ownQuestion !== undefined) await page.locator('#own_question').fill(data.ownQuestion);
  if (data.chosenToTry !== undefined) await page.locator('#chosen_to_try').fill(data.chosenToTry);
  if (data.agreements !== undefined) await page.locator('#agreements').fill(data.agreements);
  if (data.nextAppointment !== undefined) await page.locator('#next_appointment').fill(data.nextAppointment);
  if (data.note !== undefined) await page.locator('#note').fill(data.note);
  if (data.signal) {
    if (!(await page.locator('#signal_on').isChecked())) await page.locator('#signal_on').check();
    await expect(page.locator('#signal_urgency')).toBeVisible();
    await page.locator('#signal_urgency').selectOption(data.signal.urgency);
    await page.locator('#signal_text').fill(data.signal.text);
  }
}

/**
 * Adds a visit through the form, starting from any page (it navigates to the
 * new-visit form), and waits until the family page says it was saved.
 */
export async function addVisit(page: Page, familyId: string, data: VisitData): Promise<void> {
  await gotoReady(page, `/families/${familyId}/visits/new`);
  await fillVisitForm(page, data);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek opgeslagen.');
}

/** The stored diary document (`naast:db`), parsed; `null` when absent. */
export async function readDb(page: Page): Promise<any> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('naast:db');
    return raw === null ? null : JSON.parse(raw);
  });
}

/** Keys of all form drafts in localStorage. */
export async function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('naast:draft:')));
}
