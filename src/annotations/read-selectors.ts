import { hasType, isObject, keepEnd, keepStart, listOf } from './import-values';

/** The record schema's limits on a TextQuoteSelector. */
export const MAX_QUOTE = 10_000;
export const MAX_QUOTE_CONTEXT = 1_000;
/** How far a `refinedBy` chain is followed looking for a quote. */
const MAX_REFINEMENTS = 8;

export interface SelectorRead {
  quote?: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string };
  position?: { type: 'TextPositionSelector'; start: number; end: number };
  /** the quote was found in the `refinedBy` of another selector (a FragmentSelector, say) */
  refined?: string;
  /** why a selector that was there could not be used */
  problems: string[];
}

const isOffset = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function readQuote(node: Record<string, unknown>, problems: string[]): SelectorRead['quote'] {
  const { exact, prefix, suffix } = node;
  if (typeof exact !== 'string' || exact.length === 0) {
    problems.push('a TextQuoteSelector without an exact quote');
    return undefined;
  }
  if (exact.length > MAX_QUOTE) {
    problems.push(`a quote longer than ${MAX_QUOTE.toLocaleString('en')} characters`);
    return undefined;
  }
  // Context beyond the limit is cut on its far side: what touches the quote is what anchors it.
  return {
    type: 'TextQuoteSelector',
    exact,
    prefix: typeof prefix === 'string' ? keepEnd(prefix, MAX_QUOTE_CONTEXT) : '',
    suffix: typeof suffix === 'string' ? keepStart(suffix, MAX_QUOTE_CONTEXT) : '',
  };
}

/**
 * The TextQuoteSelector and TextPositionSelector among a target's selectors (one or a list).
 * Other selectors are ignored, Hypothesis's XPath RangeSelector included. A quote that refines
 * another selector (anno32 of the W3C samples: a FragmentSelector refined by a quote) is used,
 * since the quote can still be found in the page; a position inside another selector is not,
 * since it counts from that selector's start, not the document's.
 */
export function readSelectors(value: unknown): SelectorRead {
  const read: SelectorRead = { problems: [] };
  const selectors = listOf(value, 50).filter(isObject);
  for (const selector of selectors) {
    if (hasType(selector, 'TextQuoteSelector')) {
      if (!read.quote || read.refined) {
        const quote = readQuote(selector, read.problems);
        if (quote) {
          read.quote = quote;
          delete read.refined;
        }
      }
    } else if (hasType(selector, 'TextPositionSelector')) {
      if (read.position) continue;
      const { start, end } = selector;
      if (isOffset(start) && isOffset(end) && end > start) read.position = { type: 'TextPositionSelector', start, end };
      else read.problems.push('a TextPositionSelector whose offsets are not a range (ignored)');
    } else if (!read.quote) {
      let refined: unknown = selector.refinedBy;
      for (let i = 0; i < MAX_REFINEMENTS && isObject(refined); i++, refined = refined.refinedBy) {
        if (!hasType(refined, 'TextQuoteSelector')) continue;
        const quote = readQuote(refined, read.problems);
        if (quote) {
          read.quote = quote;
          read.refined = typeof selector.type === 'string' ? selector.type : 'another selector';
        }
        break;
      }
    }
  }
  return read;
}
