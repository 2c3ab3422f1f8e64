// Two tabs (or two windows of the installed app) share one diary on the device. Each
// tab opened its form before the other saved; both save offline; back online every
// change reaches the server once: nothing overwritten, nothing doubled.

import { test, expect, type Page } from '@playwright/test';
import { ALL_SAVED, coordinator, setOffline, syncLine, volunteer } from './people';
import { OFFLINE_IGNORE, addFamily, collectConsoleErrors, fillFamilyForm, fillVisitForm, gotoReady, monthsAgo, readDb, waitServiceWorker } from './helpers';
import { NaastServer } from './naast-server';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

async function save(page: Page, notice: string): Promise<void> {
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('.notice')).toContainText(notice);
}

test('two tabs writing offline both reach the server, nothing doubled', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const first = await volunteer(browser, server, coord, 'Vera');
  await waitServiceWorker(first);
  const amina = await addFamily(first, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(5) });
  await expect(syncLine(first)).toContainText(ALL_SAVED);
  const second = await first.context().newPage();
  const errors = [first, second].flatMap((p) => collectConsoleErrors(p, { ignore: OFFLINE_IGNORE }));
  await setOffline(first.context(), true);

  // The same family: each tab opened the visit form before the other one saved.
  for (const page of [first, second]) await gotoReady(page, `/families/${amina}/visits/new`);
  await fillVisitForm(first, { note: 'Geschreven in het eerste venster' });
  await save(first, 'Bezoek opgeslagen.');
  await fillVisitForm(second, { note: 'Geschreven in het tweede venster' });
  await save(second, 'Bezoek opgeslagen.');
  // The first tab shows the second tab's visit without a reload.
  await expect(first.locator('ol[data-testid="timeline"] > li')).toHaveCount(2);

  // Different families, again each form opened before either saved.
  for (const page of [first, second]) await gotoReady(page, '/families/new');
  await fillFamilyForm(first, { pseudonym: 'Bo', childKind: 'born', childDate: monthsAgo(2) });
  await save(first, 'Gezin opgeslagen.');
  await fillFamilyForm(second, { pseudonym: 'Cato', childKind: 'expected', childDate: monthsAgo(-2) });
  await save(second, 'Gezin opgeslagen.');
  const waiting = await readDb(second);
  expect(waiting.outbox).toHaveLength(4);

  await setOffline(first.context(), false);
  for (const page of [first, second]) await expect(syncLine(page)).toContainText(ALL_SAVED, { timeout: 20_000 });
  expect((await readDb(first)).outbox).toEqual([]);

  const pulled = await (await first.context().request.get('/api/v1/sync/pull?after=0')).json();
  const families = pulled.changes.filter((c: any) => c.change.family);
  const visits = pulled.changes.filter((c: any) => c.change.visit);
  expect(families.map((c: any) => c.change.family.pseudonym).sort()).toEqual(['Amina', 'Bo', 'Cato']);
  expect(visits.map((c: any) => c.change.visit.note).sort()).toEqual([
    'Geschreven in het eerste venster',
    'Geschreven in het tweede venster',
  ]);
  expect(visits.map((c: any) => c.version)).toEqual([1, 1]);
  await gotoReady(first, '/');
  for (const name of ['Amina', 'Bo', 'Cato']) await expect(first.getByRole('link', { name })).toBeVisible();
  expect(errors).toEqual([]);
});
