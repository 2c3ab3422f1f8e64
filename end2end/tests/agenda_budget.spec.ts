// The mothers' public agenda is a budget, and the budget is a test: everything a cheap
// phone transfers for the page — HTML, CSS, anything else, compressed as the server
// sends it — stays within 20 KB, with no script and no WebAssembly at all. Measured in
// Chromium on an emulated slow 3G connection with a four times slower CPU, for an
// organisation with five groups (texts in Dutch and Arabic) and a year of sessions;
// the first contentful paint is reported beside it.

import { test, expect } from '@playwright/test';
import { NaastServer } from './naast-server';
import { coordinator } from './people';

const BUDGET_BYTES = 20 * 1024;

let server: NaastServer;

test.beforeEach(async () => {
  server = await NaastServer.start();
});

test.afterEach(async () => {
  await server.kill();
});

/** Five groups with a year of weekly sessions, through the coordinator's API. */
async function seed(coord: import('@playwright/test').Page): Promise<string> {
  const session = await (await coord.request.get('/api/v1/session')).json();
  const headers = { 'x-naast-csrf': session.csrf, 'x-naast-api': '2' };
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  for (let n = 0; n < 5; n++) {
    const id = crypto.randomUUID();
    const group = {
      id, name: { nl: `Babygroep ${n}`, ar: `مجموعة الرضع ${n}` },
      audience: { nl: "Eerste baby's tot 18 maanden", ar: 'الرضع الأوائل حتى 18 شهرًا' },
      languages: ['nl', 'ar'], place: 'Speel-o-theek De Ark', address: 'Kerkstraat 12, Dordrecht',
      directions: { nl: 'Ingang naast de bakker', ar: 'المدخل بجانب المخبز' },
      host: 'Fatima', frequency: 'weekly', walk_in: n % 2 === 0, updated_at_ms: Date.now(),
    };
    const made = await coord.request.put(`/api/v1/groups/${id}`, { data: group, headers });
    expect(made.status(), await made.text()).toBe(201);
    const plan = {
      group_id: id, date: tomorrow, starts: '10:00', ends: '11:30',
      theme: { nl: 'Slapen en huilen', ar: 'النوم والبكاء' }, guest: { nl: 'Jeugdverpleegkundige' },
      repeat: 'weekly', times: 52,
    };
    const planned = await coord.request.post(`/api/v1/groups/${id}/sessions`, { data: plan, headers });
    expect(planned.status(), await planned.text()).toBe(201);
  }
  const link = await coord.request.post('/api/v1/agenda/link', { data: {}, headers });
  expect(link.status()).toBe(201);
  return (await link.json()).public_path;
}

test("the mothers' public agenda loads within 20 KB, without script, on slow 3G", async ({ browser }) => {
  test.setTimeout(120_000);
  const coord = await coordinator(browser, server);
  const path = await seed(coord);

  const context = await browser.newContext({
    viewport: { width: 360, height: 640 }, extraHTTPHeaders: { 'Accept-Language': 'ar' },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // DevTools' "Slow 3G": 400 ms round trip, 400 kbit/s down and up.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const transferred = new Map<string, number>();
  const types = new Map<string, string>();
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, `${e.type} ${new URL(e.response.url).pathname}`));
  cdp.on('Network.loadingFinished', (e) => transferred.set(e.requestId, e.encodedDataLength));
  const started = Date.now();
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  const loaded = Date.now() - started;
  // The paint entry is read as soon as the browser reports it (a page without script
  // records it like any other).
  const fcp = await page.evaluate(
    () => new Promise<number>((resolve) => {
      new PerformanceObserver((list) => {
        const paint = list.getEntries().find((e) => e.name === 'first-contentful-paint');
        if (paint) resolve(paint.startTime);
      }).observe({ type: 'paint', buffered: true });
      setTimeout(() => resolve(-1), 10_000);
    }),
  );
  const rows = [...transferred].map(([id, bytes]) => ({ what: types.get(id) ?? id, bytes }));
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  console.log(`== The mothers' public agenda on slow 3G, 4x CPU: ${path} ==`);
  for (const r of rows) console.log(`${String(r.bytes).padStart(8)} B  ${r.what}`);
  console.log(`${String(total).padStart(8)} B  total on the wire (budget ${BUDGET_BYTES} B): ${total <= BUDGET_BYTES ? 'PASS' : 'MISS'}`);
  console.log(`first contentful paint ${fcp.toFixed(0)} ms, loaded in ${loaded} ms`);

  expect(rows.filter((r) => /^(Script|WebAssembly)\b/.test(r.what) || /\.(js|wasm)$/.test(r.what))).toEqual([]);
  expect(await page.locator('script').count()).toBe(0);
  await expect(page.locator('section.group')).toHaveCount(5);
  expect(total, 'bytes on the wire for the public agenda').toBeLessThanOrEqual(BUDGET_BYTES);
  expect(fcp).toBeGreaterThan(0);
  await context.close();
});
