// Accounts and sync as people use them: a coordinator sets up her organisation and
// invites a volunteer; the volunteer writes visits offline and they reach the
// coordinator by themselves; the same visit edited on two devices keeps both texts
// until she chooses; a server killed in the middle of a sync loses and doubles
// nothing; signing out with unsynced changes warns; a refused change stays visible.

import { test, expect, type Page } from '@playwright/test';
import { ALL_SAVED, PASSWORD, coordinator, newContext, setOffline, signIn, syncLine, volunteer } from './people';
import {
  OFFLINE_IGNORE,
  addFamily,
  addVisit,
  collectConsoleErrors,
  gotoReady,
  monthsAgo,
  readDb,
  waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

const amina = { pseudonym: 'Amina', childKind: 'born' as const, childDate: monthsAgo(5), languages: ['ar'] };

test('visits written offline sync by themselves and the coordinator sees them', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const errors = collectConsoleErrors(vera, { ignore: OFFLINE_IGNORE });
  await waitServiceWorker(vera);
  const family = await addFamily(vera, amina);
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  await setOffline(vera.context(), true);
  for (const note of ['Slaapt beter sinds het ritueel', 'Samen naar de bibliotheek', 'Vragen over het consultatiebureau']) {
    await addVisit(vera, family, { note, topics: ['sleep'] });
  }
  await expect(syncLine(vera)).toContainText('3 wijzigingen wachten');
  await gotoReady(coord, '/desk');
  await expect(coord.locator('[data-testid="review-list"] > li')).toHaveCount(0);

  await setOffline(vera.context(), false);
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: 20_000 });
  await gotoReady(coord, '/desk');
  const cards = coord.locator('[data-testid="review-list"] > li');
  await expect(cards).toHaveCount(3);
  await expect(cards.first()).toContainText('Amina');
  await expect(cards.first()).toContainText('door Vera');
  await cards.filter({ hasText: 'bibliotheek' }).getByRole('link').click();
  await expect(coord.locator('dd.text')).toContainText('Samen naar de bibliotheek');
  expect(errors).toEqual([]);
});

test('the same visit edited offline on two devices keeps both texts until she chooses', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const phone = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(phone, amina);
  await addVisit(phone, family, { note: 'Eerste versie' });
  await expect(syncLine(phone)).toContainText(ALL_SAVED);
  const tablet = await signIn(browser, server, 'vera');
  await gotoReady(tablet, `/families/${family}`);
  const visitLink = tablet.locator('ol[data-testid="timeline"] a').first();
  await expect(visitLink).toContainText('Eerste versie');
  const visitPath = new URL(await visitLink.evaluate((a) => (a as HTMLAnchorElement).href)).pathname;

  for (const [page, text] of [[phone, 'Tekst van de telefoon'], [tablet, 'Tekst van de tablet']] as const) {
    await setOffline(page.context(), true);
    await gotoReady(page, visitPath);
    await page.locator('#note').fill(text);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.locator('.notice')).toContainText('Bezoek opgeslagen.');
  }
  await setOffline(phone.context(), false);
  await expect(syncLine(phone)).toContainText(ALL_SAVED, { timeout: 20_000 });
  await setOffline(tablet.context(), false);
  await expect(syncLine(tablet)).toContainText(ALL_SAVED, { timeout: 20_000 });

  // The tablet learns that the text changed on both sides; nothing is lost.
  await gotoReady(tablet, `/families/${family}`);
  await expect(tablet.locator('[data-testid="two-versions"]')).toBeVisible();
  await gotoReady(tablet, visitPath);
  const conflict = tablet.locator('[data-testid="conflict"]');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('Tekst van de telefoon');
  await expect(conflict).toContainText('Tekst van de tablet');
  await conflict.getByRole('button', { name: 'Allebei houden' }).click();
  await expect(conflict).toBeHidden();
  await expect(tablet.locator('#note')).toHaveValue('Tekst van de telefoon\n\nTekst van de tablet');
  await tablet.getByRole('button', { name: 'Opslaan' }).click();
  await expect(syncLine(tablet)).toContainText(ALL_SAVED, { timeout: 20_000 });

  // The phone gets the combined text and no conflict.
  await gotoReady(phone, '/settings');
  await phone.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(syncLine(phone)).toContainText(ALL_SAVED);
  await gotoReady(phone, visitPath);
  await expect(phone.locator('#note')).toHaveValue('Tekst van de telefoon\n\nTekst van de tablet');
  await expect(phone.locator('[data-testid="conflict"]')).toHaveCount(0);
});

test('a server killed in the middle of a sync loses nothing and doubles nothing', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, amina);
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  await setOffline(vera.context(), true);
  for (const note of ['een', 'twee', 'drie']) await addVisit(vera, family, { note });

  // The push reaches the server and is stored, then the server dies before answering.
  let killed = false;
  await vera.route('**/api/v1/sync/push', async (route) => {
    if (killed) return route.continue();
    const response = await route.fetch();
    expect(response.ok()).toBe(true);
    killed = true;
    await server.kill();
    await route.abort('connectionreset');
  });
  await setOffline(vera.context(), false);
  await expect.poll(() => killed, { timeout: 20_000 }).toBe(true);
  await expect(syncLine(vera)).toContainText('3 wijzigingen wachten');

  await server.restart();
  await gotoReady(vera, '/settings');
  await vera.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: 20_000 });
  expect((await readDb(vera)).outbox).toEqual([]);

  // On the server: each visit once, in its first version.
  const pulled = await (await vera.context().request.get('/api/v1/sync/pull?after=0')).json();
  const visits = pulled.changes.filter((c: any) => c.change.visit);
  expect(visits.map((c: any) => c.change.visit.note).sort()).toEqual(['drie', 'een', 'twee']);
  expect(visits.map((c: any) => c.version)).toEqual([1, 1, 1]);
  await gotoReady(coord, '/desk');
  await expect(coord.locator('[data-testid="review-list"] > li')).toHaveCount(3);
});

test('signing out with unsynced changes warns, and a refused change stays visible with its reason', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, amina);
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  // A change the server refuses (a note far over the limit, as an old client might send).
  await vera.evaluate((familyId) => {
    const db = JSON.parse(localStorage.getItem('naast:db')!);
    const id = crypto.randomUUID();
    const visit = {
      id, family_id: familyId, date: new Date().toISOString().slice(0, 10), kind: 'home',
      duration_min: 30, topics: [], support: [], own_question: '', chosen_to_try: '', agreements: '',
      next_appointment: null, note: 'x'.repeat(6000), signal: null, prompts_used: [], updated_at_ms: Date.now(),
    };
    db.visits[id] = visit;
    db.outbox.push({ id: crypto.randomUUID(), at_ms: Date.now(), change: { visit } });
    localStorage.setItem('naast:db', JSON.stringify(db));
  }, family);
  await gotoReady(vera, '/settings');
  await vera.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(syncLine(vera)).toContainText('1 wijziging niet geaccepteerd');
  const refused = vera.locator('[data-testid="rejected"] > li');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Notitie');

  // Offline with one more change waiting: signing out warns and keeps everything.
  await setOffline(vera.context(), true);
  await addVisit(vera, family, { note: 'Nog niet verstuurd' });
  await gotoReady(vera, '/settings');
  await vera.getByRole('button', { name: 'Uitloggen', exact: true }).click();
  const warning = vera.locator('[data-testid="sign-out-warning"]');
  await expect(warning).toContainText('2 wijzigingen staan nog niet op de server');
  expect((await readDb(vera)).outbox.length).toBe(2);

  // Back online: the waiting change syncs; the refused one is discarded; then signing out wipes.
  await setOffline(vera.context(), false);
  await expect(syncLine(vera)).toContainText('1 wijziging niet geaccepteerd', { timeout: 20_000 });
  await refused.getByRole('button', { name: 'Weggooien' }).click();
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  await vera.getByRole('button', { name: 'Uitloggen', exact: true }).click();
  await vera.waitForURL(/\/login$/);
  const wiped = await readDb(vera);
  expect(Object.keys(wiped?.families ?? {})).toEqual([]);
  expect(wiped?.account ?? null).toBeNull();
  const session = await vera.context().request.get('/api/v1/session');
  expect(session.status()).toBe(401);
});

test('after her session ends she signs in again and nothing waiting is lost', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, amina);
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  // The coordinator resets her password: every session of hers ends at once.
  await gotoReady(coord, '/desk/team');
  await coord.locator('.card.person', { hasText: 'Vera' }).getByRole('button', { name: 'Nieuw wachtwoord' }).click();
  const link = await coord.locator('[data-testid="made-link"]').inputValue();

  await addVisit(vera, family, { note: 'Geschreven nadat de sessie verliep' });
  await expect(syncLine(vera)).toContainText('Log opnieuw in');
  expect((await readDb(vera)).outbox.length).toBe(1);

  await gotoReady(vera, new URL(link).pathname);
  await expect(vera.getByRole('heading', { level: 1 })).toHaveText('Nieuw wachtwoord voor vera');
  await vera.locator('#password').fill('een heel nieuw wachtwoord');
  await vera.getByRole('button', { name: 'Opslaan' }).click();
  await vera.waitForURL(new RegExp(`${server.url}/$`));
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  expect((await readDb(vera)).outbox).toEqual([]);
  await gotoReady(coord, '/desk');
  await expect(coord.locator('[data-testid="review-list"] > li')).toHaveCount(1);
});
