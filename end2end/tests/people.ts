// People and their devices for the multi-person specs: a coordinator who sets up her
// organisation through the setup link, volunteers she invites, a second device of the
// same volunteer, and a device going offline.

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { MOBILE_CONTEXT } from '../env.mjs';
import { gotoReady } from './helpers';
import type { NaastServer } from './naast-server';

export const PASSWORD = 'een lang genoeg wachtwoord';
export const ALL_SAVED = 'Alles staat op de server';
export const syncLine = (page: Page) => page.locator('[data-testid="sync-line"]').first();

/**
 * Takes a browser offline. Chromium's offline emulation does not cover every request a
 * service-worker-controlled page makes, so the API is also cut off explicitly: a phone
 * without a network reaches nothing.
 */
export async function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  if (offline) {
    await context.setOffline(true);
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
  } else {
    await context.unroute('**/api/**');
    await context.setOffline(false);
  }
}

export async function newContext(browser: Browser, server: NaastServer): Promise<BrowserContext> {
  return browser.newContext({ ...(MOBILE_CONTEXT as object), baseURL: server.url });
}

/** Sets up a new organisation through the setup link; returns the coordinator's page. */
export async function coordinator(browser: Browser, server: NaastServer): Promise<Page> {
  const page = await (await newContext(browser, server)).newPage();
  await gotoReady(page, server.setupLink());
  await page.locator('#organisation').fill('MIM Dordrecht');
  await page.locator('#display_name').fill('Coby');
  await page.locator('#username').fill('coby');
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.waitForURL(/\/desk$/);
  return page;
}

/** The coordinator invites a volunteer, who accepts in her own browser. */
export async function volunteer(browser: Browser, server: NaastServer, coord: Page, name: string): Promise<Page> {
  await gotoReady(coord, '/desk/team');
  await coord.getByRole('button', { name: 'Vrijwilliger uitnodigen' }).click();
  const link = await coord.locator('[data-testid="made-link"]').inputValue();
  expect(link).toContain('/welcome/');
  const page = await (await newContext(browser, server)).newPage();
  await gotoReady(page, new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welkom bij MIM Dordrecht');
  await page.locator('#display_name').fill(name);
  await page.locator('#username').fill(name.toLowerCase());
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Verder' }).click();
  await page.waitForURL(new RegExp(`${server.url}/$`));
  await expect(syncLine(page)).toContainText(ALL_SAVED);
  return page;
}

/** Signs in on another device of the same volunteer. */
export async function signIn(browser: Browser, server: NaastServer, username: string): Promise<Page> {
  const page = await (await newContext(browser, server)).newPage();
  await gotoReady(page, '/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(new RegExp(`${server.url}/$`));
  await expect(syncLine(page)).toContainText(ALL_SAVED);
  return page;
}


/** The coordinator's session at a 1280×800 desk. */
export async function deskPage(browser: Browser, server: NaastServer, coord: Page): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 }, baseURL: server.url, storageState: await coord.context().storageState(),
  });
  return context.newPage();
}
