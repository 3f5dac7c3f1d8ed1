import type { AnalyzedText } from './analyze-text';
import type { ClaimIndexSnapshot } from './claim-index';

/**
 * Every candidate claim of a whole text with its best form's score, without the tier checks: what
 * ranking needs. Candidates come from the same inverted index as matching.
 */
export function scoreAgainstText(index: ClaimIndexSnapshot, doc: AnalyzedText): Map<string, number> {
  const { postKeys, postOffsets, postForms, termOffsets, terms, weights, formClaim } = index.similar;
  const present = new Set(doc.terms.map((t) => t.hash));
  const candidates = new Set<number>();
  for (const hash of present) {
    let lo = 0;
    let hi = postKeys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (postKeys[mid]! < hash) lo = mid + 1;
      else hi = mid;
    }
    if (postKeys[lo] !== hash) continue;
    for (let p = postOffsets[lo]!; p < postOffsets[lo + 1]!; p++) candidates.add(postForms[p]!);
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
