import { analyzeText, NAME_FLAGS, TermFlag, type AnalyzedText, type Sentence } from './analyze-text';
import { hashTokens, searchClaimIndex, type ClaimIndexSnapshot, type PhraseHit } from './claim-index';
import type { ClaimMatch } from './claim-match';
import { claimTerms, differingFigures } from './claim-terms';
import { findSimilar, type Rejection, type TierSearch } from './find-similar';
import { lowerBound } from './lower-bound';
import { CONFIRMED_COVERAGE, MIN_CONFIRMED_TERMS, NEGATION_REACH } from './match-thresholds';
import { attributes } from './passage-roles';
import { tokenize } from './tokenize';

export type { ClaimMatch, MatchTier, MatchWhy } from './claim-match';
export type { TierSearch } from './find-similar';

/**
 * Every claim a text states, by tier, searched in several indexes (one per installed pack) with
 * the text read once. A claim's known phrasing word for word is confirmed unless the sentence
 * negates it or gives it other figures; other wordings come from the similarity search. Per claim: confirmed passages are
 * merged, a claim confirmed in the text is not also listed as possible, and a "numbers differ"
 * passage is kept unless it is a confirmed one.
 */
export function matchText(indexes: Iterable<ClaimIndexSnapshot>, text: string, tiers: TierSearch = 'all'): ClaimMatch[] {
  const tokens = tokenize(text);
  const hashes = hashTokens(tokens);
  const doc = analyzeText(text, tokens, { compoundParts: true });
  const found: ClaimMatch[] = [];
  for (const index of indexes) {
    const rejections: Rejection[] = [];
    const hits = searchClaimIndex(index, tokens, hashes);
    const similar = findSimilar(index.similar, index.claimKeys, doc, rejections, tiers, new Set(hits.map((hit) => hit.claim)));
    for (const hit of hits) {
      // A sentence that turns the claim around ("Until September ..." for "Since September ...",
      // "Ukrainian recruits were told ...") can still hold one of its phrasings word for word.
      const overlaps = (m: { claimKey: string; start: number; end: number }) => m.claimKey === hit.claimKey && m.start < hit.end && hit.start < m.end;
      // (A negation is judged per wording: the phrasing's own, just before it, is checked below.)
      // Another actor counts when it stands before the phrasing, as its subject ("Ukrainian recruits
      // were told ..."), not in a clause after it.
      const vetoes = (r: Rejection) =>
        overlaps(r) && (r.reason === 'unit' || (r.reason === 'actor' && r.actorAt !== undefined && r.actorAt < hit.start));
      // A wording that states the claim all but fully, turned around, is evidence; a loose one is not.
      const turnsAround = (m: ClaimMatch) => m.why.contradicts && m.score >= CONFIRMED_COVERAGE && overlaps(m);
      if (rejections.some(vetoes) || similar.some(turnsAround)) continue;
      // A known phrasing in a sentence that denies it is not the claim, and one that dates it
      // otherwise ("Since June, ..." where the claim says September) states other figures.
      const first = tokenAt(doc, hit.start);
      if (negatedBefore(doc, first)) continue;
      const last = tokenAt(doc, hit.end) - 1;
      const sentence = doc.sentences.find((s) => s.firstToken <= first && first <= s.lastToken);
      const claim = claimTerms(index.similar, hit.claim);
      if (sentence && looseAboutAnother(doc, sentence, first, last, claim.names)) continue;
      const differing = sentence ? differingFigures(doc, claim.figures, sentence.firstTerm, sentence.endTerm, first, last, 1) : [];
      found.push(exactMatch(doc, hit, differing));
    }
    found.push(...similar);
  }
  const settled = settle(found);
  // (The page search still meets possible matches among the forms it scores; it does not look for them.)
  return tiers === 'page' ? settled.filter((match) => match.tier !== 'possible') : settled;
}

/** Whether a negation stands just before the passage in its sentence ("It is false that ..."). */
function negatedBefore(doc: AnalyzedText, startToken: number): boolean {
  const sentence = doc.sentences.find((s) => s.firstToken <= startToken && startToken <= s.lastToken);
  const from = Math.max(sentence?.firstToken ?? 0, startToken - NEGATION_REACH);
  return doc.negations.filter((n) => n >= from && n < startToken).length % 2 === 1;
}

const tokenAt = (doc: AnalyzedText, offset: number): number => lowerBound(doc.tokens.starts, offset);

/**
 * Whether a phrasing of few key words ("were sent to Kursk") stands in a sentence about someone
 * else. Such a phrasing leaves who acts to the sentence, and the checks of other wordings may not
 * see it (none of them need be a candidate there). It is about someone else when a known actor
 * (a country, a capital, a leader) is named before it, outside an attribution ("according to
 * Kyiv"), and none of the claim's own names stands outside it.
 */
function looseAboutAnother(doc: AnalyzedText, sentence: Sentence, first: number, last: number, names: ReadonlySet<number>): boolean {
  const keyWords = new Set<number>();
  for (let t = sentence.firstTerm; t < sentence.endTerm; t++) {
    const term = doc.terms[t]!;
    if (term.first >= first && term.last <= last) keyWords.add(term.hash);
  }
  if (keyWords.size >= MIN_CONFIRMED_TERMS) return false;
  let other = false;
  for (let t = sentence.firstTerm; t < sentence.endTerm; t++) {
    const term = doc.terms[t]!;
    if (!(term.flags & NAME_FLAGS) || (term.first >= first && term.last <= last)) continue;
    if (names.has(term.hash)) return false;
    if (term.last < first && term.flags & TermFlag.entity && !attributes(doc, term)) other = true;
  }
  return other;
}

function exactMatch(doc: AnalyzedText, hit: PhraseHit, differing: number[]): ClaimMatch {
  const { starts, ends } = doc.tokens;
  const words = (t: number) => doc.text.slice(starts[doc.terms[t]!.first]!, ends[doc.terms[t]!.last]!);
  return {
    claimKey: hit.claimKey,
    tier: differing.length ? 'numbers-differ' : 'confirmed',
    start: hit.start,
    end: hit.end,
    score: 1,
    why: {
      formSlot: -1,
      shared: [],
      pageFigures: differing.map(words),
      notes: [differing.length ? 'a known phrasing, in a sentence with other figures than the claim' : 'a known phrasing, word for word'],
    },
  };
}

const overlaps = (a: ClaimMatch, b: ClaimMatch) => a.start < b.end && b.start < a.end;

function settle(found: ClaimMatch[]): ClaimMatch[] {
  const byClaim = new Map<string, ClaimMatch[]>();
  for (const match of found) {
    const list = byClaim.get(match.claimKey);
    if (list) list.push(match);
    else byClaim.set(match.claimKey, [match]);
  }
  const settled: ClaimMatch[] = [];
  for (const matches of byClaim.values()) {
    const confirmed = matches.filter((m) => m.tier === 'confirmed').sort((a, b) => a.start - b.start || b.end - a.end || sameSpan(a, b));
    const merged: ClaimMatch[] = [];
    for (const match of confirmed) {
      const last = merged[merged.length - 1];
      if (last && match.start < last.end) {
        merged[merged.length - 1] = {
          ...last,
          end: Math.max(last.end, match.end),
          score: Math.max(last.score, match.score),
          why: last.why.formSlot === -1 ? last.why : match.why,
        };
      } else merged.push(match);
    }
    settled.push(...merged);
    const rest = matches
      .filter((m) => m.tier === 'numbers-differ' || (m.tier === 'possible' && merged.length === 0))
      .filter((m) => !merged.some((c) => overlaps(c, m)))
      .sort((a, b) => (a.tier === b.tier ? b.score - a.score || a.start - b.start || a.end - b.end || sameSpan(a, b) : a.tier === 'numbers-differ' ? -1 : 1));
    const kept: ClaimMatch[] = [];
    for (const match of rest) if (!kept.some((k) => overlaps(k, match))) kept.push(match);
    settled.push(...kept);
  }
  return settled.sort((a, b) => a.start - b.start || a.end - b.end || (a.claimKey < b.claimKey ? -1 : a.claimKey > b.claimKey ? 1 : 0));
}

/**
 * The last word between two matches of one claim over the same words, so that the outcome does
 * not hang on the order they were found in (the page search and the full search find them in
 * different orders): the higher score, then the earlier wording.
 */
const sameSpan = (a: ClaimMatch, b: ClaimMatch): number => b.score - a.score || a.why.formSlot - b.why.formSlot;
