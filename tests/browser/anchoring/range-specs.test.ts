import { afterAll, describe, expect, it } from 'vitest';
import { anchorInDocument, rangeForPosition } from '../../../src/anchoring/anchor-in-document';
import { describeRange } from '../../../src/anchoring/describe-range';
import { rangeToOffsets, readDomText } from '../../../src/anchoring/dom-text';
import fixtureHtml from '../../fixtures/anchoring/hypothesis/html-anchoring-fixture.html?raw';
import specs from '../../fixtures/anchoring/hypothesis/range-specs.json';
import { loadIntoContainer, rangeBetween, textNodes, xpathNode } from './fixture-dom';

// Hypothesis's range specs: ranges whose boundaries are text nodes or elements (by child index),
// across <br>s, empty elements and comments. Describe each one, then anchor the description, the
// quote alone and the position alone: all must give back the same text.

const container = loadIntoContainer(fixtureHtml);
afterAll(() => container.remove());

function resolve(spec: string | number): Node {
  return typeof spec === 'number' ? textNodes(container)[spec]! : xpathNode(container, spec);
}

describe("Hypothesis's range specs on html-anchoring-fixture.html", () => {
  it('has all the cases', () => {
    expect(specs.cases.length).toBe(27);
  });

  it.each(specs.cases)('$description', (spec) => {
    const range = rangeBetween(resolve(spec.startContainer), spec.startOffset, resolve(spec.endContainer), spec.endOffset);
    expect(range.toString()).toBe(spec.quote);
    const domText = readDomText(container);
    const offsets = rangeToOffsets(domText, range);
    expect(domText.text.slice(offsets.start, offsets.end)).toBe(spec.quote);

    const selectors = describeRange(domText, range);
    expect(selectors.quote.exact).toBe(spec.quote);

    const both = anchorInDocument(domText, selectors);
    expect(both.result).toMatchObject({ state: 'anchored', method: 'position' });
    expect(both.range!.toString()).toBe(spec.quote);

    const quoteAlone = anchorInDocument(domText, { quote: selectors.quote });
    expect(quoteAlone.result.state).not.toBe('orphaned');
    expect(quoteAlone.range!.toString()).toBe(spec.quote);

    const positionAlone = rangeForPosition(domText, selectors);
    expect(positionAlone!.toString()).toBe(spec.quote);
  });

  it('anchors a quote alone when its context makes it unique, even for short repeated text', () => {
    // "Lorem sed do eiusmod tempor." occurs three times on the page
    const domText = readDomText(container);
    const quote = 'Lorem sed do eiusmod tempor.';
    const occurrences = domText.text.split(quote).length - 1;
    expect(occurrences).toBe(3);
    let at = -1;
    for (let i = 0; i < occurrences; i++) {
      at = domText.text.indexOf(quote, at + 1);
      const nodes = textNodes(container);
      const index = domText.starts.findIndex((start, n) => start <= at && at < start + nodes[n]!.length);
      const range = rangeBetween(nodes[index]!, at - domText.starts[index]!, nodes[index]!, at - domText.starts[index]! + quote.length);
      const { quote: selector } = describeRange(domText, range);
      const anchored = anchorInDocument(domText, { quote: selector });
      expect(anchored.result).toMatchObject({ state: 'anchored', start: at });
    }
  });
});
