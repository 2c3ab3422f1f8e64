// Accounts a coordinator can stop: switching a volunteer's account off on the team page
// stops her syncing (her phone says so) while what waited on her phone still arrives;
// a volunteer who types a workspace address is told it is for coordinators and sees
// none of its buttons.

import { test, expect } from '@playwright/test';
import { OFFLINE_IGNORE, addFamily, addVisit, collectConsoleErrors, gotoReady, monthsAgo } from './helpers';
import { NaastServer } from './naast-server';
import { ALL_SAVED, coordinator, setOffline, syncLine, volunteer } from './people';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

test('a switched-off volunteer keeps nothing waiting and is told why she no longer syncs', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const errors = collectConsoleErrors(vera, { ignore: [...OFFLINE_IGNORE, /403/] });
  const family = await addFamily(vera, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(4) });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  // A visit written offline waits on her phone while her coordinator switches her off.
  await setOffline(vera.context(), true);
  await addVisit(vera, family, { note: 'Laatste bezoek voor de zomer' });
  await expect(syncLine(vera)).toContainText('1 wijziging wacht');
  await gotoReady(coord, '/desk/team');
  const card = coord.locator('li[data-person="vera"]');
  await card.getByRole('button', { name: 'Account uitzetten' }).click();
  await expect(card).toContainText('Account uitgezet');
  await expect(card.getByRole('button', { name: 'Account weer aanzetten' })).toBeVisible();

  // Back online, the waiting visit goes up, and then her phone says she is switched off.
  await setOffline(vera.context(), false);
  await vera.getByRole('link', { name: 'Instellingen' }).click();
  await vera.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(syncLine(vera)).toContainText('Account uitgezet', { timeout: 20_000 });
  await expect(vera.locator('[data-testid="sync-problem"]')).toContainText('Je coördinator heeft je account uitgezet');
  await gotoReady(coord, '/desk');
  await expect(coord.locator('[data-testid="review-list"] > li')).toHaveCount(1);
  await expect(coord.locator('[data-testid="review-list"]')).toContainText('Laatste bezoek');
  expect(errors).toEqual([]);
  await vera.context().close();
  await coord.context().close();
});

test('a volunteer who opens the workspace is told it is for coordinators, with no buttons of it', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  await gotoReady(vera, '/desk/team');
  await expect(vera.locator('[data-testid="desk-access"]')).toContainText('De werkplek is voor coördinatoren');
  await expect(vera.getByRole('button', { name: 'Vrijwilliger uitnodigen' })).toBeHidden();
  await expect(vera.getByText('hoort bij een andere vrijwilliger')).toBeHidden();
  await vera.context().close();
  await coord.context().close();
});
