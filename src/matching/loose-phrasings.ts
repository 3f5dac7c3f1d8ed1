import { analyzeText } from './analyze-text';
import { MIN_PHRASE_WORDS } from './claim-index';
import { MIN_CONFIRMED_TERMS } from './match-thresholds';
import { phraseWords } from './tokenize';

export interface LoosePhrasing {
  claim: string;
  phrasing: string;
  /** distinct key words (stems, names, figures) the phrasing has */
  keyWords: number;
}

/**
 * Phrasings that are matched word for word yet say too little to be checked against the sentence
 * around them: with fewer than MIN_CONFIRMED_TERMS key words, the checks that turn a near miss
 * down (another actor, a negation, another unit) have little of the claim to compare. The matcher
 * holds one back where a known actor stands before it (match-text.ts), but an actor missing from
 * the name table (a unit, a company, a person) goes unseen, and the sentence is highlighted as the
 * claim. For pack authors: such a phrasing should name who or what the claim is about.
 */
export function loosePhrasings(claims: ReadonlyArray<{ id: string; phrasings: readonly string[] }>): LoosePhrasing[] {
  const loose: LoosePhrasing[] = [];
  for (const claim of claims)
    for (const phrasing of claim.phrasings) {
      // A phrasing too short to be indexed never matches at all: `stats` counts those apart.
      if (phraseWords(phrasing).length < MIN_PHRASE_WORDS) continue;
      const keyWords = new Set(analyzeText(phrasing).terms.map((term) => term.hash)).size;
      if (keyWords < MIN_CONFIRMED_TERMS) loose.push({ claim: claim.id, phrasing, keyWords });
    }
  return loose;
}
