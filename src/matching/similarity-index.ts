import { analyzeText, TermFlag } from './analyze-text';
import { countedWord } from './find-similar';
import { POSSIBLE_COVERAGE, CONFIRMED_COVERAGE } from './match-thresholds';

/**
 * The second half of the persisted index: every wording of every claim (its statement and its
 * phrasings, the "forms") as weighted key terms, and an inverted index from terms to forms so a
 * page sentence finds its candidates in a few lookups. Typed arrays throughout, like the exact
 * index, so it is stored in IndexedDB and loaded without parsing.
 *
 * Each form is filed only under its rarest terms (prefix filtering, as in set-similarity joins):
 * enough of them that a passage sharing none could not reach POSSIBLE_COVERAGE of the claim's
 * weight, nor CONFIRMED_COVERAGE of its words other than figures (what "numbers differ" needs).
 * Common words ("North Korea", "soldiers") therefore do not drag every claim into every sentence.
 */
export interface SimilarityIndex {
  /** form -> claim ordinal, and which wording it is: 0 the statement, k the k-th phrasing */
  formClaim: Uint32Array;
  formSlot: Uint16Array;
  /** tokens the form spans, for telling a statement from words scattered over a paragraph */
  formTokens: Uint16Array;
  /** negation words in the form (only their parity matters) */
  formNegations: Uint8Array;
  /** form f's terms are [termOffsets[f], termOffsets[f + 1]) */
  termOffsets: Uint32Array;
  terms: Uint32Array;
  weights: Float32Array;
  flags: Uint8Array;
  /** for a figure, the term it counts ("3,000 deaths" -> deaths), 0 otherwise */
  units: Uint32Array;
  postKeys: Uint32Array;
  postOffsets: Uint32Array;
  postForms: Uint32Array;
}

export interface ClaimWordings {
  phrasings: readonly string[];
  statement?: string;
}

interface Form {
  claim: number;
  slot: number;
  tokens: number;
  negations: number;
  terms: Map<number, { flags: number; unit: number }>;
}

function readForm(text: string, claim: number, slot: number): Form {
  const analyzed = analyzeText(text);
  const terms = new Map<number, { flags: number; unit: number }>();
  const list = analyzed.terms;
  for (let t = 0; t < list.length; t++) {
    const term = list[t]!;
    const unit = term.flags & TermFlag.figure ? countedWord(list, t, list.length) : 0;
    const known = terms.get(term.hash);
    if (known) known.flags |= term.flags;
    else terms.set(term.hash, { flags: term.flags, unit });
  }
  return { claim, slot, tokens: analyzed.tokens.words.length, negations: analyzed.negations.length, terms };
}

export function buildSimilarityIndex(claims: readonly ClaimWordings[]): SimilarityIndex {
  const forms: Form[] = [];
  // Document frequency over claims: the wordings of one claim repeat each other's words.
  const claimFrequency = new Map<number, number>();
  claims.forEach((claim, ordinal) => {
    const texts = [claim.statement ?? '', ...claim.phrasings];
    const seen = new Set<number>();
    const signatures = new Set<string>();
    texts.forEach((text, slot) => {
      if (!text.trim()) return;
      const form = readForm(text, ordinal, slot);
      if (form.terms.size === 0) return;
      const signature = [...form.terms.keys()].sort().join(',') + `|${form.negations % 2}`;
      if (signatures.has(signature)) return;
      signatures.add(signature);
      forms.push(form);
      for (const hash of form.terms.keys()) seen.add(hash);
    });
    for (const hash of seen) claimFrequency.set(hash, (claimFrequency.get(hash) ?? 0) + 1);
  });
  const claimCount = Math.max(1, claims.length);
  const weightOf = (hash: number) => Math.log(1 + claimCount / (claimFrequency.get(hash) ?? 1));

  const termOffsets = new Uint32Array(forms.length + 1);
  let termCount = 0;
  forms.forEach((form, f) => {
    termOffsets[f] = termCount;
    termCount += form.terms.size;
  });
  termOffsets[forms.length] = termCount;
  const terms = new Uint32Array(termCount);
  const weights = new Float32Array(termCount);
  const flags = new Uint8Array(termCount);
  const units = new Uint32Array(termCount);
  const postings = new Map<number, number[]>();
  forms.forEach((form, f) => {
    let at = termOffsets[f]!;
    for (const [hash, term] of form.terms) {
      terms[at] = hash;
      weights[at] = weightOf(hash);
      flags[at] = term.flags;
      units[at] = term.unit;
      at++;
    }
    for (const hash of prefixTerms(form, weightOf)) {
      const list = postings.get(hash);
      if (list) list.push(f);
      else postings.set(hash, [f]);
    }
  });
  const postKeys = Uint32Array.from(postings.keys()).sort();
  const postOffsets = new Uint32Array(postKeys.length + 1);
  const postForms = new Uint32Array([...postings.values()].reduce((n, list) => n + list.length, 0));
  let at = 0;
  postKeys.forEach((key, k) => {
    postOffsets[k] = at;
    for (const f of postings.get(key)!) postForms[at++] = f;
  });
  postOffsets[postKeys.length] = at;
  return {
    formClaim: Uint32Array.from(forms, (f) => f.claim),
    formSlot: Uint16Array.from(forms, (f) => f.slot),
    formTokens: Uint16Array.from(forms, (f) => Math.min(f.tokens, 65_535)),
    formNegations: Uint8Array.from(forms, (f) => Math.min(f.negations, 255)),
    termOffsets,
    terms,
    weights,
    flags,
    units,
    postKeys,
    postOffsets,
    postForms,
  };
}

/** The rarest terms a passage must share with the form for it to be worth scoring. */
function prefixTerms(form: Form, weightOf: (hash: number) => number): number[] {
  let total = 0;
  let figures = 0;
  const words: Array<[number, number]> = [];
  for (const [hash, term] of form.terms) {
    const weight = weightOf(hash);
    total += weight;
    if (term.flags & TermFlag.figure) figures += weight;
    else words.push([hash, weight]);
  }
  words.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const wordTotal = total - figures;
  let rest = wordTotal;
  const prefix: number[] = [];
  for (const [hash, weight] of words) {
    if (figures + rest < POSSIBLE_COVERAGE * total && rest < CONFIRMED_COVERAGE * wordTotal) break;
    prefix.push(hash);
    rest -= weight;
  }
  return prefix;
}
