#!/usr/bin/env node
// Naast first-load benchmark.
//
//   cd end2end && npm run bench            (server must already run)
//   NAAST_URL=http://127.0.0.1:3000 BENCH_RUNS=5 BENCH_CPU_RATE=4 node bench/first-load.mjs
//
// A. First load of "/" (the volunteer) and of "/desk" (the coordinator) in fresh
//    browser contexts (phone settings, no cache, no service worker yet), measured by
//    ../first-load.mjs (the module the budget test uses): every byte on the wire until
//    <html data-ready="1">, grouped HTML / JS / WASM / CSS / other; the volunteer's
//    total against the 250 KB budget (PASS / OVER), the coordinator's reported.
// B. Offline repeat visits: a fresh context loads "/" and waits for <html data-sw-ready="1">
//    (service worker active, precache filled); that page closes, the context goes
//    offline, and N times a new page with CPU throttled 4x (Emulation.setCPUThrottlingRate)
//    loads "/": time from navigation start (performance.timeOrigin) to data-ready="1",
//    recorded in the page by a MutationObserver. Then the same online (warm, with the
//    service worker) for comparison.
// C. Offline cold start of a new browser process on a profile where the service worker
//    was installed earlier (the phone reopening the app): N launches, network off.
// D. Lighthouse (mobile, performance) on the first screen, when `npx lighthouse` can run
//    (BENCH_LIGHTHOUSE=0 skips it).
// E. A human-readable report plus one line `BENCH_JSON {...}` for CI logs.
//
// Exit 0 whatever the budget verdict (it is a benchmark); exit 1 if the app is not
// reachable or never becomes ready (or its service worker never ready) within 60 s.

import { chromium } from '@playwright/test';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_URL,
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  MOBILE_CONTEXT,
  READY_SELECTOR,
  SW_READY_SELECTOR,
} from '../env.mjs';
import { BUDGET_BYTES, READY_PROBE, describeFirstLoad, fmtMs, measureFirstLoad, table } from '../first-load.mjs';

const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const CPU_RATE = positiveNumber(process.env.BENCH_CPU_RATE, 4);
const TIMEOUT_MS = 60_000;
const START_URL = `${BASE_URL}/`;
const DESK_URL = `${BASE_URL}/desk`;

function positiveInt(value, fallback) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
function positiveNumber(value, fallback) {
  const n = Number.parseFloat(value ?? '');
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

class BenchFailure extends Error {}

// ---------------------------------------------------------------- formatting

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

// ---------------------------------------------------------------- helpers

async function newContext(browser) {
  const context = await browser.newContext({ ...MOBILE_CONTEXT });
  await context.addInitScript(READY_PROBE);
  return context;
}

async function gotoOrFail(page, phase) {
  try {
    return await page.goto(START_URL, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  } catch (err) {
    throw new BenchFailure(`${phase}: navigation to ${START_URL} failed: ${err.message.split('\n')[0]}`);
  }
}

async function waitFlag(page, selector, phase) {
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: TIMEOUT_MS });
  } catch (err) {
    throw new BenchFailure(
      `${phase}: ${selector} did not appear within ${TIMEOUT_MS / 1000} s (${err.message.split('\n')[0]})`,
    );
  }
}

/** Timing of the current document, all in ms since navigation start. */
async function pageTimings(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    let readyAt = window.__naastReadyAt;
    if (readyAt === undefined && document.documentElement.getAttribute('data-ready') === '1')
      readyAt = performance.now(); // probe missed it: upper bound
    return {
      readyMs: readyAt ?? null,
      swReadyMs: window.__naastSwReadyAt ?? null,
      responseEndMs: nav ? nav.responseEnd : null,
      domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
      loadMs: nav && nav.loadEventEnd > 0 ? nav.loadEventEnd : null,
      fcpMs: fcp ? fcp.startTime : null,
      controlledBySw: !!(navigator.serviceWorker && navigator.serviceWorker.controller),
    };
  });
}

// ---------------------------------------------------------------- B: repeat visits

async function timedVisit(context, phase) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await gotoOrFail(page, phase);
    await waitFlag(page, READY_SELECTOR, phase);
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
    return await pageTimings(page);
  } finally {
    await page.close();
  }
}

async function repeatVisits(browser) {
  const context = await newContext(browser);
  try {
    // Install: first visit online, until the service worker has filled its cache.
    const page = await context.newPage();
    await gotoOrFail(page, 'service-worker install');
    await waitFlag(page, READY_SELECTOR, 'service-worker install');
    await waitFlag(page, SW_READY_SELECTOR, 'service-worker install');
    const install = await pageTimings(page);
    await page.close();

    await context.setOffline(true);
    const offline = [];
    for (let i = 0; i < RUNS; i++) offline.push(await timedVisit(context, `offline run ${i + 1}`));

    await context.setOffline(false);
    const online = [];
    for (let i = 0; i < RUNS; i++) online.push(await timedVisit(context, `online run ${i + 1}`));

    return { install, offline, online };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------ B2: cold start of a fresh browser

/**
 * A real cold start: the service worker is installed in an on-disk profile, the
 * browser quits, and each run launches a new browser process on that profile with the
 * network off, so no in-memory cache helps.
 */
async function coldStarts() {
  const profile = mkdtempSync(join(tmpdir(), 'naast-bench-profile-'));
  const launch = async () => {
    const context = await chromium.launchPersistentContext(profile, {
      ...MOBILE_CONTEXT,
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    await context.addInitScript(READY_PROBE);
    return context;
  };
  try {
    let context = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    await gotoOrFail(page, 'cold-start install');
    await waitFlag(page, SW_READY_SELECTOR, 'cold-start install');
    await context.close();
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      context = await launch();
      try {
        await context.setOffline(true);
        runs.push(await timedVisit(context, `cold start ${i + 1}`));
      } finally {
        await context.close();
      }
    }
    return runs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function summarize(runs) {
  const ready = runs.map((r) => r.readyMs);
  return {
    runsMs: ready.map((x) => (x === null ? null : Math.round(x))),
    medianMs: median(ready) === null ? null : Math.round(median(ready)),
    minMs: Math.round(Math.min(...ready.filter((x) => x !== null))),
    maxMs: Math.round(Math.max(...ready.filter((x) => x !== null))),
    medianFcpMs: median(runs.map((r) => r.fcpMs)) === null ? null : Math.round(median(runs.map((r) => r.fcpMs))),
    allControlledBySw: runs.every((r) => r.controlledBySw),
  };
}

// ---------------------------------------------------------------- report

function printVisits(b) {
  console.log(
    `\n== B. Repeat visits after service-worker install (CPU ${CPU_RATE}x slower, ${RUNS} runs each) ==`,
  );
  console.log(
    `install visit: ready at ${fmtMs(b.install.readyMs)}, sw-ready at ${fmtMs(b.install.swReadyMs)}\n`,
  );
  const rows = [];
  const add = (label, runs) =>
    runs.forEach((r, i) =>
      rows.push([
        label,
        i + 1,
        fmtMs(r.readyMs),
        fmtMs(r.fcpMs),
        fmtMs(r.domContentLoadedMs),
        fmtMs(r.loadMs),
        r.controlledBySw ? 'yes' : 'NO',
      ]),
    );
  add('offline', b.offline);
  add('online', b.online);
  console.log(table(['mode', 'run', 'ready', 'FCP', 'DOMContentLoaded', 'load', 'sw'], rows, [1, 2, 3, 4, 5]));
  const so = summarize(b.offline);
  const sn = summarize(b.online);
  console.log(
    `\nOffline repeat visit to ready: median ${fmtMs(so.medianMs)} (min ${fmtMs(so.minMs)}, max ${fmtMs(so.maxMs)})`,
  );
  console.log(
    `Online warm start to ready:  median ${fmtMs(sn.medianMs)} (min ${fmtMs(sn.minMs)}, max ${fmtMs(sn.maxMs)})`,
  );
  console.log('(ms from navigation start, i.e. performance.timeOrigin, to <html data-ready="1">)');
}

// ---------------------------------------------------------------- D: Lighthouse

/**
 * Lighthouse's mobile performance score of the first screen (its default: a mid-range
 * phone on slow 4G, CPU 4x slower), through `npx lighthouse` with this Chromium. Null
 * when Lighthouse cannot run here (it is fetched from npm on first use).
 */
function lighthouse() {
  if (process.env.BENCH_LIGHTHOUSE === '0') return null;
  console.log(`\n== D. Lighthouse, mobile, performance: ${START_URL} ==`);
  try {
    const out = execFileSync(
      'npx',
      ['-y', 'lighthouse@12', START_URL, '--only-categories=performance', '--output=json', '--quiet',
        `--chrome-flags=--headless ${CHROMIUM_ARGS.join(' ')}`],
      { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
    );
    const report = JSON.parse(out.toString());
    const audit = (id) => report.audits[id]?.numericValue ?? null;
    const result = {
      performance: Math.round(report.categories.performance.score * 100),
      fcpMs: Math.round(audit('first-contentful-paint')),
      lcpMs: Math.round(audit('largest-contentful-paint')),
      tbtMs: Math.round(audit('total-blocking-time')),
      cls: audit('cumulative-layout-shift'),
      speedIndexMs: Math.round(audit('speed-index')),
    };
    console.log(
      `performance ${result.performance} (target >= 95), FCP ${fmtMs(result.fcpMs)}, LCP ${fmtMs(result.lcpMs)}, ` +
        `TBT ${fmtMs(result.tbtMs)}, CLS ${result.cls}, speed index ${fmtMs(result.speedIndexMs)}`,
    );
    return result;
  } catch (err) {
    console.log(`Lighthouse did not run: ${String(err.message ?? err).split('\n')[0]}`);
    return null;
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const require = createRequire(import.meta.url);
  const playwrightVersion = require('@playwright/test/package.json').version;
  const summary = {
    url: START_URL,
    playwright: playwrightVersion,
    chromium: null,
    cpuRate: CPU_RATE,
    runs: RUNS,
    budgetBytes: BUDGET_BYTES,
    ok: false,
    error: null,
    firstLoad: null,
    offlineColdStart: null,
    onlineWarmStart: null,
  };
  let browser;
  let exitCode = 0;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    summary.chromium = browser.version();
    console.log(
      `Naast first-load benchmark: ${START_URL}  (Chromium ${summary.chromium}, Playwright ${playwrightVersion})`,
    );

    const a = await measureFirstLoad(browser, START_URL);
    console.log('\n' + describeFirstLoad(a, "A1. Volunteer's first load", BUDGET_BYTES));
    const d = await measureFirstLoad(browser, DESK_URL);
    console.log('\n' + describeFirstLoad(d, "A2. Coordinator's first load (no limit)"));
    const brief = (m) => ({
      status: m.status,
      transferredBytes: m.totalTransferredBytes,
      rawBytes: m.totalRawBytes,
      readyMs: m.readyMs === null ? null : Math.round(m.readyMs),
      byType: m.byType,
      files: m.resources.map(({ type, path, rawBytes, transferredBytes }) => ({ type, path, rawBytes, transferredBytes })),
      afterInteractiveBytes: m.laterTransferredBytes,
      serviceWorkerBytes: m.serviceWorkerBytes,
    });
    summary.firstLoad = { ...brief(a), verdict: a.totalTransferredBytes <= BUDGET_BYTES ? 'PASS' : 'OVER' };
    summary.coordinatorFirstLoad = brief(d);

    const b = await repeatVisits(browser);
    printVisits(b);
    summary.serviceWorkerInstall = {
      readyMs: b.install.readyMs === null ? null : Math.round(b.install.readyMs),
      swReadyMs: b.install.swReadyMs === null ? null : Math.round(b.install.swReadyMs),
    };
    summary.offlineRepeatVisit = summarize(b.offline);
    const cold = await coldStarts();
    summary.offlineColdStart = summarize(cold);
    const c = summary.offlineColdStart;
    console.log(
      `\n== C. Offline cold start of a new browser process (profile on disk, CPU ${CPU_RATE}x slower, ${RUNS} runs) ==`,
    );
    console.log(`runs: ${c.runsMs.map((x) => `${x} ms`).join(', ')}`);
    console.log(`Offline cold start to ready: median ${fmtMs(c.medianMs)} (min ${fmtMs(c.minMs)}, max ${fmtMs(c.maxMs)})`);
    summary.onlineWarmStart = summarize(b.online);
    summary.lighthouse = lighthouse();
    summary.ok = true;
  } catch (err) {
    exitCode = 1;
    summary.error = err instanceof BenchFailure ? err.message : String(err?.stack ?? err);
    console.error(`\nBENCH FAILED: ${summary.error}`);
    if (/ERR_CONNECTION_REFUSED|ECONNREFUSED/.test(summary.error))
      console.error(`Is the Naast server running at ${BASE_URL}? (set NAAST_URL to override)`);
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
  console.log(`\nBENCH_JSON ${JSON.stringify(summary)}`);
  process.exit(exitCode);
}

main();
