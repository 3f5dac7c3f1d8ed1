import { TermFlag } from './analyze-text';
import { CONFIRMED_COVERAGE, MIN_SHARED_TERMS } from './match-thresholds';
import type { PassageWindow } from './passage-window';
import type { SimilarityIndex } from './similarity-index';
import { TermSet } from './term-set';

/** Windows of `reachable`, as bits of a sentence's terms: the sentence, it and the one before, it and the one after. */
export const OWN = 1;
export const WITH_PREVIOUS = 2;
export const WITH_NEXT = 4;

/**
 * A sentence's terms and its neighbours', each marked with the windows of `reachable` that hold
 * it: the sentence's own in all three, the one before's in WITH_PREVIOUS, the one after's in
 * WITH_NEXT (only the neighbours it is scored together with).
 */
export function windowTerms(own: PassageWindow, before: PassageWindow | null, after: PassageWindow | null): TermSet {
  const set = new TermSet([], own.occurrences.size + (before?.occurrences.size ?? 0) + (after?.occurrences.size ?? 0));
  for (const hash of own.occurrences.keys()) set.add(hash, OWN | WITH_PREVIOUS | WITH_NEXT);
  if (before) for (const hash of before.occurrences.keys()) set.add(hash, WITH_PREVIOUS);
  if (after) for (const hash of after.occurrences.keys()) set.add(hash, WITH_NEXT);
  return set;
}

/**
 * In which windows a sentence's candidate can reach a tier at all (bits OWN, WITH_PREVIOUS,
 * WITH_NEXT): the coverage sums of each, from one pass over the form's terms and one lookup a
 * term, allocating nothing. A sentence's candidates are all candidates of both its pairs, and
 * weighing candidates is most of a page search: three passes were three quarters of it. The
 * worker runs a page search a few times in its life, mostly in V8's baseline tier, where a call
 * per term costs as much as the rest of the loop (so the set's lookup is written out here).
 */
export function reachable(index: SimilarityIndex, terms: TermSet, form: number, floor: number): number {
  const { termOffsets, weights, flags } = index;
  const { slots, mask, bits: termBits } = terms;
  let total = 0;
  let wordTotal = 0;
  let got = 0;
  let wordGot = 0;
  let shared = 0;
  let gotBefore = 0;
  let wordGotBefore = 0;
  let sharedBefore = 0;
  let gotAfter = 0;
  let wordGotAfter = 0;
  let sharedAfter = 0;
  for (let t = termOffsets[form]!, end = termOffsets[form + 1]!; t < end; t++) {
    const weight = weights[t]!;
    const word = !(flags[t]! & TermFlag.figure);
    total += weight;
    if (word) wordTotal += weight;
    // terms.bitsOf(hash), written out: a call per term cost as much as the rest of the loop.
    const key = index.terms[t]! | 0;
    let bits = 0;
    if (key === 0) bits = terms.zeroBits;
    else
      for (let at = (key ^ (key >>> 15)) & mask; ; at = (at + 1) & mask) {
        const slot = slots[at]!;
        if (slot === key) {
          bits = termBits[at]!;
          break;
        }
        if (slot === 0) break;
      }
    if (bits === 0) continue;
    if (bits & OWN) {
      shared++;
      got += weight;
      if (word) wordGot += weight;
    }
    if (bits & WITH_PREVIOUS) {
      sharedBefore++;
      gotBefore += weight;
      if (word) wordGotBefore += weight;
    }
    if (bits & WITH_NEXT) {
      sharedAfter++;
      gotAfter += weight;
      if (word) wordGotAfter += weight;
    }
  }
  const weightFloor = floor * total;
  const wordFloor = CONFIRMED_COVERAGE * wordTotal;
  let reach = 0;
  if (shared >= MIN_SHARED_TERMS && (got >= weightFloor || wordGot >= wordFloor)) reach |= OWN;
  if (sharedBefore >= MIN_SHARED_TERMS && (gotBefore >= weightFloor || wordGotBefore >= wordFloor)) reach |= WITH_PREVIOUS;
  if (sharedAfter >= MIN_SHARED_TERMS && (gotAfter >= weightFloor || wordGotAfter >= wordFloor)) reach |= WITH_NEXT;
  return reach;
}
