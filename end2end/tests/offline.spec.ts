// Offline: once the service worker is ready, the whole app works without a network,
// on any address, and nothing typed offline is lost.

import { test, expect, type Page } from '@playwright/test';
import {
  OFFLINE_IGNORE,
  addFamily,
  collectConsoleErrors,
  fillVisitForm,
  gotoReady,
  monthsAgo,
  readDb,
  waitReady,
  waitServiceWorker,
} from './helpers';

const OFFLINE_TEXT = 'Offline';
const timeline = (page: Page) => page.locator('ol[data-testid="timeline"] > li');

test('the app loads, saves and deep-links offline, and notices when it is back online', async ({ page, context }) => {
  const errors = collectConsoleErrors(page, { ignore: OFFLINE_IGNORE });

  // Online: load, let the service worker fill its cache, add a family.
  await gotoReady(page, '/');
  await waitServiceWorker(page);
  await expect(page.locator('.offline')).toHaveCount(0);
  const familyId = await addFamily(page, {
    pseudonym: 'Nadia',
    childKind: 'born',
    childDate: monthsAgo(4),
    languages: ['uk'],
    programme: 'mim',
  });

  // Offline. The open page notices.
  await context.setOffline(true);
  await expect(page.locator('.offline')).toHaveText(OFFLINE_TEXT);

  // A new page at "/" is served by the service worker and mounts the app.
  const offlinePage = await context.newPage();
  const offlineErrors = collectConsoleErrors(offlinePage, { ignore: OFFLINE_IGNORE });
  await offlinePage.goto('/');
  await waitReady(offlinePage);
  // Really offline: this is the service worker's cached shell, mounted client-side.
  await expect(offlinePage.locator('body')).toHaveAttribute('data-naast-shell', '1');
  await expect(offlinePage.locator('.offline')).toHaveText(OFFLINE_TEXT);
  await expect(offlinePage.getByRole('heading', { level: 1, name: 'Gezinnen' })).toBeVisible();
  const card = offlinePage.locator('ul[data-testid="family-list"] > li');
  await expect(card).toHaveCount(1);
  await expect(card.first()).toContainText('Nadia');
  await expect(card.first()).toContainText('4 maanden');

  // Go to the family and add a visit, all offline.
  await card.first().getByRole('link').click();
  await offlinePage.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(offlinePage.getByRole('heading', { level: 1, name: 'Nadia' })).toBeVisible();
  await offlinePage.getByRole('link', { name: 'Bezoek toevoegen' }).click();
  await offlinePage.waitForURL(new RegExp(`/families/${familyId}/visits/new$`));
  await fillVisitForm(offlinePage, {
    duration: '30',
    kind: 'park',
    topics: ['development'],
    support: ['practical'],
    note: 'Offline genoteerd in de speeltuin: kruipt al.',
  });
  await offlinePage.getByRole('button', { name: 'Opslaan' }).click();
  await offlinePage.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(offlinePage.locator('.notice')).toContainText('Bezoek opgeslagen.');
  await expect(timeline(offlinePage)).toHaveCount(1);
  await expect(timeline(offlinePage).first()).toContainText('Offline genoteerd');

  // Reload while still offline: the visit is still there.
  await offlinePage.reload();
  await waitReady(offlinePage);
  await expect(offlinePage.locator('.offline')).toBeVisible();
  await expect(offlinePage.getByRole('heading', { level: 1, name: 'Nadia' })).toBeVisible();
  await expect(timeline(offlinePage)).toHaveCount(1);
  await expect(timeline(offlinePage).first()).toContainText('Offline genoteerd');
  await expect(timeline(offlinePage).first()).toContainText('Samen naar park of speeltuin');
  const db = await readDb(offlinePage);
  const visits = Object.values(db.visits) as any[];
  expect(visits).toHaveLength(1);
  expect(visits[0].note).toBe('Offline genoteerd in de speeltuin: kruipt al.');
  // The change waits in the outbox for the server.
  expect(db.outbox.length).toBeGreaterThanOrEqual(2);

  // Deep links opened directly in new pages while offline.
  const deepForm = await context.newPage();
  const deepFormErrors = collectConsoleErrors(deepForm, { ignore: OFFLINE_IGNORE });
  await deepForm.goto(`/families/${familyId}/visits/new`);
  await waitReady(deepForm);
  await expect(deepForm.locator('body')).toHaveAttribute('data-naast-shell', '1');
  await expect(deepForm.getByRole('heading', { level: 1, name: 'Nieuw bezoek' })).toBeVisible();
  await expect(deepForm.locator('p.subtitle')).toHaveText('Nadia');
  await expect(deepForm.locator('#note')).toBeVisible();
  await expect(deepForm.locator('#note')).toHaveValue('');
  await expect(deepForm.locator('.offline')).toBeVisible();
  // The form works: ticking a chip and typing.
  await deepForm.locator('label[for="topics-sleep"]').click();
  await expect(deepForm.locator('#topics-sleep')).toBeChecked();
  await deepForm.locator('#note').fill('tekst');
  await expect(deepForm.locator('#note')).toHaveValue('tekst');

  const deepSettings = await context.newPage();
  const deepSettingsErrors = collectConsoleErrors(deepSettings, { ignore: OFFLINE_IGNORE });
  await deepSettings.goto('/settings');
  await waitReady(deepSettings);
  await expect(deepSettings.locator('body')).toHaveAttribute('data-naast-shell', '1');
  await expect(deepSettings.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  await expect(deepSettings.getByLabel('Nederlands')).toBeChecked();
  await expect(deepSettings.locator('.offline')).toBeVisible();

  const deepFamily = await context.newPage();
  const deepFamilyErrors = collectConsoleErrors(deepFamily, { ignore: OFFLINE_IGNORE });
  await deepFamily.goto(`/families/${familyId}`);
  await waitReady(deepFamily);
  await expect(deepFamily.getByRole('heading', { level: 1, name: 'Nadia' })).toBeVisible();
  await expect(timeline(deepFamily)).toHaveCount(1);

  // Back online: the badge goes away on every open page.
  await context.setOffline(false);
  await expect(offlinePage.locator('.offline')).toHaveCount(0);
  await expect(deepSettings.locator('.offline')).toHaveCount(0);
  await expect(page.locator('.offline')).toHaveCount(0);

  // And the visit written offline is there online too.
  await gotoReady(page, `/families/${familyId}`);
  await expect(timeline(page)).toHaveCount(1);
  await expect(timeline(page).first()).toContainText('Offline genoteerd');

  expect(errors, 'console errors of the first page').toEqual([]);
  expect(offlineErrors, 'console errors of the page opened offline').toEqual([]);
  expect(deepFormErrors, 'console errors of the offline deep link to the visit form').toEqual([]);
  expect(deepSettingsErrors, 'console errors of the offline deep link to /settings').toEqual([]);
  expect(deepFamilyErrors, 'console errors of the offline deep link to the family page').toEqual([]);
});

test('an English interface stays English offline', async ({ page, context }) => {
  const errors = collectConsoleErrors(page, { ignore: OFFLINE_IGNORE });
  await gotoReady(page, '/settings');
  await waitServiceWorker(page);
  await page.getByLabel('English').check({ force: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await context.setOffline(true);
  const offlinePage = await context.newPage();
  const offlineErrors = collectConsoleErrors(offlinePage, { ignore: OFFLINE_IGNORE });
  await offlinePage.goto('/');
  await waitReady(offlinePage);
  await expect(offlinePage.getByRole('heading', { level: 1, name: 'Families' })).toBeVisible();
  await expect(offlinePage.locator('.offline')).toHaveText('Offline');
  await expect(offlinePage.locator('html')).toHaveAttribute('lang', 'en');
  await context.setOffline(false);

  expect(errors).toEqual([]);
  expect(offlineErrors).toEqual([]);
});
