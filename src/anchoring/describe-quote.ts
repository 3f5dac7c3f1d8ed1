import type { TextQuoteSelector } from './selectors';

/**
 * Describing a passage of a text as a TextQuoteSelector.
 *
 * What we store is Hypothesis's form: the exact text plus a fixed 32 UTF-16 units of context on
 * each side. Fixed context is what makes re-anchoring robust: it is the evidence that tells two
 * occurrences of a sentence apart and that tells an edited passage from a look-alike elsewhere.
 *
 * Apache Annotator's form (context grown only until the quote is unique, then to word
 * boundaries) is available for interoperability; its output is shorter but carries less evidence.
 */
export interface DescribeQuoteOptions {
  /** 'fixed' (default): `contextLength` units each side. 'unique': Apache Annotator's rules. */
  context?: 'fixed' | 'unique';
  /** Fixed mode: units of prefix and of suffix. Default 32, as Hypothesis. */
  contextLength?: number;
  /**
   * Fixed mode: 'raw' (default, Hypothesis and dom-anchor-text-quote) counts every UTF-16 unit;
   * 'collapsed' counts a whitespace run as one unit, so that indentation cannot fill the context.
   * On pages indented with long runs of spaces, raw context is often nothing but whitespace and
   * tells two places apart no better than none (docs/anchoring.md has the measurements). The
   * collapsed context always contains the raw one.
   */
  whitespace?: 'raw' | 'collapsed';
  /** Unique mode: stop at the shortest disambiguating context, without completing words. */
  minimalContext?: boolean;
  /** Unique mode: grow context until prefix + exact + suffix has at least this length. */
  minimumQuoteLength?: number;
  /** Unique mode: give up completing a word after this many characters. Default 50. */
  maxWordLength?: number;
}

export const DEFAULT_CONTEXT_LENGTH = 32;

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

export function describeTextQuote(
  text: string,
  start: number,
  end: number,
  options: DescribeQuoteOptions = {},
): TextQuoteSelector {
  if (start < 0 || end > text.length || end < start) throw new RangeError(`bad range ${start}..${end}`);
  return options.context === 'unique' ? describeUnique(text, start, end, options) : describeFixed(text, start, end, options);
}

function describeFixed(text: string, start: number, end: number, options: DescribeQuoteOptions): TextQuoteSelector {
  const length = options.contextLength ?? DEFAULT_CONTEXT_LENGTH;
  const collapsed = options.whitespace === 'collapsed';
  let from = collapsed ? reach(text, start, length, -1) : Math.max(0, start - length);
  let to = collapsed ? reach(text, end, length, 1) : Math.min(text.length, end + length);
  // Never store half a surrogate pair: it would not survive a round trip through UTF-8.
  if (from > 0 && from < start && isLow(text.charCodeAt(from)) && isHigh(text.charCodeAt(from - 1))) from++;
  if (to < text.length && to > end && isHigh(text.charCodeAt(to - 1)) && isLow(text.charCodeAt(to))) to--;
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(from, start),
    suffix: text.slice(end, to),
  };
}

const isSpaceUnit = (unit: number): boolean => /\s/.test(String.fromCharCode(unit));
/** A whitespace run at the far end of the context is stored only this long. */
const MAX_RUN_STORED = 8;
/**
 * Context never takes more raw units than this, however much whitespace it holds. Some pages
 * (telegraph.co.uk) put hundreds of spaces of indentation between paragraphs; stored context
 * stays a verbatim piece of the page, as the W3C model wants, so such a run is stored whole.
 */
const MAX_RAW_CONTEXT = 1024;

/**
 * Where context of `length` units ends, reading from `from` in `direction`, when each whitespace
 * run counts as one unit. Long runs are cut to MAX_RUN_STORED units so indentation does not bloat
 * the stored selector; the cut lands inside the run, where it changes nothing once collapsed.
 */
function reach(text: string, from: number, length: number, direction: 1 | -1): number {
  let at = from;
  let units = 0;
  const inside = (i: number) => (direction === 1 ? i < text.length : i > 0);
  const unitAt = (i: number) => text.charCodeAt(direction === 1 ? i : i - 1);
  while (units < length && inside(at) && Math.abs(at - from) < MAX_RAW_CONTEXT) {
    if (isSpaceUnit(unitAt(at))) {
      let run = 0;
      while (inside(at) && isSpaceUnit(unitAt(at)) && Math.abs(at - from) < MAX_RAW_CONTEXT) {
        at += direction;
        run++;
      }
      units++;
      // keep the run's near end, whose first unit is what the page shows
      if (run > MAX_RUN_STORED && units >= length) at -= direction * (run - MAX_RUN_STORED);
      continue;
    }
    at += direction;
    units++;
  }
  return at;
}

const isWhitespace = (char: string): boolean => /^\s$/.test(char);

/**
 * Characters read away from the target from `from` (exclusive for backwards reads) until
 * whitespace, at most `limit` of them.
 */
function wordLength(text: string, from: number, limit: number, backwards: boolean): number {
  let count = 0;
  while (count < limit) {
    const index = backwards ? from - 1 - count : from + count;
    if (index < 0 || index >= text.length || isWhitespace(text[index]!)) break;
    count++;
  }
  return count;
}

/**
 * Characters needed, reading away from the target, until the text beside the target and the text
 * beside an unintended match differ; undefined when the target side runs out first.
 */
function lengthUntilDifferent(text: string, target: number, other: number, backwards: boolean): number | undefined {
  for (let count = 1; ; count++) {
    const index = backwards ? target - count : target + count - 1;
    if (index < 0 || index >= text.length) return undefined;
    const otherIndex = backwards ? other - count : other + count - 1;
    const comparison = otherIndex < 0 || otherIndex >= text.length ? undefined : text[otherIndex];
    if (text[index] !== comparison) return count;
  }
}

/** Apache Annotator's describeTextQuote, on a plain string. */
function describeUnique(text: string, start: number, end: number, options: DescribeQuoteOptions): TextQuoteSelector {
  const { minimalContext = false, minimumQuoteLength = 0, maxWordLength = 50 } = options;
  const exact = text.slice(start, end);
  let prefixLength = 0;
  let suffixLength = 0;
  const total = () => prefixLength + exact.length + suffixLength;

  if (total() < minimumQuoteLength) {
    prefixLength += Math.min(Math.floor((minimumQuoteLength - total()) / 2), start - prefixLength);
    if (total() < minimumQuoteLength) {
      suffixLength += Math.min(minimumQuoteLength - total(), text.length - end - suffixLength);
      if (total() < minimumQuoteLength) prefixLength += Math.min(minimumQuoteLength - total(), start - prefixLength);
    }
  }
  if (!minimalContext) {
    prefixLength += wordLength(text, start - prefixLength, maxWordLength, true);
    suffixLength += wordLength(text, end + suffixLength, maxWordLength, false);
  }

  // Each unintended match of prefix + exact + suffix (overlapping ones included) is ruled out by
  // growing the context until it differs there; the bound only guards against a bug looping.
  for (let round = 0; round <= text.length + 1; round++) {
    const prefix = text.slice(start - prefixLength, start);
    const suffix = text.slice(end, end + suffixLength);
    const pattern = prefix + exact + suffix;
    let at = text.indexOf(pattern);
    if (at >= 0 && at + prefixLength === start) at = text.indexOf(pattern, at + 1);
    if (at < 0) return { type: 'TextQuoteSelector', exact, prefix, suffix };

    const otherStart = at + prefixLength;
    const otherEnd = otherStart + exact.length;
    let extraPrefix = lengthUntilDifferent(text, start - prefixLength, otherStart - prefixLength, true);
    if (extraPrefix !== undefined && !minimalContext)
      extraPrefix += wordLength(text, start - prefixLength - extraPrefix, maxWordLength, true);
    let extraSuffix = lengthUntilDifferent(text, end + suffixLength, otherEnd + suffixLength, false);
    if (extraSuffix !== undefined && !minimalContext)
      extraSuffix += wordLength(text, end + suffixLength + extraSuffix, maxWordLength, false);

    if (extraPrefix === undefined && extraSuffix === undefined) break;
    if (minimalContext) {
      if (extraPrefix !== undefined && (extraSuffix === undefined || extraPrefix <= extraSuffix)) prefixLength += extraPrefix;
      else suffixLength += extraSuffix!;
    } else {
      // For redundancy, both sides grow.
      prefixLength += extraPrefix ?? 0;
      suffixLength += extraSuffix ?? 0;
    }
  }
  return {
    type: 'TextQuoteSelector',
    exact,
    prefix: text.slice(start - prefixLength, start),
    suffix: text.slice(end, end + suffixLength),
  };
}
