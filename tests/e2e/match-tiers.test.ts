import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../demo/serve.mjs';
import { highlightsOf, launchWithExtension, stopServiceWorker } from '../../scripts/launch-extension.mjs';
import { buildClaimIndex, claimAtRank, hashTokens, phrasingsIn } from '../../src/matching/claim-index';
import { figuresIn, figuresNotIn } from '../../src/matching/figures-in';
import { matchText, type ClaimMatch } from '../../src/matching/match-text';
import { BLOCK_BREAK, tokenize } from '../../src/matching/tokenize';
import { VERDICT_LABELS } from '../../src/verdict/verdict-scale';
import { demoPack, wordsOf } from './demo-expectations';

/**
 * The matcher's tiers as a reader meets them in the built extension, on the demo's wire roundup
 * (demo/pages/articles/wire-roundup.html): it restates the built-in pack's claims in other words,
 * and gets two figures wrong on purpose. The sentences that state a claim are highlighted under
 * its verdict; those that state one with other figures, or may state one, are not highlighted but
 * listed in the popup under "Numbers differ" and "Possible matches", with the figures, the
 * sentence, why, and the sources; a sentence that denies a claim is neither. What to expect is
 * worked out from the page's own text by the matcher in Node, and the page is held to it.
 */
const ROUNDUP = '/articles/wire-roundup.html';

let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let server: Awaited<ReturnType<typeof startDemoServer>>;
let tab: Page;

const { snapshot } = buildClaimIndex(
  demoPack.claims.map((c) => ({ key: `${demoPack.id}/${c.id}`, phrasings: c.phrasings, statement: c.statement })),
);
const claimOf = (key: string) => demoPack.claims.find((c) => `${demoPack.id}/${c.id}` === key)!;
/** The claim wording a match was compared with, as the popup quotes it. */
const wordingOf = (m: ClaimMatch) => {
  const claim = claimOf(m.claimKey);
  return m.why.formSlot > 0 ? (claim.phrasings[m.why.formSlot - 1] ?? claim.statement) : claim.statement;
};

/** A match with the paragraph of the article body it stands in, and that paragraph's text. */
type Placed = ClaimMatch & { paragraph: number; sentence: string; passage: string };

/** The article's paragraphs as the page serves them, and what the matcher makes of them. */
let paragraphs: string[];
let placed: Placed[];
let confirmed: Placed[];
let figures: Placed[];
let possible: Placed[];
/** paragraphs that match nothing, and would match a claim without their "not" */
let negated: number[];

/**
 * The article as the content script reads it: each block apart (a paragraph is a block, and no
 * match spans two), headline and the demo note included.
 */
async function readArticle(page: Page) {
  const heading = (await page.locator('article h1').textContent())!;
  const blocks = await page.locator('#article-body > *').evaluateAll((els) =>
    els.map((el) => ({ tag: el.tagName, text: el.textContent!.replace(/\s+/g, ' ').trim() })),
  );
  const texts = [heading, ...blocks.map((b) => b.text)];
  const starts: number[] = [];
  let at = 0;
  for (const text of texts) {
    starts.push(at);
    at += text.length + BLOCK_BREAK.length;
  }
  // Body paragraphs only (the demo note is an aside): their index among `#article-body > p`.
  const paragraphOfBlock = new Map<number, number>();
  blocks.forEach((b, i) => b.tag === 'P' && paragraphOfBlock.set(i + 1, paragraphOfBlock.size));
  return { text: texts.join(BLOCK_BREAK), texts, starts, paragraphOfBlock };
}

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  browser = await launchWithExtension();
  tab = await browser.context.newPage();
  await tab.goto(server.origin + ROUNDUP);

  const article = await readArticle(tab);
  paragraphs = [...article.paragraphOfBlock.keys()].map((block) => article.texts[block]!);
  placed = matchText([snapshot], article.text).map((m) => {
    const block = article.starts.findLastIndex((s) => s <= m.start);
    const paragraph = article.paragraphOfBlock.get(block) ?? -1;
    return { ...m, paragraph, sentence: article.texts[block]!, passage: article.text.slice(m.start, m.end) };
  });
  confirmed = placed.filter((m) => m.tier === 'confirmed');
  figures = placed.filter((m) => m.tier === 'numbers-differ');
  possible = placed.filter((m) => m.tier === 'possible');
  negated = paragraphs.flatMap((text, i) =>
    !placed.some((m) => m.paragraph === i) && /\bnot\b/.test(text) && matchText([snapshot], text.replace(/\bnot\s+/, '')).length > 0 ? [i] : [],
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The popup for a tab, reopened until `ready` holds: the background works out the notices' sentences
 * after it has answered the page, so the first look can come a moment early.
 */
async function openPopupUntil(tabId: number, ready: (popup: Page) => Promise<boolean>): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 900 });
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

describe('match tiers on the wire roundup', () => {
  it('the page states claims in other words in every tier, one claim to a sentence, and denies one', () => {
    expect(confirmed.length).toBeGreaterThanOrEqual(4);
    expect(figures).toHaveLength(2);
    expect(possible.length).toBeGreaterThanOrEqual(1);
    expect(possible.length).toBeLessThanOrEqual(2);
    expect(negated).toHaveLength(1);
    // Every match is in a paragraph of the body, no two in one paragraph, no claim twice.
    expect(placed.every((m) => m.paragraph >= 0)).toBe(true);
    expect(new Set(placed.map((m) => m.paragraph)).size).toBe(placed.length);
    expect(new Set(placed.map((m) => m.claimKey)).size).toBe(placed.length);
    // In other words: no known phrasing of a claim stands in the page word for word.
    for (const m of placed)
      for (const phrasing of claimOf(m.claimKey).phrasings)
        expect(wordsOf(m.sentence).includes(wordsOf(phrasing)), `${m.sentence} / ${phrasing}`).toBe(false);
    // The figures that differ are the page's, and the claim gives others of the same kind.
    for (const m of figures) {
      expect(m.why.pageFigures.length).toBeGreaterThan(0);
      const claimFigures = figuresIn(wordingOf(m)).map((f) => f.text);
      expect(claimFigures.length).toBeGreaterThan(0);
      for (const figure of m.why.pageFigures) expect(claimFigures).not.toContain(figure);
      expect(figuresNotIn(wordingOf(m), m.sentence).length).toBeGreaterThan(0);
    }
    // The one deliberately wrong count and the one deliberately wrong date.
    expect(figures.map((m) => m.claimKey).sort()).toEqual(
      [`${demoPack.id}/moscow-confirmed-nk-troops-2025-spring`, `${demoPack.id}/ukraine-3000-nk-deaths`],
    );
  });

  it('highlights each confirmed sentence under its claim’s verdict, and no other sentence', async () => {
    await highlightsOf(tab, { atLeast: confirmed.length });
    // Let a late second pass show itself before reading what is highlighted.
    await tab.waitForTimeout(500);
    const seen = await tab.evaluate(() => {
      const ranges = [...CSS.highlights]
        .filter(([name]) => name.startsWith('crosscheck-'))
        .flatMap(([name, h]) => [...h].map((r) => ({ name, range: r as Range })));
      const ps = [...document.querySelectorAll('#article-body > p')];
      return {
        perParagraph: ps.map((p) =>
          ranges.filter(({ range }) => range.intersectsNode(p)).map(({ name, range }) => ({ name, text: range.toString() })),
        ),
        outside: ranges.filter(({ range }) => !ps.some((p) => p.contains(range.commonAncestorContainer))).map(({ range }) => range.toString()),
      };
    });
    expect(seen.perParagraph).toHaveLength(paragraphs.length);
    expect(seen.outside).toEqual([]);
    for (const m of confirmed) {
      const ranges = seen.perParagraph[m.paragraph]!;
      expect(ranges.map((r) => r.name), m.sentence).toEqual([`crosscheck-${claimOf(m.claimKey).verdict}`]);
      // The highlight covers the words the matcher found, within the sentence.
      expect(wordsOf(ranges[0]!.text).includes(wordsOf(m.passage)), `${ranges[0]!.text} / ${m.passage}`).toBe(true);
      expect(m.sentence.includes(ranges[0]!.text)).toBe(true);
    }
    const highlighted = new Set(confirmed.map((m) => m.paragraph));
    paragraphs.forEach((text, i) => {
      if (!highlighted.has(i)) expect(seen.perParagraph[i], text).toEqual([]);
    });
    // Spelled out: the sentences with other figures and the denial are not highlighted.
    for (const i of [...figures.map((m) => m.paragraph), ...negated]) expect(seen.perParagraph[i], paragraphs[i]).toEqual([]);
  });

  it('the popup lists the highlighted claims, then "Numbers differ" with both figures and the sources, then "Possible matches" with why', async () => {
    const tabId = await browser.tabIdOf(tab.url());
    expect(tabId).toBeGreaterThanOrEqual(0);
    const popup = await openPopupUntil(
      tabId,
      async (p) =>
        (await p.locator('.notice[data-tier="numbers-differ"]').count()) === figures.length &&
        (await p.locator('.notice[data-tier="possible"]').count()) === possible.length,
    );

    // Order: the highlighted claims by verdict, then "Numbers differ", then "Possible matches", each with a count.
    const sections = await popup.locator('.verdict-group, .notices').evaluateAll((els) =>
      els.map((el) => (el.classList.contains('notices') ? el.querySelector('h2')!.textContent : `claims:${el.getAttribute('data-verdict')}`)),
    );
    const verdicts = [...new Set(confirmed.map((m) => claimOf(m.claimKey).verdict))].map((v) => `claims:${v}`);
    expect(sections.slice(0, -2).sort()).toEqual(verdicts.sort());
    expect(sections.slice(-2)).toEqual([`Numbers differ (${figures.length})`, `Possible matches (${possible.length})`]);
    const entries = await popup.locator('.claim-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-claim')));
    expect(entries.sort()).toEqual(confirmed.map((m) => m.claimKey).sort());

    // Only the sentences with other figures and the possible ones are listed: not the denial.
    const quotes = await popup.locator('.notice .notice-quote').allTextContents();
    expect(quotes.sort()).toEqual([...figures, ...possible].map((m) => m.sentence).sort());
    for (const i of negated) expect(quotes).not.toContain(paragraphs[i]);

    // "Numbers differ": both figures, the page's sentence, the claim wording, the claim's sources.
    for (const m of figures) {
      const claim = claimOf(m.claimKey);
      const differ = popup.locator(`.notice[data-tier="numbers-differ"][data-claim="${m.claimKey}"]`);
      expect(await differ.count()).toBe(1);
      const figuresLine = (await differ.locator('.notice-figures').textContent())!;
      expect(figuresLine).toContain('Numbers differ');
      expect(await differ.locator('.notice-page-figures b').textContent()).toBe(m.why.pageFigures.join(', '));
      // The claim's side: its figures that the sentence does not state.
      expect(await differ.locator('.notice-claim-figures b').textContent()).toBe(figuresNotIn(wordingOf(m), m.sentence).join(', '));
      expect(await differ.locator('.notice-quote').textContent()).toBe(m.sentence);
      expect(await differ.locator('.notice-wording').textContent()).toBe(wordingOf(m));
      expect(await differ.locator('.claim-title').textContent()).toBe(claim.statement);
      expect(await differ.locator('.cc-verdict').first().textContent()).toContain(VERDICT_LABELS[claim.verdict]);
      expect(await differ.locator('.notice-figures').isVisible()).toBe(true);

      // The sources open from the keyboard, grouped by stance as a claim's sources are.
      await differ.locator('.notice-more > summary').focus();
      await popup.keyboard.press('Enter');
      for (const evidence of claim.evidence) {
        const source = demoPack.sources.find((s) => s.id === evidence.source)!;
        const group = differ.locator(`[data-stance=${evidence.stance}]`);
        await expect.poll(() => group.locator('.cc-source-title').allTextContents()).toContain(source.title);
        expect(await group.locator('.cc-source-title').first().isVisible()).toBe(true);
        expect(await group.locator('.cc-publisher').allTextContents()).toContain(source.publisher);
        expect(await group.locator('.cc-quote').allTextContents()).toContain(evidence.quote);
        const hrefs = await group.locator('.cc-source-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(hrefs.some((h) => h!.startsWith(source.url + '#:~:text='))).toBe(true);
      }
    }

    // "Possible matches": the claim and its verdict, the sentence, and why it was considered.
    for (const m of possible) {
      const claim = claimOf(m.claimKey);
      const item = popup.locator(`.notice[data-tier="possible"][data-claim="${m.claimKey}"]`);
      expect(await item.count()).toBe(1);
      expect(await item.locator('.claim-title').textContent()).toBe(claim.statement);
      expect(await item.locator('.cc-verdict').first().textContent()).toContain(VERDICT_LABELS[claim.verdict]);
      expect(await item.locator('.notice-quote').textContent()).toBe(m.sentence);
      expect(await item.locator('.notice-score').textContent()).toBe(`Shares ${Math.round(m.score * 100)}% of the claim’s key words`);
      expect(m.why.shared.length).toBeGreaterThan(0);
      expect(await item.locator('.notice-terms li').allTextContents()).toEqual(m.why.shared);
      expect(m.why.notes.length).toBeGreaterThan(0);
      expect(await item.locator('.notice-notes li').allTextContents()).toEqual(m.why.notes);
    }

    await popup.close();
  });

  it('a popup left open lists a possible match that text added to the page brings, without reopening', async () => {
    const loose = 'North Korea has supplied Russia with huge quantities of ammunition, packed in thousands of shipping containers.';
    expect(matchText([snapshot], loose).map((m) => m.tier)).toEqual(['possible']);
    const key = matchText([snapshot], loose)[0]!.claimKey;
    // (A claim the roundup already states would be highlighted there, and not listed as possible.)
    expect(placed.map((m) => m.claimKey)).not.toContain(key);
    const page = await browser.context.newPage();
    await page.goto(server.origin + ROUNDUP);
    await highlightsOf(page, { atLeast: 1 });
    const tabId = await browser.tabIdOf(page.url());
    const popup = await openPopupUntil(tabId, async (p) => (await p.locator('.notice').count()) > 0);
    const listed = () => popup.locator(`.notice[data-tier="possible"][data-claim="${key}"] .notice-quote`).allTextContents();
    expect(await listed()).not.toContain(loose);
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      document.querySelector('#article-body')!.append(p);
    }, loose);
    await expect.poll(listed, { timeout: 10_000 }).toContain(loose);
    await popup.close();
    await page.close();
  });

  it('a worker just started highlights the known phrasings first, then adds the passages in other words', async () => {
    // The roundup restates claims in other words only; a paragraph with a known phrasing is added.
    const known = claimOf(`${demoPack.id}/ukraine-3000-nk-deaths`).phrasings[0]!;
    const texts = [`Officials in Kyiv were cautious, with ${known} so far.`, ...paragraphs];
    const text = texts.join(BLOCK_BREAK);
    const all = matchText([snapshot], text).filter((m) => m.tier === 'confirmed');
    // What the first answer holds: the claims with a phrasing in the page word for word, matched in full.
    const hit = new Set([...phrasingsIn(snapshot, hashTokens(tokenize(text)))].map((rank) => claimAtRank(snapshot, rank)));
    const first = all.filter((m) => hit.has(snapshot.claimKeys.indexOf(m.claimKey)));
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(all.length);
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const url = `${server.origin}/articles/cold-start.html`;
    await browser.context.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>Cold start</title><article><div id="article-body">${texts.map((t) => `<p>${escape(t)}</p>`).join('')}</div></article>`,
      }),
    );

    await stopServiceWorker(browser.context, browser.extensionId);
    const page = await browser.context.newPage();
    // Every count of our highlights the page goes through, sampled between tasks from the start.
    await page.addInitScript(() => {
      const counts: number[] = [];
      (globalThis as unknown as { __counts: number[] }).__counts = counts;
      const channel = new MessageChannel();
      const started = performance.now();
      channel.port1.onmessage = () => {
        const count = [...CSS.highlights].filter(([name]) => name.startsWith('crosscheck-')).reduce((n, [, h]) => n + h.size, 0);
        if (count !== counts[counts.length - 1]) counts.push(count);
        if (performance.now() - started < 15_000) channel.port2.postMessage(null);
      };
      channel.port2.postMessage(null);
    });
    await page.goto(url);
    const counts = () => page.evaluate(() => (globalThis as unknown as { __counts: number[] }).__counts);
    await expect.poll(async () => (await counts()).at(-1), { timeout: 10_000 }).toBe(all.length);
    // Two paints: the first answer's, then the rest's (which may even overtake the reply).
    const painted = (await counts()).filter((n) => n > 0);
    expect(painted.at(-1)).toBe(all.length);
    expect(painted.length).toBeGreaterThan(1);
    expect([first.length, all.length - first.length]).toContain(painted[0]);
    // and the page ends as a warm worker leaves it
    const warm = await browser.context.newPage();
    await warm.goto(url);
    expect(await highlightsOf(page, { atLeast: all.length })).toEqual(await highlightsOf(warm, { atLeast: all.length }));
    await Promise.all([page.close(), warm.close(), browser.context.unroute(url)]);
  });
});
