// Validation: a wrong input is explained right next to the field, in her language, and
// nothing is saved. A full device storage is reported without losing the typed text.

import { test, expect, type Page } from '@playwright/test';
import {
  addFamily,
  addVisit,
  collectConsoleErrors,
  daysFromToday,
  fillFamilyForm,
  fillVisitForm,
  gotoReady,
  monthsAgo,
  readDb,
  waitReady,
} from './helpers';

const SUMMARY_NL = 'Er is niets opgeslagen. Kijk naar de gemarkeerde velden.';

/** The message under a field, and that the field is marked invalid. */
async function expectFieldError(page: Page, id: string, message: string | RegExp) {
  const error = page.locator(`.field #${id}-error`);
  await expect(error).toBeVisible();
  await expect(error).toHaveClass(/field-error/);
  await expect(error).toContainText(message);
  await expect(page.locator(`#${id}`)).toHaveAttribute('aria-invalid', 'true');
  // The message sits in the same .field container as the control.
  const sameField = page.locator('.field').filter({ has: page.locator(`#${id}`) }).locator(`#${id}-error`);
  await expect(sameField).toHaveCount(1);
}

async function countFamilies(page: Page): Promise<number> {
  const db = await readDb(page);
  return db ? Object.keys(db.families).length : 0;
}

async function countVisits(page: Page): Promise<number> {
  const db = await readDb(page);
  return db ? Object.values(db.visits).filter((v: any) => !v.deleted).length : 0;
}

test.describe('family form', () => {
  test('an empty pseudonym is required and nothing is saved', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoReady(page, '/families/new');
    await fillFamilyForm(page, { childKind: 'born', childDate: monthsAgo(2) });
    await page.getByRole('button', { name: 'Opslaan' }).click();

    await expect(page.locator('.form-error')).toHaveText(SUMMARY_NL);
    await expectFieldError(page, 'pseudonym', 'Vul dit in.');
    // Only the wrong field is marked.
    await expect(page.locator('#child_date')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#child_date-error')).toHaveText('');
    await expect(page).toHaveURL(/\/families\/new$/);
    expect(await countFamilies(page)).toBe(0);

    // Fixing the field and saving works, and the messages go away.
    await page.locator('#pseudonym').fill('Rania');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Rania' })).toBeVisible();
    expect(await countFamilies(page)).toBe(1);
    expect(errors).toEqual([]);
  });

  test('a birth date in the future is refused', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoReady(page, '/families/new');
    await fillFamilyForm(page, { pseudonym: 'Toekomst', childKind: 'born', childDate: daysFromToday(10) });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.locator('.form-error')).toHaveText(SUMMARY_NL);
    await expectFieldError(page, 'child_date', /toekomst/);
    await expect(page.locator('#pseudonym')).not.toHaveAttribute('aria-invalid', 'true');
    expect(await countFamilies(page)).toBe(0);

    await gotoReady(page, '/');
    await expect(page.locator('ul[data-testid="family-list"] > li')).toHaveCount(0);
    await expect(page.getByText('Toekomst')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a pseudonym of 41 characters is too long', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    // One existing family, to check the list does not change.
    await addFamily(page, { pseudonym: 'Eerste', childKind: 'born', childDate: monthsAgo(6) });
    await gotoReady(page, '/families/new');
    const long = 'Abcdefghij'.repeat(4) + 'k';
    expect(long).toHaveLength(41);
    await fillFamilyForm(page, { pseudonym: long, childKind: 'born', childDate: monthsAgo(6) });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectFieldError(page, 'pseudonym', 'Dit is te lang: maximaal 40 tekens.');
    await expect(page.locator('.form-error')).toHaveText(SUMMARY_NL);
    // The text stays in the field to be shortened.
    await expect(page.locator('#pseudonym')).toHaveValue(long);
    expect(await countFamilies(page)).toBe(1);

    // 40 characters are fine.
    await page.locator('#pseudonym').fill(long.slice(0, 40));
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
    expect(await countFamilies(page)).toBe(2);
    expect(errors).toEqual([]);
  });

  test('nothing invalid appears after a reload either', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await gotoReady(page, '/families/new');
    await fillFamilyForm(page, { pseudonym: '', childKind: 'born', childDate: daysFromToday(3) });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectFieldError(page, 'pseudonym', 'Vul dit in.');
    await expectFieldError(page, 'child_date', /toekomst/);
    await gotoReady(page, '/');
    await expect(page.locator('ul[data-testid="family-list"]')).toHaveCount(0);
    await expect(page.getByText('Je hebt nog geen gezinnen.')).toBeVisible();
    expect(await countFamilies(page)).toBe(0);
    expect(errors).toEqual([]);
  });
});

test.describe('visit form', () => {
  test('a visit dated next year is refused', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const familyId = await addFamily(page, { pseudonym: 'Dunya', childKind: 'born', childDate: monthsAgo(8) });
    await gotoReady(page, `/families/${familyId}/visits/new`);
    const nextYear = new Date();
    nextYear.setFullYear(nextYear.getFullYear() + 1);
    nextYear.setDate(Math.min(nextYear.getDate(), 28));
    const nextYearIso = `${nextYear.getFullYear()}-${String(nextYear.getMonth() + 1).padStart(2, '0')}-${String(nextYear.getDate()).padStart(2, '0')}`;
    await fillVisitForm(page, { date: nextYearIso, note: 'Dit bezoek ligt in de toekomst.' });
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.locator('.form-error')).toHaveText(SUMMARY_NL);
    await expectFieldError(page, 'date', 'Een bezoek kan niet in de toekomst liggen');
    // Focus moves to the field with the problem.
    await expect(page.locator('#date')).toBeFocused();
    await expect(page.locator('#note')).toHaveValue('Dit bezoek ligt in de toekomst.');
    await expect(page).toHaveURL(new RegExp(`/families/${familyId}/visits/new$`));
    expect(await countVisits(page)).toBe(0);

    await gotoReady(page, `/families/${familyId}`);
    await expect(page.getByText('Nog geen bezoeken vastgelegd.')).toBeVisible();
    await expect(page.locator('ol[data-testid="timeline"]')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a signal without text is refused', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const familyId = await addFamily(page, { pseudonym: 'Mariam', childKind: 'born', childDate: monthsAgo(8) });
    await addVisit(page, familyId, { note: 'Een eerder bezoek.' });
    await gotoReady(page, `/families/${familyId}/visits/new`);
    await fillVisitForm(page, { note: 'Zorgen, maar nog geen tekst.' });
    await page.locator('#signal_on').check();
    await expect(page.locator('#signal_urgency')).toBeVisible();
    await page.locator('#signal_urgency').selectOption('urgent');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect(page.locator('.form-error')).toHaveText(SUMMARY_NL);
    await expectFieldError(page, 'signal_text', 'Vul dit in.');
    await expect(page.locator('#date')).not.toHaveAttribute('aria-invalid', 'true');
    expect(await countVisits(page)).toBe(1);

    await page.reload();
    await waitReady(page);
    await gotoReady(page, `/families/${familyId}`);
    await expect(page.locator('ol[data-testid="timeline"] > li')).toHaveCount(1);
    await expect(page.getByText('Zorgen, maar nog geen tekst.')).toHaveCount(0);
    expect(await countVisits(page)).toBe(1);
    expect(errors).toEqual([]);
  });
});

test('messages are in English when the interface is English', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/settings');
  await page.getByLabel('English').check({ force: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await gotoReady(page, '/families/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New family' })).toBeVisible();
  await page.locator('#child_date').fill(monthsAgo(2));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.form-error')).toHaveText('Nothing was saved. Please look at the marked fields.');
  await expectFieldError(page, 'pseudonym', 'Please fill this in.');

  await page.locator('#pseudonym').fill('x'.repeat(41));
  await page.getByRole('button', { name: 'Save' }).click();
  await expectFieldError(page, 'pseudonym', 'This is too long: at most 40 characters.');

  // Back to Dutch: nothing was saved meanwhile.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Nederlands').check({ force: true });
  await expect(page.getByRole('heading', { level: 1, name: 'Instellingen' })).toBeVisible();
  expect(await countFamilies(page)).toBe(0);
  expect(errors).toEqual([]);
});

test('a full device storage is reported, the form keeps its text and stored records stay intact', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamily(page, {
    pseudonym: 'Zahra',
    childKind: 'born',
    childDate: monthsAgo(9),
    languages: ['fa'],
  });
  await addVisit(page, familyId, { note: 'Eerste bezoek, alles goed.', topics: ['health'] });
  const before = await readDb(page);
  expect(Object.keys(before.visits)).toHaveLength(1);

  await gotoReady(page, `/families/${familyId}/visits/new`);
  await fillVisitForm(page, {
    topics: ['wellbeing'],
    ownQuestion: 'Waar vind ik een taalcafé?',
    note: 'Dit bezoek past niet meer in het geheugen.',
  });

  // Fill localStorage with junk under other keys until setItem throws.
  const filled = await page.evaluate(() => {
    let chunk = 'x'.repeat(1024 * 1024);
    let i = 0;
    let bytes = 0;
    let threw = '';
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`junk:${i++}`, chunk);
        bytes += chunk.length;
      } catch (e) {
        threw = (e as DOMException).name;
        chunk = chunk.slice(0, Math.floor(chunk.length / 2));
      }
    }
    return { bytes, threw };
  });
  expect(filled.threw).toMatch(/Quota/);
  expect(filled.bytes).toBeGreaterThan(100_000);
  // Typing on while the storage is full (the draft cannot be written) is harmless.
  await page.locator('#agreements').fill('Extra getypt terwijl het geheugen vol is.');

  await page.getByRole('button', { name: 'Opslaan' }).click();
  const banner = page.locator('[data-testid="storage-error"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Het geheugen van dit apparaat is vol');
  // Still on the form, with everything she typed.
  await expect(page).toHaveURL(new RegExp(`/families/${familyId}/visits/new$`));
  await expect(page.locator('#note')).toHaveValue('Dit bezoek past niet meer in het geheugen.');
  await expect(page.locator('#own_question')).toHaveValue('Waar vind ik een taalcafé?');
  await expect(page.locator('#agreements')).toHaveValue('Extra getypt terwijl het geheugen vol is.');
  await expect(page.locator('#topics-wellbeing')).toBeChecked();
  await expect(page.getByText('Bezoek opgeslagen.')).toHaveCount(0);

  // The stored document is exactly what it was.
  const after = await readDb(page);
  expect(after).toEqual(before);
  expect(after.families[familyId].pseudonym).toBe('Zahra');

  // After making room, the same form saves.
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('junk:')) localStorage.removeItem(k);
  });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(page.locator('[data-testid="storage-error"]')).toHaveCount(0);
  await expect(page.locator('ol[data-testid="timeline"] > li')).toHaveCount(2);
  expect(Object.keys((await readDb(page)).visits)).toHaveLength(2);

  expect(errors).toEqual([]);
});
