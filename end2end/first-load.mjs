// What a page's first load costs, measured in Chromium: every byte the browser
// transfers from navigation until the page is interactive (`<html data-ready="1">`),
// as the server sends it (compressed, headers included), grouped HTML / JS / WASM /
// CSS / other. Shared by the budget test (`tests/budget.spec.ts`, which fails over
// 250 KB) and the benchmark (`bench/first-load.mjs`).
//
// A request counts when it was sent before the page became interactive (CDP
// `requestWillBeSent.wallTime` against the page's own clock at `data-ready`), and all
// of its bytes count, however long it takes to finish. Requests sent later — the
// first sync, the service worker filling its cache — are listed apart.

import zlib from 'node:zlib';
import { MOBILE_CONTEXT } from './env.mjs';

/** The volunteer's first-load budget: 250 KB. */
export const BUDGET_BYTES = 250 * 1024;

const TIMEOUT_MS = 60_000;
const TYPES = ['HTML', 'JS', 'WASM', 'CSS', 'other'];
const COMPRESSIBLE = new Set(['HTML', 'JS', 'WASM', 'CSS']);

// Injected into every document before any page script: the wall-clock time (ms since
// the epoch) and the ms since navigation start at which <html> gets data-ready="1" /
// data-sw-ready="1".
export const READY_PROBE = `(() => {
  const mark = () => {
    const el = document.documentElement;
    if (!el) return;
    if (window.__naastReadyAt === undefined && el.getAttribute('data-ready') === '1') {
      window.__naastReadyAt = performance.now();
      window.__naastReadyWall = performance.timeOrigin + window.__naastReadyAt;
    }
    if (window.__naastSwReadyAt === undefined && el.getAttribute('data-sw-ready') === '1')
      window.__naastSwReadyAt = performance.now();
  };
  new MutationObserver(mark).observe(document, {
    subtree: true, attributes: true, attributeFilter: ['data-ready', 'data-sw-ready'],
  });
  document.addEventListener('DOMContentLoaded', mark);
  mark();
})();`;

export const fmtBytes = (n) =>
  n === null || n === undefined ? '-' : n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
export const fmtMs = (n) => (n === null || n === undefined ? '-' : `${Math.round(n)} ms`);

/** A plain-text table. */
export function table(headers, rows, alignRight = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '-')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => (alignRight.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function shortPath(url) {
  try {
    const u = new URL(url);
    const s = u.pathname + u.search;
    return s.length > 60 ? `${s.slice(0, 28)}…${s.slice(-28)}` : s;
  } catch {
    return url.slice(0, 60);
  }
}

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
  if (rec.resourceType === 'Script' || mime.includes('javascript') || /\.m?js$/.test(path)) return 'JS';
  return 'other';
}

function header(headers, name) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

function brotli11(body) {
  return zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  }).length;
}

/**
 * Loads `url` in a fresh browser context (phone settings, empty cache, no service
 * worker yet) and measures its first load. `contextOptions` are added to the phone
 * settings (e.g. `storageState` for a signed-in person).
 */
export async function measureFirstLoad(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ ...MOBILE_CONTEXT, ...contextOptions });
  await context.addInitScript(READY_PROBE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable', { maxTotalBufferSize: 200e6, maxResourceBufferSize: 100e6 });
    const recs = new Map();
    const rec = (id) => {
      if (!recs.has(id)) recs.set(id, { id, url: '', decoded: 0, encoded: null, done: false, failed: false });
      return recs.get(id);
    };
    cdp.on('Network.requestWillBeSent', (e) => {
      const r = rec(e.requestId);
      r.url = e.request.url;
      r.resourceType = e.type;
      r.sentWall = e.wallTime * 1000;
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = rec(e.requestId);
      r.url = e.response.url;
      r.resourceType = e.type;
      r.status = e.response.status;
      r.mimeType = e.response.mimeType;
      r.encoding = header(e.response.headers, 'content-encoding') ?? 'identity';
    });
    cdp.on('Network.dataReceived', (e) => {
      rec(e.requestId).decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = rec(e.requestId);
      r.encoded = e.encodedDataLength;
      r.done = true;
      r.body = cdp
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

    // The service worker's own fetches (its precache) are not on the page's session.
    const swRequests = [];
    context.on('requestfinished', (req) => {
      if (req.serviceWorker()) swRequests.push(req);
    });

    const response = await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForSelector('html[data-ready="1"]', { state: 'attached', timeout: TIMEOUT_MS });
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS }).catch(() => {});
    const timings = await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { readyWall: window.__naastReadyWall, readyMs: window.__naastReadyAt, fcpMs: fcp ? fcp.startTime : null };
    });
    const before = (r) => r.sentWall !== undefined && r.sentWall <= timings.readyWall;
    // Every request sent before "interactive" is waited for and counted in full.
    const deadline = Date.now() + TIMEOUT_MS;
    while ([...recs.values()].some((r) => before(r) && !r.done) && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 50));
    }
    const resources = [];
    const later = [];
    for (const r of recs.values()) {
      if (r.url.startsWith('data:')) continue;
      const body = r.body ? await r.body : null;
      const type = classify(r);
      const item = {
        type,
        path: shortPath(r.url),
        status: r.status ?? null,
        encoding: r.encoding ?? null,
        rawBytes: body ? body.length : r.decoded,
        transferredBytes: r.encoded ?? 0,
        br11Bytes: body && COMPRESSIBLE.has(type) ? brotli11(body) : null,
        failed: r.failed,
        unfinished: !r.done,
      };
      (before(r) ? resources : later).push(item);
    }
    // Give the service worker a moment to fill its cache, for the report.
    await page.waitForSelector('html[data-sw-ready="1"]', { state: 'attached', timeout: 5_000 }).catch(() => {});
    let swBytes = 0;
    for (const req of swRequests) {
      const sizes = await req.sizes().catch(() => null);
      if (sizes) swBytes += sizes.responseBodySize + sizes.responseHeadersSize;
    }
    const byType = {};
    for (const t of TYPES) {
      const rs = resources.filter((r) => r.type === t);
      byType[t] = {
        count: rs.length,
        rawBytes: rs.reduce((a, r) => a + r.rawBytes, 0),
        transferredBytes: rs.reduce((a, r) => a + r.transferredBytes, 0),
      };
    }
    return {
      url,
      status: response ? response.status() : null,
      readyMs: timings.readyMs ?? null,
      fcpMs: timings.fcpMs ?? null,
      resources,
      later,
      byType,
      totalTransferredBytes: resources.reduce((a, r) => a + r.transferredBytes, 0),
      totalRawBytes: resources.reduce((a, r) => a + r.rawBytes, 0),
      laterTransferredBytes: later.reduce((a, r) => a + r.transferredBytes, 0),
      serviceWorkerFetches: swRequests.length,
      serviceWorkerBytes: swBytes,
    };
  } finally {
    await context.close();
  }
}

/** The measurement as text: every file, the breakdown by type, what came later. */
export function describeFirstLoad(m, title, budget = null) {
  const lines = [`== ${title}: ${m.url} (HTTP ${m.status}, interactive at ${fmtMs(m.readyMs)}, FCP ${fmtMs(m.fcpMs)}) ==`];
  lines.push(
    table(
      ['type', 'file', 'encoding', 'raw', 'transferred', 'brotli 11'],
      m.resources.map((r) => [
        r.type,
        r.path + (r.failed ? ' (FAILED)' : ''),
        r.encoding,
        fmtBytes(r.rawBytes),
        fmtBytes(r.transferredBytes),
        fmtBytes(r.br11Bytes),
      ]),
      [3, 4, 5],
    ),
  );
  lines.push('');
  const rows = TYPES.filter((t) => m.byType[t].count).map((t) => [
    t,
    m.byType[t].count,
    fmtBytes(m.byType[t].rawBytes),
    fmtBytes(m.byType[t].transferredBytes),
  ]);
  rows.push(['TOTAL', m.resources.length, fmtBytes(m.totalRawBytes), fmtBytes(m.totalTransferredBytes)]);
  lines.push(table(['group', 'files', 'raw', 'transferred'], rows, [1, 2, 3]));
  if (m.later.length) {
    lines.push(
      `after it was interactive (not counted): ${m.later.length} request(s), ${fmtBytes(m.laterTransferredBytes)} — ` +
        m.later.map((r) => `${r.path} ${fmtBytes(r.transferredBytes)}`).join(', '),
    );
  }
  if (m.serviceWorkerFetches) {
    lines.push(
      `then the service worker fetched ${m.serviceWorkerFetches} file(s) for offline use, ${fmtBytes(m.serviceWorkerBytes)} ` +
        `(partly from the HTTP cache; not counted)`,
    );
  }
  if (budget !== null) {
    const verdict = m.totalTransferredBytes <= budget ? 'PASS' : 'OVER';
    lines.push(
      `first load ${fmtBytes(m.totalTransferredBytes)} (${m.totalTransferredBytes} B) against the budget of ` +
        `${fmtBytes(budget)} (${budget} B): ${verdict}`,
    );
  }
  return lines.join('\n');
}
