import { describeTextQuote, type DescribeQuoteOptions } from './describe-quote';
import { readDomText, rangeToOffsets, type DomText } from './dom-text';
import type { PassageSelectors } from './selectors';
import { utf16RangeToCodePoints } from './text-positions';

/**
 * The selectors we store for a passage the annotator selected: the quote with 32 units of context
 * each side, and the position in code points (what W3C annotations count). Range boundaries may be
 * elements (a triple-click selects a paragraph element by child index), not only text nodes.
 */
export function describeRange(
  source: Node | DomText,
  range: Range,
  options: DescribeQuoteOptions = {},
): PassageSelectors {
  const domText = 'nodes' in source ? source : readDomText(source);
  const { start, end } = rangeToOffsets(domText, range);
  const quote = describeTextQuote(domText.text, start, end, options);
  const points = utf16RangeToCodePoints(domText.text, start, end);
  return {
    quote,
    position: { type: 'TextPositionSelector', start: points.start, end: points.end },
    positionUnit: 'code-point',
  };
}
