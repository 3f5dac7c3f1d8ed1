/**
 * Where a passage stops being the claim. Calibrated on the evaluation set (eval/matching/,
 * `npm run eval`) and documented in docs/matching.md: the share of the claim's weighted key words
 * the passage must state, and the fewest shared words that make a statement at all.
 */
export const CONFIRMED_COVERAGE = 0.8;
export const POSSIBLE_COVERAGE = 0.5;
export const MIN_SHARED_TERMS = 3;
/** A wording of three key words ("told", "killing", "Americans") is confirmed word for word only. */
export const MIN_CONFIRMED_TERMS = 4;
/** A claim's words spread over more tokens than this (times its own length, plus slack) are not one statement. */
export const SPAN_FACTOR = 2;
export const SPAN_SLACK = 8;
/** How many tokens before a passage a negation still denies it ("It is false that they had been told"). */
export const NEGATION_REACH = 6;
