// The coordinator's daily loop, as the two of them live it: a volunteer offline writes a
// visit with an urgent signal and syncs; the coordinator finds it on top of her inbox,
// acknowledges it and replies; the volunteer, offline again, opens the app, reads the
// reply and the acknowledgement, and answers; the coordinator sees the answer and
// resolves the signal; the volunteer learns what was done, never the private note.

import { test, expect } from '@playwright/test';
import { ALL_SAVED, coordinator, deskPage, setOffline, syncLine, volunteer } from './people';
import {
  OFFLINE_IGNORE, addFamily, addVisit, axeCheck, collectConsoleErrors, gotoReady, monthsAgo, waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

test('an urgent signal written offline is acknowledged, answered and resolved across desk and phone', async ({ browser }) => {
  test.setTimeout(120_000);
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const errors = collectConsoleErrors(vera, { ignore: OFFLINE_IGNORE });
  await waitServiceWorker(vera);
  const family = await addFamily(vera, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(5) });
  await addVisit(vera, family, { note: 'Samen naar de bieb', topics: ['play_reading'] });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  // Offline in the mother's home: a visit with an urgent signal.
  await setOffline(vera.context(), true);
  await addVisit(vera, family, {
    note: 'Ze slaapt slecht', topics: ['sleep'], signal: { urgency: 'urgent', text: 'Ze huilt veel en eet slecht' },
  });
  await expect(syncLine(vera)).toContainText('1 wijziging wacht');
  await setOffline(vera.context(), false);
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: 20_000 });

  // At the desk: the signal on top, with the counts beside her inbox.
  const desk = await deskPage(browser, server, coord);
  const deskErrors = collectConsoleErrors(desk);
  await gotoReady(desk, '/desk');
  const counts = desk.locator('[data-testid="inbox-counts"]');
  await expect(counts).toContainText('1 zorgsignaal');
  const signals = desk.locator('[data-testid="open-signals"] > li');
  await expect(signals).toHaveCount(1);
  await expect(signals.first()).toContainText('Amina');
  await expect(signals.first()).toContainText('Vandaag nog');
  await expect(desk.locator('[data-testid="review-list"] > li')).toHaveCount(2);
  expect(await axeCheck(desk), 'inbox').toEqual([]);
  await desk.screenshot({ path: test.info().outputPath('inbox-signal-1280.png'), fullPage: true });

  // She acknowledges it and replies.
  await signals.first().getByRole('link').click();
  const state = desk.getByTestId('triage-state');
  await expect(state).toHaveText('Nieuw');
  await expect(desk.locator('dd.text')).toContainText('Ze slaapt slecht');
  expect(await axeCheck(desk), 'visit with triage').toEqual([]);
  await desk.getByRole('button', { name: 'Gezien, ik pak het op' }).click();
  await expect(state).toHaveText('Gezien');
  await expect(desk.getByTestId('triage')).toContainText('Gezien door Coby');
  await desk.locator('#reply').fill('Goed dat je dit meldt. Ik bel je morgen even.');
  await desk.getByRole('button', { name: 'Reactie versturen' }).click();
  const thread = desk.locator('[data-testid="feedback-thread"] > li');
  await expect(thread).toHaveCount(1);
  await expect(thread.first()).toContainText('Nog niet gelezen');
  await desk.screenshot({ path: test.info().outputPath('triage-1280.png'), fullPage: true });

  // Her phone picks it up, then goes offline; she opens the app with no connection.
  await gotoReady(vera, '/');
  await expect(vera.getByTestId('unread-feedback')).toHaveText('1', { timeout: 20_000 });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  await setOffline(vera.context(), true);
  const phone = await vera.context().newPage();
  await gotoReady(phone, '/');
  await expect(phone.getByTestId('unread-feedback')).toHaveText('1');
  await phone.getByRole('link', { name: 'Reacties' }).click();
  const reply = phone.getByTestId('reply');
  await expect(reply).toContainText('Ik bel je morgen even.');
  await expect(reply).toContainText('Nieuw');
  await phone.screenshot({ path: test.info().outputPath('feedback-360.png'), fullPage: true });
  await reply.getByRole('link', { name: 'Bekijk bezoek' }).click();
  await expect(phone.getByTestId('signal-status')).toContainText('Gezien op');
  await phone.getByLabel('Antwoord aan je coördinator').fill('Dank je, morgen past goed.');
  await phone.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(phone.getByTestId('my-answer')).toContainText('Dank je, morgen past goed.');
  await expect(phone.getByTestId('unread-feedback')).toHaveCount(0);
  expect(await axeCheck(phone), 'visit with feedback').toEqual([]);
  await phone.screenshot({ path: test.info().outputPath('visit-feedback-360.png'), fullPage: true });

  // Back online: the answer and the read mark reach the desk.
  await setOffline(vera.context(), false);
  await expect(syncLine(phone)).toContainText(ALL_SAVED, { timeout: 20_000 });
  await gotoReady(desk, '/desk');
  await expect(counts).toContainText('1 nieuw antwoord');
  await desk.locator('[data-testid="open-signals"] > li').first().getByRole('link').click();
  await expect(thread.first()).toContainText('Antwoord van Vera');
  await expect(thread.first()).toContainText('Dank je, morgen past goed.');
  await expect(thread.first()).toContainText('Gelezen');

  // She resolves it, with a note only coordinators read.
  await desk.locator('#triage-action').selectOption('referred_youth_health');
  await desk.locator('#triage-note').fill('Consultatiebureau gebeld, huisbezoek gepland');
  await desk.getByTestId('resolve').click();
  await expect(state).toHaveText('Afgehandeld');
  await gotoReady(desk, '/desk');
  await expect(desk.locator('[data-testid="open-signals"]')).toHaveCount(0);

  // The volunteer learns what was done, not the note.
  await gotoReady(phone, '/');
  await expect(syncLine(phone)).toContainText(ALL_SAVED, { timeout: 20_000 });
  await phone.getByRole('link', { name: 'Reacties' }).click();
  await phone.getByRole('link', { name: 'Bekijk bezoek' }).click();
  const status = phone.getByTestId('signal-status');
  await expect(status).toContainText('Afgehandeld op');
  await expect(status).toContainText('Doorverwezen naar de jeugdgezondheidszorg');
  await expect(phone.locator('body')).not.toContainText('Consultatiebureau gebeld');
  expect(errors).toEqual([]);
  expect(deskErrors).toEqual([]);
});

test('a family without consent shows the coordinator the visit and its signal, not the notes', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const family = await addFamily(vera, { pseudonym: 'Noor', childKind: 'born', childDate: monthsAgo(3), sharesNotes: false });
  await expect(vera.getByTestId('shares-notes')).toContainText('niet gedeeld');
  await addVisit(vera, family, { note: 'Ze vertelde over haar scheiding', signal: { urgency: 'soon', text: 'Ze is erg moe' } });
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  const desk = await deskPage(browser, server, coord);
  await gotoReady(desk, '/desk');
  const cards = desk.locator('[data-testid="review-list"] > li');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).not.toContainText('scheiding');
  await cards.first().getByRole('link').click();
  await expect(desk.getByTestId('notes-hidden')).toBeVisible();
  await expect(desk.locator('body')).toContainText('Ze is erg moe');
  await expect(desk.locator('body')).not.toContainText('scheiding');
  expect(await axeCheck(desk), 'visit without consent').toEqual([]);
  await desk.screenshot({ path: test.info().outputPath('no-consent-1280.png'), fullPage: true });
});
