import { analyzeText } from './analyze-text';
import type { ClaimIndexSnapshot } from './claim-index';
import { scoreAgainstText } from './score-against-text';

/**
 * The matcher as a retrieval system: the claims a text is most likely about, best first. Used by
 * the evaluation on CLEF CheckThat! (a tweet is the text, the verified claims the database).
 */
export function rankClaims(indexes: Iterable<ClaimIndexSnapshot>, text: string, limit = 5): { claimKey: string; score: number }[] {
  const list = [...indexes];
  const doc = analyzeText(text, undefined, { compoundParts: true });
  const scores = new Map<string, number>();
  for (const index of list)
    for (const [claimKey, score] of scoreAgainstText(index, doc))
      if (score > (scores.get(claimKey) ?? 0)) scores.set(claimKey, score);
  return [...scores].map(([claimKey, score]) => ({ claimKey, score })).sort((a, b) => b.score - a.score).slice(0, limit);
}
