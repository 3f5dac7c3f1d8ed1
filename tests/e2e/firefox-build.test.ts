import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../demo/serve.mjs';
import { DEMO_PAGES, expectedHighlights, wordsOf } from './demo-expectations';
import { firefoxPath, launchFirefox, type Firefox } from './firefox-bidi';

/**
 * The Firefox build (MV2) loads as an add-on in Firefox and highlights the demo page as Chromium
 * does. .ci/run installs Debian's firefox-esr; without any Firefox this suite says so and fails,
 * rather than passing silently.
 */
const executable = firefoxPath();
let firefox: Firefox;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  if (!executable) throw new Error('No Firefox found (set FIREFOX_PATH or apt-get install firefox-esr).');
  server = await startDemoServer({ port: 0 });
  firefox = await launchFirefox(executable);
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('Firefox build', () => {
  it('installs as an add-on and highlights the demo page under the same verdicts', async () => {
    const installed = await firefox.call<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: resolve('.output/firefox-mv2') },
    });
    expect(installed.extension).toBe('crosscheck@crosscheck.invalid');
    const tree = await firefox.call<{ contexts: { context: string }[] }>('browsingContext.getTree', {});
    const context = tree.contexts[0]!.context;
    await firefox.call('browsingContext.navigate', { context, url: server.origin + DEMO_PAGES[0].path, wait: 'complete' });

    const expected = expectedHighlights(DEMO_PAGES[0].seed);
    const read = async () => {
      const result = await firefox.call<{ result: { value: string } }>('script.evaluate', {
        expression:
          'JSON.stringify(Object.fromEntries([...CSS.highlights].map(([n, h]) => [n, [...h].map((r) => r.toString())])))',
        target: { context },
        awaitPromise: false,
      });
      return JSON.parse(result.result.value) as Record<string, string[]>;
    };
    await expect
      .poll(async () => Object.values(await read()).flat().length, { timeout: 20_000, interval: 250 })
      .toBeGreaterThanOrEqual(new Set(expected.map((e) => e.phrasing)).size);
    const highlights = await read();
    for (const { verdict, phrasing } of expected)
      expect((highlights[`crosscheck-${verdict}`] ?? []).some((t) => wordsOf(t).includes(wordsOf(phrasing))), phrasing).toBe(true);
  });
});
