import type { BrowserContext, Page, Worker } from 'playwright-core';

export const EXTENSION_DIR: string;
export function launchWithExtension(options?: {
  headless?: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number };
  /** extra Chromium flags, added after the defaults */
  args?: string[];
}): Promise<{
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  tabIdOf(url: string): Promise<number>;
  close(): Promise<void>;
}>;
export function highlightsOf(page: Page, options?: { atLeast?: number; timeout?: number }): Promise<Record<string, string[]>>;
/** A page's highlights once they stop changing (a worker just started adds to its first answer). */
export function settledHighlightsOf(page: Page, options?: { atLeast?: number; timeout?: number; quiet?: number }): Promise<Record<string, string[]>>;
export function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void>;
export function pointAtHighlight(page: Page, name: string): Promise<void>;
