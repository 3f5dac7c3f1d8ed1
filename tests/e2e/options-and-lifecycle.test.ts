import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../demo/serve.mjs';
import { highlightsOf, launchWithExtension, stopServiceWorker } from '../../scripts/launch-extension.mjs';
import { DEMO_PAGES, demoPack } from './demo-expectations';

/**
 * The options page (import, errors, search) and what must survive the MV3 lifecycle: a stopped
 * service worker and client-side navigation.
 */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let server: Awaited<ReturnType<typeof startDemoServer>>;
const files = mkdtempSync(join(tmpdir(), 'crosscheck-packs-'));

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const TEST_PHRASE = 'The harbour bridge will close for repairs every Sunday in March';
const testPack = (version: number) => ({
  format: 'crosscheck-pack',
  formatVersion: 1,
  id: 'e2e-local-desk',
  name: 'Local desk checks',
  publisher: 'E2E desk',
  version,
  published: '2026-11',
  license: 'CC0',
  sources: [{ id: 's1', url: 'https://example.org/notice', title: 'Council notice', publisher: 'City council' }],
  claims: [
    {
      id: 'bridge',
      statement: 'The harbour bridge closes every Sunday in March.',
      phrasings: [TEST_PHRASE],
      verdict: 'mostly-false',
      evidence: [{ source: 's1', stance: 'contradicts', quote: 'Closures are limited to two Sundays.' }],
    },
  ],
});

function packFile(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('table.packs').waitFor();
  return options;
}

const claimCounts = (options: Page) =>
  options.locator('table.packs tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-pack'), r.querySelector('.claim-count')!.textContent])),
  );

describe('options page', () => {
  it('lists the built-in pack with its claim count', async () => {
    const options = await openOptions();
    expect(await claimCounts(options)).toEqual({ [demoPack.id]: String(demoPack.claims.length) });
    await options.close();
  });

  it('refuses invalid files with a message naming the problem and changes nothing', async () => {
    const options = await openOptions();
    const input = options.locator('input[type=file]');
    const cases: Array<[string, string, RegExp]> = [
      ['broken.json', '{"format": "crosscheck-pack", ', /not valid JSON/],
      ['other.json', JSON.stringify({ hello: 'world' }), /not a Crosscheck pack/],
      [
        'bad-url.json',
        JSON.stringify({ ...testPack(1), sources: [{ ...testPack(1).sources[0], url: 'javascript:alert(1)' }] }),
        /sources\[0\]\.url: an absolute http\(s\) URL/,
      ],
      ['bad-verdict.json', JSON.stringify({ ...testPack(1), claims: [{ ...testPack(1).claims[0], verdict: 'pants' }] }), /claims\[0\]\.verdict/],
    ];
    for (const [name, content, message] of cases) {
      await input.setInputFiles(packFile(name, content));
      const alert = options.getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(message);
      expect(await alert.textContent()).toContain(name);
    }
    await options.reload();
    await options.locator('table.packs').waitFor();
    expect(await claimCounts(options)).toEqual({ [demoPack.id]: String(demoPack.claims.length) });
    await options.close();
  });

  it('imports a pack, and open pages are highlighted with its claims at once', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    await highlightsOf(page);
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = `Also today: ${text}, the council said.`;
      document.querySelector('#article-body')!.append(p);
    }, TEST_PHRASE);
    await page.waitForTimeout(500);
    expect((await highlightsOf(page))['crosscheck-mostly-false']).toBeUndefined();

    const options = await openOptions();
    await options.locator('input[type=file]').setInputFiles(packFile('local.json', JSON.stringify(testPack(2))));
    await expect.poll(() => options.getByRole('status').first().textContent()).toContain('Installed “Local desk checks” version 2: 1 claims');
    expect(await claimCounts(options)).toEqual({ [demoPack.id]: String(demoPack.claims.length), 'e2e-local-desk': '1' });

    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-mostly-false')?.size ?? 0) === 1);
    expect((await highlightsOf(page))['crosscheck-mostly-false']).toEqual([TEST_PHRASE]);

    // An older version is refused and the installed one stays.
    await options.locator('input[type=file]').setInputFiles(packFile('old.json', JSON.stringify(testPack(1))));
    await expect.poll(() => options.getByRole('alert').textContent()).toContain('older than the installed version 2');
    expect(await claimCounts(options)).toEqual({ [demoPack.id]: String(demoPack.claims.length), 'e2e-local-desk': '1' });

    // The claim list searches every pack.
    await options.getByRole('searchbox', { name: 'Search claims' }).fill('harbour bridge');
    await expect.poll(() => options.locator('.claim-results > li').count()).toBe(1);
    await options.getByRole('searchbox', { name: 'Search claims' }).fill('kursk');
    await expect.poll(() => options.locator('.claim-results > li').count()).toBe(
      demoPack.claims.filter((c) => [c.statement, ...c.phrasings, ...c.tags].join(' ').toLowerCase().includes('kursk')).length,
    );
    await options.close();
    await page.close();
  });
});

describe('lifecycle', () => {
  it('after the service worker is stopped, pages are still highlighted and the popup still knows open tabs', async () => {
    const first = await browser.context.newPage();
    await first.goto(server.origin + DEMO_PAGES[1].path);
    const before = await highlightsOf(first);
    const tabId = await browser.tabIdOf(first.url());

    await stopServiceWorker(browser.context, browser.extensionId);

    // Cold start: a new page wakes the worker, which loads the persisted index (the exact half
    // first, the rest after the page has its first highlights).
    const second = await browser.context.newPage();
    await second.goto(server.origin + DEMO_PAGES[1].path);
    await expect.poll(() => highlightsOf(second)).toEqual(before);

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await expect.poll(() => popup.locator('.claim-entry').count()).toBeGreaterThan(0);
    await popup.close();
    await first.close();
    await second.close();
  });

  it('client-side navigation replaces the page’s highlights with the new content’s', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    await highlightsOf(page);
    await page.evaluate(() => {
      history.pushState({}, '', '/articles/another-story');
      document.querySelector('article h1')!.textContent = 'Another story';
      document.querySelector('#article-body')!.innerHTML =
        '<p>Officials said Kim Jong Un later hailed the soldiers’ involvement as a “sacred mission” last year.</p>';
    });
    await page.waitForFunction(() => {
      const all = [...CSS.highlights].filter(([n]) => n.startsWith('crosscheck-')).flatMap(([, h]) => [...h]);
      return all.length === 1 && all[0]!.toString().startsWith('Kim Jong Un later hailed');
    });
    const worker = await browser.worker();
    const tabId = await browser.tabIdOf(page.url());
    expect(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('1');
    await page.close();
  });
});
