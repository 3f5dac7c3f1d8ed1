import { describe, expect, it } from 'vitest';
import { rangeForPosition } from '../../../src/anchoring/anchor-in-document';
import { describeRange } from '../../../src/anchoring/describe-range';
import type { DescribeQuoteOptions } from '../../../src/anchoring/describe-quote';
import { rangeToOffsets, readDomText } from '../../../src/anchoring/dom-text';
import describeCases from '../../fixtures/anchoring/apache-annotator/text-quote_describe-cases.json';
import positionCases from '../../fixtures/anchoring/apache-annotator/text-position_match-cases.json';
import { parsePage, rangeBetween, xpathNode } from './fixture-dom';

// Apache Annotator's cases in a real DOM. Their scope is the whole parsed document (so text in
// <head> counts, as the "text inside <head>" case needs), and positions count code points.

interface XPathRange {
  startContainerXPath: string;
  startOffset: number;
  endContainerXPath: string;
  endOffset: number;
}

function rangeOf(doc: Document, spec: XPathRange): Range {
  return rangeBetween(
    xpathNode(doc, spec.startContainerXPath),
    spec.startOffset,
    xpathNode(doc, spec.endContainerXPath),
    spec.endOffset,
  );
}

interface DescribeCase {
  html: string;
  range: XPathRange;
  options: DescribeQuoteOptions;
  expected: { exact: string; prefix: string; suffix: string };
}
const describeGroups = describeCases.exports as unknown as Record<string, Record<string, DescribeCase>>;
const allDescribeCases = Object.entries(describeGroups).flatMap(([group, byName]) =>
  Object.entries(byName).map(([name, c]) => ({ name: `${group}: ${name}`, ...c })),
);

describe("Apache Annotator's TextQuoteSelector describe cases", () => {
  it.each(allDescribeCases)('$name', ({ html, range, options, expected }) => {
    const doc = parsePage(html);
    const selectors = describeRange(doc, rangeOf(doc, range), { ...options, context: 'unique' });
    expect(selectors.quote).toEqual({ type: 'TextQuoteSelector', ...expected });
  });
});

interface PositionCase {
  html: string;
  selector: { type: 'TextPositionSelector'; start: number; end: number };
  expected: XPathRange[];
}
const positionList = Object.entries(positionCases.exports.testCases as unknown as Record<string, PositionCase>).map(
  ([name, c]) => ({ name, ...c }),
);

describe("Apache Annotator's TextPositionSelector match cases (code points)", () => {
  it('includes text outside the Basic Multilingual Plane', () => {
    expect(positionList.every((c) => c.html.includes('😃'))).toBe(true);
  });

  it.each(positionList)('$name', ({ html, selector, expected }) => {
    const doc = parsePage(html);
    const domText = readDomText(doc);
    const range = rangeForPosition(domText, { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' }, position: selector })!;
    const want = rangeOf(doc, expected[0]!);
    expect(range.toString()).toBe(want.toString());
    expect(rangeToOffsets(domText, range)).toEqual(rangeToOffsets(domText, want));
    // and back: describing the range gives the same code point position
    expect(describeRange(domText, range).position).toEqual(selector);
  });
});
