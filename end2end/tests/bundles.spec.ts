// Each person loads only her own screens: the volunteer's phone gets the diary bundle
// (a main module and chunks its service worker precaches), never a file of the
// coordinator's workspace; every diary route starts offline from the phone; the
// workspace opened offline says it needs a connection; and a coordinator who also
// keeps a diary moves between both without losing what she was typing.

import { test, expect, type BrowserContext, type Page, type Request } from '@playwright/test';
import {
  OFFLINE_IGNORE,
  addFamily,
  addVisit,
  collectConsoleErrors,
  gotoReady,
  monthsAgo,
  readDb,
  waitReady,
  waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';
import { coordinator, newContext, setOffline } from './people';

/** Every request a context makes, its pages' and its service worker's alike. */
function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r: Request) => urls.push(new URL(r.url()).pathname));
  return urls;
}

const isDeskFile = (path: string) => path.startsWith('/desk-pkg/') || path.includes('naast-desk');

test('every diary route cold-starts offline, by deep link and by reload, with no error', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, serviceWorkers: 'allow', baseURL: process.env.NAAST_URL ?? 'http://127.0.0.1:3000' });
  const page = await context.newPage();
  await gotoReady(page, '/');
  await waitServiceWorker(page);
  const family = await addFamily(page, { pseudonym: 'Sara', childKind: 'born', childDate: monthsAgo(5) });
  await addVisit(page, family, { note: 'Eerste bezoek' });
  const visit = Object.keys((await readDb(page)).visits)[0];
  expect(visit).toBeTruthy();

  await setOffline(context, true);
  const routes: [string, RegExp | string][] = [
    ['/', 'Gezinnen'],
    ['/families/new', 'Nieuw gezin'],
    [`/families/${family}`, 'Sara'],
    [`/families/${family}/edit`, 'Gezin bewerken'],
    [`/families/${family}/visits/new`, 'Nieuw bezoek'],
    [`/families/${family}/visits/${visit}`, 'Bezoek bewerken'],
    ['/visits', 'Bezoeken'],
    ['/settings', 'Instellingen'],
    ['/login', 'Inloggen bij Naast'],
  ];
  for (const [path, heading] of routes) {
    const tab = await context.newPage();
    const errors = collectConsoleErrors(tab, { ignore: OFFLINE_IGNORE });
    await tab.goto(path);
    await waitReady(tab);
    await expect(tab.locator('body'), `${path} comes from the service worker`).toHaveAttribute('data-naast-shell', '1');
    await expect(tab.getByRole('heading', { level: 1 }), path).toHaveText(heading);
    await tab.reload();
    await waitReady(tab);
    await expect(tab.getByRole('heading', { level: 1 }), `${path} after a reload`).toHaveText(heading);
    expect(errors, `console errors on ${path}`).toEqual([]);
    await tab.close();
  }

  // A one-time link needs the server: offline it says so, in words, without a panic.
  const welcome = await context.newPage();
  const welcomeErrors = collectConsoleErrors(welcome, { ignore: OFFLINE_IGNORE });
  await welcome.goto('/welcome/0123456789abcdef0123456789abcdef');
  await waitReady(welcome);
  await expect(welcome.getByRole('alert')).toContainText('Geen verbinding');
  expect(welcomeErrors).toEqual([]);
  await context.close();
});

test('the workspace opened offline says it needs a connection and leads back to the diary', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'allow', baseURL: process.env.NAAST_URL ?? 'http://127.0.0.1:3000' });
  const page = await context.newPage();
  await gotoReady(page, '/');
  await waitServiceWorker(page);
  await setOffline(context, true);

  for (const path of ['/desk', '/desk/team', '/desk/review/0195a4f2-0000-7000-8000-000000000000']) {
    const tab = await context.newPage();
    const errors = collectConsoleErrors(tab, { ignore: OFFLINE_IGNORE });
    await tab.goto(path);
    await waitReady(tab);
    const note = tab.locator('[data-testid="needs-connection"]');
    await expect(note, path).toContainText('De werkplek heeft verbinding nodig');
    await expect(note).toContainText('Je dagboek werkt ook zonder verbinding');
    expect(errors, path).toEqual([]);
    if (path === '/desk') {
      await note.getByRole('link', { name: 'Naar het dagboek' }).click();
      await expect(tab.getByRole('heading', { level: 1, name: 'Gezinnen' })).toBeVisible();
    }
    await tab.close();
  }
  await context.close();
});

test("a volunteer's phone never fetches a file of the workspace, and precaches every chunk of its own", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, serviceWorkers: 'allow', baseURL: process.env.NAAST_URL ?? 'http://127.0.0.1:3000' });
  const requested = recordRequests(context);
  const page = await context.newPage();
  await gotoReady(page, '/');
  await waitServiceWorker(page);
  const family = await addFamily(page, { pseudonym: 'Lina', childKind: 'expected', childDate: monthsAgo(-3) });
  await gotoReady(page, `/families/${family}/visits/new`);
  await gotoReady(page, '/settings');

  // Every file of the diary build the shell page names is in the service worker's
  // cache: the main module, the chunks and the loader.
  const precached: string[] = await page.evaluate(async () => {
    const keys = await caches.keys();
    const shell = keys.find((k) => k.startsWith('naast-shell-'))!;
    const cache = await caches.open(shell);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  const sw = await (await page.request.get('/sw.js')).text();
  const listed = JSON.parse(sw.match(/const PRECACHE = (\[.*?\]);/)![1]) as string[];
  expect(listed.filter((p) => p.endsWith('.wasm')).length, 'main module and chunks').toBeGreaterThanOrEqual(3);
  expect(precached.sort()).toEqual([...listed].sort());
  expect(listed.filter(isDeskFile)).toEqual([]);

  expect(requested.filter(isDeskFile), 'workspace files requested by a volunteer').toEqual([]);
  expect(requested.some((p) => p.startsWith('/pkg/split_'))).toBe(true);
  await context.close();
});

test('a coordinator who keeps a diary too moves between both areas without losing a draft', async ({ browser }) => {
  const server = await NaastServer.start();
  try {
    const coord: Page = await coordinator(browser, server);
    const errors = collectConsoleErrors(coord, { ignore: OFFLINE_IGNORE });
    // The workspace has a desk layout, and a way to her own diary.
    await expect(coord.locator('[data-testid="desk-who"]')).toHaveText('Coby · MIM Dordrecht');
    await coord.locator('[data-testid="to-diary"]').click();
    await coord.waitForURL(`${server.url}/`);
    await waitReady(coord);
    const family = await addFamily(coord, { pseudonym: 'Hiba', childKind: 'born', childDate: monthsAgo(2) });
    await gotoReady(coord, `/families/${family}/visits/new`);
    await coord.locator('#note').fill('Half geschreven: ze vroeg naar de borstvoeding en');

    // To the workspace (a whole page load of the other bundle) and back.
    await coord.locator('[data-testid="to-desk"]').click();
    await coord.waitForURL(`${server.url}/desk`);
    await waitReady(coord);
    await expect(coord.getByRole('heading', { level: 1 })).toHaveText('Notities van vrijwilligers');
    await coord.locator('nav.side').getByRole('link', { name: 'Team' }).click();
    await expect(coord.getByRole('heading', { level: 1 })).toHaveText('Team');
    await coord.locator('[data-testid="to-diary"]').click();
    await waitReady(coord);
    await gotoReady(coord, `/families/${family}/visits/new`);
    await expect(coord.locator('#note')).toHaveValue('Half geschreven: ze vroeg naar de borstvoeding en');
    expect(errors).toEqual([]);

    // Someone not signed in who opens the workspace is asked to sign in first.
    const other = await (await newContext(browser, server)).newPage();
    await gotoReady(other, '/desk');
    await expect(other.locator('[data-testid="desk-access"]')).toContainText('Log in om de werkplek te openen');
  } finally {
    await server.kill();
  }
});
