// Matching, as the coordinator and her volunteers live it: she fills in two volunteers'
// profiles, takes in an Arabic-speaking mother who wishes a volunteer of her own culture,
// sees Vera suggested first with the reasons and matches them; the family reaches Vera's
// phone. Vera writes a visit, then another one offline in the mother's home — meanwhile
// the coordinator rematches the family to Wen. Back online, Vera's offline visit reaches
// the server, the family leaves her phone, and Wen's phone holds it with both visits. A
// second family of Wen's, last visited forty days ago, shows as overdue in the caseload.

import { test, expect, type Page } from '@playwright/test';
import { ALL_SAVED, coordinator, deskPage, setOffline, syncLine, volunteer } from './people';
import {
  OFFLINE_IGNORE, addVisit, axeCheck, collectConsoleErrors, daysFromToday, gotoReady, monthsAgo, readDb, setChip, waitReady,
  waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';
import { mkdirSync } from 'node:fs';

const SHOTS = '/tmp/shots';
const SYNC_TIMEOUT = 30_000;
const FAMILY_PATH = /\/desk\/families\/([0-9a-f-]{36})$/;

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
  mkdirSync(SHOTS, { recursive: true });
});

test.afterEach(async () => {
  await server.kill();
});

interface Profile {
  languages: string[];
  area: string;
  capacity: number;
}

/** Opens a volunteer's page from the team list; returns her user id. */
async function openVolunteer(desk: Page, username: string, name: string): Promise<string> {
  await gotoReady(desk, '/desk/team');
  await desk.locator(`[data-person="${username}"]`).getByRole('link', { name, exact: true }).click();
  await desk.waitForURL(/\/desk\/team\/[^/]+$/);
  await waitReady(desk);
  await expect(desk.getByTestId('volunteer-name')).toHaveText(name);
  return new URL(desk.url()).pathname.split('/').pop()!;
}

/** Fills in and saves her profile on her page (already open). */
async function saveProfile(desk: Page, profile: Profile): Promise<void> {
  const form = desk.getByTestId('profile-form');
  await expect(form).toBeVisible();
  // In the order she speaks them: mother tongue first.
  for (const code of profile.languages) await setChip(desk, `profile_languages-${code}`);
  await desk.locator('#profile_area').fill(profile.area);
  await desk.locator('#capacity').fill(String(profile.capacity));
  await desk.locator('#started_on').fill(daysFromToday(-200));
  await form.getByRole('button', { name: 'Opslaan' }).click();
  // She is told it was saved (soft, so a missing note does not hide what follows).
  await expect.soft(form.getByRole('status'), 'the saved note after saving a profile').toHaveText('Opgeslagen.');
  // Saved: a fresh load shows what she typed.
  await desk.reload();
  await waitReady(desk);
  await expect(desk.locator('#profile_area')).toHaveValue(profile.area);
  await expect(desk.locator('#capacity')).toHaveValue(String(profile.capacity));
  for (const code of profile.languages) await expect(desk.locator(`#profile_languages-${code}`)).toBeChecked();
}

interface Intake {
  pseudonym: string;
  languages: string[];
  preference: string;
  area: string;
  question: string;
}

/** Takes in a family from the caseload's button; returns its id (ends on its page). */
async function registerFamily(desk: Page, intake: Intake): Promise<string> {
  await gotoReady(desk, '/desk/caseload');
  await desk.getByTestId('new-intake').click();
  await desk.waitForURL(/\/desk\/families\/new$/);
  const form = desk.getByTestId('intake-form');
  await expect(form).toBeVisible();
  await desk.locator('#pseudonym').fill(intake.pseudonym);
  await desk.locator('#child_kind').selectOption('born');
  await desk.locator('#child_date').fill(monthsAgo(4));
  for (const code of intake.languages) await setChip(desk, `languages-${code}`);
  await desk.locator('#programme').selectOption('mim');
  await desk.locator('#cadence').selectOption('monthly');
  await desk.locator('#shares_notes').setChecked(true);
  await desk.locator('#referrer').selectOption('youth_health_care');
  await desk.locator('#preference').selectOption({ label: intake.preference });
  await desk.locator('#area').fill(intake.area);
  await desk.locator('#support_question').fill(intake.question);
  await form.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await desk.waitForURL(FAMILY_PATH);
  await expect(desk.getByTestId('family-title')).toHaveText(intake.pseudonym);
  return FAMILY_PATH.exec(new URL(desk.url()).pathname)![1];
}

/** Clicks "Koppelen" beside `name` and accepts the question it asks. */
async function matchWith(desk: Page, name: string): Promise<string> {
  const asked = new Promise<string>((done) => {
    desk.once('dialog', (dialog) => {
      done(dialog.message());
      void dialog.accept();
    });
  });
  await desk.getByRole('button', { name: `Koppelen met ${name}` }).click();
  const question = await asked;
  await expect(desk.getByTestId('current-volunteer')).toContainText(name);
  return question;
}

/** Opens a phone's family list afresh (the app syncs on start) and waits for the sync. */
async function openFamilies(phone: Page): Promise<void> {
  await gotoReady(phone, '/');
  await expect(phone.getByRole('heading', { level: 1, name: 'Gezinnen' })).toBeVisible();
  await expect(syncLine(phone)).toContainText(ALL_SAVED, { timeout: SYNC_TIMEOUT });
}

const familyCards = (phone: Page) => phone.locator('ul[data-testid="family-list"] > li');
const timeline = (phone: Page) => phone.locator('ol[data-testid="timeline"] > li');

test('a family is matched, rematched while the volunteer is offline, and nothing she wrote is lost', async ({ browser }) => {
  test.setTimeout(240_000);
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const wen = await volunteer(browser, server, coord, 'Wen');
  const veraErrors = collectConsoleErrors(vera, { ignore: OFFLINE_IGNORE });
  const wenErrors = collectConsoleErrors(wen, { ignore: OFFLINE_IGNORE });
  await waitServiceWorker(vera);

  const desk = await deskPage(browser, server, coord);
  const deskErrors = collectConsoleErrors(desk);

  // 1. Their profiles, which matching uses.
  const wenId = await openVolunteer(desk, 'wen', 'Wen');
  await saveProfile(desk, { languages: ['nl'], area: '3312', capacity: 2 });
  const veraId = await openVolunteer(desk, 'vera', 'Vera');
  await saveProfile(desk, { languages: ['ar', 'nl'], area: '3311', capacity: 2 });
  expect(veraId).not.toBe(wenId);
  // Saved as typed, mother tongue first, after a fresh load.
  await gotoReady(desk, `/desk/team/${veraId}`);
  await expect(desk.locator('#profile_area')).toHaveValue('3311');
  await expect(desk.locator('#capacity')).toHaveValue('2');
  await expect(desk.locator('#profile_languages-ar')).toBeChecked();
  await expect(desk.locator('#profile_languages-nl')).toBeChecked();
  // The chips do not show the order; the server keeps it, mother tongue first.
  const veraFile = await desk.request.get(`/api/v1/volunteers/${veraId}`);
  expect(veraFile.status()).toBe(200);
  expect((await veraFile.json()).profile.languages).toEqual(['ar', 'nl']);
  // A supervision note, only for coordinators.
  const supervision = desk.getByTestId('supervision-form');
  await supervision.locator('#topics').fill('Kennismaking, verwachtingen');
  await supervision.locator('#supervision_note').fill('Vera wil graag een Arabischsprekend gezin.');
  await supervision.getByRole('button', { name: 'Toevoegen' }).click();
  const log = desk.locator('[data-testid="supervision-log"] > li');
  await expect(log).toHaveCount(1);
  await expect(log.first()).toContainText('Begeleidingsgesprek');
  await expect(log.first()).toContainText('Vera wil graag een Arabischsprekend gezin.');
  await expect(supervision.locator('#supervision_note')).toHaveValue('');
  expect(await axeCheck(desk), 'volunteer page').toEqual([]);
  await desk.screenshot({ path: `${SHOTS}/volunteer-1280.png`, fullPage: true });

  // 2. Intake of an Arabic-speaking mother who wishes a volunteer of her own culture.
  await gotoReady(desk, '/desk/caseload');
  await expect(desk.getByTestId('waiting')).toContainText('Geen gezinnen in intake.');
  await desk.getByTestId('new-intake').click();
  await desk.waitForURL(/\/desk\/families\/new$/);
  await expect(desk.getByTestId('intake-form')).toBeVisible();
  expect(await axeCheck(desk), 'intake form').toEqual([]);
  await desk.screenshot({ path: `${SHOTS}/intake-1280.png`, fullPage: true });
  const amina = await registerFamily(desk, {
    pseudonym: 'Amina', languages: ['ar'], preference: 'Uit haar eigen cultuur', area: '3311',
    question: 'Ze wil graag Nederlands leren voorlezen aan haar dochter.',
  });
  await expect(desk.getByTestId('family-status')).toHaveText('Kennismaking');
  await expect(desk.getByTestId('current-volunteer')).toHaveText('—');
  const suggestions = desk.getByTestId('suggestion');
  await expect(suggestions).toHaveCount(2);
  await expect(suggestions.first()).toContainText('Vera');
  await expect(suggestions.first()).toContainText('Spreekt Arabisch');
  await expect(suggestions.first()).toContainText('Haar eigen taal en cultuur, zoals de moeder wenst');
  await expect(suggestions.first()).toContainText('Zelfde postcodegebied');
  await expect(suggestions.first()).toContainText('Nog 2 plekken');
  await expect(suggestions.nth(1)).toContainText('Wen');
  await expect(suggestions.nth(1)).toContainText('Geen gedeelde taal');
  // What the mother asked, under the intake's details.
  await desk.locator('details.intake > summary').click();
  await expect(desk.locator('.support-question')).toBeVisible();
  await expect(desk.locator('.support-question')).toHaveText('Ze wil graag Nederlands leren voorlezen aan haar dochter.');
  await expect(desk.locator('#area')).toHaveValue('3311');
  await expect(desk.locator('#preference')).toHaveValue('own_culture');
  expect(await axeCheck(desk), 'family page with suggestions').toEqual([]);
  await desk.screenshot({ path: `${SHOTS}/family-suggestions-1280.png`, fullPage: true });

  // In the waiting list of the caseload until she matches it.
  await gotoReady(desk, '/desk/caseload');
  await expect(desk.getByTestId('waiting').getByTestId('case-row')).toHaveCount(1);
  await expect(desk.getByTestId('waiting')).toContainText('Amina');
  await desk.getByTestId('waiting').getByRole('link', { name: 'Amina' }).click();
  await desk.waitForURL(FAMILY_PATH);
  await expect(desk.getByTestId('family-title')).toHaveText('Amina');

  expect(await matchWith(desk, 'Vera')).toContain('Vera');
  await expect(desk.getByTestId('family-status')).toHaveText('Actief');
  await expect(desk.locator('#rematch_evaluation')).toBeVisible();
  await expect(desk.getByTestId('suggestion').filter({ hasText: 'Vera' })).toHaveCount(0);
  await expect(desk.getByTestId('match-history')).toContainText('Vera');
  await gotoReady(desk, '/desk/caseload');
  await expect(desk.getByTestId('waiting')).toContainText('Geen gezinnen in intake.');
  await expect(desk.getByTestId('volunteer-load').filter({ hasText: 'Vera' }).getByTestId('case-row')).toContainText('Amina');

  // 3. Her phone takes the family at its next sync.
  await openFamilies(vera);
  await expect(familyCards(vera).filter({ hasText: 'Amina' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await vera.screenshot({ path: `${SHOTS}/vera-before-360.png`, fullPage: true });

  // A first visit, online: it goes up at once.
  await addVisit(vera, amina, { note: 'Kennismaking: samen een prentenboek gelezen', topics: ['play_reading'] });
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: SYNC_TIMEOUT });

  // 4. In the mother's home, without a connection: a second visit.
  await setOffline(vera.context(), true);
  await addVisit(vera, amina, { note: 'Offline: ze leest nu zelf voor', topics: ['play_reading'] });
  await expect(syncLine(vera)).toContainText('1 wijziging wacht');
  await expect(timeline(vera)).toHaveCount(2);

  // 5. Meanwhile at the desk: the family moves to Wen, with a short evaluation.
  await gotoReady(desk, `/desk/families/${amina}`);
  await expect(desk.getByTestId('current-volunteer')).toHaveText('Vera');
  await desk.locator('#rematch_evaluation').fill('Vera verhuist; Wen woont om de hoek.');
  expect(await matchWith(desk, 'Wen')).toContain('Wen');
  await expect(desk.getByTestId('current-volunteer')).toHaveText('Wen');
  const history = desk.locator('[data-testid="match-history"] > li');
  await expect(history).toHaveCount(2);
  await expect(history.filter({ hasText: 'Vera' })).toContainText('Vera verhuist; Wen woont om de hoek.');
  await desk.screenshot({ path: `${SHOTS}/family-rematched-1280.png`, fullPage: true });

  // Her phone, still offline, keeps the family and both visits.
  await expect(timeline(vera)).toHaveCount(2);

  // 6. Back online: the offline visit goes up, then the family leaves her phone.
  await setOffline(vera.context(), false);
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: SYNC_TIMEOUT });
  await gotoReady(vera, '/');
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: SYNC_TIMEOUT });
  await expect(vera.getByRole('heading', { level: 1, name: 'Gezinnen' })).toBeVisible();
  await expect(familyCards(vera).filter({ hasText: 'Amina' })).toHaveCount(0, { timeout: SYNC_TIMEOUT });
  await vera.screenshot({ path: `${SHOTS}/vera-after-360.png`, fullPage: true });
  // Nothing of the family stays on her phone, and nothing waits or was refused.
  const left = await readDb(vera);
  expect(Object.keys(left.families)).toEqual([]);
  expect(Object.values(left.visits)).toEqual([]);
  expect(left.outbox).toEqual([]);
  expect(left.rejected).toEqual({});

  // The visit she wrote offline is on the server: in the coordinator's review list.
  await gotoReady(desk, '/desk');
  const reviews = desk.locator('[data-testid="review-list"] > li');
  await expect(reviews.filter({ hasText: 'Offline: ze leest nu zelf voor' })).toHaveCount(1);
  await expect(reviews.filter({ hasText: 'Kennismaking: samen een prentenboek gelezen' })).toHaveCount(1);

  // 7. Wen's phone holds the family with both of Vera's visits.
  await openFamilies(wen);
  const aminaCard = familyCards(wen).filter({ hasText: 'Amina' });
  await expect(aminaCard).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await aminaCard.getByRole('link').click();
  await wen.waitForURL(new RegExp(`/families/${amina}$`));
  await expect(wen.getByRole('heading', { level: 1, name: 'Amina' })).toBeVisible();
  await expect(timeline(wen)).toHaveCount(2);
  await expect(timeline(wen).filter({ hasText: 'Offline: ze leest nu zelf voor' })).toHaveCount(1);
  await expect(timeline(wen).filter({ hasText: 'Kennismaking: samen een prentenboek gelezen' })).toHaveCount(1);
  await wen.screenshot({ path: `${SHOTS}/wen-family-360.png`, fullPage: true });

  // 8. A second family of Wen's, last visited forty days ago (MIM visits monthly).
  const noor = await registerFamily(desk, {
    pseudonym: 'Noor', languages: ['nl'], preference: 'Geen voorkeur', area: '3312',
    question: 'Ze voelt zich alleen met de baby.',
  });
  await matchWith(desk, 'Wen');
  await openFamilies(wen);
  await expect(familyCards(wen).filter({ hasText: 'Noor' })).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await addVisit(wen, noor, { date: daysFromToday(-40), note: 'Eerste bezoek, al even geleden' });
  await expect(syncLine(wen)).toContainText(ALL_SAVED, { timeout: SYNC_TIMEOUT });

  await gotoReady(desk, '/desk/caseload');
  const wenCard = desk.getByTestId('volunteer-load').filter({ hasText: 'Wen' });
  const noorRow = wenCard.getByTestId('case-row').filter({ hasText: 'Noor' });
  await expect(noorRow).toContainText('over tijd');
  await expect(noorRow).toContainText(/Bezoek \d+ dagen over tijd/);
  await expect(wenCard.getByTestId('case-row').filter({ hasText: 'Amina' })).not.toContainText('over tijd');
  await expect(wenCard).toContainText('Vol (2)');
  await expect(desk.getByTestId('volunteer-load').filter({ hasText: 'Vera' })).toContainText('Nog 2 plekken van 2');
  // The most urgent first: Noor before Amina on Wen's card.
  await expect(wenCard.getByTestId('case-row').first()).toContainText('Noor');
  expect(await axeCheck(desk), 'caseload').toEqual([]);
  await desk.screenshot({ path: `${SHOTS}/caseload-1280.png`, fullPage: true });

  expect(veraErrors).toEqual([]);
  expect(wenErrors).toEqual([]);
  expect(deskErrors).toEqual([]);
});
