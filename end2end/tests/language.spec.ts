// Language: Dutch by default, English on request; the choice is remembered on the
// device and by the server, and dates and ages follow it.

import { test, expect, type Page } from '@playwright/test';
import {
  addFamily,
  addVisit,
  collectConsoleErrors,
  dateTimeLocal,
  dayFromToday,
  daysFromToday,
  formatAppointment,
  formatDay,
  freshContext,
  gotoReady,
  monthsAgo,
  waitReady,
} from './helpers';

const nav = (page: Page) => page.getByRole('navigation');

async function chooseLanguage(page: Page, label: 'English' | 'Nederlands') {
  await page.locator('label', { hasText: label }).click();
  await expect(page.getByLabel(label)).toBeChecked();
}

async function expectEnglish(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(nav(page).getByRole('link', { name: 'Families' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Visits' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav(page)).not.toContainText('Gezinnen');
}

async function expectDutch(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(nav(page).getByRole('link', { name: 'Gezinnen' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Bezoeken' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Instellingen' })).toBeVisible();
  await expect(nav(page)).not.toContainText('Families');
}

async function langCookie(page: Page): Promise<string | undefined> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === 'naast_lang')?.value;
}

test('switching to English and back is immediate and survives a reload', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(page.getByLabel('Nederlands')).toBeChecked();
  await expectDutch(page);

  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectEnglish(page);
  expect(await langCookie(page)).toBe('en');
  expect(await page.evaluate(() => localStorage.getItem('naast:lang'))).toContain('en');

  // In-app navigation stays English.
  await nav(page).getByRole('link', { name: 'Families' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Families' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add family' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Visits' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toBeVisible();
  await expect(page.getByLabel('Search visits')).toBeVisible();

  // A reload (server render + hydration) is English from the start.
  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Visits' })).toBeVisible();
  await expectEnglish(page);

  // And back to Dutch.
  await gotoReady(page, '/settings');
  await expect(page.getByLabel('English')).toBeChecked();
  await chooseLanguage(page, 'Nederlands');
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expectDutch(page);
  expect(await langCookie(page)).toBe('nl');
  expect(await page.evaluate(() => localStorage.getItem('naast:lang'))).toContain('nl');
  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expectDutch(page);

  expect(errors).toEqual([]);
});

test('the shell the server sends speaks the chosen language, also to a browser without script', async ({ page, browser }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/');

  // Default: Dutch. The diary's data is only on the phone, so the server sends the same
  // data-free shell for every diary route; the app mounts into it.
  let html = await (await page.request.get('/')).text();
  expect(html).toMatch(/<html[^>]*\blang="nl"/);
  expect(html).toContain('Even laden');
  expect(html).not.toContain('Loading');

  await gotoReady(page, '/settings');
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // The same request with the page's cookies: English.
  for (const path of ['/', '/settings', '/families/new']) {
    html = await (await page.request.get(path)).text();
    expect(html, path).toMatch(/<html[^>]*\blang="en"/);
    expect(html, path).toContain('Loading');
    expect(html, path).not.toContain('Even laden');
  }

  // What a browser without script sees: in her language, why nothing happens.
  const cookies = (await page.context().cookies()).filter((c) => c.name === 'naast_lang');
  const noJs = await freshContext(browser, { javaScriptEnabled: false, serviceWorkers: 'block' });
  try {
    await noJs.addCookies(cookies);
    const raw = await noJs.newPage();
    await raw.goto('/families/new');
    await expect(raw.locator('html')).toHaveAttribute('lang', 'en');
    await expect(raw.locator('.boot-late')).toBeVisible({ timeout: 15_000 });
    await expect(raw.locator('.boot-late')).toContainText('Naast needs JavaScript');
  } finally {
    await noJs.close();
  }

  // Mounting the app on that English page logs nothing.
  await gotoReady(page, '/families/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New family' })).toBeVisible();
  await expect(page.getByLabel('First name or nickname')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the language remembered on the device wins when the cookie is gone', async ({ page, context }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/settings');
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await context.clearCookies();
  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expectEnglish(page);
  // The cookie is set again so the next server render is English.
  await expect.poll(() => langCookie(page)).toBe('en');
  expect(errors).toEqual([]);
});

test('ages, due texts and dates follow the language', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const bornId = await addFamily(page, {
    pseudonym: 'Amal',
    childKind: 'born',
    childDate: monthsAgo(7),
    programme: 'home_start',
    nextAppointment: dateTimeLocal(8, 14, 15),
  });
  await addFamily(page, {
    pseudonym: 'Bushra',
    childKind: 'expected',
    childDate: daysFromToday(60),
    programme: 'samen_oplopen',
  });
  await addVisit(page, bornId, { date: daysFromToday(-2), kind: 'clinic', topics: ['health'], note: 'Consultatiebureau.' });

  // Dutch.
  await gotoReady(page, '/');
  const cards = page.locator('ul[data-testid="family-list"] > li');
  const amal = cards.filter({ hasText: 'Amal' });
  const bushra = cards.filter({ hasText: 'Bushra' });
  await expect(amal).toContainText('7 maanden');
  await expect(amal).toContainText('Volgend bezoek over 5 dagen');
  await expect(amal).toContainText(formatAppointment(8, 14, 15, 'nl'));
  await expect(bushra).toContainText('zwanger, 31 weken');
  await expect(bushra).toContainText('Eerste bezoek plannen');
  await gotoReady(page, `/families/${bornId}`);
  const visit = page.locator('ol[data-testid="timeline"] > li').first();
  await expect(visit).toContainText(formatDay(dayFromToday(-2), 'nl'));
  await expect(visit).toContainText('Samen naar het consultatiebureau');
  await expect(visit).toContainText('Gezondheid en consultatiebureau');
  await expect(page.locator('dl.facts')).toContainText('Elke week');

  // English.
  await gotoReady(page, '/settings');
  await chooseLanguage(page, 'English');
  await nav(page).getByRole('link', { name: 'Families' }).click();
  await expect(amal).toContainText('7 months');
  await expect(amal).not.toContainText('maanden');
  await expect(amal).toContainText('Next visit in 5 days');
  await expect(amal).toContainText(formatAppointment(8, 14, 15, 'en'));
  await expect(bushra).toContainText('pregnant, 31 weeks');
  await expect(bushra).toContainText('Plan a first visit');
  await amal.getByRole('link').click();
  await expect(visit).toContainText(formatDay(dayFromToday(-2), 'en'));
  await expect(visit).toContainText('Child health clinic together');
  await expect(visit).toContainText('Health and the clinic');
  await expect(page.locator('dl.facts')).toContainText('Every week');
  await expect(page.locator('dl.facts')).toContainText('7 months');

  // After a reload too.
  await page.reload();
  await waitReady(page);
  await expect(visit).toContainText(formatDay(dayFromToday(-2), 'en'));
  await expect(page.locator('dl.facts')).toContainText('7 months');

  expect(errors).toEqual([]);
});
