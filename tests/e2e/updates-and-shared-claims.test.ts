import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../demo/serve.mjs';
import { highlightsOf, launchWithExtension, pointAtHighlight } from '../../scripts/launch-extension.mjs';
import { DEMO_PAGES, demoPack } from './demo-expectations';

/**
 * Two things that happen to a reader after day one: a second pack checks a claim the first one
 * has, and the extension is updated while pages are open.
 */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let server: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const tabIdOf = (url: string) => browser.tabIdOf(url);

describe('a claim in two packs', () => {
  it('is listed once, with each publisher’s verdict, in the popup and the card', async () => {
    const demoClaim = demoPack.claims.find((c) => c.phrasings.some((p) => p.includes('3,000 deaths')))!;
    const second = {
      format: 'crosscheck-pack',
      formatVersion: 1,
      id: 'second-desk',
      name: 'Second desk checks',
      publisher: 'Second Desk',
      version: 1,
      published: '2026-11',
      license: 'CC0',
      sources: [{ id: 's', url: 'https://example.org/casualties', title: 'Casualty estimates', publisher: 'Example' }],
      claims: [
        {
          id: 'deaths',
          statement: demoClaim.statement,
          phrasings: demoClaim.phrasings,
          verdict: 'mostly-false',
          evidence: [{ source: 's', stance: 'contradicts', quote: 'Estimates vary widely.' }],
        },
      ],
    };
    const file = join(mkdtempSync(join(tmpdir(), 'crosscheck-')), 'second.json');
    writeFileSync(file, JSON.stringify(second));
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => options.getByRole('status').first().textContent()).toContain('Installed');

    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    const highlights = await highlightsOf(page);
    expect(highlights['crosscheck-mostly-false']).toBeDefined();

    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(page.url())}`);
    const entry = popup.locator(`.claim-entry[data-claim="crosscheck-demo/${demoClaim.id}"]`);
    await entry.waitFor();
    expect(await entry.locator('summary').textContent()).toContain('rated by 2 publishers');
    expect(await popup.locator(`.claim-entry[data-claim="second-desk/deaths"]`).count()).toBe(0);
    await entry.locator('summary').click();
    const verdicts = await entry.locator('.cc-publisher-verdicts li').allTextContents();
    expect(verdicts).toEqual(expect.arrayContaining([expect.stringContaining(demoPack.publisher), expect.stringContaining('Second Desk')]));

    // The card over the passage shows both verdicts too.
    await pointAtHighlight(page, 'crosscheck-mostly-false');
    const card = page.locator('crosscheck-ui [role=dialog]');
    await card.waitFor();
    expect(await card.locator('.cc-publisher-verdicts li').count()).toBe(2);
    await Promise.all([popup.close(), page.close(), options.close()]);
  });
});

describe('a second copy of the content script in a page (what an update injects)', () => {
  // chrome.runtime.reload() unloads an extension loaded from the command line instead of
  // reloading it, so the update is played by its effect: the background's injectIntoOpenTabs runs
  // scripting.executeScript with our content script in every open tab.
  it('takes over from the old one: the same highlights, once, and one card', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[1].path);
    const before = await highlightsOf(page);
    const tabId = await tabIdOf(page.url());
    const worker = await browser.worker();
    await worker.evaluate(async (id) => {
      const [entry] = chrome.runtime.getManifest().content_scripts!;
      await chrome.scripting.executeScript({ target: { tabId: id }, files: entry!.js as never[] });
    }, tabId);
    await page.waitForTimeout(1000);
    expect(await highlightsOf(page)).toEqual(before);
    // The copy now running is connected: the install-time injection would leave this page alone
    // rather than take its highlights down and paint them again.
    expect(await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'background/ping' }, { frameId: 0 }), tabId)).toBe(true);

    await pointAtHighlight(page, 'crosscheck-true');
    await page.locator('crosscheck-ui [role=dialog]').waitFor();
    expect(await page.locator('crosscheck-ui').count()).toBe(1);

    // Text added now is highlighted once, by the new copy alone.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Update: Moscow officially confirmed their participation only in the spring of 2025.';
      document.querySelector('#article-body')!.append(p);
    });
    await page.waitForFunction((n) => (CSS.highlights.get('crosscheck-true')?.size ?? 0) > n, before['crosscheck-true']!.length);
    await page.waitForTimeout(500);
    expect((await highlightsOf(page))['crosscheck-true']).toHaveLength(before['crosscheck-true']!.length + 1);
    await page.close();
  });
});
