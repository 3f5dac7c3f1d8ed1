import { afterAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../../src/anchoring/describe-range';
import { rangeFromOffsets, readDomText } from '../../../src/anchoring/dom-text';
import { matchQuote } from '../../../src/anchoring/match-quote';
import cases from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-cases.json';
import fixtureHtml from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-fixture.html?raw';
import { loadIntoContainer } from './fixture-dom';

// dom-anchor-text-quote's cases on its fixture page, in a real DOM: describing the <code>
// element's contents (a range with element boundaries), and finding quotes exactly, fuzzily or
// not at all (matchQuote: these are search cases, below the anchoring rules).

const container = loadIntoContainer(fixtureHtml, 'div');
afterAll(() => container.remove());

describe('dom-anchor-text-quote fixture page', () => {
  it('describes the contents of <code> with 32 characters of raw context', () => {
    const range = document.createRange();
    range.selectNodeContents(container.querySelector('code')!);
    expect(range.startContainer.nodeType).toBe(Node.ELEMENT_NODE);
    const { quote } = describeRange(container, range);
    expect(quote).toEqual({ type: 'TextQuoteSelector', ...cases.describe_cases[0]!.expect_selector });
  });

  const anchorCases = cases.anchor_cases.filter((c) => c.name !== 'hint prioritizes matches');
  it.each(anchorCases)('$name', (c) => {
    const domText = readDomText(container);
    const selector = c.selector as { exact: string; prefix?: string; suffix?: string };
    const match = matchQuote(domText.text, selector.exact, { prefix: selector.prefix, suffix: selector.suffix });
    if ('expect' in c && c.expect === null) {
      expect(match).toBeNull();
      return;
    }
    const range = rangeFromOffsets(domText, match!.start, match!.end)!;
    expect(range.toString()).toBe(c.expect_text);
    if ('expect_parent_tag' in c) expect(range.startContainer.parentElement!.tagName).toBe(c.expect_parent_tag);
  });

  it('hint prioritizes matches', () => {
    const domText = readDomText(container);
    const first = matchQuote(domText.text, 'Aenean', { hint: domText.text.indexOf('Aenean') })!;
    const last = matchQuote(domText.text, 'Aenean', { hint: domText.text.lastIndexOf('Aenean') })!;
    const firstRange = rangeFromOffsets(domText, first.start, first.end)!;
    const lastRange = rangeFromOffsets(domText, last.start, last.end)!;
    expect(firstRange.startContainer).not.toBe(lastRange.startContainer);
    expect(firstRange.startContainer.parentElement!.tagName).toBe('EM');
    expect(lastRange.startContainer.previousSibling!.nodeName).toBe('CODE');
  });
});
