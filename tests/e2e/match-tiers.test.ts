import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightsOf, launchWithExtension } from '../../scripts/launch-extension.mjs';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText, type ClaimMatch } from '../../src/matching/match-text';
import { BLOCK_BREAK } from '../../src/matching/tokenize';
import { demoPack } from './demo-expectations';
import { startRouteServer, type Handler } from './route-server';

/**
 * The matcher's tiers as a reader meets them in the built extension: a sentence that states a
 * known claim with other figures, and one that may state a claim in looser words, are not
 * highlighted on the page; the popup lists them under "Numbers differ" and "Possible matches",
 * after the page's highlighted claims, with the figures, the sentence, why, and the sources.
 */

// One claim per tier, each in its own paragraph (a paragraph is a block: no match spans two).
const FIGURES = 'The North Korean troops have suffered heavy casualties, with Ukraine reporting at least 300 deaths.';
const LOOSE = 'Soldiers from North Korea were reportedly told they would face American troops.';
const CONFIRMED = 'Estimates place their numbers between 10,000 and 12,000.';
const TITLE = 'North Korean troops in the Kursk region';
const PARAGRAPHS = [
  'Ukraine’s intelligence service has published new figures on the war in the Kursk region.',
  FIGURES,
  LOOSE,
  CONFIRMED,
];

const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Match tiers</title></head>
<body><article>
<h1>${TITLE}</h1>
${PARAGRAPHS.map((text, i) => `<p id="p${i}">${text}</p>`).join('\n')}
</article></body></html>`;

const page: Handler = (_req, res) => {
  const body = Buffer.from(html);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
};

/** What the matcher says about the page text, read as the content script reads it (blocks apart). */
function matchesOnPage(): ClaimMatch[] {
  const { snapshot } = buildClaimIndex(
    demoPack.claims.map((c) => ({ key: `${demoPack.id}/${c.id}`, phrasings: c.phrasings, statement: c.statement })),
  );
  return matchText([snapshot], [TITLE, ...PARAGRAPHS].join(BLOCK_BREAK));
}
const claimOf = (key: string) => demoPack.claims.find((c) => `${demoPack.id}/${c.id}` === key)!;

let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let host: Awaited<ReturnType<typeof startRouteServer>>;

beforeAll(async () => {
  host = await startRouteServer(new Map([['/tiers.html', page]]));
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

/**
 * The popup for a tab, reopened until `ready` holds: the background works out the notices' sentences
 * after it has answered the page, so the first look can come a moment early.
 */
async function openPopupUntil(tabId: number, ready: (popup: Page) => Promise<boolean>): Promise<Page> {
  const popup = await browser.context.newPage();
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  await expect
    .poll(async () => {
      await popup.goto(url);
      await popup.locator('.popup-head').waitFor();
      await popup.locator('.status').first().waitFor();
      return ready(popup);
    }, { timeout: 10_000, interval: 300 })
    .toBe(true);
  return popup;
}

describe('match tiers', () => {
  const matches = matchesOnPage();
  const figures = matches.find((m) => m.tier === 'numbers-differ')!;
  const loose = matches.find((m) => m.tier === 'possible')!;
  const confirmed = matches.find((m) => m.tier === 'confirmed')!;

  it('the page text comes out of the matcher with one claim in each tier', () => {
    expect(matches.map((m) => m.tier).sort()).toEqual(['confirmed', 'numbers-differ', 'possible']);
    expect(figures.claimKey).toBe(`${demoPack.id}/ukraine-3000-nk-deaths`);
    expect(figures.why.pageFigures).toEqual(['300']);
    expect(loose.claimKey).toBe(`${demoPack.id}/nk-troops-told-fighting-americans`);
    expect(confirmed.claimKey).toBe(`${demoPack.id}/nk-troops-10k-12k-2024`);
  });

  it('highlights only the confirmed claim, and the popup lists the figures that differ and the possible match, with why', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`${host.origin}/tiers.html`);
    await highlightsOf(tab);
    // Let a late second pass show itself before reading what is highlighted.
    await tab.waitForTimeout(500);

    // On the page: the confirmed sentence is highlighted; the other two are not touched by any range.
    const covered = await tab.evaluate(() => {
      const ranges = [...CSS.highlights].filter(([name]) => name.startsWith('crosscheck-')).flatMap(([, h]) => [...h] as Range[]);
      return [...document.querySelectorAll('article p')].map((p) => ranges.some((r) => r.intersectsNode(p.firstChild!)));
    });
    expect(covered).toEqual([false, false, false, true]);

    const tabId = await browser.tabIdOf(tab.url());
    expect(tabId).toBeGreaterThanOrEqual(0);
    const popup = await openPopupUntil(
      tabId,
      async (p) => (await p.locator('.notice[data-tier="numbers-differ"]').count()) === 1 && (await p.locator('.notice[data-tier="possible"]').count()) === 1,
    );

    // Order: the highlighted claims, then "Numbers differ", then "Possible matches", each with a count.
    const sections = await popup.locator('.verdict-group, .notices').evaluateAll((els) =>
      els.map((el) => (el.classList.contains('notices') ? el.querySelector('h2')!.textContent : `claims:${el.getAttribute('data-verdict')}`)),
    );
    expect(sections).toEqual(['claims:true', 'Numbers differ (1)', 'Possible matches (1)']);
    expect(await popup.locator('.claim-entry').count()).toBe(1);
    expect(await popup.locator('.claim-entry').getAttribute('data-claim')).toBe(confirmed.claimKey);

    // "Numbers differ": both figures, the page's sentence, the claim wording, the claim's sources.
    const figuresClaim = claimOf(figures.claimKey);
    const differ = popup.locator('.notice[data-tier="numbers-differ"]');
    expect(await differ.getAttribute('data-claim')).toBe(figures.claimKey);
    const figuresLine = (await differ.locator('.notice-figures').textContent())!;
    expect(figuresLine).toContain('Numbers differ');
    expect(figuresLine).toContain('This page: 300');
    expect(figuresLine).toContain('The claim: 3,000');
    expect(await differ.locator('.notice-quote').textContent()).toBe(FIGURES);
    expect(await differ.locator('.notice-wording').textContent()).toBe(figuresClaim.phrasings[figures.why.formSlot - 1] ?? figuresClaim.statement);
    expect(await differ.locator('.claim-title').textContent()).toBe(figuresClaim.statement);
    expect(await differ.locator('.cc-verdict').first().textContent()).toContain('Unverified');
    expect(await differ.locator('.notice-figures').isVisible()).toBe(true);

    // The sources open from the keyboard, grouped by stance as a claim's sources are.
    const summary = differ.locator('.notice-more > summary');
    await summary.focus();
    await popup.keyboard.press('Enter');
    for (const evidence of figuresClaim.evidence) {
      const source = demoPack.sources.find((s) => s.id === evidence.source)!;
      const group = differ.locator(`[data-stance=${evidence.stance}]`);
      await expect.poll(() => group.locator('.cc-source-title').allTextContents()).toContain(source.title);
      expect(await group.locator('.cc-source-title').first().isVisible()).toBe(true);
      expect(await group.locator('.cc-publisher').allTextContents()).toContain(source.publisher);
      const hrefs = await group.locator('.cc-source-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(hrefs.some((h) => h!.startsWith(source.url + '#:~:text='))).toBe(true);
    }

    // "Possible matches": the claim and its verdict, the sentence, and why it was considered.
    const looseClaim = claimOf(loose.claimKey);
    const possible = popup.locator('.notice[data-tier="possible"]');
    expect(await possible.getAttribute('data-claim')).toBe(loose.claimKey);
    expect(await possible.locator('.claim-title').textContent()).toBe(looseClaim.statement);
    expect(await possible.locator('.cc-verdict').first().textContent()).toContain('Unverified');
    expect(await possible.locator('.notice-quote').textContent()).toBe(LOOSE);
    expect(await possible.locator('.notice-score').textContent()).toBe(`Shares ${Math.round(loose.score * 100)}% of the claim’s key words`);
    expect(await possible.locator('.notice-terms li').allTextContents()).toEqual(loose.why.shared);
    expect(loose.why.notes.length).toBeGreaterThan(0);
    expect(await possible.locator('.notice-notes li').allTextContents()).toEqual(loose.why.notes);

    await popup.close();
    await tab.close();
  });
});
