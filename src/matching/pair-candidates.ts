import { TermFlag, type AnalyzedText } from './analyze-text';
import { lowerBound } from './lower-bound';
import type { PassageWindow } from './passage-window';
import { pairKey, type SimilarityIndex } from './similarity-index';

/** The window's terms that some form is filed under (figures never are): the only ones worth pairing. */
export function filedWords(index: SimilarityIndex, doc: AnalyzedText, window: PassageWindow): number[] {
  const words: number[] = [];
  for (const [hash, at] of window.occurrences) {
    if (doc.terms[at[0]!]!.flags & TermFlag.figure) continue;
    const k = lowerBound(index.filedTerms, hash);
    if (index.filedTerms[k] === hash) words.push(hash);
  }
  return words;
}

/**
 * A Bloom filter over the index's pair keys, built on first use: most pairs of a sentence's words
 * file no form, and two bit probes tell so without a binary search over millions of keys.
 */
const blooms = new WeakMap<SimilarityIndex, Uint32Array>();
function bloomOf(index: SimilarityIndex): Uint32Array {
  let bits = blooms.get(index);
  if (!bits) {
    // About 16 bits a key: two probes then pass a missing pair about 1.4% of the time.
    const words = 2 ** Math.max(5, Math.ceil(Math.log2(Math.max(1, index.pairKeys.length) / 2)));
    bits = new Uint32Array(words);
    const mask = words * 32 - 1;
    for (const key of index.pairKeys) {
      const h1 = key & mask;
      const h2 = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      bits[h1 >>> 5]! |= 1 << (h1 & 31);
      bits[h2 >>> 5]! |= 1 << (h2 & 31);
    }
    blooms.set(index, bits);
  }
  return bits;
}

/** Adds the forms filed under the pair (a, b). */
function formsOfPair(index: SimilarityIndex, bloom: Uint32Array, a: number, b: number, into: Set<number>): void {
  const key = pairKey(a, b);
  const mask = bloom.length * 32 - 1;
  const h1 = key & mask;
  const h2 = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
  if (!(bloom[h1 >>> 5]! & (1 << (h1 & 31))) || !(bloom[h2 >>> 5]! & (1 << (h2 & 31)))) return;
  const { pairKeys, pairForms } = index;
  for (let at = lowerBound(pairKeys, key); at < pairKeys.length && pairKeys[at] === key; at++) into.add(pairForms[at]!);
}

/** The forms that share two of their rarest terms with the window. */
export function candidatesOf(words: readonly number[], index: SimilarityIndex): Set<number> {
  const found = new Set<number>();
  const bloom = bloomOf(index);
  for (let a = 0; a < words.length; a++) for (let b = a + 1; b < words.length; b++) formsOfPair(index, bloom, words[a]!, words[b]!, found);
  return found;
}

/** The forms of two neighbouring sentences: each one's own, and those with one filed term in each. */
export function pairCandidates(index: SimilarityIndex, first: readonly number[], second: readonly number[], own: Set<number>[]): Set<number> {
  const found = new Set<number>([...own[0]!, ...own[1]!]);
  const inFirst = new Set(first);
  const bloom = bloomOf(index);
  for (const a of first) for (const b of second) if (a !== b && !inFirst.has(b)) formsOfPair(index, bloom, a, b, found);
  return found;
}
