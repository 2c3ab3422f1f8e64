// Drafts: what she typed survives a closed page or a reload, can be thrown away, and
// is forgotten once saved.

import { test, expect, type Page } from '@playwright/test';
import {
  chooseRadio,
  addFamily,
  collectConsoleErrors,
  draftKeys,
  gotoReady,
  monthsAgo,
  readDb,
  waitReady,
} from './helpers';

const NOTE = 'Half af: we hadden het over de nachtvoeding en';
const QUESTION = 'Mag ze overdag langer slapen?';

/** Waits until a draft containing `text` is in localStorage. */
async function waitForDraft(page: Page, text: string): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          (t) =>
            Object.keys(localStorage)
              .filter((k) => k.startsWith('naast:draft:'))
              .some((k) => (localStorage.getItem(k) ?? '').includes(t)),
          text,
        ),
      { message: `a naast:draft:* entry containing "${text}"` },
    )
    .toBe(true);
}

test('a half-written visit comes back in a new page, can be discarded, and is gone after saving', async ({ page, context }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamily(page, { pseudonym: 'Sara', childKind: 'born', childDate: monthsAgo(3) });
  const formUrl = `/families/${familyId}/visits/new`;

  // Type half a visit.
  await gotoReady(page, formUrl);
  await expect(page.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await page.locator('#note').fill(NOTE);
  await page.locator('#own_question').fill(QUESTION);
  await page.locator('label[for="topics-feeding"]').click();
  await expect(page.locator('#topics-feeding')).toBeChecked();
  await waitForDraft(page, 'nachtvoeding');
  await waitForDraft(page, 'feeding');
  expect((await draftKeys(page)).length).toBeGreaterThan(0);
  await page.close();

  // A new page at the same address: the draft is back.
  const second = await context.newPage();
  const secondErrors = collectConsoleErrors(second);
  await gotoReady(second, formUrl);
  const banner = second.locator('[data-testid="draft-restored"]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Je was hier nog mee bezig');
  await expect(second.locator('#note')).toHaveValue(NOTE);
  await expect(second.locator('#own_question')).toHaveValue(QUESTION);
  await expect(second.locator('#topics-feeding')).toBeChecked();
  await expect(second.locator('#topics-sleep')).not.toBeChecked();

  // A reload brings it back as well.
  await second.reload();
  await waitReady(second);
  await expect(banner).toBeVisible();
  await expect(second.locator('#note')).toHaveValue(NOTE);

  // "Opnieuw beginnen" throws it away.
  await banner.getByRole('button', { name: 'Opnieuw beginnen' }).click();
  await expect(banner).toHaveCount(0);
  await expect(second.locator('#note')).toHaveValue('');
  await expect(second.locator('#own_question')).toHaveValue('');
  await expect(second.locator('#topics-feeding')).not.toBeChecked();
  await expect.poll(() => draftKeys(second)).toEqual([]);
  await second.reload();
  await waitReady(second);
  await expect(second.locator('#note')).toBeVisible();
  await expect(second.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await expect(second.locator('#note')).toHaveValue('');

  // Type again, then save: the draft is forgotten.
  await second.locator('#note').fill('Nu echt: het gaat goed met de voeding.');
  await second.locator('label[for="topics-feeding"]').click();
  await waitForDraft(second, 'Nu echt');
  await second.getByRole('button', { name: 'Opslaan' }).click();
  await second.waitForURL(new RegExp(`/families/${familyId}$`));
  await expect(second.locator('.notice')).toContainText('Bezoek opgeslagen.');
  await expect(second.locator('ol[data-testid="timeline"] > li')).toHaveCount(1);
  expect(await draftKeys(second)).toEqual([]);

  // Reopening the new-visit form (in-app and from a fresh load) shows an empty form.
  await second.getByRole('link', { name: 'Bezoek toevoegen' }).click();
  await second.waitForURL(new RegExp(`${formUrl}$`));
  await expect(second.locator('#note')).toBeVisible();
  await expect(second.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await expect(second.locator('#note')).toHaveValue('');
  await expect(second.locator('#topics-feeding')).not.toBeChecked();
  const third = await context.newPage();
  const thirdErrors = collectConsoleErrors(third);
  await gotoReady(third, formUrl);
  await expect(third.locator('#note')).toBeVisible();
  await expect(third.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await expect(third.locator('#note')).toHaveValue('');

  expect(errors).toEqual([]);
  expect(secondErrors).toEqual([]);
  expect(thirdErrors).toEqual([]);
});

test('a draft of an existing visit is kept apart from the saved visit', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamily(page, { pseudonym: 'Lina', childKind: 'born', childDate: monthsAgo(10) });
  await gotoReady(page, `/families/${familyId}/visits/new`);
  await page.locator('#note').fill('Opgeslagen notitie.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await page.locator('ol[data-testid="timeline"] > li a').first().click();
  await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
  const editUrl = new URL(page.url()).pathname;
  await expect(page.locator('#note')).toHaveValue('Opgeslagen notitie.');

  // Change it without saving, reload: the change comes back as a draft.
  await page.locator('#note').fill('Opgeslagen notitie, met een aanvulling.');
  await waitForDraft(page, 'aanvulling');
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="draft-restored"]')).toBeVisible();
  await expect(page.locator('#note')).toHaveValue('Opgeslagen notitie, met een aanvulling.');
  // The stored visit itself is unchanged.
  const db = await readDb(page);
  expect((Object.values(db.visits) as any[])[0].note).toBe('Opgeslagen notitie.');

  // Starting over shows the saved visit again.
  await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
  await expect(page.locator('#note')).toHaveValue('Opgeslagen notitie.');
  await gotoReady(page, editUrl);
  await expect(page.locator('#note')).toBeVisible();
  await expect(page.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await expect(page.locator('#note')).toHaveValue('Opgeslagen notitie.');

  expect(errors).toEqual([]);
});

test('a draft of the family form survives a reload', async ({ page }) => {
  const errors = collectConsoleErrors(page);

  // New family form.
  await gotoReady(page, '/families/new');
  await page.locator('#pseudonym').fill('Yasmin');
  await chooseRadio(page, 'child_kind', 'expected');
  await page.locator('label[for="languages-so"]').click();
  await waitForDraft(page, 'Yasmin');
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="draft-restored"]')).toBeVisible();
  await expect(page.locator('#pseudonym')).toHaveValue('Yasmin');
  await expect(page.locator('input[name="child_kind"][value="expected"]')).toBeChecked();
  await expect(page.locator('#languages-so')).toBeChecked();
  // Nothing was stored as a family.
  expect(Object.keys((await readDb(page)).families)).toEqual([]);

  // Edit form of an existing family.
  const familyId = await addFamily(page, { pseudonym: 'Hana', childKind: 'born', childDate: monthsAgo(5) });
  // Saving the new-family form forgot its draft.
  expect(await draftKeys(page)).toEqual([]);
  await gotoReady(page, `/families/${familyId}/edit`);
  await expect(page.locator('#pseudonym')).toHaveValue('Hana');
  await expect(page.locator('[data-testid="draft-restored"]')).toHaveCount(0);
  await page.locator('#pseudonym').fill('Hanna');
  await waitForDraft(page, 'Hanna');
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="draft-restored"]')).toBeVisible();
  await expect(page.locator('#pseudonym')).toHaveValue('Hanna');
  // The family itself still has its saved name.
  expect((await readDb(page)).families[familyId].pseudonym).toBe('Hana');

  expect(errors).toEqual([]);
});
