// The meeting-group agenda as its three people meet it: the coordinator adds a group and
// a monthly series at her desk and cancels one session; a mother's browser — no
// account, no cookies, JavaScript off, Arabic — opens the public link and reads it
// right to left with the cancellation, downloads a session for her calendar, and
// switches to Polish; a volunteer, offline, finds the agenda on her phone and the link
// to share in the mother's language.

import { test, expect } from '@playwright/test';
import { ALL_SAVED, coordinator, deskPage, setOffline, syncLine, volunteer } from './people';
import {
  OFFLINE_IGNORE, axeCheck, collectConsoleErrors, dayFromToday, formatDay, gotoReady, isoDate, waitReady, waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

test('a group with a monthly series reaches a mother in Arabic, her calendar, and a volunteer offline', async ({ browser }) => {
  test.setTimeout(150_000);
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const errors = collectConsoleErrors(vera, { ignore: OFFLINE_IGNORE });
  await waitServiceWorker(vera);

  // At her desk: a new group.
  const desk = await deskPage(browser, server, coord);
  const deskErrors = collectConsoleErrors(desk);
  await gotoReady(desk, '/desk/agenda');
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Agenda van de ontmoetingsgroepen');
  await desk.getByText('Nieuwe groep').click();
  const form = desk.locator('details.new-group form');
  // Saving it empty says what is missing, in Dutch, and stores nothing.
  await form.getByRole('button', { name: 'Groep opslaan' }).click();
  await expect(form.locator('.field-error').first()).toContainText('Vul dit in.');
  await expect(desk.locator('[data-testid="group"]')).toHaveCount(0);
  await form.getByLabel('Naam van de groep').first().fill('Babygroep Oost');
  await form.getByLabel('Voor wie').first().fill("Eerste baby's tot 18 maanden");
  await form.locator('label.chip', { hasText: 'Arabisch' }).click();
  await form.getByLabel('Plaats').fill('Speel-o-theek De Ark');
  await form.getByLabel('Adres').fill('Kerkstraat 12, Dordrecht');
  await form.getByLabel('Gastvrouw', { exact: true }).fill('Fatima');
  await form.locator('select[id$="-translation"]').selectOption('ar');
  await form.locator('input[id$="-name-tr"]').fill('مجموعة الرضع');
  await form.getByRole('button', { name: 'Groep opslaan' }).click();
  const group = desk.locator('[data-testid="group"]');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('Babygroep Oost');

  // A monthly series of three, from next week.
  await group.getByText('Bijeenkomsten plannen').click();
  const plan = group.locator('form').nth(1);
  await plan.getByLabel('Eerste datum').fill(isoDate(dayFromToday(7)));
  await plan.getByLabel('Thema').fill('Slapen');
  await plan.getByLabel('Herhalen').selectOption('monthly');
  await plan.getByLabel('Aantal keer').fill('3');
  // An end before the start is refused before anything is sent.
  await plan.getByLabel('Einde').fill('09:00');
  await plan.getByRole('button', { name: 'Inplannen' }).click();
  await expect(plan.getByText('De eindtijd moet na de begintijd liggen.')).toBeVisible();
  await plan.getByLabel('Einde').fill('11:30');
  await plan.getByRole('button', { name: 'Inplannen' }).click();
  const sessions = desk.locator('[data-testid="session"]');
  await expect(sessions).toHaveCount(3);

  // She cancels the second, with a reason mothers read.
  await sessions.nth(1).getByRole('button', { name: 'Laten vervallen' }).click();
  await sessions.nth(1).getByLabel('Reden (moeders lezen dit)').fill('De ruimte is dicht');
  await sessions.nth(1).getByRole('button', { name: 'Bevestigen' }).click();
  await expect(desk.locator('[data-testid="session"].cancelled')).toHaveCount(1);
  await expect(desk.locator('[data-testid="session"].cancelled')).toContainText('De ruimte is dicht');

  // She moves the last one to another day.
  const moved = dayFromToday(120);
  await sessions.nth(2).getByRole('button', { name: 'Verplaatsen' }).click();
  await sessions.nth(2).getByLabel('Nieuwe datum').fill(isoDate(moved));
  await sessions.nth(2).getByRole('button', { name: 'Verplaatsing opslaan' }).click();
  await expect(sessions.nth(2)).toContainText(formatDay(moved));
  await expect(sessions).toHaveCount(3);

  // The public link.
  await desk.getByTestId('make-link').click();
  const link = desk.getByTestId('public-link');
  await expect(link).toHaveValue(/\/agenda\/[0-9a-f]{32}$/);
  const url = await link.inputValue();
  expect(await axeCheck(desk), 'agenda at the desk').toEqual([]);
  await desk.screenshot({ path: test.info().outputPath('desk-agenda-1280.png'), fullPage: true });
  expect(deskErrors).toEqual([]);

  // A mother: no account, no cookies, JavaScript off, an Arabic phone.
  const mother = await browser.newContext({
    viewport: { width: 360, height: 640 }, javaScriptEnabled: false, locale: 'ar', acceptDownloads: true,
    extraHTTPHeaders: { 'Accept-Language': 'ar-MA,ar;q=0.9,fr;q=0.5' },
  });
  const page = await mother.newPage();
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('h2').first()).toHaveText('مجموعة الرضع');
  await expect(page.locator('.session.cancelled')).toHaveCount(1);
  await expect(page.locator('.cancel-note')).toContainText('De ruimte is dicht');
  expect(await mother.cookies()).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('public-ar-360.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await page.locator('.session:not(.cancelled) a.button').first().click();
  const file = await (await download).path();
  const text = (await import('node:fs')).readFileSync(file, 'utf8');
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain('TZID=Europe/Amsterdam');
  // The switch keeps the page: Polish.
  await page.getByRole('link', { name: 'Polski' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(page.url()).toContain('lang=pl');
  // A mistyped link: a friendly page in her language.
  const wrong = await page.goto(`${url.slice(0, -4)}beef?lang=ar`);
  expect(wrong?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await mother.close();

  // axe-core runs as a script, so the accessibility check reads the same pages in a
  // browser with JavaScript on (the pages themselves have none).
  const checker = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  for (const lang of ['ar', 'nl']) {
    await checker.goto(`${url}?lang=${lang}`);
    expect(await axeCheck(checker), `public page in ${lang}`).toEqual([]);
  }
  await checker.context().close();

  // The volunteer's phone takes the agenda at its next sync; offline, after a cold
  // start, she finds it there with the link to share in the mother's language.
  await vera.reload();
  await waitReady(vera);
  await vera.getByRole('link', { name: 'Groepen' }).click();
  await expect(vera.getByTestId('agenda-group')).toContainText('Babygroep Oost', { timeout: 20_000 });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  await setOffline(vera.context(), true);
  await vera.reload();
  await waitReady(vera);
  await expect(vera.getByTestId('agenda-group')).toContainText('Babygroep Oost');
  await expect(vera.getByTestId('agenda-session')).toHaveCount(3);
  await expect(vera.locator('[data-testid="agenda-session"].cancelled')).toContainText('De ruimte is dicht');
  await vera.getByLabel('Haar taal').selectOption('ar');
  await expect(vera.getByTestId('agenda-link')).toHaveValue(`${url}?lang=ar`);
  expect(await axeCheck(vera), 'agenda on the phone').toEqual([]);
  await vera.screenshot({ path: test.info().outputPath('phone-agenda-360.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('a volunteer who hosts a group plans its sessions from her phone, and nothing else of the workspace', async ({ browser }) => {
  test.setTimeout(150_000);
  const coord = await coordinator(browser, server);
  const fatima = await volunteer(browser, server, coord, 'Fatima');
  const errors = collectConsoleErrors(fatima, { ignore: OFFLINE_IGNORE });

  // The coordinator makes Fatima the host of a new group.
  const desk = await deskPage(browser, server, coord);
  await gotoReady(desk, '/desk/agenda');
  await desk.getByText('Nieuwe groep').click();
  const form = desk.locator('details.new-group form');
  await form.getByLabel('Naam van de groep').first().fill('Inloopochtend Speel-o-theek');
  await form.getByLabel('Voor wie').first().fill('Moeders met kinderen tot 4 jaar');
  await form.getByLabel('Plaats').fill('Speel-o-theek De Ark');
  await form.getByLabel('Adres').fill('Kerkstraat 12, Dordrecht');
  await form.getByLabel('Gastvrouw', { exact: true }).fill('Fatima');
  await form.getByLabel('Vrijwilliger die de bijeenkomsten plant').selectOption({ label: 'Fatima' });
  await form.getByRole('button', { name: 'Groep opslaan' }).click();
  await expect(desk.locator('[data-testid="group"]')).toHaveCount(1);

  // On her phone the group offers her the planning; it opens the workspace's agenda
  // with her group only, and no way to the coordinator's screens.
  await fatima.reload();
  await waitReady(fatima);
  await fatima.getByRole('link', { name: 'Groepen' }).click();
  await expect(fatima.getByTestId('agenda-group')).toContainText('Inloopochtend', { timeout: 20_000 });
  await fatima.getByTestId('plan-own').click();
  await fatima.waitForURL(/\/desk\/agenda$/);
  await waitReady(fatima);
  await expect(fatima.getByRole('heading', { level: 1 })).toHaveText('Jouw groepen plannen');
  const group = fatima.locator('[data-testid="group"]');
  await expect(group).toHaveCount(1);
  await expect(fatima.getByTestId('make-link')).toHaveCount(0);
  await expect(fatima.getByText('Nieuwe groep')).toHaveCount(0);
  await expect(fatima.getByText('Groep wijzigen')).toHaveCount(0);
  await expect(fatima.getByRole('link', { name: 'Team' })).toBeHidden();
  await group.getByText('Bijeenkomsten plannen').click();
  const plan = group.locator('form').first();
  await plan.getByLabel('Eerste datum').fill(isoDate(dayFromToday(3)));
  await plan.getByLabel('Thema').fill('Voorlezen');
  await plan.getByLabel('Herhalen').selectOption('weekly');
  await plan.getByLabel('Aantal keer').fill('4');
  await plan.getByRole('button', { name: 'Inplannen' }).click();
  await expect(fatima.locator('[data-testid="session"]')).toHaveCount(4);
  expect(await axeCheck(fatima), 'a host planning on her phone').toEqual([]);
  await fatima.screenshot({ path: test.info().outputPath('host-agenda-360.png'), fullPage: true });

  // A workspace screen that is not hers says so, and shows nothing.
  await gotoReady(fatima, '/desk/team');
  await expect(fatima.getByTestId('desk-access')).toBeVisible();
  await expect(fatima.locator('[data-person]')).toHaveCount(0);

  // The coordinator sees her sessions.
  await gotoReady(desk, '/desk/agenda');
  await expect(desk.locator('[data-testid="session"]')).toHaveCount(4);
  expect(errors).toEqual([]);
});
