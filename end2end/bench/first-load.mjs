#!/usr/bin/env node
// Naast first-load benchmark.
//
//   cd end2end && npm run bench            (server must already run)
//   NAAST_URL=http://127.0.0.1:3000 BENCH_RUNS=5 BENCH_CPU_RATE=4 node bench/first-load.mjs
//
// A. First load of "/" in a fresh browser context (phone settings, no cache, no
//    service worker yet), until <html data-ready="1"> and the load event. Every
//    response the page receives is recorded through the Chrome DevTools Protocol:
//    bytes on the wire (Network.loadingFinished.encodedDataLength, headers included),
//    decoded body size and content-encoding, grouped by HTML / JS / WASM / CSS / other.
//    For reference, HTML/JS/WASM/CSS bodies are also compressed here with gzip -9 and
//    brotli q11. The wire total is compared with the 250 KB budget (PASS / OVER).
// B. Offline repeat visits: a fresh context loads "/" and waits for <html data-sw-ready="1">
//    (service worker active, precache filled); that page closes, the context goes
//    offline, and N times a new page with CPU throttled 4x (Emulation.setCPUThrottlingRate)
//    loads "/": time from navigation start (performance.timeOrigin) to data-ready="1",
//    recorded in the page by a MutationObserver. Then the same online (warm, with the
//    service worker) for comparison.
// C. Offline cold start of a new browser process on a profile where the service worker
//    was installed earlier (the phone reopening the app): N launches, network off.
// D. A human-readable report plus one line `BENCH_JSON {...}` for CI logs.
//
// Exit 0 whatever the budget verdict (it is a benchmark); exit 1 if the app is not
// reachable or never becomes ready (or its service worker never ready) within 60 s.

import { chromium } from '@playwright/test';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
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

const BUDGET_BYTES = 250 * 1024;
const RUNS = positiveInt(process.env.BENCH_RUNS, 5);
const CPU_RATE = positiveNumber(process.env.BENCH_CPU_RATE, 4);
const TIMEOUT_MS = 60_000;
/** After ready + load, in-flight requests get this long to finish and be counted. */
const SETTLE_MS = 2_000;
const START_URL = `${BASE_URL}/`;

function positiveInt(value, fallback) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
function positiveNumber(value, fallback) {
  const n = Number.parseFloat(value ?? '');
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

class BenchFailure extends Error {}

// Injected into every document before any page script: records performance.now()
// (ms since navigation start) when <html> gets data-ready="1" / data-sw-ready="1".
const READY_PROBE = `(() => {
  const mark = () => {
    const el = document.documentElement;
    if (!el) return;
    if (window.__naastReadyAt === undefined && el.getAttribute('data-ready') === '1')
      window.__naastReadyAt = performance.now();
    if (window.__naastSwReadyAt === undefined && el.getAttribute('data-sw-ready') === '1')
      window.__naastSwReadyAt = performance.now();
  };
  new MutationObserver(mark).observe(document, {
    subtree: true, attributes: true, attributeFilter: ['data-ready', 'data-sw-ready'],
  });
  document.addEventListener('DOMContentLoaded', mark);
  mark();
})();`;

// ---------------------------------------------------------------- formatting

const fmtBytes = (n) =>
  n === null || n === undefined
    ? '-'
    : n < 1024
      ? `${n} B`
      : `${(n / 1024).toFixed(1)} KB`;
const fmtMs = (n) => (n === null || n === undefined ? '-' : `${Math.round(n)} ms`);

function table(headers, rows, alignRight = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '-')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => (alignRight.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function shortUrl(url) {
  try {
    const u = new URL(url);
    const base = new URL(START_URL);
    const path = u.pathname + u.search;
    const s = u.origin === base.origin ? path : url;
    return s.length > 60 ? `${s.slice(0, 28)}…${s.slice(-28)}` : s;
  } catch {
    return url.slice(0, 60);
  }
}

// ---------------------------------------------------------------- helpers

function classify(rec) {
  const mime = (rec.mimeType ?? '').toLowerCase();
  let path = '';
  try {
    path = new URL(rec.url).pathname.toLowerCase();
  } catch {
    /* data: URLs etc. */
  }
  if (mime.includes('wasm') || path.endsWith('.wasm')) return 'WASM';
  if (rec.resourceType === 'Document' || mime.includes('text/html')) return 'HTML';
  if (rec.resourceType === 'Stylesheet' || mime.includes('css') || path.endsWith('.css')) return 'CSS';
  if (
    rec.resourceType === 'Script' ||
    mime.includes('javascript') ||
    mime.includes('ecmascript') ||
    /\.m?js$/.test(path)
  )
    return 'JS';
  return 'other';
}
const TYPES = ['HTML', 'JS', 'WASM', 'CSS', 'other'];
const COMPRESSIBLE = new Set(['HTML', 'JS', 'WASM', 'CSS']);

function header(headers, name) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

function referenceSizes(body, type) {
  if (!body) return { gzip9: null, br11: null };
  const gzip9 = zlib.gzipSync(body, { level: 9 }).length;
  const br11 = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]:
        type === 'WASM' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  }).length;
  return { gzip9, br11 };
}

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

// ---------------------------------------------------------------- A: first load

async function firstLoad(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable', {
    maxTotalBufferSize: 200 * 1024 * 1024,
    maxResourceBufferSize: 100 * 1024 * 1024,
  });

  /** @type {Map<string, any>} */
  const recs = new Map();
  let cutoff = false;
  const rec = (id) => {
    let r = recs.get(id);
    if (!r) {
      r = { id, url: '', decoded: 0, encoded: null, done: false, failed: false, afterCutoff: cutoff };
      recs.set(id, r);
    }
    return r;
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = rec(e.requestId);
    r.url = e.request.url;
    r.resourceType = e.type;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = rec(e.requestId);
    r.url = e.response.url;
    r.resourceType = e.type;
    r.status = e.response.status;
    r.mimeType = e.response.mimeType;
    r.encoding = header(e.response.headers, 'content-encoding') ?? 'identity';
    r.protocol = e.response.protocol;
    r.fromServiceWorker = !!e.response.fromServiceWorker;
    r.fromCache = !!(e.response.fromDiskCache || e.response.fromPrefetchCache);
  });
  cdp.on('Network.dataReceived', (e) => {
    rec(e.requestId).decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = rec(e.requestId);
    r.encoded = e.encodedDataLength;
    r.done = true;
    r.bodyPromise = cdp
      .send('Network.getResponseBody', { requestId: e.requestId })
      .then((b) => Buffer.from(b.body, b.base64Encoded ? 'base64' : 'utf8'))
      .catch(() => null);
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = rec(e.requestId);
    r.failed = true;
    r.done = true;
    r.error = e.errorText;
  });

  // Service-worker traffic (precache) is not on the page's CDP session; Playwright
  // reports it on the context. Recorded separately, not counted in the budget.
  const swRequests = [];
  context.on('requestfinished', (req) => {
    if (req.serviceWorker()) swRequests.push(req);
  });

  const t0 = Date.now();
  const response = await gotoOrFail(page, 'first load');
  await waitFlag(page, READY_SELECTOR, 'first load');
  await page.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
  cutoff = true;
  const counted = [...recs.values()].filter((r) => !r.afterCutoff);
  const settleUntil = Date.now() + SETTLE_MS;
  while (counted.some((r) => !r.done) && Date.now() < settleUntil) {
    await new Promise((res) => setTimeout(res, 50));
  }
  const timings = await pageTimings(page);
  const wallMs = Date.now() - t0;

  const resources = [];
  for (const r of counted) {
    if (r.url.startsWith('data:')) continue;
    const type = classify(r);
    const body = r.bodyPromise ? await r.bodyPromise : null;
    const raw = body ? body.length : r.decoded;
    const ref = COMPRESSIBLE.has(type) ? referenceSizes(body, type) : { gzip9: null, br11: null };
    resources.push({
      type,
      url: r.url,
      status: r.status ?? null,
      encoding: r.encoding ?? null,
      rawBytes: raw,
      transferredBytes: r.encoded ?? 0,
      gzip9Bytes: ref.gzip9,
      br11Bytes: ref.br11,
      fromServiceWorker: !!r.fromServiceWorker,
      fromCache: !!r.fromCache,
      failed: r.failed,
      unfinished: !r.done,
      error: r.error ?? null,
    });
  }
  const lateRequests = [...recs.values()].filter((r) => r.afterCutoff).length;

  const swPrecache = [];
  for (const req of swRequests) {
    const sizes = await req.sizes().catch(() => null);
    const resp = await req.response().catch(() => null);
    swPrecache.push({
      url: req.url(),
      status: resp ? resp.status() : null,
      transferredBytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : null,
    });
  }

  const byType = {};
  for (const t of TYPES) {
    const rs = resources.filter((r) => r.type === t);
    const sum = (k) => rs.reduce((a, r) => a + (r[k] ?? 0), 0);
    byType[t] = {
      count: rs.length,
      rawBytes: sum('rawBytes'),
      transferredBytes: sum('transferredBytes'),
      gzip9Bytes: COMPRESSIBLE.has(t) ? sum('gzip9Bytes') : null,
      br11Bytes: COMPRESSIBLE.has(t) ? sum('br11Bytes') : null,
      encodings: [...new Set(rs.map((r) => r.encoding ?? '-'))],
    };
  }
  const totalTransferred = resources.reduce((a, r) => a + r.transferredBytes, 0);
  const totalRaw = resources.reduce((a, r) => a + r.rawBytes, 0);
  // What the first load would weigh if HTML/JS/WASM/CSS were served as brotli q11.
  const br11Estimate = resources.reduce(
    (a, r) => a + (COMPRESSIBLE.has(r.type) && r.br11Bytes !== null ? r.br11Bytes : r.transferredBytes),
    0,
  );

  await context.close();
  return {
    status: response ? response.status() : null,
    timings,
    wallMs,
    resources,
    byType,
    totalTransferredBytes: totalTransferred,
    totalRawBytes: totalRaw,
    br11EstimateBytes: br11Estimate,
    budgetBytes: BUDGET_BYTES,
    verdict: totalTransferred <= BUDGET_BYTES ? 'PASS' : 'OVER',
    requestsAfterReady: lateRequests,
    swPrecache,
  };
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

function printFirstLoad(a) {
  console.log(`\n== A. First load of ${START_URL} (fresh context, no cache, unthrottled) ==`);
  console.log(
    `HTTP ${a.status}; ready at ${fmtMs(a.timings.readyMs)}, load at ${fmtMs(a.timings.loadMs)}, ` +
      `FCP ${fmtMs(a.timings.fcpMs)} (ms since navigation start)\n`,
  );
  const rows = a.resources.map((r) => [
    r.type,
    shortUrl(r.url) + (r.failed ? ` (FAILED: ${r.error})` : r.unfinished ? ' (unfinished)' : '') +
      (r.fromServiceWorker ? ' (sw)' : '') + (r.fromCache ? ' (cache)' : ''),
    r.status,
    r.encoding,
    fmtBytes(r.rawBytes),
    fmtBytes(r.transferredBytes),
    fmtBytes(r.gzip9Bytes),
    fmtBytes(r.br11Bytes),
  ]);
  console.log(
    table(['type', 'resource', 'status', 'encoding', 'raw', 'transferred', 'gzip -9', 'brotli 11'], rows, [
      2, 4, 5, 6, 7,
    ]),
  );
  console.log('');
  const typeRows = TYPES.filter((t) => a.byType[t].count).map((t) => {
    const g = a.byType[t];
    return [
      t,
      g.count,
      g.encodings.join(','),
      fmtBytes(g.rawBytes),
      fmtBytes(g.transferredBytes),
      fmtBytes(g.gzip9Bytes),
      fmtBytes(g.br11Bytes),
    ];
  });
  typeRows.push([
    'TOTAL',
    a.resources.length,
    '',
    fmtBytes(a.totalRawBytes),
    fmtBytes(a.totalTransferredBytes),
    '',
    `(${fmtBytes(a.br11EstimateBytes)})`,
  ]);
  console.log(
    table(['group', 'files', 'encoding', 'raw', 'transferred', 'gzip -9', 'brotli 11'], typeRows, [1, 3, 4, 5, 6]),
  );
  console.log(
    `\n'transferred' = bytes on the wire incl. HTTP headers (CDP encodedDataLength); ` +
      `gzip -9 / brotli 11 = bodies compressed here, for reference;\n` +
      `(brotli 11 total) = first load if HTML/JS/WASM/CSS were served as brotli q11.`,
  );
  if (a.requestsAfterReady)
    console.log(`${a.requestsAfterReady} request(s) started after ready+load: not counted.`);
  if (a.swPrecache.length) {
    const swBytes = a.swPrecache.reduce((s, r) => s + (r.transferredBytes ?? 0), 0);
    console.log(
      `Service worker fetched ${a.swPrecache.length} resource(s), ${fmtBytes(swBytes)} on its own ` +
        `(precache, partly from HTTP cache; not counted).`,
    );
  }
  console.log(
    `\nFirst-load transferred: ${fmtBytes(a.totalTransferredBytes)} (${a.totalTransferredBytes} B) ` +
      `vs budget ${fmtBytes(a.budgetBytes)} (${a.budgetBytes} B): ${a.verdict}`,
  );
}

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

    const a = await firstLoad(browser);
    printFirstLoad(a);
    summary.firstLoad = {
      status: a.status,
      totalTransferredBytes: a.totalTransferredBytes,
      totalRawBytes: a.totalRawBytes,
      br11EstimateBytes: a.br11EstimateBytes,
      verdict: a.verdict,
      readyMs: a.timings.readyMs === null ? null : Math.round(a.timings.readyMs),
      loadMs: a.timings.loadMs === null ? null : Math.round(a.timings.loadMs),
      byType: a.byType,
      resources: a.resources.map(({ type, url, status, encoding, rawBytes, transferredBytes, gzip9Bytes, br11Bytes }) => ({
        type, url: shortUrl(url), status, encoding, rawBytes, transferredBytes, gzip9Bytes, br11Bytes,
      })),
      requestsAfterReady: a.requestsAfterReady,
      swPrecacheBytes: a.swPrecache.reduce((s, r) => s + (r.transferredBytes ?? 0), 0),
    };

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
