import { NAME_FLAGS, TermFlag, type AnalyzedText } from './analyze-text';
import { lowerBound } from './lower-bound';
import type { PassageWindow } from './passage-window';
import type { SimilarityIndex } from './similarity-index';

/*
 * Who does what in a passage, read from word order alone: whether roles are swapped, a passive's
 * agent, the claim's agent, attributions and contrasts. Checks in find-similar.ts use them.
 */

/**
 * Whether the passage swaps what stands on either side of a word of the claim: "death was
 * preferable to capture" against "capture was preferable to death", "North Korea sent troops to
 * Russia" against "Russia sent troops to North Korea". (A passive is judged by its agent instead.)
 */
export function rolesSwapped(doc: AnalyzedText, picks: readonly number[]): boolean {
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
export function passiveAgent(doc: AnalyzedText, window: PassageWindow, first: number, last: number): number {
  const { words } = doc.tokens;
  for (let k = first; k <= last + 1 && k < words.length; k++) {
    if (words[k] !== 'by') continue;
    for (let t = window.firstTerm; t < window.endTerm; t++) {
      const term = doc.terms[t]!;
      if (term.first > k && term.first - k <= 3) return term.flags & NAME_FLAGS ? term.hash : 0;
    }
  }
  return 0;
}

/** Words that attribute a statement: a name beside them is its source, not an actor in it. */
const ATTRIBUTION = new Set(['according', 'said', 'says', 'say', 'wrote', 'writes', 'write', 'posted', 'tweeted', 'announced', 'quoted', 'cited', 'reported', 'reports', 'claimed', 'claims', 'believes', 'believe', 'estimates', 'estimated', 'insists', 'noted', 'added', 'stated']);

/** Whether a name stands in an attribution: "according to South Korean intelligence", "Western officials say". */
export function attributes(doc: AnalyzedText, term: { first: number; last: number }): boolean {
  const { words } = doc.tokens;
  for (let k = Math.max(0, term.first - 3); k <= Math.min(words.length - 1, term.last + 3); k++) if (ATTRIBUTION.has(words[k]!)) return true;
  return false;
}

/** The agent of a claim's statement (its first form), 0 when it names none. */
export function statementAgent(index: SimilarityIndex, claim: number): number {
  const first = lowerBound(index.formClaim, claim);
  return index.formClaim[first] === claim && index.formSlot[first] === 0 ? index.formAgents[first]! : 0;
}

/**
 * Whether the passage's first name is one of the agents, skipping the sources of attributions
 * ("according to Seoul, ...") unless they are the agent ("Kyiv reported that ...").
 */
export function agentLeads(doc: AnalyzedText, window: PassageWindow, first: number, last: number, agents: readonly number[]): boolean {
  for (let t = window.firstTerm; t < window.endTerm; t++) {
    const term = doc.terms[t]!;
    if (term.first < first || term.last > last || !(term.flags & NAME_FLAGS)) continue;
    if (agents.includes(term.hash)) return true;
    if (!attributes(doc, term)) return false;
  }
  return true;
}

/** ", not Ukraine," sets a name against another; it does not deny the sentence. */
export function contrasts(doc: AnalyzedText, n: number): boolean {
  if (!/,\s*$/.test(doc.text.slice(Math.max(0, doc.tokens.starts[n]! - 3), doc.tokens.starts[n]!))) return false;
  const next = doc.terms.find((term) => term.first > n);
  return !!next && next.first - n <= 2 && !!(next.flags & NAME_FLAGS);
}
