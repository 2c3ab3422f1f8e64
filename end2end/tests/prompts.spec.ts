// Conversation prompts and picture stories as a volunteer uses them on a visit with no
// connection: suggestions for the child's age and the ticked topics, a picture story
// shown full screen in the mother's Arabic (right to left) while the app stays Dutch,
// prompts marked as used and synced with the visit; and a coordinator's edits reaching
// the volunteer's phone with the next sync, with picture uploads checked.

import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ALL_SAVED, coordinator, setOffline, syncLine, volunteer } from './people';
import {
  OFFLINE_IGNORE,
  addFamily,
  axeCheck,
  collectConsoleErrors,
  gotoReady,
  monthsAgo,
  setChip,
  waitCatalogueOnDevice,
  waitServiceWorker,
} from './helpers';
import { NaastServer } from './naast-server';

interface Texts { [lang: string]: string }
interface StarterPrompt { id: string; topic: string; phases: string[]; text: Texts }
interface StarterStory { id: string; title: Texts; pictures: { image: string; caption: Texts; questions: Texts[] }[] }
const STARTER: { prompts: StarterPrompt[]; stories: StarterStory[] } = JSON.parse(
  readFileSync(new URL('../../server/catalogue/starter.json', import.meta.url), 'utf8'),
);
const story = (id: string) => STARTER.stories.find((s) => s.id === id)!;

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

const amina = { pseudonym: 'Amina', childKind: 'born' as const, childDate: monthsAgo(4), languages: ['ar', 'nl'] };

test('offline, a volunteer gets fitting prompts, shows a story in Arabic and records what she used', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  const errors = collectConsoleErrors(vera, { ignore: OFFLINE_IGNORE });
  await waitServiceWorker(vera);
  await waitCatalogueOnDevice(vera);
  const family = await addFamily(vera, amina);
  await expect(syncLine(vera)).toContainText(ALL_SAVED);

  await setOffline(vera.context(), true);
  await gotoReady(vera, `/families/${family}/visits/new`);
  const panel = vera.locator('section.prompts');
  // The panel starts closed, so the fields she writes in stay near the top; it says
  // how much fits the visit, and opens on a tap.
  await expect(panel).toContainText(/\d+ vragen en \d+ beeldverhalen passen bij dit bezoek/);
  await expect(panel.locator('#suggested-prompts')).toBeHidden();
  await panel.locator('#prompts-toggle').click();
  await expect(panel.locator('#prompts-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(panel).toContainText('Passend bij: 0–6 maanden');
  await setChip(vera, 'topics-crying');
  const expected = STARTER.prompts
    .filter((p) => p.topic === 'crying' && p.phases.includes('0_6m'))
    .map((p) => p.id);
  expect(expected.length).toBeGreaterThan(1);
  const suggested = panel.locator('#suggested-prompts > li');
  await expect(suggested).toHaveCount(expected.length);
  expect(await suggested.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-prompt')))).toEqual(expected);
  await expect(suggested.first()).toContainText(STARTER.prompts.find((p) => p.id === expected[0])!.text.nl);
  expect(await axeCheck(vera, { include: 'section.prompts' })).toEqual([]);

  // A favourite moves to the top of the suggestions, also with other topics ticked.
  await suggested.nth(1).getByRole('button', { name: 'Favoriet' }).click();
  await expect(suggested.first()).toHaveAttribute('data-prompt', expected[1]);
  await expect(suggested.first().getByRole('button', { name: 'Favoriet' })).toHaveAttribute('aria-pressed', 'true');

  // Show mode: full screen, the mother's Arabic right to left, the controls in Dutch.
  const crying = story('crying');
  await panel.locator('li[data-story="crying"]').getByRole('button', { name: 'Laten zien' }).click();
  const show = vera.getByRole('dialog');
  await expect(show).toBeVisible();
  const figure = show.locator('figure.show-picture');
  await expect(figure).toHaveAttribute('dir', 'rtl');
  await expect(figure).toHaveAttribute('lang', 'ar');
  await expect(show.locator('.show-caption')).toHaveText(crying.pictures[0].caption.ar);
  await expect(show.locator('.show-questions li').first()).toHaveText(crying.pictures[0].questions[0].ar);
  await expect(show.getByRole('button', { name: 'Volgende' })).toBeVisible();
  await expect(show.getByRole('button', { name: 'Sluiten' })).toBeVisible();
  expect(await vera.evaluate(() => document.documentElement.lang)).toBe('nl');
  const img = figure.locator('img');
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  const box = (await img.boundingBox())!;
  expect(box.width).toBeGreaterThan(320);
  // Everything fits the 360 px phone: no control pushed off the screen.
  for (const control of await show.locator('button, select').all()) {
    const b = (await control.boundingBox())!;
    expect(b.x, 'control inside the screen').toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, 'control inside the screen').toBeLessThanOrEqual(360);
  }
  expect(await show.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
  await vera.screenshot({ path: test.info().outputPath('show-mode-ar.png') });
  expect(await axeCheck(vera, { include: '.show' })).toEqual([]);

  await show.getByRole('button', { name: 'Volgende' }).click();
  await expect(show.locator('.show-caption')).toHaveText(crying.pictures[1].caption.ar);
  await expect(show.locator('.show-count')).toHaveText('Plaatje 2 van 3');
  // Right to left, a tap on the picture still moves on.
  await img.click();
  await expect(show.locator('.show-caption')).toHaveText(crying.pictures[2].caption.ar);
  await expect(show.getByRole('button', { name: 'Volgende' })).toBeDisabled();
  // Switching to Dutch shows Dutch captions left to right.
  await show.locator('#show-lang').selectOption('nl');
  await expect(figure).toHaveAttribute('dir', 'ltr');
  await expect(show.locator('.show-caption')).toHaveText(crying.pictures[2].caption.nl);
  await show.getByRole('button', { name: 'Sluiten' }).click();
  await expect(show).toHaveCount(0);

  // Showing the story marked it used; she ticks one question as well and saves.
  await expect(vera.locator('#used-crying')).toBeChecked();
  await vera.locator(`label[for="used-suggested-${expected[0]}"]`).click();
  const used = panel.locator('[data-testid="prompts-used"] li');
  await expect(used).toHaveCount(2);
  await vera.locator('#note').fill('Samen naar het huilverhaal gekeken');
  await vera.getByRole('button', { name: 'Opslaan' }).click();
  await vera.waitForURL(new RegExp(`/families/${family}$`));
  await expect(vera.locator('[data-testid="used-count"]')).toHaveText('2 gespreksvragen en beeldverhalen gebruikt');
  await expect(syncLine(vera)).toContainText('1 wijziging wacht');

  await setOffline(vera.context(), false);
  await expect(syncLine(vera)).toContainText(ALL_SAVED, { timeout: 20_000 });
  await gotoReady(coord, '/desk');
  await coord.locator('[data-testid="review-list"] a').first().click();
  const usedByCoordinator = coord.locator('[data-testid="prompts-used"] li');
  await expect(usedByCoordinator).toHaveCount(2);
  await expect(usedByCoordinator.nth(0)).toHaveText(crying.title.nl);
  await expect(usedByCoordinator.nth(1)).toHaveText(STARTER.prompts.find((p) => p.id === expected[0])!.text.nl);
  expect(errors).toEqual([]);
});

test('a coordinator edits, retires and illustrates; the volunteer sees it after sync', async ({ browser }) => {
  const coord = await coordinator(browser, server);
  const vera = await volunteer(browser, server, coord, 'Vera');
  await waitCatalogueOnDevice(vera);
  const family = await addFamily(vera, amina);
  const [first, second] = STARTER.prompts.filter((p) => p.topic === 'crying' && p.phases.includes('0_6m'));

  await gotoReady(coord, '/desk/catalogue');
  await expect(coord.getByRole('heading', { level: 1 })).toHaveText('Gespreksvragen en beeldverhalen');
  await expect(coord.getByTestId('catalogue-version')).toHaveText('Startcatalogus van Naast, nog niet aangepast');
  expect(await axeCheck(coord)).toEqual([]);
  await coord.locator(`li[data-prompt="${first.id}"] a`).click();
  await expect(coord.locator('#text-nl')).toHaveValue(first.text.nl);
  await expect(coord.locator('#text-ar')).toHaveValue(first.text.ar);
  await coord.locator('#text-nl').fill('Wat doe jij als je kindje maar blijft huilen?');
  await coord.locator('#text-tr').fill('');
  await expect(coord.locator('.translation.missing')).toHaveCount(1);
  await coord.getByRole('button', { name: 'Opslaan' }).click();
  await expect(coord.locator('.notice-line')).toContainText('Opgeslagen');
  expect(await axeCheck(coord)).toEqual([]);

  await gotoReady(coord, `/desk/catalogue/prompts/${second.id}`);
  await coord.locator('label[for="retired"]').click();
  await coord.getByRole('button', { name: 'Opslaan' }).click();
  await expect(coord.locator('.notice-line')).toContainText('Opgeslagen');

  // A Dutch text is required; the form says so in Dutch and saves nothing.
  await gotoReady(coord, '/desk/catalogue/prompts/new');
  await coord.locator('#text-en').fill('Only in English?');
  await coord.getByRole('button', { name: 'Opslaan' }).click();
  await expect(coord.locator('.translations .field-error')).toHaveText('Vul dit in.');

  // Picture uploads: a damaged file and a wrong type are refused in words, a real
  // picture is taken.
  await gotoReady(coord, '/desk/catalogue/stories/network');
  const icon = readFileSync(new URL('../../public/icons/icon-512.png', import.meta.url));
  const file = coord.locator('#picture-2-file');
  await file.setInputFiles({ name: 'kapot.png', mimeType: 'image/png', buffer: icon.subarray(0, 400) });
  await expect(coord.locator('.picture-editor').nth(2).locator('.field-error').first()).toContainText('beschadigd');
  await file.setInputFiles({ name: 'plaatje.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  await expect(coord.locator('.picture-editor').nth(2).locator('.field-error').first()).toContainText('PNG, JPEG of WebP');
  await file.setInputFiles({ name: 'groep.png', mimeType: 'image/png', buffer: icon });
  const thumb = coord.locator('.picture-editor').nth(2).locator('img.thumb');
  await expect(thumb).toHaveAttribute('src', /^\/api\/v1\/pictures\//);
  await coord.getByRole('button', { name: 'Opslaan' }).click();
  await expect(coord.locator('.notice-line')).toContainText('Opgeslagen');

  // The volunteer syncs and sees the new text, without the retired question.
  await gotoReady(vera, '/settings');
  await vera.getByRole('button', { name: 'Nu synchroniseren' }).click();
  await expect(syncLine(vera)).toContainText(ALL_SAVED);
  await expect
    .poll(() => vera.evaluate(() => JSON.parse(localStorage.getItem('naast:catalogue') ?? '{}').catalogue?.version))
    .toBe(3);
  await gotoReady(vera, `/families/${family}/visits/new`);
  await setChip(vera, 'topics-crying');
  await vera.locator('#prompts-toggle').click();
  const suggested = vera.locator('#suggested-prompts > li');
  await expect(suggested.first()).toContainText('Wat doe jij als je kindje maar blijft huilen?');
  await expect(vera.locator(`#suggested-prompts > li[data-prompt="${second.id}"]`)).toHaveCount(0);
  // The uploaded picture is on the device for offline use too.
  await expect
    .poll(() =>
      vera.evaluate(async () =>
        (await (await caches.open('naast-pictures')).keys()).some((r) => new URL(r.url).pathname.startsWith('/api/v1/pictures/')),
      ),
    )
    .toBe(true);
});
