// The volunteer's first load is a budget, and the budget is a test: every byte a fresh
// phone transfers from navigation until the diary is interactive, compressed as the
// server sends it, measured in Chromium, must stay within 250 KB. Bytes are
// deterministic, so this fails CI the day a change makes the phone download too much.
// The coordinator's first load is reported beside it, with no limit.

import { test, expect } from '@playwright/test';
import { BUDGET_BYTES, describeFirstLoad, measureFirstLoad } from '../first-load.mjs';

const BASE = process.env.NAAST_URL ?? 'http://127.0.0.1:3000';

test("the volunteer's first load stays within 250 KB", async ({ browser }) => {
  const m = await measureFirstLoad(browser, `${BASE}/`);
  console.log(describeFirstLoad(m, "Volunteer's first load", BUDGET_BYTES));
  expect(m.status).toBe(200);
  for (const type of ['HTML', 'JS', 'WASM', 'CSS']) {
    expect(m.byType[type].count, `${type} files in the first load`).toBeGreaterThan(0);
  }
  expect(m.resources.filter((r) => r.failed), 'failed requests').toEqual([]);
  expect(m.resources.filter((r) => r.path.includes('desk')), 'workspace files').toEqual([]);
  expect(m.totalTransferredBytes, 'bytes until the diary is interactive').toBeLessThanOrEqual(BUDGET_BYTES);
});

test("the coordinator's first load is reported", async ({ browser }) => {
  const m = await measureFirstLoad(browser, `${BASE}/desk`);
  console.log(describeFirstLoad(m, "Coordinator's first load (no limit)"));
  expect(m.status).toBe(200);
  expect(m.resources.some((r) => r.path.startsWith('/desk-pkg/naast-desk') && r.type === 'WASM')).toBe(true);
});
