import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import highlightsCss from '../../entrypoints/content/highlights.css?raw';
import { createHighlightRegistry, type HighlightRegistry } from '../../src/highlight/highlight-registry';
import { createShadowHost, type ShadowHost } from '../../src/highlight/shadow-host';
import { VERDICTS } from '../../src/verdict/verdict-scale';

// Highlighting passages in a real Chromium: one CSS Custom Highlight per verdict, no change to the
// page's DOM, and, without the Highlight API, overlay boxes that sit exactly over the text.

const ARTICLE = `
  <article style="font: 16px/1.5 sans-serif; width: 360px">
    <p id="p1">North Korea sent between ten and twelve thousand soldiers to fight for Russia.</p>
    <p id="p2">Moscow officially confirmed their participation only in the spring of 2025.</p>
    <p id="p3">Kim Jong Un later hailed the <em>soldiers’ involvement</em> as a sacred mission.</p>
  </article>`;

/** A range over `phrase` inside the element with `id` (the phrase may span inline elements). */
function rangeOf(id: string, phrase: string): Range {
  const element = document.getElementById(id)!;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const text = nodes.map((n) => n.data).join('');
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" not in #${id}`);
  const end = start + phrase.length;
  const range = document.createRange();
  let at = 0;
  for (const node of nodes) {
    if (start >= at && start < at + node.length) range.setStart(node, start - at);
    if (end > at && end <= at + node.length) range.setEnd(node, end - at);
    at += node.length;
  }
  return range;
}

const ourHighlights = () => [...CSS.highlights.keys()].filter((name) => name.startsWith('crosscheck-'));
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

let registry: HighlightRegistry | null = null;
let host: ShadowHost | null = null;

beforeEach(() => {
  document.body.innerHTML = ARTICLE;
});

afterEach(() => {
  registry?.destroy();
  registry = null;
  host?.destroy();
  host = null;
  CSS.highlights.clear();
  document.head.querySelectorAll('style[data-test]').forEach((style) => style.remove());
  window.scrollTo(0, 0);
  document.body.innerHTML = '';
});

describe('with the CSS Custom Highlight API', () => {
  it('registers one crosscheck-<verdict> Highlight per verdict holding exactly its ranges', () => {
    registry = createHighlightRegistry();
    const a = rangeOf('p1', 'between ten and twelve thousand soldiers');
    const b = rangeOf('p3', 'later hailed the soldiers’ involvement');
    const c = rangeOf('p2', 'officially confirmed their participation');
    registry.add(a, 'claim-a', 'false');
    registry.add(b, 'claim-b', 'false');
    registry.add(c, 'claim-c', 'true');

    expect(ourHighlights().sort()).toEqual(['crosscheck-false', 'crosscheck-true']);
    const falseHighlight = CSS.highlights.get('crosscheck-false')!;
    expect(falseHighlight).toBeInstanceOf(Highlight);
    expect([...falseHighlight]).toEqual([a, b]);
    expect([...CSS.highlights.get('crosscheck-true')!]).toEqual([c]);
    expect(registry.count()).toBe(3);
  });

  it('paints more severe verdicts on top where passages overlap', () => {
    registry = createHighlightRegistry();
    registry.add(rangeOf('p1', 'ten and twelve thousand'), 'claim-a', 'true');
    registry.add(rangeOf('p1', 'twelve thousand soldiers'), 'claim-b', 'false');
    expect(CSS.highlights.get('crosscheck-false')!.priority).toBeGreaterThan(
      CSS.highlights.get('crosscheck-true')!.priority,
    );
  });

  it('keeps the same claim on the same text once', () => {
    registry = createHighlightRegistry();
    registry.add(rangeOf('p2', 'officially confirmed their participation'), 'claim-c', 'true');
    registry.add(rangeOf('p2', 'officially confirmed their participation'), 'claim-c', 'true');
    expect(registry.count()).toBe(1);
    expect(registry.passages()[0]!.claims).toEqual(['claim-c']);
    expect(CSS.highlights.get('crosscheck-true')!.size).toBe(1);
  });

  it('adds a second claim on the same text to the passage', () => {
    registry = createHighlightRegistry();
    registry.add(rangeOf('p2', 'officially confirmed their participation'), 'claim-c', 'true');
    registry.add(rangeOf('p2', 'officially confirmed their participation'), 'claim-d', 'true');
    expect(registry.count()).toBe(1);
    expect(registry.passages()[0]!.claims).toEqual(['claim-c', 'claim-d']);
    expect(CSS.highlights.get('crosscheck-true')!.size).toBe(1);
  });

  it('lists passages in document order and finds those under a caret position', () => {
    registry = createHighlightRegistry();
    const late = rangeOf('p3', 'later hailed the soldiers’ involvement');
    const early = rangeOf('p1', 'between ten and twelve');
    const overlapping = rangeOf('p1', 'twelve thousand soldiers');
    registry.add(late, 'claim-late', 'mixed');
    registry.add(overlapping, 'claim-overlap', 'false');
    registry.add(early, 'claim-early', 'true');
    expect(registry.passages().map((p) => p.claims[0])).toEqual(['claim-early', 'claim-overlap', 'claim-late']);

    const p1 = document.querySelector('#p1')!.firstChild!;
    const offsetOf = (word: string) => p1.textContent!.indexOf(word) + 1;
    expect(registry.at(p1, offsetOf('ten')).map((p) => p.claims[0])).toEqual(['claim-early']);
    expect(registry.at(p1, offsetOf('twelve')).map((p) => p.claims[0]).sort()).toEqual(['claim-early', 'claim-overlap']);
    expect(registry.at(p1, offsetOf('Russia'))).toEqual([]);
    // inside the inline element the passage spans
    const em = document.querySelector('#p3 em')!.firstChild!;
    expect(registry.at(em, 3).map((p) => p.claims[0])).toEqual(['claim-late']);
    // a node of another document is no passage's, and does not throw
    expect(registry.at(document.implementation.createHTMLDocument('').body, 0)).toEqual([]);
  });

  it('prunes passages whose text left the page, and unpaints them', () => {
    registry = createHighlightRegistry();
    const gone = rangeOf('p1', 'between ten and twelve thousand soldiers');
    const kept = rangeOf('p2', 'officially confirmed their participation');
    registry.add(gone, 'claim-a', 'false');
    registry.add(kept, 'claim-c', 'false');
    document.getElementById('p1')!.remove();
    registry.prune();

    expect(registry.passages().map((p) => p.claims)).toEqual([['claim-c']]);
    expect([...CSS.highlights.get('crosscheck-false')!]).toEqual([kept]);
    expect(kept.toString()).toBe('officially confirmed their participation');
  });

  it('prunes a passage whose text node alone was removed', () => {
    registry = createHighlightRegistry();
    registry.add(rangeOf('p2', 'officially confirmed'), 'claim-c', 'true');
    document.getElementById('p2')!.firstChild!.remove();
    registry.prune();
    expect(registry.count()).toBe(0);
    expect(CSS.highlights.get('crosscheck-true')?.size ?? 0).toBe(0);
  });

  it('clears every crosscheck highlight and leaves the page’s own highlights alone', () => {
    const pageOwn = new Highlight(rangeOf('p3', 'sacred mission'));
    CSS.highlights.set('page-search-result', pageOwn);
    registry = createHighlightRegistry();
    for (const [i, verdict] of VERDICTS.entries()) registry.add(rangeOf('p1', 'North Korea sent'.slice(0, 5 + i)), `c${i}`, verdict);
    expect(ourHighlights()).toHaveLength(VERDICTS.length);

    registry.clear();
    expect(ourHighlights()).toEqual([]);
    expect(registry.count()).toBe(0);
    expect(CSS.highlights.get('page-search-result')).toBe(pageOwn);

    // and highlighting works again afterwards
    const again = rangeOf('p2', 'officially confirmed');
    registry.add(again, 'claim-c', 'true');
    expect([...CSS.highlights.get('crosscheck-true')!]).toEqual([again]);
  });

  it('does not change the page’s DOM', () => {
    const before = document.body.innerHTML;
    const headBefore = document.head.innerHTML;
    registry = createHighlightRegistry();
    registry.add(rangeOf('p1', 'between ten and twelve thousand soldiers'), 'claim-a', 'false');
    registry.add(rangeOf('p3', 'later hailed the soldiers’ involvement'), 'claim-b', 'misleading');
    registry.prune();
    expect(document.body.innerHTML).toBe(before);
    expect(document.head.innerHTML).toBe(headBefore);
    expect(document.querySelector('crosscheck-ui')).toBeNull();
  });

  it('has a ::highlight rule in the content stylesheet for every verdict', () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = highlightsCss;
    document.head.append(style);
    const rules = [...style.sheet!.cssRules].filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule);
    for (const verdict of VERDICTS) {
      const rule = rules.find((r) => r.selectorText === `::highlight(crosscheck-${verdict})`);
      expect(rule, verdict).toBeDefined();
      expect(rule!.style.backgroundColor, verdict).not.toBe('');
      expect(rule!.style.textDecorationLine, verdict).toBe('underline');
    }
  });

  it('paints a highlighted passage in its verdict colour', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = highlightsCss;
    document.head.append(style);
    const paragraph = document.getElementById('p2')!;
    const falseColour = [0xff, 0x8a, 0x80]; // ::highlight(crosscheck-false) background

    const colouredPixels = async () => {
      await frame();
      const base64 = await page.screenshot({ element: paragraph, save: false });
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4)
        if (falseColour.every((value, k) => Math.abs(data[i + k]! - value) <= 4)) count++;
      return count;
    };

    expect(await colouredPixels()).toBe(0);
    registry = createHighlightRegistry();
    registry.add(rangeOf('p2', 'officially confirmed their participation'), 'claim-c', 'false');
    expect(CSS.highlights.has('crosscheck-false')).toBe(true);
    expect(await colouredPixels()).toBeGreaterThan(100);
    registry.clear();
    expect(await colouredPixels()).toBe(0);
  });
});

describe('without the Highlight API: the overlay', () => {
  function overlayRegistry() {
    host = createShadowHost(document, '');
    registry = createHighlightRegistry({ useHighlightApi: false, overlayRoot: () => host!.root });
    return registry;
  }
  const boxes = () => [...host!.root.querySelectorAll<HTMLElement>('.overlay-box')];
  const expectOver = (box: DOMRect, rect: DOMRect) => {
    expect(Math.abs(box.left - rect.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.top - rect.top)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.width - rect.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.height - rect.height)).toBeLessThanOrEqual(1);
  };

  it('draws one box per line of each passage, over the text, in our shadow root only', async () => {
    const before = document.body.innerHTML;
    const wrapped = rangeOf('p3', 'Kim Jong Un later hailed the soldiers’ involvement as a sacred mission');
    const single = rangeOf('p2', 'officially confirmed');
    overlayRegistry().add(wrapped, 'claim-b', 'misleading');
    registry!.add(single, 'claim-c', 'true');
    await frame();
    await frame();

    const rects = [...wrapped.getClientRects(), ...single.getClientRects()];
    expect(wrapped.getClientRects().length).toBeGreaterThan(1);
    const drawn = boxes();
    expect(drawn).toHaveLength(rects.length);
    drawn.forEach((box, i) => expectOver(box.getBoundingClientRect(), rects[i]!));
    expect(drawn.every((box) => getComputedStyle(box).pointerEvents === 'none')).toBe(true);
    expect(drawn.filter((box) => box.classList.contains('verdict-true'))).toHaveLength(single.getClientRects().length);

    // the page's text is still what the pointer reaches, and the page's DOM is untouched
    const first = single.getClientRects()[0]!;
    const atText = document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
    expect(atText).toBe(document.getElementById('p2'));
    expect(document.body.innerHTML).toBe(before);
    expect(CSS.highlights.size).toBe(0);
  });

  it('keeps the boxes over the text when the page scrolls', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div style="height: 3000px"></div>');
    const range = rangeOf('p2', 'officially confirmed their participation');
    overlayRegistry().add(range, 'claim-c', 'true');
    await frame();
    await frame();
    window.scrollTo(0, 40);
    await frame();
    expect(window.scrollY).toBe(40);
    const rects = [...range.getClientRects()];
    expect(boxes()).toHaveLength(rects.length);
    boxes().forEach((box, i) => expectOver(box.getBoundingClientRect(), rects[i]!));
  });

  it('removes the boxes when cleared', async () => {
    overlayRegistry().add(rangeOf('p2', 'officially confirmed'), 'claim-c', 'true');
    await frame();
    await frame();
    expect(boxes().length).toBeGreaterThan(0);
    registry!.clear();
    await frame();
    await frame();
    expect(boxes()).toEqual([]);
  });
});

describe('a newer copy of the script taking over', () => {
  it('keeps the newer copy’s highlights when the old one is torn down', () => {
    document.body.innerHTML = '<p id="t">North Korea has deployed around 10,000 troops to Russia</p>';
    const text = document.getElementById('t')!.firstChild!;
    const range = () => {
      const r = document.createRange();
      r.setStart(text, 0);
      r.setEnd(text, 11);
      return r;
    };
    const old = createHighlightRegistry();
    old.add(range(), 'p/old', 'false');
    const newer = createHighlightRegistry();
    newer.add(range(), 'p/new', 'false');
    old.destroy();
    expect(CSS.highlights.get('crosscheck-false')?.size).toBe(1);
    newer.destroy();
    expect(CSS.highlights.has('crosscheck-false')).toBe(false);
  });
});

describe('annotations re-found with a lower score', () => {
  it('paint apart from confirmed passages, and go when their claim is taken off', () => {
    registry = createHighlightRegistry();
    const confirmed = rangeOf('p1', 'between ten and twelve thousand soldiers');
    const maybe = rangeOf('p2', 'officially confirmed their participation');
    registry.add(confirmed, 'annotation:a', 'misleading');
    registry.add(maybe, 'annotation:b', 'misleading', true);
    expect([...CSS.highlights.get('crosscheck-misleading')!]).toEqual([confirmed]);
    expect([...CSS.highlights.get('crosscheck-uncertain')!]).toEqual([maybe]);
    // the uncertain style is defined for the page, and differs from the verdict's
    expect(highlightsCss).toMatch(/::highlight\(crosscheck-uncertain\)/);
    expect(registry.at(maybe.startContainer, maybe.startOffset + 1).map((p) => p.claims)).toEqual([['annotation:b']]);

    registry.removeClaims(new Set(['annotation:b']));
    expect(CSS.highlights.get('crosscheck-uncertain')!.size).toBe(0);
    expect(registry.count()).toBe(1);
    registry.clear();
    expect(ourHighlights()).toEqual([]);
  });
});
