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
 * Where each run of the index's sorted pair keys starts, by the keys' top bits: a lookup reads two
 * offsets and the few keys between them, with no binary search over millions of keys, and most
 * pairs of a sentence's words (which file no form) land in an empty run. Built on first use in one
 * pass over the keys, which are already sorted: a Bloom filter needed a random write per key,
 * a fifth of a second for a 250k-claim pack on a worker's first page.
 */
interface KeyRuns {
  shift: number;
  starts: Uint32Array;
}
const runs = new WeakMap<SimilarityIndex, KeyRuns>();
function runsOf(index: SimilarityIndex): KeyRuns {
  let found = runs.get(index);
  if (!found) {
    const keys = index.pairKeys;
    // About two keys a run.
    const bits = Math.min(24, Math.max(4, Math.ceil(Math.log2(Math.max(2, keys.length))) - 1));
    const shift = 32 - bits;
    const starts = new Uint32Array(2 ** bits + 1);
    let run = 0;
    for (let at = 0; at < keys.length; at++) {
      const own = keys[at]! >>> shift;
      while (run <= own) starts[run++] = at;
    }
    while (run < starts.length) starts[run++] = keys.length;
    found = { shift, starts };
    runs.set(index, found);
  }
  return found;
}

/**
 * Which forms a lookup has met, by a stamp per form: a lookup meets the same form under many of its
 * pairs, and a Set hashed each meeting. One array per index, reused by every lookup.
 */
interface FormMarks {
  stamps: Uint32Array;
  stamp: number;
}
const marks = new WeakMap<SimilarityIndex, FormMarks>();
function freshMarks(index: SimilarityIndex): FormMarks {
  let found = marks.get(index);
  if (!found) marks.set(index, (found = { stamps: new Uint32Array(index.formClaim.length), stamp: 0 }));
  if (++found.stamp === 0xffffffff) {
    found.stamps.fill(0);
    found.stamp = 1;
  }
  return found;
}

/** Adds the forms filed under the pair (a, b) that the lookup has not met yet. */
function formsOfPair(index: SimilarityIndex, keyRuns: KeyRuns, a: number, b: number, seen: FormMarks, into: number[]): void {
  const key = pairKey(a, b);
  const run = key >>> keyRuns.shift;
  const { pairKeys, pairForms } = index;
  const { stamps, stamp } = seen;
  // (Written out, not a call per form: a page search runs mostly in V8's baseline tier, where calls cost.)
  for (let at = keyRuns.starts[run]!, end = keyRuns.starts[run + 1]!; at < end && pairKeys[at]! <= key; at++) {
    if (pairKeys[at] !== key) continue;
    const form = pairForms[at]!;
    if (stamps[form] !== stamp) {
      stamps[form] = stamp;
      into.push(form);
    }
  }
}

/** The forms that share two of their rarest terms with the window, each once. */
export function candidatesOf(words: readonly number[], index: SimilarityIndex): number[] {
  const found: number[] = [];
  const keyRuns = runsOf(index);
  const seen = freshMarks(index);
  for (let a = 0; a < words.length; a++) for (let b = a + 1; b < words.length; b++) formsOfPair(index, keyRuns, words[a]!, words[b]!, seen, found);
  return found;
}

/**
 * The forms of two neighbouring sentences that neither finds alone: those filed under a pair of one
 * word of each, each once, none of `own` (the sentences' own candidates, which the caller has).
 */
export function crossCandidates(index: SimilarityIndex, first: readonly number[], second: readonly number[], own: readonly (readonly number[])[]): number[] {
  const found: number[] = [];
  const seen = freshMarks(index);
  for (const forms of own) for (const form of forms) seen.stamps[form] = seen.stamp;
  // A word of both sentences pairs with the first's words in its own candidates already.
  const inFirst = new Set(first);
  const onlySecond = second.filter((b) => !inFirst.has(b));
  const keyRuns = runsOf(index);
  for (const a of first) for (const b of onlySecond) formsOfPair(index, keyRuns, a, b, seen, found);
  return found;
}
