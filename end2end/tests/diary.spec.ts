// The diary itself: families and visits are added, kept, edited, deleted (with undo)
// and found again.

import { test, expect, type Page } from '@playwright/test';
import {
  addFamily,
  addVisit,
  collectConsoleErrors,
  dateTimeLocal,
  dayFromToday,
  daysFromToday,
  fillFamilyForm,
  fillVisitForm,
  formatAppointment,
  formatDay,
  gotoReady,
  monthsAgo,
  readDb,
  waitReady,
  type VisitData,
} from './helpers';

const timeline = (page: Page) => page.locator('ol[data-testid="timeline"] > li');
const familyCards = (page: Page) => page.locator('ul[data-testid="family-list"] > li');

// Visit 1: three days ago, every field filled in, an urgent signal.
const VISIT_ONE: VisitData = {
  date: daysFromToday(-3),
  duration: '75',
  kind: 'home',
  topics: ['sleep', 'crying'],
  support: ['emotional', 'informational'],
  ownQuestion: 'Hoe krijg ik hem vaker in slaap overdag?',
  chosenToTry: 'Vaste slaapliedjes voor het dutje',
  agreements: 'Volgende keer samen het slaapschema bekijken',
  nextAppointment: dateTimeLocal(5, 10, 30),
  note: 'Moeder was moe; we hebben het slaapritme besproken en een rustig avondritueel geoefend.',
  signal: { urgency: 'urgent', text: 'Moeder slaapt al weken nauwelijks en voelt zich somber.' },
};

// Visit 2: today, at the library, with a low-urgency signal and a later appointment.
const VISIT_TWO: VisitData = {
  date: daysFromToday(0),
  duration: '45',
  kind: 'library',
  topics: ['play_reading', 'feeding'],
  support: ['practical', 'social'],
  ownQuestion: 'Welke boekjes passen bij deze leeftijd?',
  chosenToTry: 'Elke avond een prentenboek voorlezen',
  agreements: 'Samen een bibliotheekpas aanvragen',
  nextAppointment: dateTimeLocal(8, 14, 15),
  note: 'Samen naar de bibliotheek geweest en een voorleeskoffertje uitgekozen.',
  signal: { urgency: 'low', text: 'Vraagt naar hulp bij formulieren van de gemeente.' },
};

/** Adds the family Amina (born 7 months ago, Home-Start, weekly) and returns its id. */
async function addAmina(page: Page): Promise<string> {
  return addFamily(page, {
    pseudonym: 'Amina',
    childKind: 'born',
    childDate: monthsAgo(7),
    languages: ['ar', 'nl'],
    programme: 'home_start',
    status: 'active',
  });
}

/** Checks that the open visit form shows exactly `v`. */
async function expectVisitForm(page: Page, v: VisitData, allTopics: string[], allSupport: string[]) {
  await expect(page.locator('#date')).toHaveValue(v.date!);
  await expect(page.locator('#duration')).toHaveValue(v.duration!);
  await expect(page.locator('#kind')).toHaveValue(v.kind!);
  for (const code of allTopics) {
    const input = page.locator(`#topics-${code}`);
    if (v.topics!.includes(code)) await expect(input, `topic ${code}`).toBeChecked();
    else await expect(input, `topic ${code}`).not.toBeChecked();
  }
  for (const code of allSupport) {
    const input = page.locator(`#support-${code}`);
    if (v.support!.includes(code)) await expect(input, `support ${code}`).toBeChecked();
    else await expect(input, `support ${code}`).not.toBeChecked();
  }
  await expect(page.locator('#own_question')).toHaveValue(v.ownQuestion!);
  await expect(page.locator('#chosen_to_try')).toHaveValue(v.chosenToTry!);
  await expect(page.locator('#agreements')).toHaveValue(v.agreements!);
  await expect(page.locator('#next_appointment')).toHaveValue(v.nextAppointment!);
  await expect(page.locator('#note')).toHaveValue(v.note!);
  await expect(page.locator('#signal_on')).toBeChecked();
  await expect(page.locator('#signal_urgency')).toHaveValue(v.signal!.urgency);
  await expect(page.locator('#signal_text')).toHaveValue(v.signal!.text);
}

const TOPICS = [
  'pregnancy', 'feeding', 'crying', 'sleep', 'rhythm', 'development',
  'play_reading', 'own_time', 'wellbeing', 'health', 'network', 'services',
];
const SUPPORT = ['emotional', 'informational', 'practical', 'social'];

test('a family and two fully filled-in visits are kept across a reload', async ({ page }) => {
  const errors = collectConsoleErrors(page);

  // Empty start.
  await gotoReady(page, '/');
  await expect(page.getByRole('heading', { level: 1, name: 'Gezinnen' })).toBeVisible();
  await expect(page.locator('ul[data-testid="family-list"]')).toHaveCount(0);

  // The list links to the form.
  await page.getByRole('link', { name: 'Gezin toevoegen' }).click();
  await page.waitForURL(/\/families\/new$/);
  await fillFamilyForm(page, {
    pseudonym: 'Amina',
    childKind: 'born',
    childDate: monthsAgo(7),
    languages: ['ar', 'nl'],
    programme: 'home_start',
    status: 'active',
  });
  // Home-Start visits weekly: the cadence follows the programme.
  await expect(page.locator('#cadence')).toHaveValue('weekly');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
  const familyId = /\/families\/([0-9a-f-]{36})$/.exec(page.url())![1];
  await expect(page.getByRole('heading', { level: 1, name: 'Amina' })).toBeVisible();
  await expect(page.getByText('Nog geen bezoeken vastgelegd.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bezoek toevoegen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bewerken' })).toBeVisible();
  await expect(page.locator('dl.facts')).toContainText('7 maanden');
  await expect(page.locator('dl.facts')).toContainText('Arabisch, Nederlands');
  await expect(page.locator('p.due')).toHaveText('Eerste bezoek plannen');

  // Back on the list: the card with age and due state.
  await page.getByRole('navigation').getByRole('link', { name: 'Gezinnen' }).click();
  await expect(familyCards(page)).toHaveCount(1);
  await expect(familyCards(page).first()).toContainText('Amina');
  await expect(familyCards(page).first()).toContainText('7 maanden');
  await expect(familyCards(page).first()).toContainText('Eerste bezoek plannen');

  // Visit 1 via the family page's link.
  await familyCards(page).first().getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await page.getByRole('link', { name: 'Bezoek toevoegen' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}/visits/new$`));
  // The date defaults to today.
  await expect(page.locator('#date')).toHaveValue(daysFromToday(0));
  await fillVisitForm(page, VISIT_ONE);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek opgeslagen.');
  await expect(timeline(page)).toHaveCount(1);

  // Visit 2.
  await page.getByRole('link', { name: 'Bezoek toevoegen' }).click();
  await fillVisitForm(page, VISIT_TWO);
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek opgeslagen.');
  await expect(timeline(page)).toHaveCount(2);

  // Reload: everything is still there, newest visit first.
  await page.reload();
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Amina' })).toBeVisible();
  await expect(timeline(page)).toHaveCount(2);
  await expect(timeline(page).nth(0)).toContainText(formatDay(dayFromToday(0)));
  await expect(timeline(page).nth(0)).toContainText('Samen naar de bibliotheek');
  await expect(timeline(page).nth(0)).toContainText('Spelen en voorlezen');
  await expect(timeline(page).nth(0)).toContainText('Als het uitkomt');
  await expect(timeline(page).nth(1)).toContainText(formatDay(dayFromToday(-3)));
  await expect(timeline(page).nth(1)).toContainText('Huisbezoek');
  await expect(timeline(page).nth(1)).toContainText('Slapen');
  await expect(timeline(page).nth(1)).toContainText('Vandaag nog');
  await expect(timeline(page).nth(1)).toContainText('slaapritme besproken');

  // The latest visit's next appointment moved onto the family (page and list);
  // weekly cadence and a visit today: next visit due in 7 days.
  await expect(page.locator('dl.facts')).toContainText(formatAppointment(8, 14, 15));
  await expect(page.locator('p.due')).toHaveText('Volgend bezoek over 7 dagen');
  await gotoReady(page, '/');
  await expect(familyCards(page).first()).toContainText(formatAppointment(8, 14, 15));
  await expect(familyCards(page).first()).toContainText('Volgend bezoek over 7 dagen');

  // Open each visit: every field is back as entered.
  await gotoReady(page, `/families/${familyId}`);
  await timeline(page).nth(1).getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${familyId}/visits/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Bezoek bewerken' })).toBeVisible();
  await expectVisitForm(page, VISIT_ONE, TOPICS, SUPPORT);

  await gotoReady(page, `/families/${familyId}`);
  await timeline(page).nth(0).getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${familyId}/visits/[0-9a-f-]{36}$`));
  await expectVisitForm(page, VISIT_TWO, TOPICS, SUPPORT);

  // The stored document holds exactly these records.
  const db = await readDb(page);
  expect(Object.keys(db.families)).toEqual([familyId]);
  expect(Object.values(db.visits).filter((v: any) => !v.deleted)).toHaveLength(2);

  expect(errors, 'console errors / page errors').toEqual([]);
});

test('editing a visit and the family, deleting a visit with undo, and deleting for good', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addAmina(page);
  await addVisit(page, familyId, VISIT_ONE);
  await addVisit(page, familyId, VISIT_TWO);
  await expect(timeline(page)).toHaveCount(2);

  // Edit the older visit's note.
  await timeline(page).nth(1).getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${familyId}/visits/[0-9a-f-]{36}$`));
  const visitPath = new URL(page.url()).pathname;
  const visitId = visitPath.split('/').pop()!;
  await expect(page.locator('#note')).toHaveValue(VISIT_ONE.note!);
  await page.locator('#note').fill('Aangepaste notitie: het avondritueel werkt al beter.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek opgeslagen.');
  await expect(timeline(page)).toHaveCount(2);
  await expect(timeline(page).nth(1)).toContainText('Aangepaste notitie');

  // The edit is stored: after a reload the form shows the new note and still the rest.
  await gotoReady(page, visitPath);
  await expect(page.locator('#note')).toHaveValue('Aangepaste notitie: het avondritueel werkt al beter.');
  await expect(page.locator('#own_question')).toHaveValue(VISIT_ONE.ownQuestion!);
  await expect(page.locator('#signal_text')).toHaveValue(VISIT_ONE.signal!.text);
  let db = await readDb(page);
  expect(db.visits[visitId].note).toBe('Aangepaste notitie: het avondritueel werkt al beter.');

  // Edit the family's pseudonym.
  await gotoReady(page, `/families/${familyId}`);
  await page.getByRole('link', { name: 'Bewerken' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}/edit$`));
  await expect(page.locator('#pseudonym')).toHaveValue('Amina');
  await expect(page.locator('#programme')).toHaveValue('home_start');
  await expect(page.locator('#languages-ar')).toBeChecked();
  await page.locator('#pseudonym').fill('Amira');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Amira' })).toBeVisible();
  await expect(timeline(page)).toHaveCount(2);
  await gotoReady(page, '/');
  await expect(familyCards(page)).toHaveCount(1);
  await expect(familyCards(page).first()).toContainText('Amira');
  await expect(familyCards(page).first()).not.toContainText('Amina');

  // Delete the older visit, then undo.
  await gotoReady(page, visitPath);
  await page.getByRole('button', { name: 'Verwijderen' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek verwijderd.');
  await expect(timeline(page)).toHaveCount(1);
  await expect(timeline(page).first()).not.toContainText('Aangepaste notitie');
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(timeline(page)).toHaveCount(2);
  await expect(timeline(page).nth(1)).toContainText('Aangepaste notitie');
  // Restored for real: still there after a reload.
  await page.reload();
  await waitReady(page);
  await expect(timeline(page)).toHaveCount(2);

  // Delete again and reload: gone, and its address says so.
  await timeline(page).nth(1).getByRole('link').click();
  await page.waitForURL(new RegExp(`${visitPath}$`));
  await page.getByRole('button', { name: 'Verwijderen' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek verwijderd.');
  await expect(timeline(page)).toHaveCount(1);
  await page.reload();
  await waitReady(page);
  await expect(timeline(page)).toHaveCount(1);
  await expect(timeline(page).first()).toContainText('bibliotheek');
  await expect(page.getByText('Aangepaste notitie')).toHaveCount(0);
  db = await readDb(page);
  expect(db.visits[visitId].deleted).toBe(true);
  await gotoReady(page, visitPath);
  await expect(page.getByText('Deze pagina of dit gegeven bestaat niet (meer).')).toBeVisible();
  await expect(page.locator('#note')).toHaveCount(0);

  expect(errors, 'console errors / page errors').toEqual([]);
});

test('ending the support asks for confirmation and marks the family ended', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addAmina(page);
  let question = '';
  page.once('dialog', async (dialog) => {
    question = dialog.message();
    await dialog.accept();
  });
  // A fresh load (no notice showing; see the notice test below for that case).
  await gotoReady(page, `/families/${familyId}`);
  await page.getByRole('button', { name: 'Begeleiding beëindigen' }).click();
  await expect(page.locator('dl.facts')).toContainText('Beëindigd');
  expect(question).toContain('begeleiding');
  await expect(page.getByRole('button', { name: 'Begeleiding beëindigen' })).toHaveCount(0);
  const db = await readDb(page);
  expect(db.families[familyId].status).toBe('ended');
  // Ended families are hidden from the list unless asked for.
  await gotoReady(page, '/');
  await expect(page.locator('ul[data-testid="family-list"] > li')).toHaveCount(0);
  await page.getByText('Ook beëindigde gezinnen tonen').click();
  await expect(familyCards(page)).toHaveCount(1);
  await expect(familyCards(page).first()).toContainText('Amina');
  expect(errors, 'console errors / page errors').toEqual([]);
});

test('visits are found by a word in the note and filtered by topic', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addAmina(page);
  await addVisit(page, familyId, VISIT_ONE);
  await addVisit(page, familyId, VISIT_TWO);
  const otherId = await addFamily(page, {
    pseudonym: 'Fatma',
    childKind: 'expected',
    childDate: daysFromToday(60),
    languages: ['tr'],
    programme: 'samen_oplopen',
  });
  await addVisit(page, otherId, {
    kind: 'phone',
    topics: ['pregnancy', 'sleep'],
    note: 'Telefonisch gesproken over de zwangerschap en de kraamzorg.',
  });

  await gotoReady(page, '/visits');
  await expect(page.getByRole('heading', { level: 1, name: 'Bezoeken' })).toBeVisible();
  const results = page.locator('ul[data-testid="visit-results"] > li');
  await expect(results).toHaveCount(3);

  // A word from one note only.
  const search = page.getByLabel('Zoeken in bezoeken');
  await search.fill('voorleeskoffertje');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Amina');
  await expect(results.first()).toContainText('Samen naar de bibliotheek');
  // Case does not matter.
  await search.fill('KRAAMZORG');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Fatma');
  // A word nobody wrote.
  await search.fill('olifant');
  await expect(results).toHaveCount(0);
  await expect(page.getByText('Geen bezoeken gevonden.')).toBeVisible();
  await search.fill('');
  await expect(results).toHaveCount(3);

  // Topic filter: sleep is in Amina's first visit and in Fatma's call.
  await page.locator('details.filters > summary').click();
  await expect(page.locator('details.filters > summary')).toHaveText('Filter op onderwerp');
  await page.locator('label[for="filter-topics-sleep"]').click();
  await expect(page.locator('#filter-topics-sleep')).toBeChecked();
  await expect(results).toHaveCount(2);
  await expect(page.locator('ul[data-testid="visit-results"]')).not.toContainText('bibliotheek');
  // Two topics: both must be present.
  await page.locator('label[for="filter-topics-crying"]').click();
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Amina');
  await expect(results.first()).toContainText('Huisbezoek');
  // Search and filter together.
  await page.locator('label[for="filter-topics-crying"]').click();
  await search.fill('zwangerschap');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText('Fatma');

  // A result opens the visit.
  await results.first().getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${otherId}/visits/[0-9a-f-]{36}$`));
  await expect(page.locator('#note')).toHaveValue('Telefonisch gesproken over de zwangerschap en de kraamzorg.');

  expect(errors, 'console errors / page errors').toEqual([]);
});

test('the notice after saving never covers the buttons at the bottom of a page', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  // Saving the family leaves "Gezin opgeslagen." on screen; the last button of the
  // family page must still take a tap.
  const familyId = await addAmina(page);
  await expect(page.locator('.notice')).toContainText('Gezin opgeslagen.');
  page.once('dialog', (dialog) => dialog.dismiss());
  await page
    .getByRole('button', { name: 'Begeleiding beëindigen' })
    .click({ timeout: 5_000 })
    .catch((e) => {
      throw new Error(`"Begeleiding beëindigen" cannot be tapped while the notice shows: ${String(e).split('\n').find((l) => l.includes('intercepts')) ?? e}`);
    });

  // Saving a visit leaves "Bezoek opgeslagen." on screen; opening the visit again from
  // the timeline and deleting it must work without closing the notice first.
  await addVisit(page, familyId, { note: 'Direct weer weghalen.' });
  await timeline(page).first().getByRole('link').click();
  await page.waitForURL(new RegExp(`/families/${familyId}/visits/[0-9a-f-]{36}$`));
  await expect(page.locator('.notice')).toBeVisible();
  await page
    .getByRole('button', { name: 'Verwijderen' })
    .click({ timeout: 5_000 })
    .catch((e) => {
      throw new Error(`"Verwijderen" cannot be tapped while the notice shows: ${String(e).split('\n').find((l) => l.includes('intercepts')) ?? e}`);
    });
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('.notice')).toContainText('Bezoek verwijderd.');
  expect(errors).toEqual([]);
});
