import { afterEach, describe, expect, it } from 'vitest';
import articleAHtml from '../../demo/pages/articles/soldiers-told-they-were-fighting-americans.html?raw';
import articleBHtml from '../../demo/pages/articles/north-korea-sends-soldiers-to-rebuild.html?raw';
import demoPack from '../../src/packs/demo-pack.json';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import { rangeForOffsets, readPageText } from '../../src/page/read-page-text';
import seedA from '../fixtures/seeds/article-a.txt?raw';
import seedB from '../fixtures/seeds/article-b.txt?raw';

// The two demo articles, read from a real DOM and matched against the demo pack: each phrasing the
// article's visible text contains is highlighted exactly where it is, and none of the copies the
// pages hide in hidden elements, scripts, noscript, styles or form fields is.

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** What a highlight covers: the matcher highlights words, so edge punctuation (“ ” ,) is not part of it. */
const core = (text: string): string => collapse(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

const occurrences = (haystack: string, needle: string): number => {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
};

/**
 * The visible article text of a seed. A seed repeats the headline (once as the document <title>,
 * once as the <h1>); the reader reads the body only, so a paragraph equal to the one before it is
 * counted once.
 */
const seedText = (seed: string): string =>
  seed
    .split(/\n+/)
    .map(collapse)
    .filter((paragraph, i, all) => paragraph && paragraph !== all[i - 1])
    .join('\n');

const ARTICLES = [
  { name: 'article A (soldiers told they were fighting Americans)', html: articleAHtml, seed: seedText(seedA) },
  { name: 'article B (North Korea sends soldiers to rebuild)', html: articleBHtml, seed: seedText(seedB) },
];

const claims = demoPack.claims.map((claim) => ({ key: claim.id, phrasings: claim.phrasings }));
const index = buildClaimIndex(claims).snapshot;

/** Elements of the demo pages that hold copies of claim sentences a reader never sees. */
const DECOYS = 'div[hidden], div[style*="display:none"], noscript, script, style, textarea, input';

function loadArticle(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const container = document.createElement('div');
  container.id = 'page';
  container.append(...[...parsed.body.childNodes].map((node) => document.adoptNode(node)));
  document.body.replaceChildren(container);
  return container;
}

function highlight(root: HTMLElement) {
  const page = readPageText(root);
  // What is highlighted: the confirmed tier (the others go to the popup).
  return matchText([index], page.text).filter((hit) => hit.tier === 'confirmed').map((hit) => {
    const range = rangeForOffsets(page, hit.start, hit.end);
    if (!range) throw new Error(`hit ${hit.claimKey} at ${hit.start} has no range`);
    return { claim: hit.claimKey, range, text: collapse(range.toString()) };
  });
}

afterEach(() => {
  document.body.replaceChildren();
});

describe.each(ARTICLES)('demo pack on $name', ({ html, seed }) => {
  const expected = claims.flatMap(({ key, phrasings }) =>
    phrasings.map((phrasing) => ({ claim: key, phrasing: core(phrasing), count: occurrences(seed, collapse(phrasing)) })),
  );

  it('finds every phrasing the article contains, as often as it occurs', () => {
    const hits = highlight(loadArticle(html));
    const present = expected.filter((e) => e.count > 0);
    expect(present.length).toBeGreaterThanOrEqual(6);
    for (const { claim, phrasing, count } of expected) {
      const found = hits.filter((hit) => hit.claim === claim && hit.text === collapse(phrasing));
      expect(found.length, `${claim}: "${phrasing}"`).toBe(count);
    }
    // and nothing else: every hit is one of those phrasings
    expect(hits.length).toBe(expected.reduce((sum, e) => sum + e.count, 0));
  });

  it('highlights only visible article text, never the hidden, script, noscript, style or form copies', () => {
    const root = loadArticle(html);
    const decoys = [...root.querySelectorAll(DECOYS)];
    // the decoys are there and do carry claim sentences (or the test proves nothing)
    const decoyText = decoys.map((d) => (d instanceof HTMLInputElement ? d.value : d.textContent ?? '')).join('\n');
    expect(decoys.length).toBeGreaterThanOrEqual(6);
    expect(claims.filter((c) => c.phrasings.some((p) => collapse(decoyText).includes(collapse(p)))).length).toBeGreaterThanOrEqual(3);

    const hits = highlight(root);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const common = hit.range.commonAncestorContainer;
      const element = common instanceof Element ? common : common.parentElement!;
      const block = element.closest('#article-body p, article > header > h1');
      expect(block, `${hit.claim}: "${hit.text}" is outside the article's paragraphs`).not.toBeNull();
      for (const decoy of decoys) expect(hit.range.intersectsNode(decoy), `${hit.claim} in ${decoy.tagName}`).toBe(false);
      expect(element.checkVisibility({ visibilityProperty: true }), hit.claim).toBe(true);
    }
  });

  it('does not take “at least 300 deaths” for the 3,000-deaths claim', () => {
    const root = loadArticle(html);
    const before = highlight(root).filter((hit) => hit.claim === 'ukraine-3000-nk-deaths').length;
    const paragraph = document.createElement('p');
    paragraph.textContent = 'The North Korean troops have suffered heavy casualties, with Ukraine reporting at least 300 deaths.';
    root.querySelector('#article-body')!.append(paragraph);

    const hits = highlight(root).filter((hit) => hit.claim === 'ukraine-3000-nk-deaths');
    expect(hits.length).toBe(before);
    expect(hits.some((hit) => hit.range.intersectsNode(paragraph))).toBe(false);

    // the same paragraph with the real figure is highlighted
    paragraph.textContent = paragraph.textContent.replace('300', '3,000');
    const withFigure = highlight(root).filter((hit) => hit.claim === 'ukraine-3000-nk-deaths');
    expect(withFigure.filter((hit) => hit.range.intersectsNode(paragraph))).toHaveLength(1);
  });
});
