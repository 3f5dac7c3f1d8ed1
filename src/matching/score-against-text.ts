import type { AnalyzedText } from './analyze-text';
import type { ClaimIndexSnapshot } from './claim-index';
import { lowerBound } from './lower-bound';
import { KeyedForms, prefixTerms, type SimilarityIndex } from './similarity-index';

/**
 * Every candidate claim of a whole text with its best form's score, without the tier checks: what
 * ranking needs. Candidates come from the same inverted index as matching.
 */
export function scoreAgainstText(index: ClaimIndexSnapshot, doc: AnalyzedText): Map<string, number> {
  const { termOffsets, terms, weights, formClaim } = index.similar;
  const { termKeys, termForms } = singleTerms(index.similar);
  const present = new Set(doc.terms.map((t) => t.hash));
  const candidates = new Set<number>();
  for (const hash of present) {
    for (let at = lowerBound(termKeys, hash); at < termKeys.length && termKeys[at] === hash; at++) candidates.add(termForms[at]!);
  }
  const averageLength = averageFormLength(index);
  const scores = new Map<string, number>();
  for (const form of candidates) {
    const from = termOffsets[form]!;
    const to = termOffsets[form + 1]!;
    // BM25's saturation and length normalisation over the claim's own weights (k1 0.9, b 0.4):
    // a short claim sharing its rare terms outranks a long one sharing common ones.
    const norm = 1 - B + (B * (to - from)) / averageLength;
    let score = 0;
    for (let t = from; t < to; t++) if (present.has(terms[t]!)) score += (weights[t]! * (K1 + 1)) / (1 + K1 * norm);
    const key = index.claimKeys[formClaim[form]!]!;
    if (score > (scores.get(key) ?? 0)) scores.set(key, score);
  }
  return scores;
}

/**
 * Forms by each of their rarest terms, for a short text that may share only one of them (a tweet
 * and its claim). Ranking alone needs it, so it is built on first use, not stored with the index.
 */
const singles = new WeakMap<SimilarityIndex, { termKeys: Uint32Array; termForms: Uint32Array }>();
function singleTerms(index: SimilarityIndex): { termKeys: Uint32Array; termForms: Uint32Array } {
  let built = singles.get(index);
  if (!built) {
    const list = new KeyedForms();
    for (let f = 0; f < index.formClaim.length; f++) for (const hash of prefixTerms(index, f)) list.add(hash, f);
    const { keys, forms } = list.sorted();
    built = { termKeys: keys, termForms: forms };
    singles.set(index, built);
  }
  return built;
}

const K1 = 0.9;
const B = 0.4;
const averages = new WeakMap<object, number>();
function averageFormLength(index: ClaimIndexSnapshot): number {
  const known = averages.get(index.similar);
  if (known !== undefined) return known;
  const forms = index.similar.formClaim.length;
  const average = forms ? index.similar.termOffsets[forms]! / forms : 1;
  averages.set(index.similar, average);
  return average;
}
