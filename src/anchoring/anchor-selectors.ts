import {
  FUZZY_ERROR_WINDOW,
  SHORT_QUOTE_CHARS,
  SHORT_QUOTE_MAX_CHARS,
  SHORT_QUOTE_WORDS,
  VERIFIED_POSITION_WEIGHT,
} from './anchor-thresholds';
import { contextSupports, judgeCandidate, orphan, type Verdict } from './judge-candidate';
import { matchQuote, scoreSpan, type QuoteCandidate, type TextSpan } from './match-quote';
import { normalizeWhitespace, normalizedOffset, normalizedRange, type NormalizedText } from './normalize-whitespace';
import type { AnchorResult, PassageSelectors, TextQuoteSelector } from './selectors';
import { codePointRangeToUtf16 } from './text-positions';

export * from './anchor-thresholds';

/**
 * Re-finding a stored passage in a page's text. The order is position, exact quote, fuzzy quote;
 * every candidate gets a score in 0..1 (match-quote.ts: quote, prefix and suffix agreement weighed
 * by length, position as a tie-breaker), and judge-candidate.ts turns the best one into a state,
 * where safety rules can only lower what the score says. docs/anchoring.md has the whole story.
 */

/**
 * A short quote (a name, a number, a few words) says too little to be matched with edits: a
 * one-letter change turns a name into another name. It is found exactly or not at all.
 * Word counts mean nothing in scripts without spaces, so a long enough quote is never short.
 */
export function isShortQuote(exact: string): boolean {
  const text = normalizeWhitespace(exact).text.trim();
  if (text.length < SHORT_QUOTE_CHARS) return true;
  return text.length < SHORT_QUOTE_MAX_CHARS && text.split(' ').length < SHORT_QUOTE_WORDS;
}

// One page is anchored against many times in a row (one call per stored passage).
let cache: { raw: string; normalized: NormalizedText } | undefined;
function normalizedPage(text: string): NormalizedText {
  if (cache?.raw !== text) cache = { raw: text, normalized: normalizeWhitespace(text) };
  return cache.normalized;
}

/**
 * The quote's parts normalized together, so that a whitespace run split between exact and suffix
 * (a newline in one, the indentation in the other) collapses once, as it does in the page.
 */
function normalizeQuote(quote: TextQuoteSelector): { prefix: string; exact: string; suffix: string } {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  const whole = normalizeWhitespace(prefix + quote.exact + suffix);
  // A run that crosses a boundary collapses into a space that belongs to the exact quote.
  const { start: exactFrom, end: suffixFrom } = normalizedRange(whole, prefix.length, prefix.length + quote.exact.length);
  return {
    prefix: whole.text.slice(0, exactFrom),
    exact: whole.text.slice(exactFrom, suffixFrom),
    suffix: whole.text.slice(suffixFrom),
  };
}

/** The stored position as UTF-16 offsets into `text`, or null when absent or out of range. */
export function positionInText(text: string, selectors: PassageSelectors): { start: number; end: number } | null {
  const position = selectors.position;
  if (!position) return null;
  const { start, end } = position;
  if (selectors.positionUnit === 'utf-16') {
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
    return valid ? { start, end } : null;
  }
  return codePointRangeToUtf16(text, start, end);
}

const contextTotal = (candidate: QuoteCandidate): number => candidate.prefixScore + candidate.suffixScore;

export interface AnchorOptions {
  /**
   * Parts of `text` (UTF-16 offsets) that cannot hold a passage: the contents of script and style
   * elements (DomText.inert). Nobody selects there, and news pages keep JSON copies of their
   * article there, which would otherwise be look-alikes for a deleted paragraph.
   */
  exclude?: readonly TextSpan[];
}

export function anchorSelectors(text: string, selectors: PassageSelectors, options: AnchorOptions = {}): AnchorResult {
  if (!selectors.quote.exact) return orphan('empty-quote');
  const normalized = normalizedPage(text);
  const exclude = (options.exclude ?? []).map((span) => normalizedRange(normalized, span.start, span.end));
  const excluded = (span: TextSpan) => (options.exclude ?? []).some((x) => x.start < span.end && span.start < x.end);
  const quote = normalizeQuote(selectors.quote);
  if (!quote.exact.trim()) return orphan('empty-quote');
  const context = { prefix: quote.prefix, suffix: quote.suffix, rawExact: selectors.quote.exact };
  const position = positionInText(text, selectors);
  const hint = position ? normalizedOffset(normalized, position.start) : undefined;

  const short = isShortQuote(quote.exact);
  const search = { prefix: quote.prefix, suffix: quote.suffix, hint, exclude };

  // (a) The stored position, accepted only where the text there still is the quote.
  if (position && !excluded(position)) {
    const there = text.slice(position.start, position.end);
    if (there === selectors.quote.exact || normalizeWhitespace(there).text.trim() === quote.exact.trim()) {
      const span = normalizedRange(normalized, position.start, position.end);
      const candidate = scoreSpan(normalized.text, quote.exact, { ...span, errors: 0 }, search, VERIFIED_POSITION_WEIGHT);
      const verdict: Verdict = { candidate, method: 'position', runnerUp: null, raw: position };
      if (contextSupports(candidate, context)) return judgeCandidate(normalized, context, verdict);
      // The context here disagrees: an exact occurrence elsewhere whose context agrees is the
      // passage, moved. Failing that, a long quote still standing at its stored offset is.
      const elsewhere = matchQuote(normalized.text, quote.exact, { ...search, mode: 'exact' });
      if (elsewhere && elsewhere.start !== span.start && contextSupports(elsewhere, context) && contextTotal(elsewhere) > contextTotal(candidate))
        return judgeCandidate(normalized, context, { candidate: elsewhere, method: 'quote', runnerUp: elsewhere.runnerUp });
      if (!short) return judgeCandidate(normalized, context, { ...verdict, positionVerified: true });
    }
  }

  // (b) Exact occurrences of the quote, told apart by context and closeness to the position.
  const exact = matchQuote(normalized.text, quote.exact, { ...search, mode: 'exact' });
  if (exact && contextSupports(exact, context))
    return judgeCandidate(normalized, context, { candidate: exact, method: 'quote', runnerUp: exact.runnerUp });

  // (c) Fuzzy search, also when an exact occurrence exists without context: the original may
  // have been edited while an exact copy (a pull quote, a teaser) survives elsewhere.
  // Rule 3: short quotes are never matched with edits.
  if (!short) {
    const fuzzy = matchQuote(normalized.text, quote.exact, { ...search, mode: 'fuzzy', errorWindow: FUZZY_ERROR_WINDOW });
    if (fuzzy)
      return judgeCandidate(normalized, context, {
        candidate: fuzzy,
        method: fuzzy.errors === 0 ? 'quote' : 'fuzzy',
        runnerUp: fuzzy.runnerUp,
        exactRival: exact !== null && fuzzy.errors > 0,
      });
  }
  if (exact) return judgeCandidate(normalized, context, { candidate: exact, method: 'quote', runnerUp: exact.runnerUp });
  return orphan('not-found');
}
