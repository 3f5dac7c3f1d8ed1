import search from 'approx-string-match';
import { prefixSimilarity, suffixSimilarity } from './context-similarity';
import { ERROR_WINDOW, MAX_WINDOW_ERROR_RATE, worstWindowErrorRate } from './error-density';

/**
 * Finding a quote in a text, exactly or with edits, and ranking the places found by how well the
 * quote, the text around it and its distance from an expected position agree with what was stored.
 * This is Hypothesis's matchQuote (approx-string-match's Myers search, scored on quote, prefix,
 * suffix and position), with three changes that anchoring needs:
 *
 * - The best place at another location is returned too (`runnerUp`), so a caller can refuse to
 *   pick between two places that score about the same.
 * - A fuzzy match is rejected when some stretch of the quote is mostly edits (error-density.ts):
 *   that is a different passage with parts in common, not an edited one.
 * - Scores weigh quote, prefix and suffix by their lengths (quote capped at 64 units), so that a
 *   short quote leans on its context and a long one on itself.
 */
export interface MatchQuoteOptions {
  prefix?: string;
  suffix?: string;
  /** Expected start (UTF-16 offset into `text`); breaks ties between otherwise equal places. */
  hint?: number;
  /** Edit budget for the whole quote. Default: min(256, quote.length / 2), as Hypothesis. */
  maxErrors?: number;
  /**
   * 'auto' (default): exact occurrences when there are any, else fuzzy ones (Hypothesis).
   * 'exact': exact occurrences only. 'fuzzy': fuzzy search even when exact occurrences exist, so
   * that an edited original can compete with an exact copy elsewhere.
   */
  mode?: 'auto' | 'exact' | 'fuzzy';
  /**
   * Quote characters over which edits may not exceed MAX_WINDOW_ERROR_RATE (error-density.ts).
   * Default ERROR_WINDOW (16), which reproduces the reference libraries' "not found" cases.
   */
  errorWindow?: number;
  /**
   * Parts of `text` no passage can be in (the contents of script and style elements: nobody
   * selects them, and pages keep copies of their article there as JSON). Never searched.
   */
  exclude?: readonly TextSpan[];
}

export interface TextSpan {
  start: number;
  end: number;
}

export interface QuoteCandidate {
  start: number;
  end: number;
  errors: number;
  /** 1 − errors / quote length */
  quoteScore: number;
  prefixScore: number;
  suffixScore: number;
  /** 1 − distance to the hint / text length; 1 without a hint */
  positionScore: number;
  /** 0..1, weighted over the four scores above */
  score: number;
}

export interface QuoteMatch extends QuoteCandidate {
  /** The best candidate that does not overlap this one, if any. */
  runnerUp: QuoteCandidate | null;
  /** runnerUp's score, 0 without one */
  runnerUpScore: number;
}

/** The quote's weight is its length up to this: beyond it, a quote is specific enough by itself. */
export const QUOTE_WEIGHT_CAP = 64;
/** Context weighs its length up to this. */
export const CONTEXT_WEIGHT_CAP = 64;
/** Position only breaks ties: it weighs as much as one character of quote. */
export const POSITION_WEIGHT = 1;

export interface Span {
  start: number;
  end: number;
  errors: number;
}

export const defaultMaxErrors = (quote: string): number => Math.min(256, Math.floor(quote.length / 2));

/** The parts of [0, length) outside `exclude`, in order. */
function searchRegions(length: number, exclude: readonly TextSpan[] = []): TextSpan[] {
  const regions: TextSpan[] = [];
  let from = 0;
  for (const span of [...exclude].sort((a, b) => a.start - b.start)) {
    if (span.start > from) regions.push({ start: from, end: Math.min(span.start, length) });
    from = Math.max(from, span.end);
  }
  if (from < length) regions.push({ start: from, end: length });
  return regions;
}

function exactOccurrences(text: string, quote: string, regions: readonly TextSpan[]): Span[] {
  const spans: Span[] = [];
  for (const region of regions)
    for (let at = text.indexOf(quote, region.start); at >= 0 && at + quote.length <= region.end; at = text.indexOf(quote, at + 1))
      spans.push({ start: at, end: at + quote.length, errors: 0 });
  return spans;
}

/** Myers search in text[from, to), offsets shifted back into the whole text. */
function fuzzyIn(text: string, from: number, to: number, quote: string, maxErrors: number): Span[] {
  if (to - from < quote.length - maxErrors || to <= from) return [];
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  return search(slice, quote, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }));
}

/**
 * The closest fuzzy places, and then the closest ones outside them: Myers search only reports the
 * lowest error count, so a look-alike one edit further away would otherwise never be seen.
 */
function fuzzyCandidates(text: string, quote: string, maxErrors: number, regions: readonly TextSpan[]): Span[] {
  const first = regions.flatMap((region) => fuzzyIn(text, region.start, region.end, quote, maxErrors));
  if (first.length === 0) return first;
  const covered = [...first].sort((a, b) => a.start - b.start);
  const second = regions.flatMap((region) =>
    searchRegions(region.end, [{ start: 0, end: region.start }, ...covered]).flatMap((gap) =>
      fuzzyIn(text, gap.start, gap.end, quote, maxErrors),
    ),
  );
  return [...first, ...second];
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

export function matchQuote(text: string, quote: string, options: MatchQuoteOptions = {}): QuoteMatch | null {
  if (quote.length === 0 || text.length === 0) return null;
  const mode = options.mode ?? 'auto';
  const maxErrors = Math.max(0, Math.floor(options.maxErrors ?? defaultMaxErrors(quote)));

  const regions = searchRegions(text.length, options.exclude);
  let spans = exactOccurrences(text, quote, regions);
  if (mode === 'fuzzy' || (mode === 'auto' && spans.length === 0)) {
    const fuzzy = fuzzyCandidates(text, quote, maxErrors, regions).filter(
      (span) =>
        span.errors === 0 ||
        worstWindowErrorRate(quote, text.slice(span.start, span.end), span.errors, options.errorWindow ?? ERROR_WINDOW) <=
          MAX_WINDOW_ERROR_RATE,
    );
    const seen = new Set(spans.map((span) => `${span.start}:${span.end}`));
    spans = [...spans, ...fuzzy.filter((span) => !seen.has(`${span.start}:${span.end}`))];
  }
  if (spans.length === 0) return null;

  const score = (span: Span): QuoteCandidate => scoreSpan(text, quote, span, options);

  // Among overlapping variants of one place (Myers reports several ends), prefer the best score,
  // then the span closest to the quote's length, then the earliest.
  const ranked = spans
    .map(score)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Math.abs(a.end - a.start - quote.length) - Math.abs(b.end - b.start - quote.length) ||
        a.start - b.start,
    );
  const best = ranked[0]!;
  const runnerUp = ranked.find((candidate) => !overlaps(candidate, best)) ?? null;
  return { ...best, runnerUp, runnerUpScore: runnerUp?.score ?? 0 };
}

/**
 * The score of one place for `quote` in `text` (as matchQuote ranks them), for callers that found
 * the place another way, such as a stored position.
 */
export function scoreSpan(
  text: string,
  quote: string,
  span: Span,
  options: MatchQuoteOptions = {},
  /** weight of evidence found some other way that agrees fully (a stored position verified) */
  extraWeight = 0,
): QuoteCandidate {
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';
  const quoteWeight = Math.min(quote.length, QUOTE_WEIGHT_CAP);
  const prefixWeight = Math.min(prefix.length, CONTEXT_WEIGHT_CAP);
  const suffixWeight = Math.min(suffix.length, CONTEXT_WEIGHT_CAP);
  const positionWeight = options.hint === undefined ? 0 : POSITION_WEIGHT;
  const totalWeight = quoteWeight + prefixWeight + suffixWeight + positionWeight + extraWeight;

  const quoteScore = quote.length === 0 ? 0 : Math.max(0, 1 - span.errors / quote.length);
  // Context is compared with at most CONTEXT_WEIGHT_CAP units next to the quote.
  const prefixScore = prefixSimilarity(text, span.start, prefix.slice(-CONTEXT_WEIGHT_CAP));
  const suffixScore = suffixSimilarity(text, span.end, suffix.slice(0, CONTEXT_WEIGHT_CAP));
  const positionScore =
    options.hint === undefined ? 1 : Math.max(0, 1 - Math.abs(span.start - options.hint) / Math.max(1, text.length));
  const weighted =
    quoteWeight * quoteScore +
    prefixWeight * prefixScore +
    suffixWeight * suffixScore +
    positionWeight * positionScore +
    extraWeight;
  return {
    start: span.start,
    end: span.end,
    errors: span.errors,
    quoteScore,
    prefixScore,
    suffixScore,
    positionScore,
    score: totalWeight === 0 ? 0 : weighted / totalWeight,
  };
}
