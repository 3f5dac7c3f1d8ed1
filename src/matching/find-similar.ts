import { countedWord, TermFlag, type AnalyzedText, type Sentence } from './analyze-text';
import type { ClaimMatch, MatchTier } from './claim-match';
import {
  CONFIRMED_COVERAGE, MIN_CONFIRMED_TERMS, MIN_SHARED_TERMS, NEGATION_REACH, POSSIBLE_COVERAGE, SPAN_FACTOR, SPAN_SLACK,
} from './match-thresholds';
import { lowerBound } from './lower-bound';
import { NO_UNIT, pairKey, type SimilarityIndex } from './similarity-index';

/**
 * Finds claims stated in other words: for each sentence (and each pair of neighbouring sentences,
 * for a claim split in two), the forms filed under its terms are scored on the weighted share of
 * their key terms the passage states, then checked for what turns a near miss into a different
 * claim: a negation, another actor, another figure, another unit. Only candidates from the index
 * are scored, so the cost follows the page, not the pack.
 */
interface Window {
  firstTerm: number;
  endTerm: number;
  firstToken: number;
  lastToken: number;
  /** term hash -> term indexes in the text */
  occurrences: Map<number, number[]>;
}

interface Scored {
  claim: number;
  tier: MatchTier;
  score: number;
  formSlot: number;
  firstToken: number;
  lastToken: number;
  shared: number[];
  pageFigures: number[];
  notes: string[];
}

const RANK: Record<MatchTier, number> = { confirmed: 3, 'numbers-differ': 2, possible: 1 };
const better = (a: Scored, b: Scored | undefined) => !b || RANK[a.tier] > RANK[b.tier] || (a.tier === b.tier && a.score > b.score);

function windowOf(doc: AnalyzedText, from: Sentence, to: Sentence): Window {
  const occurrences = new Map<number, number[]>();
  for (let t = from.firstTerm; t < to.endTerm; t++) {
    const hash = doc.terms[t]!.hash;
    const list = occurrences.get(hash);
    if (list) list.push(t);
    else occurrences.set(hash, [t]);
  }
  return { firstTerm: from.firstTerm, endTerm: to.endTerm, firstToken: from.firstToken, lastToken: to.lastToken, occurrences };
}

/** The window's terms that some form is filed under (figures never are): the only ones worth pairing. */
function filedWords(index: SimilarityIndex, doc: AnalyzedText, window: Window): number[] {
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
function candidatesOf(words: readonly number[], index: SimilarityIndex): Set<number> {
  const found = new Set<number>();
  const bloom = bloomOf(index);
  for (let a = 0; a < words.length; a++) for (let b = a + 1; b < words.length; b++) formsOfPair(index, bloom, words[a]!, words[b]!, found);
  return found;
}

/** The forms of two neighbouring sentences: each one's own, and those with one filed term in each. */
function pairCandidates(index: SimilarityIndex, first: readonly number[], second: readonly number[], own: Set<number>[]): Set<number> {
  const found = new Set<number>([...own[0]!, ...own[1]!]);
  const inFirst = new Set(first);
  const bloom = bloomOf(index);
  for (const a of first) for (const b of second) if (a !== b && !inFirst.has(b)) formsOfPair(index, bloom, a, b, found);
  return found;
}

/** The shortest token span holding one occurrence of each matched term, and which occurrence of each. */
function shortestSpan(doc: AnalyzedText, lists: number[][]): { first: number; last: number; picks: number[] } {
  const events: Array<[number, number]> = [];
  lists.forEach((list, k) => list.forEach((t) => events.push([t, k])));
  events.sort((a, b) => a[0] - b[0]);
  const counts = new Array<number>(lists.length).fill(0);
  let covered = 0;
  let best = { first: 0, last: Number.MAX_SAFE_INTEGER, from: 0, to: 0 };
  let lo = 0;
  for (let hi = 0; hi < events.length; hi++) {
    if (counts[events[hi]![1]]!++ === 0) covered++;
    while (covered === lists.length) {
      const first = doc.terms[events[lo]![0]]!.first;
      const last = doc.terms[events[hi]![0]]!.last;
      if (last - first < best.last - best.first) best = { first, last, from: lo, to: hi };
      if (--counts[events[lo]![1]]! === 0) covered--;
      lo++;
    }
  }
  // One occurrence per term, by term: the one in the span.
  const picks = new Array<number>(lists.length).fill(-1);
  for (let e = best.from; e <= best.to; e++) {
    const [t, k] = events[e]!;
    if (picks[k] === -1) picks[k] = t;
  }
  return { first: best.first, last: best.last, picks };
}

/**
 * Whether the passage swaps what stands on either side of a word of the claim: "death was
 * preferable to capture" against "capture was preferable to death", "North Korea sent troops to
 * Russia" against "Russia sent troops to North Korea". A "by" between them makes it a passive
 * ("were captured by Ukrainian forces"), which keeps the roles.
 */
function rolesSwapped(doc: AnalyzedText, picks: readonly number[]): boolean {
  const at = picks.map((t) => doc.terms[t]!.first);
  for (let p = 1; p + 1 < at.length; p++)
    for (let a = 0; a < p; a++) {
      if (at[a]! <= at[p]!) continue;
      for (let b = p + 1; b < at.length; b++) {
        if (at[b]! >= at[p]! || doc.terms[picks[a]!]!.hash === doc.terms[picks[b]!]!.hash) continue;
        if (!doc.tokens.words.slice(at[b]!, at[a]!).includes('by')) return true;
      }
    }
  return false;
}

/** The figures any wording of a claim gives, with their kind (forms are stored in claim order). */
export function claimFigures(index: SimilarityIndex, claim: number): Map<number, number> {
  const figures = new Map<number, number>();
  for (let f = lowerBound(index.formClaim, claim); f < index.formClaim.length && index.formClaim[f] === claim; f++)
    for (let t = index.termOffsets[f]!; t < index.termOffsets[f + 1]!; t++)
      if (index.flags[t]! & TermFlag.figure) figures.set(index.terms[t]!, index.flags[t]! & (TermFlag.year | TermFlag.month));
  return figures;
}

/**
 * Figures in tokens [first, last] (and `slack` tokens around) that no wording of the claim gives,
 * where the claim gives one of the same kind (a count, a year, a month): a figure that differs.
 */
export function differingFigures(
  doc: AnalyzedText,
  known: ReadonlyMap<number, number>,
  fromTerm: number,
  endTerm: number,
  first: number,
  last: number,
  slack: number,
): number[] {
  const kinds = new Set(known.values());
  const found: number[] = [];
  for (let t = fromTerm; t < endTerm; t++) {
    const term = doc.terms[t]!;
    if (!(term.flags & TermFlag.figure) || term.first < first - slack || term.last > last + slack) continue;
    if (!known.has(term.hash) && kinds.has(term.flags & (TermFlag.year | TermFlag.month))) found.push(t);
  }
  return found;
}

const NAMES = TermFlag.entity | TermFlag.name;
const DATE_KINDS = TermFlag.year | TermFlag.month;

/** Whether a form can reach a tier in the window at all: the coverage sums, without allocating. */
function worthScoring(index: SimilarityIndex, window: Window, form: number): boolean {
  const { termOffsets, terms, weights, flags } = index;
  let total = 0;
  let got = 0;
  let wordTotal = 0;
  let wordGot = 0;
  let shared = 0;
  for (let t = termOffsets[form]!; t < termOffsets[form + 1]!; t++) {
    const weight = weights[t]!;
    const word = !(flags[t]! & TermFlag.figure);
    total += weight;
    if (word) wordTotal += weight;
    if (window.occurrences.has(terms[t]!)) {
      shared++;
      got += weight;
      if (word) wordGot += weight;
    }
  }
  return shared >= MIN_SHARED_TERMS && (got >= POSSIBLE_COVERAGE * total || wordGot >= CONFIRMED_COVERAGE * wordTotal);
}

function scoreForm(index: SimilarityIndex, doc: AnalyzedText, window: Window, form: number): Scored | null {
  if (!worthScoring(index, window, form)) return null;
  const { termOffsets, terms, weights, flags, units } = index;
  const from = termOffsets[form]!;
  const to = termOffsets[form + 1]!;
  let total = 0;
  let got = 0;
  let wordTotal = 0;
  let wordGot = 0;
  const lists: number[][] = [];
  /** form term -> position in `lists`, or -1 when the passage lacks it */
  const listOf: number[] = [];
  const formTerms = new Set<number>();
  let missingNames = 0;
  let missingCounts = 0;
  for (let t = from; t < to; t++) {
    const weight = weights[t]!;
    const flag = flags[t]!;
    formTerms.add(terms[t]!);
    total += weight;
    if (!(flag & TermFlag.figure)) wordTotal += weight;
    const list = window.occurrences.get(terms[t]!);
    if (list) {
      got += weight;
      if (!(flag & TermFlag.figure)) wordGot += weight;
      listOf.push(lists.length);
      lists.push(list);
    } else {
      listOf.push(-1);
      if (flag & NAMES) missingNames++;
      if (flag & TermFlag.figure && !(flag & DATE_KINDS)) missingCounts++;
    }
  }
  const coverage = total > 0 ? got / total : 0;
  const wordCoverage = wordTotal > 0 ? wordGot / wordTotal : 0;
  if (lists.length < MIN_SHARED_TERMS || (coverage < POSSIBLE_COVERAGE && wordCoverage < CONFIRMED_COVERAGE)) return null;

  const span = shortestSpan(doc, lists);
  const pickOf = (k: number) => (listOf[k]! >= 0 ? span.picks[listOf[k]!]! : -1);
  const near = (t: number, slack: number) => {
    const term = doc.terms[t]!;
    return term.first >= span.first - slack && term.last <= span.last + slack;
  };

  // Negation: the passage and the claim must agree on it, by parity so that "cannot confirm or
  // deny" agrees with itself. A negation counts when it stands in the passage or just before it
  // ("It is false that ...") and no clause ends between it and the claim's next word ("almost no
  // explanation. They were told ..." does not negate what follows).
  const pickStarts = span.picks.map((t) => doc.terms[t]!.first).sort((a, b) => a - b);
  let negations = 0;
  for (const n of doc.negations) {
    if (n < Math.max(window.firstToken, span.first - NEGATION_REACH) || n > span.last) continue;
    const next = pickStarts.find((p) => p > n);
    if (next !== undefined && !/[.;:!?]/.test(doc.text.slice(doc.tokens.ends[n]!, doc.tokens.starts[next]!))) negations++;
  }
  if (negations % 2 !== index.formNegations[form]! % 2) return null;

  // A figure the claim has, counting something else on the page: "3,000 injuries" is not "3,000 deaths".
  for (let k = 0; k < to - from; k++) {
    const unitAt = units[from + k]!;
    const pick = pickOf(k);
    if (unitAt === NO_UNIT || pick < 0 || !(flags[from + k]! & TermFlag.figure)) continue;
    const counted = countedWord(doc.terms, pick, window.endTerm);
    if (counted && counted !== terms[from + unitAt] && !formTerms.has(counted)) return null;
  }

  // Figures in the passage that no wording of the claim gives, where the claim gives one of the
  // same kind: a count, a year, a month.
  const known = claimFigures(index, index.formClaim[form]!);
  const conflicting = differingFigures(doc, known, window.firstTerm, window.endTerm, span.first, span.last, 2).filter(
    (t) => !formTerms.has(doc.terms[t]!.hash),
  );
  const otherNames: number[] = [];
  for (let t = window.firstTerm; t < window.endTerm; t++) {
    const term = doc.terms[t]!;
    if (!formTerms.has(term.hash) && !(term.flags & TermFlag.figure) && term.flags & NAMES && near(t, 4)) otherNames.push(t);
  }
  // Another actor in the claim's place: "Russia sent" where the claim says "North Korea sent".
  if (missingNames > 0 && otherNames.length > 0) return null;

  // A word of the claim replaced by another at its place ("had been wounded" for "had been killed").
  let substituted = false;
  for (let k = 0; k < to - from && !substituted; k++) {
    if (listOf[k]! >= 0 || flags[from + k]! & TermFlag.figure) continue;
    const before = k > 0 ? pickOf(k - 1) : -1;
    const after = k + 1 < to - from ? pickOf(k + 1) : -1;
    const stranger = (t: number) => {
      const term = doc.terms[t];
      return !!term && t >= window.firstTerm && t < window.endTerm && !formTerms.has(term.hash) && !(term.flags & TermFlag.figure);
    };
    substituted = (before >= 0 && stranger(before + 1)) || (after >= 0 && stranger(after - 1));
  }

  const swapped = rolesSwapped(doc, listOf.flatMap((_, k) => (pickOf(k) >= 0 ? [pickOf(k)] : [])));
  const spanTokens = span.last - span.first + 1;
  const compact = spanTokens <= SPAN_FACTOR * index.formTokens[form]! + SPAN_SLACK;
  const sound = missingNames === 0 && compact && !swapped;
  let tier: MatchTier | null = null;
  if (conflicting.length) {
    if (wordCoverage >= CONFIRMED_COVERAGE && sound && !substituted) tier = 'numbers-differ';
  } else if (coverage >= CONFIRMED_COVERAGE && sound && !substituted && missingCounts === 0 && lists.length >= MIN_CONFIRMED_TERMS)
    tier = 'confirmed';
  else if (coverage >= POSSIBLE_COVERAGE) tier = 'possible';
  if (!tier) return null;
  const notes: string[] = [];
  if (tier === 'possible') {
    if (missingNames > 0) notes.push('the passage does not name everyone the claim does');
    if (swapped) notes.push('the words stand in other roles than in the claim');
    if (substituted) notes.push('the passage has another word where the claim has one of its key words');
    if (missingCounts > 0) notes.push('the passage leaves out a figure the claim gives');
    if (!compact) notes.push('the words are spread over a long passage');
    if (coverage < CONFIRMED_COVERAGE) notes.push('the passage states only part of the claim');
  }
  if (tier === 'numbers-differ') notes.push('the passage gives other figures than the claim');
  return {
    claim: index.formClaim[form]!,
    tier,
    score: tier === 'numbers-differ' ? wordCoverage : coverage,
    formSlot: index.formSlot[form]!,
    firstToken: span.first,
    lastToken: span.last,
    shared: [...span.picks],
    pageFigures: conflicting,
    notes,
  };
}

export function findSimilar(index: SimilarityIndex, claimKeys: readonly string[], doc: AnalyzedText): ClaimMatch[] {
  if (index.pairKeys.length === 0) return [];
  const { sentences } = doc;
  const best = new Map<string, Scored>();
  const perSentence: Array<Map<number, Scored>> = [];
  const keep = (scored: Scored, sentence: number) => {
    const key = `${scored.claim}:${sentence}`;
    if (better(scored, best.get(key))) best.set(key, scored);
  };
  const windows = sentences.map((sentence) => windowOf(doc, sentence, sentence));
  const words = windows.map((window) => filedWords(index, doc, window));
  const candidates = words.map((list) => candidatesOf(list, index));
  sentences.forEach((_, s) => {
    const found = new Map<number, Scored>();
    for (const form of candidates[s]!) {
      const scored = scoreForm(index, doc, windows[s]!, form);
      if (scored && better(scored, found.get(scored.claim))) found.set(scored.claim, scored);
    }
    perSentence.push(found);
    for (const scored of found.values()) keep(scored, s);
  });
  // A claim split over two sentences of one block: scored on the pair, kept when the pair states
  // it and neither sentence does alone.
  for (let s = 0; s + 1 < sentences.length; s++) {
    if (sentences[s]!.endsBlock) continue;
    const window = windowOf(doc, sentences[s]!, sentences[s + 1]!);
    const both = pairCandidates(index, words[s]!, words[s + 1]!, [candidates[s]!, candidates[s + 1]!]);
    for (const form of both) {
      const claim = index.formClaim[form]!;
      const alone = [perSentence[s]!.get(claim), perSentence[s + 1]!.get(claim)];
      if (alone.some((a) => a && RANK[a.tier] >= RANK.confirmed)) continue;
      const scored = scoreForm(index, doc, window, form);
      if (!scored || scored.tier === 'possible') continue;
      if (scored.firstToken > sentences[s]!.lastToken || scored.lastToken < sentences[s + 1]!.firstToken) continue;
      if (alone.every((a) => better(scored, a))) keep(scored, s);
    }
  }
  const { tokens, text } = doc;
  return [...best.values()].map((scored) => {
    const start = tokens.starts[scored.firstToken]!;
    const end = tokens.ends[scored.lastToken]!;
    const words = (t: number) => text.slice(tokens.starts[doc.terms[t]!.first]!, tokens.ends[doc.terms[t]!.last]!);
    return {
      claimKey: claimKeys[scored.claim]!,
      tier: scored.tier,
      start,
      end,
      score: Math.round(scored.score * 1000) / 1000,
      why: {
        formSlot: scored.formSlot,
        shared: scored.shared.sort((a, b) => a - b).map(words),
        pageFigures: scored.pageFigures.map(words),
        notes: scored.notes,
      },
    };
  });
}
