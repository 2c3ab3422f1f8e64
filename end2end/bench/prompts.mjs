#!/usr/bin/env node
// Naast conversation-catalogue benchmark.
//
//   cd end2end && npm run bench:prompts      (server must already run)
//   NAAST_URL=http://127.0.0.1:3000 BENCH_RUNS=3 BENCH_CPU_RATE=4 node bench/prompts.mjs
//
// A. Catalogue payload: GET /api/v1/catalogue as a device without an account gets it
//    (the starter catalogue, the same size as a fresh organisation's), bytes on the
//    wire with brotli and with gzip as the server sends them, and uncompressed; plus
//    the picture-story artwork, each file as served with brotli.
// B. Tap to first picture, offline, CPU slowed down 4x: a phone context opens the app,
//    waits until the service worker, the catalogue and every picture are on the device,
//    adds a family (child of 4 months), goes offline and opens the new-visit form. Then
//    for every suggested picture story, BENCH_RUNS times: the time from the tap on
//    "Laten zien" to the first frame after the story's first picture is decoded and in
//    the page (performance.now() in the page; the tap is dispatched there too). The
//    first run of a story is the cold one (the picture comes from Cache Storage through
//    the service worker); later runs may use the memory cache.
// C. A report and one `BENCH_JSON {...}` line. Target: median under 300 ms.

import { chromium } from '@playwright/test';
import http from 'node:http';
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_PATH, MOBILE_CONTEXT, READY_SELECTOR, SW_READY_SELECTOR } from '../env.mjs';

const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '3', 10) || 3);
const CPU_RATE = Number(process.env.BENCH_CPU_RATE ?? '4') || 4;
const TARGET_MS = 300;

/** Bytes on the wire of one GET with this Accept-Encoding (body only, not decoded). */
function wireBytes(path, encoding) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${BASE_URL}${path}`, { headers: { 'accept-encoding': encoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk) => (bytes += chunk.length));
      response.on('end', () => resolve({ bytes, encoding: response.headers['content-encoding'] ?? 'identity', status: response.statusCode }));
    });
    request.on('error', reject);
  });
}

async function payload() {
  const json = await (await fetch(`${BASE_URL}/api/v1/catalogue`)).json();
  const catalogue = json.catalogue;
  const sizes = {
    identity: (await wireBytes('/api/v1/catalogue', 'identity')).bytes,
    gzip: (await wireBytes('/api/v1/catalogue', 'gzip')).bytes,
    br: (await wireBytes('/api/v1/catalogue', 'br')).bytes,
  };
  const images = [...new Set(catalogue.stories.flatMap((s) => s.pictures.map((p) => p.image)))];
  let artRaw = 0;
  let artBr = 0;
  for (const image of images) {
    artRaw += (await wireBytes(image, 'identity')).bytes;
    artBr += (await wireBytes(image, 'br')).bytes;
  }
  return {
    prompts: catalogue.prompts.length,
    stories: catalogue.stories.length,
    pictures: images.length,
    catalogue_bytes: sizes,
    artwork_bytes: { identity: artRaw, br: artBr },
  };
}

/** Polls the page until `predicate` (which may be async) holds: waitForFunction would
 * take the promise an async predicate returns for a truthy answer. */
async function waitFor(page, predicate, arg, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the catalogue and pictures');
    await page.waitForTimeout(250);
  }
}

async function tapToPicture(pictureCount) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ ...MOBILE_CONTEXT });
    const page = await context.newPage();
    if (process.env.BENCH_VERBOSE) {
      page.on('console', (m) => console.log('  console:', m.text().slice(0, 300)));
      page.on('crash', () => console.log('  page crashed'));
      page.on('close', () => console.log('  page closed'));
      browser.on('disconnected', () => console.log('  browser disconnected'));
      context.on('close', () => console.log('  context closed'));
    }
    await page.goto(`${BASE_URL}/`);
    await page.waitForSelector(SW_READY_SELECTOR, { state: 'attached', timeout: 60_000 });
    await waitFor(
      page,
      async (count) => localStorage.getItem('naast:catalogue') !== null && (await (await caches.open('naast-pictures')).keys()).length >= count,
      pictureCount,
    );
    await page.goto(`${BASE_URL}/families/new`);
    await page.waitForSelector(READY_SELECTOR, { state: 'attached' });
    await page.locator('#pseudonym').fill('Bench');
    const born = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('#child_date').fill(born);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
    const family = new URL(page.url()).pathname.split('/').pop();

    await context.setOffline(true);
    await page.goto(`${BASE_URL}/families/${family}/visits/new`);
    await page.waitForSelector(READY_SELECTOR, { state: 'attached' });
    await page.waitForSelector('li[data-story] button');
    const stories = await page.locator('li[data-story]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-story')));
    if (process.env.BENCH_VERBOSE) console.log('  stories:', stories.join(', '));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    const cold = [];
    const warm = [];
    for (let run = 0; run < RUNS; run++) {
      for (const story of stories) {
        const ms = await page.evaluate(async (id) => {
          const button = document.querySelector(`li[data-story="${id}"] button`);
          const start = performance.now();
          button.click();
          const img = await new Promise((found) => {
            const look = () => {
              const el = document.querySelector('.show img');
              if (el) found(el);
              else requestAnimationFrame(look);
            };
            look();
          });
          if (!img.complete) {
            await new Promise((done, fail) => {
              img.addEventListener('load', done, { once: true });
              img.addEventListener('error', () => fail(new Error(`picture of ${id} did not load`)), { once: true });
            });
          }
          await img.decode().catch(() => undefined);
          if (!img.naturalWidth) throw new Error(`picture of ${id} did not load`);
          await new Promise((frame) => requestAnimationFrame(() => frame()));
          return performance.now() - start;
        }, story);
        (run === 0 ? cold : warm).push(ms);
        if (process.env.BENCH_VERBOSE) console.log(`  ${story} run ${run + 1}: ${ms.toFixed(0)} ms`);
        await page.getByRole('button', { name: 'Sluiten' }).click();
        await page.waitForSelector('.show', { state: 'detached' });
      }
    }
    return { stories: stories.length, cold, warm };
  } finally {
    await browser.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const size = await payload();
const taps = await tapToPicture(size.pictures);
const all = [...taps.cold, ...taps.warm];
const result = {
  ...size,
  cpu_rate: CPU_RATE,
  tap_to_picture_ms: {
    cold_median: Math.round(median(taps.cold)),
    cold_max: Math.round(Math.max(...taps.cold)),
    median: Math.round(median(all)),
    max: Math.round(Math.max(...all)),
    runs: all.length,
  },
};
console.log('Naast conversation catalogue');
console.log(`  ${size.prompts} prompts, ${size.stories} picture stories, ${size.pictures} pictures`);
console.log(
  `  catalogue JSON: ${kb(size.catalogue_bytes.identity)} raw, ${kb(size.catalogue_bytes.gzip)} gzip, ${kb(size.catalogue_bytes.br)} brotli on the wire`,
);
console.log(`  artwork: ${kb(size.artwork_bytes.identity)} raw, ${kb(size.artwork_bytes.br)} brotli`);
console.log(`Tap on "Laten zien" to first picture drawn, offline, CPU ${CPU_RATE}x slower (${taps.stories} stories x ${RUNS})`);
console.log(`  first open of each story: median ${result.tap_to_picture_ms.cold_median} ms, max ${result.tap_to_picture_ms.cold_max} ms`);
console.log(
  `  all opens: median ${result.tap_to_picture_ms.median} ms, max ${result.tap_to_picture_ms.max} ms — target < ${TARGET_MS} ms: ${result.tap_to_picture_ms.median < TARGET_MS ? 'PASS' : 'MISS'}`,
);
console.log(`BENCH_JSON ${JSON.stringify(result)}`);
