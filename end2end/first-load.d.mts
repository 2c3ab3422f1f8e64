// Types for first-load.mjs (shared by tests/budget.spec.ts and bench/first-load.mjs).
import type { Browser, BrowserContextOptions } from '@playwright/test';

export interface LoadedFile {
  type: 'HTML' | 'JS' | 'WASM' | 'CSS' | 'other';
  path: string;
  status: number | null;
  encoding: string | null;
  rawBytes: number;
  transferredBytes: number;
  br11Bytes: number | null;
  failed: boolean;
  unfinished: boolean;
}

export interface FirstLoad {
  url: string;
  status: number | null;
  readyMs: number | null;
  fcpMs: number | null;
  resources: LoadedFile[];
  later: LoadedFile[];
  byType: Record<string, { count: number; rawBytes: number; transferredBytes: number }>;
  totalTransferredBytes: number;
  totalRawBytes: number;
  laterTransferredBytes: number;
  serviceWorkerFetches: number;
  serviceWorkerBytes: number;
}

export declare const BUDGET_BYTES: number;
export declare const READY_PROBE: string;
export declare function fmtBytes(n: number | null | undefined): string;
export declare function fmtMs(n: number | null | undefined): string;
export declare function table(headers: string[], rows: unknown[][], alignRight?: number[]): string;
export declare function measureFirstLoad(
  browser: Browser,
  url: string,
  contextOptions?: BrowserContextOptions,
): Promise<FirstLoad>;
export declare function describeFirstLoad(m: FirstLoad, title: string, budget?: number | null): string;
