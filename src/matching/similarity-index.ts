import { analyzeText, countedWord, TermFlag, type AnalyzedText } from './analyze-text';
import { GrownArray } from './grown-array';
import { lowerBound } from './lower-bound';
import { CONFIRMED_COVERAGE } from './match-thresholds';

/**
 * The second half of the persisted index: every wording of every claim (its statement and its
 * phrasings, the "forms") as weighted key terms, and an inverted index from terms to forms so a
 * page sentence finds its candidates in a few lookups. Typed arrays throughout, like the exact
 * index, so it is stored in IndexedDB and loaded without parsing.
 *
 * Each form is filed under the pairs of its rarest terms (prefix filtering, as in set-similarity
 * joins): enough of them that a passage sharing fewer than two could not reach
 * CONFIRMED_COVERAGE of the claim's weight, nor of its words other than figures (what "numbers
 * differ" needs). A sentence looks up the pairs of its own terms, so a lookup costs a binary
 * search however large the pack, and common words ("North Korea", "soldiers") do not drag every
 * claim into every sentence. The price: a "possible" match is found only when it shares two of
 * those rarer words (docs/matching.md).
 */
export interface SimilarityIndex {
  /** form -> claim ordinal, and which wording it is: 0 the statement, k the k-th phrasing */
  formClaim: Uint32Array;
  formSlot: Uint16Array;
  /** tokens the form spans, for telling a statement from words scattered over a paragraph */
  formTokens: Uint16Array;
  /** negation words in the form (only their parity matters) */
  formNegations: Uint8Array;
  /** the form's agent: the name after its "by" when it is passive, else the name that opens it (0: none) */
  formAgents: Uint32Array;
  /** form f's terms are [termOffsets[f], termOffsets[f + 1]), in the order the form says them */
  termOffsets: Uint32Array;
  terms: Uint32Array;
  /** each term's weight (inverse claim frequency) in WEIGHT_SCALE steps: a byte a term */
  weights: Uint8Array;
  flags: Uint8Array;
  /** for a figure, the position in its form of the term it counts ("3,000 deaths" -> deaths), NO_UNIT otherwise */
  units: Uint8Array;
  /** pairs of a form's rarest terms (pairKey), sorted, with the form each belongs to */
  pairKeys: Uint32Array;
  pairForms: Uint32Array;
  /** every term some form is filed under, sorted: a page word not among them cannot be in a pair */
  filedTerms: Uint32Array;
}

/** Weights are stored as bytes: ln(1 + 250,000) * 20 still fits. */
export const WEIGHT_SCALE = 20;
export const NO_UNIT = 255;

/** The key of an unordered pair of term hashes. */
export function pairKey(a: number, b: number): number {
  const lo = a < b ? a : b;
  const hi = a < b ? b : a;
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ hi, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
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
  agent: number;
  /** term hash -> flags and, for a figure, the hash of the word it counts (0 for none) */
  terms: Map<number, { flags: number; unit: number }>;
}

function sameReading(a: Form, b: Form): boolean {
  if (a.terms.size !== b.terms.size || a.negations % 2 !== b.negations % 2) return false;
  for (const hash of a.terms.keys()) if (!b.terms.has(hash)) return false;
  return true;
}

const NAMES = TermFlag.entity | TermFlag.name;

function agentOf(analyzed: AnalyzedText): number {
  const by = analyzed.tokens.words.indexOf('by');
  if (by >= 0) {
    const after = analyzed.terms.find((term) => term.first > by && term.first - by <= 3);
    if (after && after.flags & NAMES) return after.hash;
  }
  // Else the name that opens the wording, its likely subject ("North Korea sent ...", "In January,
  // Ukrainian forces took ..."); a name further in is an object or a place.
  const first = analyzed.terms.find((term) => term.flags & NAMES);
  return first && first.first <= 2 ? first.hash : 0;
}

function readForm(text: string, claim: number, slot: number): Form {
  const analyzed = analyzeText(text);
  const terms = new Map<number, { flags: number; unit: number }>();
  const list = analyzed.terms;
  for (let t = 0; t < list.length && terms.size < 255; t++) {
    const term = list[t]!;
    const unit = term.flags & TermFlag.figure ? countedWord(list, t, list.length) : 0;
    const known = terms.get(term.hash);
    if (known) known.flags |= term.flags;
    else terms.set(term.hash, { flags: term.flags, unit });
  }
  return { claim, slot, tokens: analyzed.tokens.words.length, negations: analyzed.negations.length, agent: agentOf(analyzed), terms };
}

/**
 * The forms of an earlier build, for claims whose wordings have not changed since: reading a
 * wording is most of a build, and a new version of a pack changes few claims.
 */
export interface EarlierForms {
  index: SimilarityIndex;
  /** the claim's ordinal in `index` when its statement and phrasings are as they were then, else undefined */
  ordinalOf(claim: number): number | undefined;
}

/**
 * Every form of every claim as it is read, before anything is weighed: one entry per form and one
 * per form term, in flat arrays. A claim unchanged since an earlier build copies its forms' slices.
 */
class FormTable {
  readonly claim: number[] = [];
  readonly slot: number[] = [];
  readonly tokens: number[] = [];
  readonly negations: number[] = [];
  readonly agent: number[] = [];
  readonly termOffsets: number[] = [0];
  readonly terms = new GrownArray((n) => new Uint32Array(n));
  readonly flags = new GrownArray((n) => new Uint8Array(n));
  /** for a figure, the position in its form of the term it counts; NO_UNIT otherwise */
  readonly units = new GrownArray((n) => new Uint8Array(n));

  get size(): number {
    return this.claim.length;
  }

  add(form: Form): void {
    this.head(form.claim, form.slot, form.tokens, form.negations, form.agent);
    const hashes = [...form.terms.keys()];
    for (const [hash, term] of form.terms) {
      this.terms.push(hash);
      this.flags.push(term.flags);
      const unitAt = term.unit ? hashes.indexOf(term.unit) : -1;
      this.units.push(unitAt >= 0 ? unitAt : NO_UNIT);
    }
    this.termOffsets.push(this.terms.length);
  }

  /** Form `f` of an earlier index, as claim `claim` now. */
  copy(earlier: SimilarityIndex, f: number, claim: number): void {
    this.head(claim, earlier.formSlot[f]!, earlier.formTokens[f]!, earlier.formNegations[f]!, earlier.formAgents[f]!);
    const from = earlier.termOffsets[f]!;
    const to = earlier.termOffsets[f + 1]!;
    this.terms.append(earlier.terms.subarray(from, to));
    this.flags.append(earlier.flags.subarray(from, to));
    this.units.append(earlier.units.subarray(from, to));
    this.termOffsets.push(this.terms.length);
  }

  private head(claim: number, slot: number, tokens: number, negations: number, agent: number): void {
    this.claim.push(claim);
    this.slot.push(slot);
    this.tokens.push(Math.min(tokens, 65_535));
    this.negations.push(Math.min(negations, 255));
    this.agent.push(agent);
  }
}

/**
 * Each term occurrence's weight, from the number of claims that use the term (counted once per
 * claim: the wordings of one claim repeat each other's words). Terms are looked up by hash in an
 * open-addressing table rather than a Map, whose keys above 2^31 would be heap numbers.
 */
function claimWeights(table: FormTable, terms: Uint32Array, weightOf: (claims: number) => number): Uint8Array {
  let capacity = 1024;
  let keys = new Uint32Array(capacity);
  let counts = new Int32Array(capacity);
  let last = new Int32Array(capacity).fill(-1);
  let used = 0;
  const slotOf = (hash: number): number => {
    let at = Math.imul(hash, 0x9e3779b1) >>> 0 & (capacity - 1);
    while (last[at] !== -1 && keys[at] !== hash) at = (at + 1) & (capacity - 1);
    return at;
  };
  const grow = () => {
    const [oldKeys, oldCounts, oldLast] = [keys, counts, last];
    capacity *= 2;
    keys = new Uint32Array(capacity);
    counts = new Int32Array(capacity);
    last = new Int32Array(capacity).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldLast[i] === -1) continue;
      const at = slotOf(oldKeys[i]!);
      keys[at] = oldKeys[i]!;
      counts[at] = oldCounts[i]!;
      last[at] = oldLast[i]!;
    }
  };
  for (let f = 0; f < table.size; f++) {
    const claim = table.claim[f]!;
    for (let t = table.termOffsets[f]!; t < table.termOffsets[f + 1]!; t++) {
      let at = slotOf(terms[t]!);
      if (last[at] === -1) {
        if (++used * 2 > capacity) {
          grow();
          at = slotOf(terms[t]!);
        }
        keys[at] = terms[t]!;
      }
      if (last[at] !== claim) {
        last[at] = claim;
        counts[at]!++;
      }
    }
  }
  // Each slot's weight once, then each occurrence's from its slot.
  const bySlot = new Int16Array(capacity).fill(-1);
  const weights = new Uint8Array(terms.length);
  for (let t = 0; t < terms.length; t++) {
    const at = slotOf(terms[t]!);
    if (bySlot[at] === -1) bySlot[at] = weightOf(counts[at]!);
    weights[t] = bySlot[at]!;
  }
  return weights;
}

export function buildSimilarityIndex(claims: readonly ClaimWordings[], earlier?: EarlierForms): SimilarityIndex {
  const table = new FormTable();
  claims.forEach((claim, ordinal) => {
    const was = earlier?.ordinalOf(ordinal);
    if (earlier && was !== undefined) {
      const { formClaim } = earlier.index;
      for (let f = lowerBound(formClaim, was); f < formClaim.length && formClaim[f] === was; f++) table.copy(earlier.index, f, ordinal);
      return;
    }
    const read: Form[] = [];
    [claim.statement ?? '', ...claim.phrasings].forEach((text, slot) => {
      if (!text.trim()) return;
      const form = readForm(text, ordinal, slot);
      // A wording that reads the same as another of the claim's adds nothing.
      if (form.terms.size === 0 || read.some((other) => sameReading(other, form))) return;
      read.push(form);
      table.add(form);
    });
  });
  const terms = table.terms.done();
  const flags = table.flags.done();
  const units = table.units.done();
  const termOffsets = Uint32Array.from(table.termOffsets);
  const claimCount = Math.max(1, claims.length);
  const weights = claimWeights(table, terms, (frequency) => Math.min(255, Math.round(Math.log(1 + claimCount / frequency) * WEIGHT_SCALE)));
  return {
    formClaim: Uint32Array.from(table.claim),
    formSlot: Uint16Array.from(table.slot),
    formTokens: Uint16Array.from(table.tokens),
    formNegations: Uint8Array.from(table.negations),
    formAgents: Uint32Array.from(table.agent),
    termOffsets,
    terms,
    weights,
    flags,
    units,
    ...filePairs({ termOffsets, terms, weights, flags }),
  };
}

/** Every form filed under the pairs of its prefix terms (prefixTerms): the lookup side of the index. */
export function filePairs(forms: Pick<SimilarityIndex, 'termOffsets' | 'terms' | 'weights' | 'flags'>): Pick<SimilarityIndex, 'pairKeys' | 'pairForms' | 'filedTerms'> {
  const pairs = new KeyedForms();
  const filed = new Set<number>();
  for (let f = 0; f + 1 < forms.termOffsets.length; f++) {
    const prefix = prefixTerms(forms, f);
    for (const hash of prefix) filed.add(hash);
    for (let a = 0; a < prefix.length; a++)
      for (let b = a + 1; b < prefix.length; b++) pairs.add(pairKey(prefix[a]!, prefix[b]!), f);
  }
  const { keys: pairKeys, forms: pairForms } = pairs.sorted();
  return { pairKeys, pairForms, filedTerms: Uint32Array.from(filed).sort() };
}

/** (key, form) entries, grown as needed and sorted by key. */
export class KeyedForms {
  private keys = new Uint32Array(1024);
  private forms = new Uint32Array(1024);
  private count = 0;

  add(key: number, form: number): void {
    if (this.count === this.keys.length) {
      const keys = new Uint32Array(this.count * 2);
      const forms = new Uint32Array(this.count * 2);
      keys.set(this.keys);
      forms.set(this.forms);
      this.keys = keys;
      this.forms = forms;
    }
    this.keys[this.count] = key;
    this.forms[this.count++] = form;
  }

  sorted(): { keys: Uint32Array; forms: Uint32Array } {
    const n = this.count;
    const pairKeys = new Uint32Array(n);
    const pairForms = new Uint32Array(n);
    let maxForm = 0;
    for (let i = 0; i < n; i++) maxForm = Math.max(maxForm, this.forms[i]!);
    const space = 2 ** Math.ceil(Math.log2(maxForm + 2));
    if (space * 2 ** 32 <= Number.MAX_SAFE_INTEGER) {
      // key * space + form is exact in a double: one native numeric sort orders them.
      const packed = new Float64Array(n);
      for (let i = 0; i < n; i++) packed[i] = this.keys[i]! * space + this.forms[i]!;
      packed.sort();
      for (let i = 0; i < n; i++) {
        const form = packed[i]! % space;
        pairForms[i] = form;
        pairKeys[i] = (packed[i]! - form) / space;
      }
    } else {
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      order.sort((a, b) => this.keys[a]! - this.keys[b]! || this.forms[a]! - this.forms[b]!);
      order.forEach((from, i) => {
        pairKeys[i] = this.keys[from]!;
        pairForms[i] = this.forms[from]!;
      });
    }
    return { keys: pairKeys, forms: pairForms };
  }
}

/** A form's words as (255 - weight) * 2^32 + hash: one native numeric sort puts the rarest first, ties by hash. */
let ranked = new Float64Array(256);
const HASHES = 2 ** 32;

/**
 * The rarest terms of a form, enough that a passage holding at most one of them could not reach
 * CONFIRMED_COVERAGE of the form's weight, nor of its words other than figures: a passage worth
 * scoring shares at least two of them, which is what the matcher counts. Figures are left out, as
 * a passage that states the claim with other figures must still be found.
 */
export function prefixTerms(index: Pick<SimilarityIndex, 'termOffsets' | 'terms' | 'weights' | 'flags'>, form: number): number[] {
  let total = 0;
  let figures = 0;
  let count = 0;
  const size = index.termOffsets[form + 1]! - index.termOffsets[form]!;
  // Built forms hold fewer than 255 terms; a stored index is trusted no further than its schema.
  if (size > ranked.length) ranked = new Float64Array(size);
  for (let t = index.termOffsets[form]!; t < index.termOffsets[form + 1]!; t++) {
    const weight = index.weights[t]!;
    total += weight;
    if (index.flags[t]! & TermFlag.figure) figures += weight;
    else ranked[count++] = (255 - weight) * HASHES + index.terms[t]!;
  }
  const words = ranked.subarray(0, count).sort();
  const weightAt = (w: number) => 255 - Math.floor(words[w]! / HASHES);
  const wordTotal = total - figures;
  const top = count > 0 ? weightAt(0) : 0;
  let rest = wordTotal;
  const prefix: number[] = [];
  for (let w = 0; w < count; w++) {
    if (prefix.length >= 2 && figures + rest + top < CONFIRMED_COVERAGE * total && rest + top < CONFIRMED_COVERAGE * wordTotal) break;
    prefix.push(words[w]! % HASHES);
    rest -= weightAt(w);
  }
  return prefix;
}
