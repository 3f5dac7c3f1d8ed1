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
  /** `rejected`: the passage says something else (a negation, another actor, another unit); kept only to stop a word-for-word phrasing inside it */
  tier: MatchTier | 'rejected';
  score: number;
  formSlot: number;
  firstToken: number;
  lastToken: number;
  shared: number[];
  pageFigures: number[];
  notes: string[];
  /** the passage contradicts the claim's wording (a swapped role, another actor, a replaced key word) */
  contradicts: boolean;
  /** the claim's actors or terms stand in swapped roles */
  swapped: boolean;
  reason?: Rejected;
  /** for an actor rejection, the token of the other actor */
  actorAt?: number;
}

const RANK: Record<Scored['tier'], number> = { confirmed: 3, 'numbers-differ': 2, possible: 1, rejected: 0 };
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

/** The figures (with their kind) and the names any wording of a claim gives (forms are stored in claim order). */
export function claimTerms(index: SimilarityIndex, claim: number): { figures: Map<number, number>; names: Set<number> } {
  const figures = new Map<number, number>();
  const names = new Set<number>();
  for (let f = lowerBound(index.formClaim, claim); f < index.formClaim.length && index.formClaim[f] === claim; f++)
    for (let t = index.termOffsets[f]!; t < index.termOffsets[f + 1]!; t++) {
      const flag = index.flags[t]!;
      if (flag & TermFlag.figure) figures.set(index.terms[t]!, flag & DATE_KINDS);
      else if (flag & NAMES) names.add(index.terms[t]!);
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
): number[] {
  const present = new Set<number>();
  for (let t = fromTerm; t < endTerm; t++) present.add(doc.terms[t]!.hash);
  const missingKinds = new Set<number>();
  for (const [hash, kind] of known) if (!present.has(hash)) missingKinds.add(kind);
  if (missingKinds.size === 0) return [];
  const found: number[] = [];
  for (let t = fromTerm; t < endTerm; t++) {
    const term = doc.terms[t]!;
    if (!(term.flags & TermFlag.figure) || known.has(term.hash)) continue;
    const kind = term.flags & DATE_KINDS;
    if (!missingKinds.has(kind)) continue;
    if (kind === 0 && (term.first < first - slack || term.last > last + slack)) continue;
    found.push(t);
  }
  return found;
}

const NAMES = TermFlag.entity | TermFlag.name;
const DATE_KINDS = TermFlag.year | TermFlag.month;

/**
 * Whether the passage swaps what stands on either side of a word of the claim: "death was
 * preferable to capture" against "capture was preferable to death", "North Korea sent troops to
 * Russia" against "Russia sent troops to North Korea". (A passive is judged by its agent instead.)
 */
function rolesSwapped(doc: AnalyzedText, picks: readonly number[]): boolean {
  const at = picks.map((t) => doc.terms[t]!.first);
  // Dates and figures move freely ("In January, ..."): they fill no role.
  const role = picks.map((t) => !(doc.terms[t]!.flags & TermFlag.figure));
  for (let p = 1; p + 1 < at.length; p++)
    for (let a = 0; a < p; a++) {
      if (!role[a] || at[a]! <= at[p]!) continue;
      for (let b = p + 1; b < at.length; b++)
        if (role[b] && at[b]! < at[p]! && doc.terms[picks[a]!]!.hash !== doc.terms[picks[b]!]!.hash) return true;
    }
  return false;
}

/**
 * The agent of a passive passage: the name after its "by" ("were captured alive by Ukrainian
 * forces"), or 0 when the passage is not passive. It must be the claim's agent.
 */
function passiveAgent(doc: AnalyzedText, window: Window, first: number, last: number): number {
  const { words } = doc.tokens;
  for (let k = first; k <= last + 1 && k < words.length; k++) {
    if (words[k] !== 'by') continue;
    for (let t = window.firstTerm; t < window.endTerm; t++) {
      const term = doc.terms[t]!;
      if (term.first > k && term.first - k <= 3) return term.flags & NAMES ? term.hash : 0;
    }
  }
  return 0;
}

/** Words that attribute a statement: a name beside them is its source, not an actor in it. */
const ATTRIBUTION = new Set(['according', 'said', 'says', 'say', 'wrote', 'writes', 'write', 'posted', 'tweeted', 'announced', 'quoted', 'cited', 'reported', 'reports', 'claimed', 'claims', 'believes', 'believe', 'estimates', 'estimated', 'insists', 'noted', 'added', 'stated']);

/** Whether a name stands in an attribution: "according to South Korean intelligence", "Western officials say". */
function attributes(doc: AnalyzedText, term: { first: number; last: number }): boolean {
  const { words } = doc.tokens;
  for (let k = Math.max(0, term.first - 3); k <= Math.min(words.length - 1, term.last + 3); k++) if (ATTRIBUTION.has(words[k]!)) return true;
  return false;
}

/** The agent of a claim's statement (its first form), 0 when it names none. */
function statementAgent(index: SimilarityIndex, claim: number): number {
  const first = lowerBound(index.formClaim, claim);
  return index.formClaim[first] === claim && index.formSlot[first] === 0 ? index.formAgents[first]! : 0;
}

/**
 * Whether the passage's first name is one of the agents, skipping the sources of attributions
 * ("according to Seoul, ...") unless they are the agent ("Kyiv reported that ...").
 */
function agentLeads(doc: AnalyzedText, window: Window, first: number, last: number, agents: readonly number[]): boolean {
  for (let t = window.firstTerm; t < window.endTerm; t++) {
    const term = doc.terms[t]!;
    if (term.first < first || term.last > last || !(term.flags & NAMES)) continue;
    if (agents.includes(term.hash)) return true;
    if (!attributes(doc, term)) return false;
  }
  return true;
}

/** ", not Ukraine," sets a name against another; it does not deny the sentence. */
function contrasts(doc: AnalyzedText, n: number): boolean {
  if (!/,\s*$/.test(doc.text.slice(Math.max(0, doc.tokens.starts[n]! - 3), doc.tokens.starts[n]!))) return false;
  const next = doc.terms.find((term) => term.first > n);
  return !!next && next.first - n <= 2 && !!(next.flags & NAMES);
}

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

type Rejected = 'negation' | 'unit' | 'actor';
const rejected = (index: SimilarityIndex, form: number, span: { first: number; last: number }, reason: Rejected): Scored => ({
  reason,
  claim: index.formClaim[form]!,
  tier: 'rejected',
  score: 0,
  formSlot: index.formSlot[form]!,
  firstToken: span.first,
  lastToken: span.last,
  shared: [],
  pageFigures: [],
  notes: [],
  contradicts: true,
  swapped: false,
});

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
    if (contrasts(doc, n)) continue;
    const next = pickStarts.find((p) => p > n);
    if (next !== undefined && !/[.;:!?]/.test(doc.text.slice(doc.tokens.ends[n]!, doc.tokens.starts[next]!))) negations++;
  }
  if (negations % 2 !== index.formNegations[form]! % 2) return rejected(index, form, span, 'negation');

  // A figure the claim has, counting something else on the page: "3,000 injuries" is not "3,000 deaths".
  for (let k = 0; k < to - from; k++) {
    const unitAt = units[from + k]!;
    const pick = pickOf(k);
    if (unitAt === NO_UNIT || pick < 0 || !(flags[from + k]! & TermFlag.figure)) continue;
    const counted = countedWord(doc.terms, pick, window.endTerm);
    if (counted && counted !== terms[from + unitAt] && !formTerms.has(counted)) return rejected(index, form, span, 'unit');
  }

  // Figures in the passage that no wording of the claim gives, where the claim gives one of the
  // same kind: a count, a year, a month.
  const claim = claimTerms(index, index.formClaim[form]!);
  const conflicting = differingFigures(doc, claim.figures, window.firstTerm, window.endTerm, span.first, span.last, 2);
  // Another actor in the claim's place: "Russia sent" where the claim says "North Korea sent", or
  // "Chinese troops" in a wording that says only "their" but whose claim is about North Korea's.
  const otherNames: number[] = [];
  for (let t = window.firstTerm; t < window.endTerm; t++) {
    const term = doc.terms[t]!;
    if (claim.names.has(term.hash) || formTerms.has(term.hash) || !near(t, 4) || attributes(doc, term)) continue;
    if (term.flags & NAMES) otherNames.push(t);
  }
  const inWindow = (hash: number) => window.occurrences.has(hash);
  const claimNameMissing = [...claim.names].some((hash) => !inWindow(hash));
  if (otherNames.length > 0 && (missingNames > 0 || claimNameMissing))
    return { ...rejected(index, form, span, 'actor'), actorAt: doc.terms[otherNames[0]!]!.first };

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

  const pageAgent = passiveAgent(doc, window, span.first, span.last);
  const formAgent = index.formAgents[form]!;
  const swapped =
    pageAgent !== 0
      ? formAgent !== 0 && pageAgent !== formAgent
      : rolesSwapped(doc, listOf.flatMap((_, k) => (pickOf(k) >= 0 ? [pickOf(k)] : [])));
  // Who acts: the first name of the passage (past any attribution) should be the claim's agent,
  // the first name of its statement. "Russian engineers were sent to North Korea" names the
  // claim's two actors the other way round.
  const claimAgent = statementAgent(index, index.formClaim[form]!);
  const otherActorFirst =
    pageAgent === 0 && claimAgent !== 0 && !inWindow(claimAgent) && !agentLeads(doc, window, span.first, span.last, [claimAgent, formAgent]);

  const spanTokens = span.last - span.first + 1;
  const compact = spanTokens <= SPAN_FACTOR * index.formTokens[form]! + SPAN_SLACK;
  const sound = missingNames === 0 && compact && !swapped && !otherActorFirst;
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
    if (otherActorFirst) notes.push('the passage names another actor first');
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
    // Another actor named first is doubt, not contradiction: a known phrasing may still stand there.
    contradicts: swapped || substituted,
    swapped,
  };
}

export interface Rejection {
  claimKey: string;
  start: number;
  end: number;
  /** what the check found: a negation (judged per wording), another unit, another actor */
  reason: 'negation' | 'unit' | 'actor';
  /** where the other actor stands (character offset), for `actor` */
  actorAt?: number;
}

/**
 * @param rejections filled with the passages a check turned away (a negation, another actor,
 *   another unit): a known phrasing word for word inside one of them is not confirmed either.
 */
export function findSimilar(
  index: SimilarityIndex,
  claimKeys: readonly string[],
  doc: AnalyzedText,
  rejections: Rejection[] = [],
): ClaimMatch[] {
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
    const swapped = new Set<number>();
    for (const form of candidates[s]!) {
      const scored = scoreForm(index, doc, windows[s]!, form);
      if (scored?.swapped) swapped.add(scored.claim);
      if (scored && better(scored, found.get(scored.claim))) found.set(scored.claim, scored);
    }
    // One wording seeing the claim's actors in swapped roles ("Russian engineers were sent to North
    // Korea") outweighs a shorter wording that cannot see it.
    for (const claim of swapped) {
      const scored = found.get(claim)!;
      if (scored.tier === 'confirmed' || scored.tier === 'numbers-differ')
        found.set(claim, { ...scored, tier: 'possible', contradicts: true, notes: ['the words stand in other roles than in the claim'] });
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
      if (!scored || scored.tier === 'possible' || scored.tier === 'rejected') continue;
      if (scored.firstToken > sentences[s]!.lastToken || scored.lastToken < sentences[s + 1]!.firstToken) continue;
      if (alone.every((a) => better(scored, a))) keep(scored, s);
    }
  }
  const { tokens, text } = doc;
  const matches: ClaimMatch[] = [];
  for (const scored of best.values()) {
    const start = tokens.starts[scored.firstToken]!;
    const end = tokens.ends[scored.lastToken]!;
    const tier = scored.tier;
    if (tier === 'rejected') {
      rejections.push({
        claimKey: claimKeys[scored.claim]!,
        start,
        end,
        reason: scored.reason!,
        ...(scored.actorAt === undefined ? {} : { actorAt: tokens.starts[scored.actorAt]! }),
      });
      continue;
    }
    const words = (t: number) => text.slice(tokens.starts[doc.terms[t]!.first]!, tokens.ends[doc.terms[t]!.last]!);
    matches.push({
      claimKey: claimKeys[scored.claim]!,
      tier,
      start,
      end,
      score: Math.round(scored.score * 1000) / 1000,
      why: {
        formSlot: scored.formSlot,
        shared: scored.shared.sort((a, b) => a - b).map(words),
        pageFigures: scored.pageFigures.map(words),
        notes: scored.notes,
        ...(scored.contradicts ? { contradicts: true } : {}),
      },
    });
  }
  return matches;
}
