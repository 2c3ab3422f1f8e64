// A new version never strands her: while she types, a new release is deployed; the app
// tells her a new version is ready, and updating keeps what she was typing (draft).
//
// The test runs its own two server processes (old and new release) on a spare port,
// from copies of the built site that differ in one shell file, so the service worker
// versions differ exactly as they would between two deployments.
import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type AddressInfo } from 'node:net';
import { collectConsoleErrors, waitCatalogueOnDevice, waitReady, waitServiceWorker } from './helpers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BINARY = join(ROOT, 'target', 'release', 'naast');
let PORT = 0;
let URL = '';

/** A port nobody listens on, so the test never talks to another server. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

async function startServer(siteRoot: string): Promise<ChildProcess> {
  const child = spawn(BINARY, [], {
    env: { ...process.env, LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`, LEPTOS_SITE_ROOT: siteRoot, RUST_LOG: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${URL}/sw.js`);
      if (res.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

test('a new version is announced and updating keeps the half-written visit', async ({ browser }) => {
  PORT = await freePort();
  URL = `http://127.0.0.1:${PORT}`;
  const dir = mkdtempSync(join(tmpdir(), 'naast-update-'));
  const oldSite = join(dir, 'old');
  const newSite = join(dir, 'new');
  cpSync(join(ROOT, 'target', 'site'), oldSite, { recursive: true });
  cpSync(join(ROOT, 'target', 'site'), newSite, { recursive: true });
  const manifest = join(newSite, 'manifest.webmanifest');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"Naast"', '"Naast "'));

  let server = await startServer(oldSite);
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: 'nl-NL' });
  try {
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${URL}/`);
    await waitReady(page);
    await waitServiceWorker(page);
    await waitCatalogueOnDevice(page);
    const oldVersion = await (await fetch(`${URL}/sw.js`)).text();

    // A family, and a visit she is in the middle of writing.
    await page.getByRole('link', { name: 'Gezin toevoegen' }).click();
    await page.locator('#pseudonym').fill('Yasmina');
    await page.locator('#child_date').fill(new Date(Date.now() - 90 * 864e5).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('link', { name: 'Bezoek toevoegen' }).click();
    await page.locator('#note').fill('Half geschreven notitie over de nachten');

    // The new release goes live.
    await stopServer(server);
    server = await startServer(newSite);
    expect(await (await fetch(`${URL}/sw.js`)).text()).not.toEqual(oldVersion);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));

    const banner = page.getByRole('status').filter({ hasText: 'nieuwe versie' });
    await expect(banner).toBeVisible();
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Nu bijwerken' }).click()]);
    await waitReady(page);

    await expect(page.getByTestId('draft-restored')).toBeVisible();
    await expect(page.locator('#note')).toHaveValue('Half geschreven notitie over de nachten');
    const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
    expect(controller).toContain('/sw.js');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
