import type { AnalyzedText, Sentence } from './analyze-text';
import { TermSet } from './term-set';

/** A sentence, or two neighbouring ones, with where each of its terms occurs. */
export interface PassageWindow {
  firstTerm: number;
  endTerm: number;
  firstToken: number;
  lastToken: number;
  /** term hash -> term indexes in the text */
  occurrences: Map<number, number[]>;
  /** the same terms, for asking whether the window has one while a form is scored */
  terms: TermSet;
}

export function windowOf(doc: AnalyzedText, from: Sentence, to: Sentence): PassageWindow {
  const occurrences = new Map<number, number[]>();
  for (let t = from.firstTerm; t < to.endTerm; t++) {
    const hash = doc.terms[t]!.hash;
    const list = occurrences.get(hash);
    if (list) list.push(t);
    else occurrences.set(hash, [t]);
  }
  return { firstTerm: from.firstTerm, endTerm: to.endTerm, firstToken: from.firstToken, lastToken: to.lastToken, occurrences, terms: new TermSet([...occurrences.keys()]) };
}

