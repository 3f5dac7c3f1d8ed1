// Starts Chromium with the built extension loaded, for the demo and the end-to-end tests.
// Playwright drives the browser given to it (Debian's Chromium or CHROME_PATH); it never downloads one.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, INSTALL_HINT } from './find-chromium.mjs';

export const EXTENSION_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');

const QUIET_FLAGS = [
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-default-browser-check',
];

/**
 * @param {{ headless?: boolean, extensionDir?: string, viewport?: { width: number, height: number }, args?: string[] }} [options]
 *   `args`: extra Chromium flags, added after the defaults (the bench passes `--js-flags=--expose-gc`).
 */
export async function launchWithExtension(options = {}) {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first.`);
  const profile = mkdtempSync(join(tmpdir(), 'crosscheck-profile-'));
  const args = [...QUIET_FLAGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`];
  // Root cannot use Chromium's sandbox (CI and these machines run as root).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  args.push(...(options.args ?? []));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    args,
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    /** the current service worker (Chrome restarts it after ~30 s idle) */
    worker: async () => context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'),
    /** the id of the newest tab showing `url` (a page closed a moment ago can still be listed), or -1 */
    tabIdOf: async (url) => {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      return worker.evaluate(async (u) => Math.max(-1, ...(await chrome.tabs.query({ url: u })).map((t) => t.id ?? -1)), url);
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the content script has registered its highlights, and returns them by name. */
export async function highlightsOf(page, { atLeast = 1, timeout = 10_000 } = {}) {
  // Counted and read in one go: two separate calls could read between a teardown and a repaint.
  const handle = await page.waitForFunction(
    (n) => {
      const ours = [...CSS.highlights].filter(([name]) => name.startsWith('crosscheck-'));
      const count = ours.reduce((sum, [, highlight]) => sum + highlight.size, 0);
      return count >= n && Object.fromEntries(ours.map(([name, highlight]) => [name, [...highlight].map((range) => range.toString())]));
    },
    atLeast,
    { timeout },
  );
  return handle.jsonValue();
}

/**
 * A page's highlights once they stop changing: a worker just started paints the known phrasings
 * first and adds what other wordings find a moment later (docs/adr/0011).
 */
export async function settledHighlightsOf(page, { atLeast = 1, timeout = 10_000, quiet = 400 } = {}) {
  const until = Date.now() + timeout;
  let last = JSON.stringify(await highlightsOf(page, { atLeast, timeout }));
  for (;;) {
    await page.waitForTimeout(quiet);
    const now = JSON.stringify(await highlightsOf(page, { atLeast, timeout }));
    if (now === last || Date.now() > until) return JSON.parse(now);
    last = now;
  }
}

/**
 * Stops the extension's service worker the way Chrome does after ~30 s idle, through
 * chrome://serviceworker-internals (Playwright's worker handle outlives the worker, so the page's
 * own "Running Status" is what tells that it stopped).
 */
export async function stopServiceWorker(context, extensionId) {
  const page = await context.newPage();
  await page.goto('chrome://serviceworker-internals/');
  const registration = page.locator('.serviceworker-registration', { hasText: `chrome-extension://${extensionId}/` });
  await registration.getByRole('button', { name: 'Stop' }).first().click();
  await page.waitForFunction(() => /Running Status: STOPPED/.test(document.body.innerText));
  await page.close();
}

/** Scrolls the first passage of highlight `name` into view and rests the mouse on it. */
export async function pointAtHighlight(page, name) {
  const point = await page.evaluate((highlight) => {
    const range = [...CSS.highlights.get(highlight)][0];
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0];
    return { x: rect.left + Math.min(10, rect.width / 2), y: rect.top + rect.height / 2 };
  }, name);
  await page.mouse.move(point.x, point.y);
}
