// Types for env.mjs (shared by playwright.config.ts, tests/helpers.ts and bench/).
import type { BrowserContextOptions } from '@playwright/test';

export declare const BASE_URL: string;
export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: string[];
export declare const MOBILE_CONTEXT: BrowserContextOptions;
export declare const READY_SELECTOR: string;
export declare const SW_READY_SELECTOR: string;
