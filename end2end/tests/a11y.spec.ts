// Accessibility: no serious or critical axe violations on any screen, and touch
// targets a thumb can hit (at least 44 px high) on the forms.

import { test, expect, type Page } from '@playwright/test';
import {
  addFamily,
  addVisit,
  axeCheck,
  collectConsoleErrors,
  dateTimeLocal,
  daysFromToday,
  draftKeys,
  gotoReady,
  monthsAgo,
  waitReady,
} from './helpers';

const MIN_TARGET = 44;

/**
 * Every visible interactive control on the page with its tap-target height. A visually
 * hidden checkbox or radio (a chip or segmented choice) is measured by its label, which
 * is what a finger taps.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';
    const out: string[] = [];
    const seen = new Set<Element>();
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      let target: HTMLElement = el;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const hidden = style.opacity === '0' || box.width <= 2 || box.height <= 2;
      if (hidden && el instanceof HTMLInputElement) {
        const label = el.closest('label') ?? (el.id ? document.querySelector<HTMLElement>(`label[for="${el.id}"]`) : null);
        if (!label) continue;
        target = label;
      } else if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        // A small visible box inside a tall label: the label is the target.
        target = el.closest('label') ?? el;
      }
      if (seen.has(target)) continue;
      seen.add(target);
      const t = getComputedStyle(target);
      const r = target.getBoundingClientRect();
      if (t.display === 'none' || t.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
      // The skip link is moved off screen until focused (scrolled-away controls count).
      if (target.classList.contains('skip') && document.activeElement !== target) continue;
      if (r.right < 0 || r.left > window.innerWidth + 1) continue;
      if (r.height < min - 0.5) {
        const name = (target.id ? `#${target.id}` : '') || target.getAttribute('for') || '';
        const text = (target.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        out.push(`<${target.tagName.toLowerCase()}${name ? ' ' + name : ''}> "${text}" is ${r.height.toFixed(1)} px high`);
      }
    }
    return out;
  }, MIN_TARGET);
}

async function addFamilyWithVisit(page: Page): Promise<string> {
  const familyId = await addFamily(page, {
    pseudonym: 'Amina',
    childKind: 'born',
    childDate: monthsAgo(7),
    languages: ['ar'],
    programme: 'home_start',
    status: 'active',
    nextAppointment: dateTimeLocal(6, 9, 30),
  });
  await addVisit(page, familyId, {
    date: daysFromToday(-1),
    duration: '60',
    topics: ['sleep', 'wellbeing'],
    support: ['emotional'],
    ownQuestion: 'Hoe kom ik aan meer rust?',
    note: 'Goed gesprek over slapen.',
    signal: { urgency: 'soon', text: 'Moeder is erg moe.' },
  });
  await addVisit(page, familyId, { kind: 'phone', note: 'Kort gebeld.' });
  return familyId;
}

test('families list, empty and with a family', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/');
  await expect(page.getByText('Je hebt nog geen gezinnen.')).toBeVisible();
  expect(await axeCheck(page), 'empty list').toEqual([]);

  await addFamily(page, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(7) });
  await gotoReady(page, '/');
  await expect(page.locator('ul[data-testid="family-list"] > li')).toHaveCount(1);
  expect(await axeCheck(page), 'list with a family').toEqual([]);
  expect(errors).toEqual([]);
});

test('family form, also with validation errors shown', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/families/new');
  await expect(page.locator('#pseudonym')).toBeVisible();
  expect(await axeCheck(page), 'empty family form').toEqual([]);

  await page.locator('#pseudonym').fill('x'.repeat(41));
  await page.locator('#child_date').fill(daysFromToday(5));
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('.form-error')).toBeVisible();
  await expect(page.locator('#pseudonym-error')).not.toBeEmpty();
  await expect(page.locator('#child_date-error')).not.toBeEmpty();
  // The message is tied to its field for screen readers.
  await expect(page.locator('#pseudonym')).toHaveAttribute('aria-describedby', /pseudonym-error/);
  await expect(page.locator('#pseudonym')).toHaveAccessibleDescription(/Dit is te lang/);
  expect(await axeCheck(page), 'family form with errors').toEqual([]);
  expect(errors).toEqual([]);
});

test('family page with visits', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamilyWithVisit(page);
  await gotoReady(page, `/families/${familyId}`);
  await expect(page.locator('ol[data-testid="timeline"] > li')).toHaveCount(2);
  expect(await axeCheck(page), 'family page').toEqual([]);
  // Also with the notice bar showing (after saving).
  await addVisit(page, familyId, { note: 'Nog een.' });
  await expect(page.locator('.notice')).toBeVisible();
  expect(await axeCheck(page), 'family page with notice').toEqual([]);
  expect(errors).toEqual([]);
});

test('visit form with the signal section open, new and editing', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamily(page, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(7) });
  await gotoReady(page, `/families/${familyId}/visits/new`);
  await page.locator('#signal_on').check();
  await expect(page.locator('#signal_text')).toBeVisible();
  await page.locator('label[for="topics-crying"]').click();
  expect(await axeCheck(page), 'new visit form, signal open').toEqual([]);

  // With errors shown.
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('#signal_text-error')).not.toBeEmpty();
  expect(await axeCheck(page), 'visit form with errors').toEqual([]);

  // Edit mode (with the delete button) and a restored draft banner.
  await page.locator('#signal_text').fill('Zorgen over de slaap.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await page.locator('ol[data-testid="timeline"] > li a').first().click();
  await expect(page.getByRole('button', { name: 'Verwijderen' })).toBeVisible();
  await page.locator('#note').fill('Nog niet opgeslagen.');
  await expect.poll(() => draftKeys(page)).not.toEqual([]);
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="draft-restored"]')).toBeVisible();
  expect(await axeCheck(page), 'edit visit form with draft banner').toEqual([]);
  expect(errors).toEqual([]);
});

test('/visits with results and the filters open', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/visits');
  await expect(page.getByText('Geen bezoeken gevonden.')).toBeVisible();
  expect(await axeCheck(page), 'visits, empty').toEqual([]);

  await addFamilyWithVisit(page);
  await gotoReady(page, '/visits');
  await expect(page.locator('ul[data-testid="visit-results"] > li')).toHaveCount(2);
  await page.locator('details.filters > summary').click();
  await page.locator('label[for="filter-topics-sleep"]').click();
  await expect(page.locator('ul[data-testid="visit-results"] > li')).toHaveCount(1);
  expect(await axeCheck(page), 'visits, filtered').toEqual([]);
  expect(errors).toEqual([]);
});

test('/settings, in Dutch and in English', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/settings');
  expect(await axeCheck(page), 'settings nl').toEqual([]);
  await page.locator('label', { hasText: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(await axeCheck(page), 'settings en').toEqual([]);
  expect(errors).toEqual([]);
});

test('every control on the family form is at least 44 px high', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await gotoReady(page, '/families/new');
  await expect(page.locator('#pseudonym')).toBeVisible();
  // Sanity: the measurement sees the controls.
  const count = await page.locator('main input, main select, main button, nav a').count();
  expect(count).toBeGreaterThan(20);
  expect(await smallTargets(page), 'family form').toEqual([]);

  // The edit form of an existing family, too.
  const familyId = await addFamily(page, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(7) });
  await gotoReady(page, `/families/${familyId}/edit`);
  await expect(page.locator('#pseudonym')).toHaveValue('Amina');
  expect(await smallTargets(page), 'family edit form').toEqual([]);
  expect(errors).toEqual([]);
});

test('every control on the visit form is at least 44 px high', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const familyId = await addFamily(page, { pseudonym: 'Amina', childKind: 'born', childDate: monthsAgo(7) });
  await gotoReady(page, `/families/${familyId}/visits/new`);
  await page.locator('#signal_on').check();
  await expect(page.locator('#signal_urgency')).toBeVisible();
  expect(await smallTargets(page), 'new visit form, signal open').toEqual([]);

  // Edit mode adds the delete button; a restored draft adds "Opnieuw beginnen".
  await page.locator('#signal_text').fill('Zorgen.');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.waitForURL(new RegExp(`/families/${familyId}$`));
  await page.locator('ol[data-testid="timeline"] > li a').first().click();
  await expect(page.getByRole('button', { name: 'Verwijderen' })).toBeVisible();
  await page.locator('#note').fill('Concept.');
  await expect.poll(() => draftKeys(page)).not.toEqual([]);
  await page.reload();
  await waitReady(page);
  await expect(page.locator('[data-testid="draft-restored"]')).toBeVisible();
  expect(await smallTargets(page), 'edit visit form with draft banner').toEqual([]);
  expect(errors).toEqual([]);
});
