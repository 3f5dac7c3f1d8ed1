import { countedWord, DATE_FLAGS, NAME_FLAGS, TermFlag, type AnalyzedText } from './analyze-text';
import { claimTerms, differingFigures } from './claim-terms';
import type { ClaimMatch, MatchTier } from './claim-match';
import {
  CONFIRMED_COVERAGE, MIN_CONFIRMED_TERMS, MIN_SHARED_TERMS, NEGATION_REACH, POSSIBLE_COVERAGE, SPAN_FACTOR, SPAN_SLACK,
} from './match-thresholds';
import { candidatesOf, crossCandidates, filedWords } from './pair-candidates';
import { windowOf, type PassageWindow } from './passage-window';
import { agentLeads, attributes, contrasts, passiveAgent, rolesSwapped, statementAgent } from './passage-roles';
import { NO_UNIT, type SimilarityIndex } from './similarity-index';
import { OWN, reachable, windowTerms, WITH_NEXT, WITH_PREVIOUS } from './reachable';

/**
 * Finds claims stated in other words: for each sentence (and each pair of neighbouring sentences,
 * for a claim split in two), the forms filed under its terms are scored on the weighted share of
 * their key terms the passage states, then checked for what turns a near miss into a different
 * claim: a negation, another actor, another figure, another unit. Only candidates from the index
 * are scored, so the cost follows the page, not the pack.
 */
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
  /** for an actor rejection by a known entity, the token of that other actor */
  actorAt?: number;
}

const RANK: Record<Scored['tier'], number> = { confirmed: 3, 'numbers-differ': 2, possible: 1, rejected: 0 };
const better = (a: Scored, b: Scored | undefined) => !b || RANK[a.tier] > RANK[b.tier] || (a.tier === b.tier && a.score > b.score);

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
 * Which tiers to look for: `page`, what the page is shown at once (confirmed, and numbers that
 * differ); `all` adds the possible matches, which only the popup lists.
 */
export type TierSearch = 'page' | 'all';

/** The first of `names` that is a known entity, or -1. */
const known = (doc: AnalyzedText, names: readonly number[]) => names.find((t) => doc.terms[t]!.flags & TermFlag.entity) ?? -1;

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

/** Scores a form that can reach a tier in the window (`reachable`). */
function scoreReachable(index: SimilarityIndex, doc: AnalyzedText, window: PassageWindow, form: number): Scored | null {
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
      if (flag & NAME_FLAGS) missingNames++;
      if (flag & TermFlag.figure && !(flag & DATE_FLAGS)) missingCounts++;
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
  const conflicting = differingFigures(doc, claim.figures, window.firstTerm, window.endTerm, span.first, span.last, 2, window.occurrences);
  // Another actor in the claim's place: "Russia sent" where the claim says "North Korea sent", or
  // "Chinese troops" in a wording that says only "their" but whose claim is about North Korea's.
  const otherNames: number[] = [];
  for (let t = window.firstTerm; t < window.endTerm; t++) {
    const term = doc.terms[t]!;
    if (!(term.flags & NAME_FLAGS) || claim.names.has(term.hash) || formTerms.has(term.hash) || !near(t, 4) || attributes(doc, term)) continue;
    // A label before a colon ("From our World desk: ...") is not part of the statement.
    if (term.last < span.first && /[:;]/.test(doc.text.slice(doc.tokens.ends[term.last]!, doc.tokens.starts[span.first]!))) continue;
    otherNames.push(t);
  }
  const inPassageWindow = (hash: number) => window.terms.has(hash);
  const claimNameMissing = [...claim.names].some((hash) => !inPassageWindow(hash));
  if (otherNames.length > 0 && (missingNames > 0 || claimNameMissing))
    return {
      ...rejected(index, form, span, 'actor'),
      // Only a known actor (a country, a capital, a leader) may overrule a phrasing word for word:
      // a capitalised word before it may be anything.
      ...(known(doc, otherNames) >= 0 ? { actorAt: doc.terms[known(doc, otherNames)]!.first } : {}),
    };

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
    pageAgent === 0 && claimAgent !== 0 && !inPassageWindow(claimAgent) && !agentLeads(doc, window, span.first, span.last, [claimAgent, formAgent]);

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
    else if (lists.length < MIN_CONFIRMED_TERMS) notes.push('the wording has too few key words to be confirmed unless it is quoted word for word');
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
  /** where the other actor stands (character offset), for `actor` when it is a known entity */
  actorAt?: number;
}

/**
 * @param rejections filled with the passages a check turned away (a negation, another actor,
 *   another unit): a known phrasing word for word inside one of them is not confirmed either.
 * @param known claims (ordinals) with a known phrasing in the text: a page search scores them in full.
 */
export function findSimilar(
  index: SimilarityIndex,
  claimKeys: readonly string[],
  doc: AnalyzedText,
  rejections: Rejection[] = [],
  tiers: TierSearch = 'all',
  known: ReadonlySet<number> = new Set(),
): ClaimMatch[] {
  if (index.pairKeys.length === 0) return [];
  // The page's tiers need CONFIRMED_COVERAGE of a form's weight (or of its words, for other
  // figures). A claim with a known phrasing on the page is scored as in a full search: any of its
  // wordings may turn that phrasing down, and which one wins decides it.
  const baseFloor = tiers === 'page' ? CONFIRMED_COVERAGE : POSSIBLE_COVERAGE;
  const anyKnown = tiers === 'page' && known.size > 0;
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
  /** whether sentence s is scored together with the next one: a claim split over two sentences of one block */
  const joins = (s: number) => s + 1 < sentences.length && !sentences[s]!.endsBlock;
  const terms = windows.map((window, s) => windowTerms(window, s > 0 && joins(s - 1) ? windows[s - 1]! : null, joins(s) ? windows[s + 1]! : null));
  const reach = candidates.map((forms, s) => {
    const found = new Uint8Array(forms.length);
    for (let i = 0; i < forms.length; i++) {
      const form = forms[i]!;
      found[i] = reachable(index, terms[s]!, form, anyKnown && known.has(index.formClaim[form]!) ? POSSIBLE_COVERAGE : baseFloor);
    }
    return found;
  });
  sentences.forEach((_, s) => {
    const found = new Map<number, Scored>();
    const swapped = new Set<number>();
    candidates[s]!.forEach((form, i) => {
      if (!(reach[s]![i]! & OWN)) return;
      const scored = scoreReachable(index, doc, windows[s]!, form);
      if (scored?.swapped && scored.score >= CONFIRMED_COVERAGE) swapped.add(scored.claim);
      if (scored && better(scored, found.get(scored.claim))) found.set(scored.claim, scored);
    });
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
  // it and neither sentence does alone. The pair's candidates are each sentence's own (already
  // weighed in the pair by `reachable`) and those filed under a word of each.
  for (let s = 0; s + 1 < sentences.length; s++) {
    if (!joins(s)) continue;
    let window: PassageWindow | null = null;
    const tryForm = (form: number) => {
      const claim = index.formClaim[form]!;
      const before = perSentence[s]!.get(claim);
      const after = perSentence[s + 1]!.get(claim);
      if ((before && RANK[before.tier] >= RANK.confirmed) || (after && RANK[after.tier] >= RANK.confirmed)) return;
      window ??= windowOf(doc, sentences[s]!, sentences[s + 1]!);
      const scored = scoreReachable(index, doc, window, form);
      if (!scored || scored.tier === 'possible' || scored.tier === 'rejected') return;
      if (scored.firstToken > sentences[s]!.lastToken || scored.lastToken < sentences[s + 1]!.firstToken) return;
      if (better(scored, before) && better(scored, after)) keep(scored, s);
    };
    const first = candidates[s]!;
    first.forEach((form, i) => {
      if (reach[s]![i]! & WITH_NEXT) tryForm(form);
    });
    const inFirst = new Set(first);
    candidates[s + 1]!.forEach((form, i) => {
      if (!inFirst.has(form) && reach[s + 1]![i]! & WITH_PREVIOUS) tryForm(form);
    });
    for (const form of crossCandidates(index, words[s]!, words[s + 1]!, [first, candidates[s + 1]!]))
      if (reachable(index, terms[s]!, form, anyKnown && known.has(index.formClaim[form]!) ? POSSIBLE_COVERAGE : baseFloor) & WITH_NEXT) tryForm(form);
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
