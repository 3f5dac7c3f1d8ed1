import { hashWord, phraseHashes, shingleHash } from './hash-words';
import { GrownArray } from './grown-array';
import { lowerBound } from './lower-bound';
import { buildSimilarityIndex, type SimilarityIndex } from './similarity-index';
import { phraseWords, type Tokens } from './tokenize';

/**
 * The persisted lookup structure behind matching: every phrasing of every claim, keyed by the hash
 * of its first SHINGLE words. Built once when a pack is installed, stored in IndexedDB as typed
 * arrays (structured-clone friendly, no parsing on load), and searched by binary search, so a page
 * costs one lookup per word whatever the size of the database.
 *
 * A phrasing is kept as its length in words and two independent 32-bit hashes of its word hashes
 * (phraseHashes), not as its words: 10 bytes instead of 4 a word, which is what a worker just
 * started reads before it answers (ADR 0011). A hit is a word-for-word match after tokenize()'s
 * folding; a false one needs the same first SHINGLE words, the same length and both hashes to
 * collide at once (about 2^-64 per phrasing sharing a key with the passage).
 */
export const SHINGLE = 3;
/** Shorter phrasings ("North Korea") would light up every page: they are not indexed. */
export const MIN_PHRASE_WORDS = 4;

/**
 * Which reading of wordings an index holds: tokenize(), analyzeText(), the word hashes and the
 * similarity layout. Bump it with any change to them, with a database version that rebuilds the
 * stored indexes: a new version of a pack reuses only what the same reader read (EarlierBuild),
 * and mixing two readings in one index would match differently from a fresh build.
 */
export const READER_VERSION = 1;

export interface ClaimIndexSnapshot {
  /**
   * 2 added `similar` (version 1 snapshots are rebuilt by the database upgrade to version 4); 3
   * keeps phrasings as lengths and hashes instead of their words (database version 6 converts).
   */
  formatVersion: 3;
  /** READER_VERSION of the build that made it (from database version 5) */
  reader: number;
  claimKeys: string[];
  /** phrase number -> claim ordinal (position in claimKeys) */
  phraseClaim: Uint32Array;
  /** phrase p's length in words, and its two hashes at phraseHashes[2p] and [2p + 1] */
  phraseLengths: Uint16Array;
  phraseHashes: Uint32Array;
  /** first-shingle hashes, sorted ascending, with the phrase each belongs to */
  shingleKeys: Uint32Array;
  shinglePhrases: Uint32Array;
  /** every wording as weighted key terms, for passages that say the claim in other words */
  similar: SimilarityIndex;
}

export interface ClaimPhrasings {
  key: string;
  phrasings: readonly string[];
  statement?: string;
}

export interface IndexBuild {
  snapshot: ClaimIndexSnapshot;
  /** phrasings left out because they are shorter than MIN_PHRASE_WORDS words */
  skipped: { key: string; phrasing: string }[];
}

export interface PhraseHit {
  claimKey: string;
  /** the claim's position in the index's claimKeys */
  claim: number;
  /** character offsets in the searched text */
  start: number;
  end: number;
}

/** The index a pack had before, for a new version of it: unchanged claims are not read again. */
export interface EarlierBuild {
  snapshot: ClaimIndexSnapshot;
  /** whether the claim's content is as it was when `snapshot` was built */
  unchanged(key: string): boolean;
}

/** Claim ordinal now -> its ordinal in the earlier index, for claims unchanged since (each asked once). */
function earlierOrdinals(claims: readonly ClaimPhrasings[], earlier: EarlierBuild): (claim: number) => number | undefined {
  const ordinals = new Map<string, number>();
  earlier.snapshot.claimKeys.forEach((key, ordinal) => ordinals.set(key, ordinal));
  const was = Int32Array.from(claims, (claim) => (earlier.unchanged(claim.key) ? (ordinals.get(claim.key) ?? -1) : -1));
  return (claim) => (was[claim]! >= 0 ? was[claim] : undefined);
}

export function buildClaimIndex(claims: readonly ClaimPhrasings[], earlier?: EarlierBuild): IndexBuild {
  const claimKeys: string[] = [];
  const phraseClaim: number[] = [];
  const lengths: number[] = [];
  const hashes = new GrownArray((n) => new Uint32Array(n));
  const keys: number[] = [];
  const skipped: IndexBuild['skipped'] = [];
  const ordinalOf = earlier ? earlierOrdinals(claims, earlier) : () => undefined;
  const pair = new Uint32Array(2);
  // An earlier phrase's key is found through its position among the sorted keys.
  const earlierRank = earlier ? new Uint32Array(earlier.snapshot.shinglePhrases.length) : undefined;
  earlier?.snapshot.shinglePhrases.forEach((phrase, rank) => (earlierRank![phrase] = rank));
  for (const claim of claims) {
    const ordinal = claimKeys.length;
    claimKeys.push(claim.key);
    // An unchanged claim whose phrasings were all indexed (none too short, none repeated) keeps
    // their hashes; otherwise it is read again, which also counts what it leaves out.
    const was = ordinalOf(ordinal);
    if (earlier && was !== undefined) {
      const before = earlier.snapshot;
      const first = lowerBound(before.phraseClaim, was);
      let end = first;
      while (end < before.phraseClaim.length && before.phraseClaim[end] === was) end++;
      if (end - first === claim.phrasings.length) {
        for (let p = first; p < end; p++) {
          hashes.append(before.phraseHashes.subarray(2 * p, 2 * p + 2));
          lengths.push(before.phraseLengths[p]!);
          keys.push(before.shingleKeys[earlierRank![p]!]!);
          phraseClaim.push(ordinal);
        }
        continue;
      }
    }
    const seen = new Set<string>();
    for (const phrasing of claim.phrasings) {
      const words = phraseWords(phrasing);
      if (words.length < MIN_PHRASE_WORDS) {
        skipped.push({ key: claim.key, phrasing });
        continue;
      }
      const signature = words.join(' ');
      if (seen.has(signature)) continue;
      seen.add(signature);
      const wordHashes = words.map(hashWord);
      phraseHashes(wordHashes, 0, wordHashes.length, pair, 0);
      hashes.append(pair);
      lengths.push(Math.min(wordHashes.length, 65_535));
      keys.push(shingleHash(wordHashes, 0, SHINGLE));
      phraseClaim.push(ordinal);
    }
  }
  const phraseCount = phraseClaim.length;
  const order = new Uint32Array(phraseCount);
  for (let p = 0; p < phraseCount; p++) order[p] = p;
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  const shingleKeys = new Uint32Array(phraseCount);
  for (let i = 0; i < phraseCount; i++) shingleKeys[i] = keys[order[i]!]!;
  return {
    snapshot: {
      formatVersion: 3,
      reader: READER_VERSION,
      claimKeys,
      phraseClaim: Uint32Array.from(phraseClaim),
      phraseLengths: Uint16Array.from(lengths),
      phraseHashes: hashes.done(),
      shingleKeys,
      shinglePhrases: order,
      similar: buildSimilarityIndex(claims, earlier && { index: earlier.snapshot.similar, ordinalOf }),
    },
    skipped,
  };
}

/** Hashes of a tokenized text, computed once per text and shared by every index searched. */
export function hashTokens(tokens: Tokens): Uint32Array {
  const hashes = new Uint32Array(tokens.words.length);
  for (let i = 0; i < hashes.length; i++) hashes[i] = hashWord(tokens.words[i]!);
  return hashes;
}

/** What searching for phrasings word for word needs: the exact half of an index. */
export type PhraseTable = Pick<ClaimIndexSnapshot, 'phraseClaim' | 'phraseLengths' | 'phraseHashes' | 'shingleKeys' | 'shinglePhrases'>;

/**
 * Calls `visit` with each phrasing found word for word at token `i` of the text, and its rank:
 * its position among the index's sorted keys.
 */
function eachPhraseAt(index: PhraseTable, hashes: Uint32Array, visit: (claim: number, i: number, length: number, rank: number) => void): void {
  const { shingleKeys, shinglePhrases, phraseLengths, phraseHashes: stored, phraseClaim } = index;
  if (shingleKeys.length === 0) return;
  const last = hashes.length - SHINGLE;
  const pair = new Uint32Array(2);
  for (let i = 0; i <= last; i++) {
    const key = shingleHash(hashes, i, SHINGLE);
    let at = lowerBound(shingleKeys, key);
    for (; at < shingleKeys.length && shingleKeys[at] === key; at++) {
      const phrase = shinglePhrases[at]!;
      const length = phraseLengths[phrase]!;
      if (i + length > hashes.length) continue;
      phraseHashes(hashes, i, length, pair, 0);
      if (pair[0] === stored[2 * phrase] && pair[1] === stored[2 * phrase + 1]) visit(phraseClaim[phrase]!, i, length, at);
    }
  }
}

/** The phrasings found in the text word for word, as their ranks (positions among the index's sorted keys). */
export function phrasingsIn(index: PhraseTable, hashes: Uint32Array): Set<number> {
  const ranks = new Set<number>();
  eachPhraseAt(index, hashes, (_claim, _i, _length, rank) => ranks.add(rank));
  return ranks;
}

/** The claim (ordinal) of the phrasing at `rank`. */
export const claimAtRank = (index: PhraseTable, rank: number): number => index.phraseClaim[index.shinglePhrases[rank]!]!;

/**
 * Every place in the text where a phrasing occurs word for word. Overlapping hits of the same
 * claim are merged, so a claim known in a long and a short wording is reported once per passage.
 */
export function searchClaimIndex(
  index: ClaimIndexSnapshot,
  tokens: Tokens,
  hashes: Uint32Array = hashTokens(tokens),
): PhraseHit[] {
  const byClaim = new Map<number, { start: number; end: number }[]>();
  eachPhraseAt(index, hashes, (claim, i, length) => {
    const spans = byClaim.get(claim) ?? [];
    spans.push({ start: tokens.starts[i]!, end: tokens.ends[i + length - 1]! });
    byClaim.set(claim, spans);
  });
  const { claimKeys } = index;
  const hits: PhraseHit[] = [];
  for (const [claim, spans] of byClaim) {
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    let current = spans[0]!;
    for (const span of spans.slice(1)) {
      if (span.start < current.end) current = { start: current.start, end: Math.max(current.end, span.end) };
      else {
        hits.push({ claimKey: claimKeys[claim]!, claim, ...current });
        current = span;
      }
    }
    hits.push({ claimKey: claimKeys[claim]!, claim, ...current });
  }
  return hits.sort((a, b) => a.start - b.start || a.end - b.end);
}
