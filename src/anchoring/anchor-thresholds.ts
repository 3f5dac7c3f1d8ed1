/**
 * The numbers behind anchoring decisions, in one place. docs/anchoring.md explains each and how
 * the news-page evaluation (npm run eval:anchoring) was used to set them.
 */

/** Score from which a passage is shown as anchored. */
export const ANCHORED_SCORE = 0.7;
/** Score from which a passage is shown as uncertain (with its score); below, it is orphaned. */
export const UNCERTAIN_SCORE = 0.5;
/** Two places whose scores differ by less than this are ambiguous: neither is anchored. */
export const AMBIGUITY_MARGIN = 0.05;
/** A side of stored context (prefix or suffix) supports a place when it agrees this well. */
export const CONTEXT_SUPPORT = 0.75;
/** Quotes shorter than this (after collapsing whitespace) are short: exact matches only. */
export const SHORT_QUOTE_CHARS = 16;
/** ... and so are quotes of fewer words than this, unless they reach SHORT_QUOTE_MAX_CHARS. */
export const SHORT_QUOTE_WORDS = 3;
export const SHORT_QUOTE_MAX_CHARS = 32;
/** An edited quote is anchored only when this much of it is unchanged (1 − edits / length). */
export const FUZZY_ANCHOR_SIMILARITY = 0.75;
/**
 * Fuzzy search tolerates at most half edits in any this many quote characters: wider than
 * matchQuote's default (16, which reproduces the reference libraries' "not found" cases), so that
 * a long word replaced by another is still found; context rules decide what is then shown.
 */
export const FUZZY_ERROR_WINDOW = 32;
/** A stored position found still holding the quote weighs as much as one full side of context. */
export const VERIFIED_POSITION_WEIGHT = 32;
/** What a result demoted by a safety rule reports: the highest score that is not anchored. */
export const DEMOTED_SCORE = Math.round((ANCHORED_SCORE - 0.01) * 100) / 100;
