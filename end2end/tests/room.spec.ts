// Her screens get room: on a 360×640 phone the header is one compact line (offline and
// sync state together), the fields she writes in are near the top of the visit form,
// a saved visit shows up in view and clear of the notice, the first language is
// explained as the mother's, and signing up has no diary menu in the way. At a desk
// the workspace has a side menu and a wide content area.

import { test, expect, type Locator, type Page } from '@playwright/test';
import {
  addFamily,
  collectConsoleErrors,
  gotoReady,
  monthsAgo,
  setChip,
  waitReady,
} from './helpers';
import { NaastServer } from './naast-server';
import { PASSWORD, coordinator, newContext } from './people';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, 'element on screen').not.toBeNull();
  return b!;
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the header is one compact line, online and offline with changes waiting', async ({ page, context }) => {
  const errors = collectConsoleErrors(page, { ignore: [/ERR_INTERNET_DISCONNECTED|Failed to load resource/] });
  await gotoReady(page, '/');
  const header = page.locator('header.top');
  expect((await box(header)).height, 'header online').toBeLessThanOrEqual(60);
  await addFamily(page, { pseudonym: 'Zeynep', childKind: 'born', childDate: monthsAgo(3) });
  await context.setOffline(true);
  await expect(header.locator('.offline')).toHaveText('Offline');
  await expect(header.locator('[data-testid="sync-line"]')).toContainText('Alleen op dit apparaat');
  expect((await box(header)).height, 'header offline').toBeLessThanOrEqual(64);
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('on the visit form the fields she writes in come soon, the prompts wait in a panel', async ({ page }) => {
  const family = await addFamily(page, { pseudonym: 'Olena', childKind: 'born', childDate: monthsAgo(8), languages: ['uk'] });
  await gotoReady(page, `/families/${family}/visits/new`);
  await setChip(page, 'topics-sleep');
  const note = await box(page.locator('#note'));
  const ownQuestion = await box(page.locator('#own_question'));
  // Measured from the top of the page: on a 640 px phone, a couple of thumb swipes.
  const scrollTop = await page.evaluate(() => window.scrollY);
  expect(ownQuestion.y + scrollTop, 'own question').toBeLessThan(1400);
  expect(note.y + scrollTop, 'note').toBeLessThan(2000);
  await expect(page.locator('#prompts-body')).toBeHidden();
  await page.locator('#prompts-toggle').click();
  await expect(page.locator('#prompts-body')).toBeVisible();
});

test('a saved visit is brought into view and the notice covers neither it nor the add button', async ({ page }) => {
  const family = await addFamily(page, { pseudonym: 'Fatima', childKind: 'born', childDate: monthsAgo(10) });
  for (const note of ['Eerste bezoek', 'Tweede bezoek', 'Derde bezoek, over slapen']) {
    await gotoReady(page, `/families/${family}/visits/new`);
    await page.locator('#note').fill(note);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(new RegExp(`/families/${family}$`));
  }
  const notice = page.locator('.notice');
  await expect(notice).toContainText('Bezoek opgeslagen.');
  const saved = page.locator('.visit-card.just-saved');
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('Derde bezoek');
  await expect(saved).toBeInViewport();
  expect(overlaps(await box(saved), await box(notice)), 'the notice covers the saved visit').toBe(false);
  const add = page.getByRole('link', { name: 'Bezoek toevoegen' });
  if (await add.isVisible()) {
    expect(overlaps(await box(add), await box(notice)), 'the notice covers the add button').toBe(false);
  }
});

test("the family form says the first language is the mother's, for picture stories", async ({ page }) => {
  await gotoReady(page, '/families/new');
  const hint = page.locator('[data-testid="languages-hint"]');
  await expect(hint).toContainText('De eerste taal die je aanvinkt, is de taal van de moeder');
  await setChip(page, 'languages-ar');
  await setChip(page, 'languages-nl');
  await expect(hint).toContainText('beeldverhalen laat Naast zien in het Arabisch');
});

test('signing up shows no diary menu, and the button is not covered; the workspace has a desk layout', async ({ browser }) => {
  const server = await NaastServer.start();
  try {
    const coord: Page = await coordinator(browser, server);
    await coord.goto('/desk/team');
    await waitReady(coord);
    await coord.getByRole('button', { name: 'Vrijwilliger uitnodigen' }).click();
    const link = await coord.locator('[data-testid="made-link"]').inputValue();

    const vera = await (await newContext(browser, server)).newPage();
    await gotoReady(vera, new URL(link).pathname);
    await expect(vera.locator('nav.bottom')).toHaveCount(0);
    await vera.locator('#display_name').fill('Vera');
    await vera.locator('#username').fill('vera');
    await vera.locator('#password').fill(PASSWORD);
    const go = vera.getByRole('button', { name: 'Verder' });
    await go.scrollIntoViewIfNeeded();
    await expect(go).toBeInViewport({ ratio: 1 });
    await go.click();
    await vera.waitForURL(`${server.url}/`);
    await expect(vera.locator('nav.bottom')).toBeVisible();

    // The coordinator's workspace at a desk: a side menu, a wide content area.
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.url, storageState: await coord.context().storageState() })).newPage();
    const errors = collectConsoleErrors(desk);
    await gotoReady(desk, '/desk/team');
    const side = await box(desk.locator('nav.side'));
    const main = await box(desk.locator('main.desk-main'));
    expect(side.x).toBe(0);
    expect(side.height, 'the menu runs down the side').toBeGreaterThanOrEqual(700);
    expect(main.x, 'content beside the menu').toBeGreaterThanOrEqual(side.width - 1);
    expect(main.width, 'a wide content area').toBeGreaterThan(800);
    await expect(desk.locator('nav.bottom')).toHaveCount(0);
    await expect(desk.locator('nav.side').getByRole('link', { name: 'Team' })).toHaveAttribute('aria-current', 'page');
    await desk.getByRole('button', { name: 'English' }).click();
    await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Team');
    await expect(desk.locator('nav.side')).toContainText('Prompts');
    expect(errors).toEqual([]);
  } finally {
    await server.kill();
  }
});
