import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../demo/serve.mjs';
import { highlightsOf, launchWithExtension, pointAtHighlight } from '../../scripts/launch-extension.mjs';
import { DEMO_PAGES, demoPack, expectedHighlights, wordsOf } from './demo-expectations';

/**
 * The reader flow in the built extension, in Chromium: the demo pages are highlighted under the
 * right verdicts, the card and popup show the right sources, the page DOM is left alone, text
 * added later is highlighted, and pausing a site clears it.
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

async function tabIdOf(page: Page): Promise<number> {
  const id = await browser.tabIdOf(page.url());
  if (id < 0) throw new Error(`no tab for ${page.url()}`);
  return id;
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.popup-head').waitFor();
  return popup;
}

/**
 * Records, in the page's own world, every DOM mutation after the parser finished (content scripts
 * run at document_idle, after DOMContentLoaded), and a snapshot of the DOM at that moment.
 */
const recordMutations = (page: Page) =>
  page.addInitScript(() => {
    const log: string[] = [];
    const state = window as unknown as { __mutations: string[]; __snapshot: string };
    state.__mutations = log;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const node = r.type === 'childList' ? [...r.addedNodes, ...r.removedNodes][0] : r.target;
        if (node && (node as Element).tagName === 'CROSSCHECK-UI') continue;
        if (node && node.parentElement?.closest('crosscheck-ui')) continue;
        log.push(`${r.type} ${(r.target as Element).nodeName}`);
      }
    });
    document.addEventListener('DOMContentLoaded', () => {
      state.__snapshot = document.documentElement.outerHTML;
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });

describe.each(DEMO_PAGES)('demo page $path', ({ path, seed }) => {
  const expected = expectedHighlights(seed);

  it('highlights every claim passage of the article under its verdict, and nothing else', async () => {
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const page = await browser.context.newPage();
    await page.goto(server.origin + path);
    const highlights = await highlightsOf(page, { atLeast: new Set(expected.map((e) => e.phrasing)).size });
    for (const { verdict, phrasing } of expected) {
      const ranges = highlights[`crosscheck-${verdict}`] ?? [];
      expect(ranges.some((text) => wordsOf(text).includes(wordsOf(phrasing))), `${verdict}: ${phrasing}`).toBe(true);
    }
    for (const [name, ranges] of Object.entries(highlights))
      for (const text of ranges)
        expect(
          expected.some((e) => `crosscheck-${e.verdict}` === name && wordsOf(text).includes(wordsOf(e.phrasing))),
          `unexpected ${name}: ${text}`,
        ).toBe(true);
    // The copies in hidden elements, noscript, script and form fields are not highlighted.
    const inHidden = await page.evaluate(() =>
      [...CSS.highlights].flatMap(([, h]) => [...h]).filter((r) => {
        const el = r.startContainer.parentElement!;
        return !!el.closest('[hidden], noscript, script, style, textarea, form, [style*="display:none"]');
      }).length,
    );
    expect(inHidden).toBe(0);
    await page.close();
  });

  it('leaves the page DOM untouched', async () => {
    const page = await browser.context.newPage();
    await recordMutations(page);
    await page.goto(server.origin + path);
    await highlightsOf(page);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __mutations: string[]; __snapshot: string };
      return { mutations: w.__mutations, same: w.__snapshot === document.documentElement.outerHTML };
    });
    expect(state.mutations).toEqual([]);
    expect(state.same).toBe(true);
    // Nor on its performance timeline: the benchmark's marks exist in bench builds only.
    expect(await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('crosscheck:')).length)).toBe(0);
    expect(await page.locator('crosscheck-ui').count()).toBe(0);
    await page.close();
  });
});

describe('card', () => {
  it('pointing at a highlighted passage shows the claim, its verdict and its sources by stance', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[1].path);
    await highlightsOf(page);
    const claim = demoPack.claims.find((c) => c.phrasings.some((p) => p.includes('vow never to surrender')))!;
    await pointAtHighlight(page, 'crosscheck-misleading');
    const card = page.locator('crosscheck-ui [role=dialog]');
    await card.waitFor();
    await expect.poll(() => card.locator('.cc-statement').allTextContents()).toContain(claim.statement);
    await expect.poll(() => card.locator('.cc-verdict').first().textContent()).toContain('Misleading');
    const titles = (stance: string) => card.locator(`[data-stance=${stance}] .cc-source-title`).allTextContents();
    const sourceTitle = (stance: string) =>
      claim.evidence.filter((e) => e.stance === stance).map((e) => demoPack.sources.find((s) => s.id === e.source)!.title);
    expect(await titles('supports')).toEqual(sourceTitle('supports'));
    expect(await titles('contradicts')).toEqual(sourceTitle('contradicts'));
    expect(await card.locator('.cc-quote').allTextContents()).toEqual(
      expect.arrayContaining(claim.evidence.map((e) => e.quote)),
    );
    const href = await card.locator('[data-stance=contradicts] a').first().getAttribute('href');
    expect(href).toMatch(/^http:\/\/127\.0\.0\.1:4317\/articles\/.*#:~:text=/);

    // Moving away closes it.
    await page.mouse.move(5, 5);
    await expect.poll(() => card.count(), { timeout: 3000 }).toBe(0);
    await page.close();
  });

  it('the keyboard command steps to the next passage and focuses its card', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    await highlightsOf(page);
    const worker = await browser.worker();
    const tabId = await tabIdOf(page);
    await worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'background/focus-next' }), tabId);
    const card = page.locator('crosscheck-ui [role=dialog]');
    await card.waitFor();
    expect(await page.evaluate(() => document.querySelector('crosscheck-ui')!.shadowRoot!.activeElement?.getAttribute('role'))).toBe('dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    await page.close();
  });
});

describe('popup', () => {
  it('lists the tab’s claims by verdict with corroborating and contradicting sources, and badges the count', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    const highlights = await highlightsOf(page);
    const tabId = await tabIdOf(page);
    const expectedClaims = new Set(expectedHighlights(DEMO_PAGES[0].seed).map((e) => e.claim));
    const popup = await openPopup(tabId);
    await expect.poll(() => popup.locator('.claim-entry').count()).toBe(expectedClaims.size);
    for (const verdict of Object.keys(highlights).map((name) => name.replace('crosscheck-', '')))
      expect(await popup.locator(`.verdict-group[data-verdict="${verdict}"]`).count()).toBe(1);

    const claim = demoPack.claims.find((c) => c.id === [...expectedClaims].find((id) => demoPack.claims.find((x) => x.id === id)!.evidence.length >= 2))!;
    const entry = popup.locator(`.claim-entry[data-claim="crosscheck-demo/${claim.id}"]`);
    await entry.locator('summary').click();
    for (const evidence of claim.evidence) {
      const source = demoPack.sources.find((s) => s.id === evidence.source)!;
      const group = entry.locator(`[data-stance=${evidence.stance}]`);
      await expect.poll(() => group.locator('.cc-source-title').allTextContents()).toContain(source.title);
      expect(await group.locator('.cc-publisher').allTextContents()).toContain(source.publisher);
      expect(await group.locator('.cc-date').allTextContents()).toContain(` · ${source.date}`);
      expect(await group.locator('.cc-quote').allTextContents()).toContain(evidence.quote);
      const hrefs = await group.locator('.cc-source-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.some((h) => h!.startsWith(source.url + '#:~:text='))).toBe(true);
    }
    const worker = await browser.worker();
    expect(await worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(expectedClaims.size));
    await popup.close();
    await page.close();
  });
});

describe('page changes', () => {
  it('highlights a paragraph the page adds later', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[0].path);
    await highlightsOf(page);
    const before = (await highlightsOf(page))['crosscheck-true']?.length ?? 0;
    await page.click('#load-related');
    await page.waitForFunction((n) => (CSS.highlights.get('crosscheck-true')?.size ?? 0) > n, before);
    const texts = (await highlightsOf(page))['crosscheck-true']!;
    expect(texts.some((t) => t.startsWith('Moscow officially confirmed their participation'))).toBe(true);
    const inRelated = await page.evaluate(() =>
      [...CSS.highlights.get('crosscheck-true')!].some((r) => !!(r as Range).startContainer.parentElement!.closest('.related')),
    );
    expect(inRelated).toBe(true);
    await page.close();
  });

  it('pausing a site clears its highlights and badge at once, and resuming brings them back', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.origin + DEMO_PAGES[1].path);
    await highlightsOf(page);
    const tabId = await tabIdOf(page);
    const popup = await openPopup(tabId);
    const toggle = popup.getByRole('switch');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await page.waitForFunction(() => [...CSS.highlights.keys()].every((k) => !k.startsWith('crosscheck-') || CSS.highlights.get(k)!.size === 0));
    const worker = await browser.worker();
    await expect.poll(() => worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
    await expect.poll(() => popup.locator('.status').textContent()).toContain('paused');

    // Still paused after a reload: nothing is read or highlighted.
    await page.reload();
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('crosscheck-')).length)).toBe(0);

    await popup.getByRole('switch').click();
    await highlightsOf(page);
    await popup.close();
    await page.close();
  });
});
