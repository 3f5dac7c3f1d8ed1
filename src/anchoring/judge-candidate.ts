import {
  AMBIGUITY_MARGIN,
  ANCHORED_SCORE,
  CONTEXT_SUPPORT,
  DEMOTED_SCORE,
  FUZZY_ANCHOR_SIMILARITY,
  UNCERTAIN_SCORE,
} from './anchor-thresholds';
import { prefixSimilarity, suffixSimilarity } from './context-similarity';
import type { QuoteCandidate } from './match-quote';
import { rawRange, type NormalizedText } from './normalize-whitespace';
import type { AnchorMethod, AnchorReason, AnchorResult } from './selectors';

/**
 * From the best candidate to an AnchorResult: the score picks the state, and the safety rules
 * below can only lower it. Whenever the evidence is thin the answer is 'uncertain' or 'orphaned',
 * never 'anchored': a wrong landing is worse than an orphan (hypothesis/client#7571).
 */

export interface QuoteParts {
  /** prefix and suffix as normalized for search */
  prefix: string;
  suffix: string;
  /** the stored exact quote, raw */
  rawExact: string;
}

export const orphan = (reason: AnchorReason, score = 0): AnchorResult => ({ state: 'orphaned', score, method: 'none', reason });

export interface Verdict {
  candidate: QuoteCandidate;
  method: AnchorMethod;
  runnerUp: QuoteCandidate | null;
  /** The raw span when it is known exactly (a verified position). */
  raw?: { start: number; end: number };
  /** The stored position still holds the quote: that counts as support for a long quote. */
  positionVerified?: boolean;
  /** The candidate has edits while the quote also occurs exactly somewhere. */
  exactRival?: boolean;
}

const leadingSpace = (text: string): number => text.length - text.trimStart().length;
const trailingSpace = (text: string): number => text.length - text.trimEnd().length;

/**
 * The raw span of a normalized match. A collapsed space at either edge stands for a whole run of
 * page whitespace; the span keeps only as much of it as the stored quote had there, so a quote
 * ending in "\n\n" does not swallow the next paragraph's indentation.
 */
function rawSpan(normalized: NormalizedText, candidate: QuoteCandidate, rawExact: string): { start: number; end: number } {
  const span = rawRange(normalized, candidate.start, candidate.end);
  if (candidate.end <= candidate.start) return span;
  const text = normalized.text;
  if (text.charCodeAt(candidate.start) === 0x20) {
    const keep = leadingSpace(rawExact);
    if (keep > 0) span.start = Math.max(span.start, normalized.rawEnd[candidate.start]! - keep);
  }
  if (text.charCodeAt(candidate.end - 1) === 0x20) {
    const keep = trailingSpace(rawExact);
    if (keep > 0) span.end = Math.min(span.end, normalized.rawStart[candidate.end - 1]! + keep);
  }
  return span;
}

/** Stored context sides that say something once whitespace is collapsed. */
function informativeSides(candidate: QuoteCandidate, quote: { prefix: string; suffix: string }): number[] {
  const sides: number[] = [];
  if (quote.prefix.trim()) sides.push(candidate.prefixScore);
  if (quote.suffix.trim()) sides.push(candidate.suffixScore);
  return sides;
}

/**
 * Rule 1, context support: an exact quote needs one side of its stored context to agree (or its
 * stored position to still hold it); a quote found with edits needs every stored side to agree,
 * since "edited here" and "a look-alike there" differ only by their surroundings. Sides that are
 * only whitespace say nothing and do not count. With no context, only exact quotes qualify.
 */
export function contextSupports(
  candidate: QuoteCandidate,
  quote: { prefix: string; suffix: string },
  positionVerified = false,
): boolean {
  const sides = informativeSides(candidate, quote);
  if (candidate.errors === 0) return sides.length === 0 || positionVerified || sides.some((side) => side >= CONTEXT_SUPPORT);
  return sides.length > 0 && sides.every((side) => side >= CONTEXT_SUPPORT);
}

/** The stored prefix, exact and suffix found character for character. */
const verbatim = (candidate: QuoteCandidate): boolean =>
  candidate.errors === 0 && candidate.prefixScore === 1 && candidate.suffixScore === 1;

/**
 * Rule 2, ambiguity: a runner-up within AMBIGUITY_MARGIN means we cannot tell which place is the
 * passage. Two exceptions, both where the stored selectors name the place themselves: a verified
 * position, and the only place where prefix, exact and suffix are all found verbatim (a
 * look-alike that differs in one character of context is then no rival: for it to be the real
 * passage, the page would have had to change in exactly the way that turns one into the other).
 *
 * An exact occurrence of the quote is always a rival to an edited candidate, whatever the scores:
 * a near-copy of a paragraph inserted next to the original carries the original's context on one
 * side. The edited candidate wins only with both sides of its context agreeing.
 */
function isAmbiguous(
  candidate: QuoteCandidate,
  quote: { prefix: string; suffix: string },
  { method, runnerUp, exactRival }: Verdict,
): boolean {
  if (exactRival) {
    const sides = informativeSides(candidate, quote);
    if (sides.length < 2 || sides.some((side) => side < CONTEXT_SUPPORT)) return true;
  }
  if (method === 'position' || !runnerUp) return false;
  if (verbatim(candidate) && !verbatim(runnerUp)) return false;
  return runnerUp.score >= candidate.score - AMBIGUITY_MARGIN;
}

/** How much of a stored context side must be left once trimmed to say who the neighbour was. */
const MIN_NEIGHBOUR_CONTEXT = 12;
/** A candidate that reads like this much of the old neighbour is that neighbour. */
const NEIGHBOUR_SAME = 0.9;

/**
 * Rule 4, the shifted neighbour: when an item of a list of look-alikes (prices by month, votes by
 * member) is deleted, the next item moves into its place, with the old prefix before it and a
 * look-alike after it, so both sides of the context agree. What gives it away is that it *begins
 * like the stored suffix* (it is what used to follow the passage), or ends like the stored prefix.
 * Returns how much the candidate reads like a stored neighbour (0 when the context says nothing).
 */
function neighbourLikeness(text: string, candidate: QuoteCandidate, quote: { prefix: string; suffix: string }): number {
  const suffix = quote.suffix.trimStart();
  const prefix = quote.prefix.trimEnd();
  const span = text.slice(candidate.start, candidate.end);
  const start = candidate.start + (span.length - span.trimStart().length);
  const end = candidate.end - (span.length - span.trimEnd().length);
  const after = suffix.length >= MIN_NEIGHBOUR_CONTEXT ? suffixSimilarity(text, start, suffix) : 0;
  const before = prefix.length >= MIN_NEIGHBOUR_CONTEXT ? prefixSimilarity(text, end, prefix) : 0;
  return Math.max(after, before);
}

const numbersIn = (value: string): string => (value.match(/\d+(?:[.,]\d+)*/g) ?? []).join(' ');

export function judgeCandidate(
  normalized: NormalizedText,
  quote: QuoteParts,
  verdict: Verdict,
): AnchorResult {
  const { candidate, method, raw } = verdict;
  let score = candidate.score;
  let reason: AnchorReason | undefined;
  // An edited quote with no side of its context agreeing is a look-alike, not the passage.
  const sides = informativeSides(candidate, quote);
  if (candidate.errors > 0 && sides.length > 0 && sides.every((side) => side < CONTEXT_SUPPORT))
    return orphan('weak-context', score);
  if (candidate.errors > 0) {
    const neighbour = neighbourLikeness(normalized.text, candidate, quote);
    if (neighbour >= NEIGHBOUR_SAME) return orphan('neighbour', score);
    if (neighbour >= CONTEXT_SUPPORT && score >= ANCHORED_SCORE) {
      reason = 'neighbour';
      score = DEMOTED_SCORE;
    }
  }
  if (score >= ANCHORED_SCORE && !reason) {
    if (!contextSupports(candidate, quote, verdict.positionVerified)) reason = 'weak-context';
    else if (isAmbiguous(candidate, quote, verdict)) reason = 'ambiguous';
    else if (candidate.quoteScore < FUZZY_ANCHOR_SIMILARITY) reason = 'low-score';
    // Rule 5: an edit that changes a figure ("5%" to "6%", "3 May" to "4 May") may be a
    // correction or another item; a fact check hinges on figures, so it is never taken for sure.
    else if (candidate.errors > 0 && numbersIn(normalized.text.slice(candidate.start, candidate.end)) !== numbersIn(quote.rawExact))
      reason = 'numbers-differ';
    if (reason) score = Math.min(score, DEMOTED_SCORE);
  }
  if (score < UNCERTAIN_SCORE) return orphan('low-score', score);
  const { start, end } = raw ?? rawSpan(normalized, candidate, quote.rawExact);
  const state = score >= ANCHORED_SCORE ? 'anchored' : 'uncertain';
  return { state, start, end, score, method, ...(reason || state === 'uncertain' ? { reason: reason ?? 'low-score' } : {}) };
}
