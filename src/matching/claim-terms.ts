import { DATE_FLAGS, NAME_FLAGS, TermFlag, type AnalyzedText } from './analyze-text';
import { lowerBound } from './lower-bound';
import type { SimilarityIndex } from './similarity-index';

/** The figures (with their kind) and the names any wording of a claim gives (forms are stored in claim order). */
export interface ClaimTerms {
  figures: Map<number, number>;
  names: Set<number>;
}

/** Per index, the claims read so far: many sentences of a page are scored against the same few claims. */
const cache = new WeakMap<SimilarityIndex, Map<number, ClaimTerms>>();

export function claimTerms(index: SimilarityIndex, claim: number): ClaimTerms {
  let known = cache.get(index);
  if (!known) cache.set(index, (known = new Map()));
  let terms = known.get(claim);
  if (!terms) {
    // Bounded: a page touches few claims, but a worker lives through many pages.
    if (known.size >= 10_000) known.clear();
    terms = readClaimTerms(index, claim);
    known.set(claim, terms);
  }
  return terms;
}

function readClaimTerms(index: SimilarityIndex, claim: number): ClaimTerms {
  const figures = new Map<number, number>();
  const names = new Set<number>();
  for (let f = lowerBound(index.formClaim, claim); f < index.formClaim.length && index.formClaim[f] === claim; f++)
    for (let t = index.termOffsets[f]!; t < index.termOffsets[f + 1]!; t++) {
      const flag = index.flags[t]!;
      if (flag & TermFlag.figure) figures.set(index.terms[t]!, flag & DATE_FLAGS);
      else if (flag & NAME_FLAGS) names.add(index.terms[t]!);
    }
  return { figures, names };
}

/**
 * Figures of the passage that no wording of the claim gives, standing where the passage leaves out
 * a figure of the same kind that the claim gives: "300" where the claim's "3,000" is missing,
 * "2023" where its "2024" is. A date is looked for in the whole sentence (dates modify it as a
 * whole); a count only by the claim's words (tokens [first, last] and `slack` around), so "killed,
 * and 4,000 wounded" next to the claim's own "3,000" differs from nothing.
 */
export function differingFigures(
  doc: AnalyzedText,
  known: ReadonlyMap<number, number>,
  fromTerm: number,
  endTerm: number,
  first: number,
  last: number,
  slack: number,
  /** the terms of [fromTerm, endTerm) by hash, when the caller has them already */
  present: { has(hash: number): boolean } = new Set(doc.terms.slice(fromTerm, endTerm).map((term) => term.hash)),
): number[] {
  const missingKinds = new Set<number>();
  for (const [hash, kind] of known) if (!present.has(hash)) missingKinds.add(kind);
  if (missingKinds.size === 0) return [];
  const found: number[] = [];
  for (let t = fromTerm; t < endTerm; t++) {
    const term = doc.terms[t]!;
    if (!(term.flags & TermFlag.figure) || known.has(term.hash)) continue;
    const kind = term.flags & DATE_FLAGS;
    if (!missingKinds.has(kind)) continue;
    if (kind === 0 && (term.first < first - slack || term.last > last + slack)) continue;
    found.push(t);
  }
  return found;
}
