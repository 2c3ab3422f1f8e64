// The coordinator's review list at a desk: the newest 50 visits first, older ones a
// page at a time, each visit once, in the order they happened.

import { test, expect, type Page } from '@playwright/test';
import { ALL_SAVED, coordinator, deskPage, syncLine, volunteer } from './people';
import { addFamily, axeCheck, collectConsoleErrors, gotoReady, isoDate, monthsAgo, readDb } from './helpers';
import { NaastServer } from './naast-server';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

/** The visits `shape(n)` describes (n = 0, 1, …; one a day back from today by default),
 * pushed straight through the API as her phone sends them. */
async function pushVisits(vera: Page, family: string, count: number, shape: (n: number) => object): Promise<void> {
  const { account, device_id } = await readDb(vera);
  const mutations = Array.from({ length: count }, (_, n) => {
    const visit = {
      id: crypto.randomUUID(), family_id: family, date: isoDate(new Date(Date.now() - n * 86_400_000)), kind: 'home',
      duration_min: 45, topics: ['sleep'], support: [], own_question: '', chosen_to_try: '', agreements: '',
      next_appointment: null, note: '', signal: null, prompts_used: [], updated_at_ms: Date.now(),
      ...shape(n),
    };
    return { id: crypto.randomUUID(), at_ms: Date.now(), change: { visit } };
  });
  const pushed = await vera.context().request.post('/api/v1/sync/push', {
    headers: { 'X-Naast-CSRF': account.csrf },
    data: { device_id, mutations },
  });
  expect(pushed.status()).toBe(200);
}

test('the review list shows 50 visits and older ones a page at a time', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(5) });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  // 57 visits, one a day back from today, straight through the API as her phone sends them.
  await pushVisits(vera, family, 57, (n) => ({ note: `Bezoek ${n + 1}` }));

  const desk = await deskPage(browser, server, coord);
  const errors = collectConsoleErrors(desk);
  await gotoReady(desk, '/desk');
  const cards = desk.locator('[data-testid="review-list"] > li');
  await expect(cards).toHaveCount(50);
  await expect(cards.first()).toContainText('Bezoek 1');
  await desk.screenshot({ path: test.info().outputPath('review-1280.png') });
  const more = desk.getByRole('button', { name: 'Oudere bezoeken tonen' });
  await more.click();
  await expect(cards).toHaveCount(57);
  await expect(cards.last()).toContainText('Bezoek 57');
  await expect(more).toHaveCount(0);
  await expect(cards.filter({ hasText: /Bezoek 50$|Bezoek 50\b/ })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('the inbox holds what she has not reviewed: counts, read marks, review, filters and search', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(5) });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  const notes = ['Ze wil op zwemles met de kleine', 'Slaapt slecht, veel huilen', 'Samen naar de bieb geweest'];
  await pushVisits(vera, family, notes.length, (n) => ({
    note: notes[n], topics: n === 1 ? ['sleep'] : ['play_reading'],
    signal: n === 1 ? { urgency: 'urgent', text: 'Ze huilt veel' } : null,
  }));

  const desk = await deskPage(browser, server, coord);
  const errors = collectConsoleErrors(desk);
  await gotoReady(desk, '/desk');
  const counts = desk.locator('[data-testid="inbox-counts"]');
  await expect(counts).toContainText('3 te beoordelen');
  await expect(counts).toContainText('1 zorgsignaal');
  const cards = desk.locator('[data-testid="review-list"] > li');
  await expect(cards).toHaveCount(3);
  await expect(cards.first()).toContainText('Nieuw');
  expect(await axeCheck(desk), 'inbox').toEqual([]);
  await desk.screenshot({ path: test.info().outputPath('inbox-1280.png') });

  // Opening a visit marks it read; reviewing it takes it out of her inbox.
  await cards.filter({ hasText: 'zwemles' }).getByRole('link').click();
  await expect(desk.getByRole('heading', { level: 1 })).toBeVisible();
  const toggle = desk.getByTestId('review-toggle');
  await expect(toggle).toHaveText('Markeer als beoordeeld');
  expect(await axeCheck(desk), 'visit').toEqual([]);
  await toggle.click();
  await expect(toggle).toHaveText('Terug naar te beoordelen');
  await expect(counts).toContainText('2 te beoordelen');
  await desk.screenshot({ path: test.info().outputPath('visit-reviewed-1280.png') });
  await gotoReady(desk, '/desk');
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: 'zwemles' })).toHaveCount(0);
  await desk.getByRole('button', { name: 'Beoordeeld', exact: true }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('zwemles');
  await expect(cards.first()).not.toContainText('Nieuw');

  // Filters and words narrow the list.
  await desk.getByRole('button', { name: 'Alle', exact: true }).click();
  await expect(cards).toHaveCount(3);
  await desk.getByLabel('Alleen met zorgsignaal').check();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Slaapt slecht');
  await desk.getByLabel('Alleen met zorgsignaal').uncheck();
  await desk.getByLabel('Zoeken in de notities').fill('BIEB');
  await desk.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('Samen naar de bieb');
  await desk.getByLabel('Zoeken in de notities').fill('niets hierover');
  await desk.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await expect(desk.getByText('Geen bezoeken gevonden met dit filter.')).toBeVisible();
  await desk.screenshot({ path: test.info().outputPath('inbox-filtered-1280.png') });
  expect(errors).toEqual([]);
});
