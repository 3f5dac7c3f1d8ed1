import { claimAtRank, type ClaimIndexSnapshot } from './claim-index';
import { filePairs, type SimilarityIndex } from './similarity-index';

/**
 * A pack's index as it is stored (ADR 0011): the exact half alone in one record, so that a worker
 * woken by a page can answer it after reading about a tenth of the bytes; the similarity forms in
 * shards of SHARD_CLAIMS claims, so the checks of the few claims a page's known phrasings hit can be
 * read on their own; and the filed pairs, needed only to look for other wordings, in a third part.
 * Joined again, the parts are the index they were split from.
 */
export const SHARD_CLAIMS = 256;

/** The exact half: every phrasing's length, hashes and key, and the claim it is of. */
export interface IndexHead {
  formatVersion: 3;
  reader: number;
  claimCount: number;
  formCount: number;
  phraseClaim: Uint32Array;
  phraseLengths: Uint16Array;
  phraseHashes: Uint32Array;
  shingleKeys: Uint32Array;
  shinglePhrases: Uint32Array;
}

type FormArrays = Pick<
  SimilarityIndex,
  'formClaim' | 'formSlot' | 'formTokens' | 'formNegations' | 'formAgents' | 'termOffsets' | 'terms' | 'weights' | 'flags' | 'units'
>;

/** The keys and forms of claims [shard * SHARD_CLAIMS, (shard + 1) * SHARD_CLAIMS). */
export interface IndexShard extends FormArrays {
  shard: number;
  claimKeys: string[];
  /** formClaim holds pack-wide claim ordinals; termOffsets start at 0 in each shard */
}

export type IndexPairs = Pick<SimilarityIndex, 'pairKeys' | 'pairForms' | 'filedTerms'>;

export interface IndexParts {
  head: IndexHead;
  shards: IndexShard[];
  pairs: IndexPairs;
}

export const shardOf = (claim: number): number => Math.floor(claim / SHARD_CLAIMS);

export function splitIndex(index: ClaimIndexSnapshot): IndexParts {
  const { similar, claimKeys } = index;
  const formCount = similar.formClaim.length;
  const shards: IndexShard[] = [];
  let form = 0;
  for (let shard = 0; shard * SHARD_CLAIMS < claimKeys.length; shard++) {
    const end = Math.min(claimKeys.length, (shard + 1) * SHARD_CLAIMS);
    const from = form;
    while (form < formCount && similar.formClaim[form]! < end) form++;
    const firstTerm = similar.termOffsets[from]!;
    const lastTerm = similar.termOffsets[form]!;
    shards.push({
      shard,
      claimKeys: claimKeys.slice(shard * SHARD_CLAIMS, end),
      formClaim: similar.formClaim.slice(from, form),
      formSlot: similar.formSlot.slice(from, form),
      formTokens: similar.formTokens.slice(from, form),
      formNegations: similar.formNegations.slice(from, form),
      formAgents: similar.formAgents.slice(from, form),
      termOffsets: similar.termOffsets.slice(from, form + 1).map((offset) => offset - firstTerm),
      terms: similar.terms.slice(firstTerm, lastTerm),
      weights: similar.weights.slice(firstTerm, lastTerm),
      flags: similar.flags.slice(firstTerm, lastTerm),
      units: similar.units.slice(firstTerm, lastTerm),
    });
  }
  return {
    head: {
      formatVersion: 3,
      reader: index.reader,
      claimCount: claimKeys.length,
      formCount,
      phraseClaim: index.phraseClaim,
      phraseLengths: index.phraseLengths,
      phraseHashes: index.phraseHashes,
      shingleKeys: index.shingleKeys,
      shinglePhrases: index.shinglePhrases,
    },
    shards,
    pairs: { pairKeys: similar.pairKeys, pairForms: similar.pairForms, filedTerms: similar.filedTerms },
  };
}

/** Why a shard does not fit the head it was stored with, or null when it does. */
export function shardProblem(head: IndexHead, shard: IndexShard): string | null {
  const i = shard.shard;
  const claims = Math.min(SHARD_CLAIMS, head.claimCount - i * SHARD_CLAIMS);
  const count = shard.formClaim.length;
  if (claims <= 0 || shard.claimKeys.length !== claims) return `shard ${i} does not hold its claims`;
  const arrays = [shard.formSlot, shard.formTokens, shard.formNegations, shard.formAgents];
  const terms = shard.termOffsets[count];
  if (arrays.some((a) => a.length !== count) || shard.termOffsets.length !== count + 1 || terms !== shard.terms.length)
    return `shard ${i} has arrays of different lengths`;
  if ([shard.weights, shard.flags, shard.units].some((a) => a.length !== terms)) return `shard ${i} has arrays of different lengths`;
  const first = i * SHARD_CLAIMS;
  for (let f = 0; f < count; f++) {
    const claim = shard.formClaim[f]!;
    if (claim < first || claim >= first + claims || (f > 0 && claim < shard.formClaim[f - 1]!)) return `shard ${i} holds forms of other claims`;
  }
  return null;
}

/** Why stored parts cannot be joined, or null when they fit together. */
function partsProblem(head: IndexHead, shards: readonly IndexShard[]): string | null {
  const expected = Math.ceil(head.claimCount / SHARD_CLAIMS);
  if (shards.length !== expected) return `${shards.length} of ${expected} shards`;
  let forms = 0;
  for (const [i, shard] of shards.entries()) {
    if (shard.shard !== i) return `shard ${i} is missing`;
    const problem = shardProblem(head, shard);
    if (problem) return problem;
    forms += shard.formClaim.length;
  }
  return forms === head.formCount ? null : `${forms} forms of ${head.formCount}`;
}

function concat<T extends Uint8Array | Uint16Array | Uint32Array>(parts: readonly T[], make: (length: number) => T): T {
  const joined = make(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

/**
 * The index the parts were split from. Throws, naming what is wrong, when they do not fit together
 * (a shard missing or damaged): the caller skips the pack rather than match with half an index.
 */
export function joinIndex(head: IndexHead, shards: readonly IndexShard[], pairs: IndexPairs): ClaimIndexSnapshot {
  const ordered = [...shards].sort((a, b) => a.shard - b.shard);
  const problem = partsProblem(head, ordered);
  if (problem) throw new Error(problem);
  const termOffsets = new Uint32Array(head.formCount + 1);
  let form = 0;
  let base = 0;
  for (const shard of ordered) {
    for (let f = 0; f < shard.formClaim.length; f++) termOffsets[form + f] = base + shard.termOffsets[f]!;
    form += shard.formClaim.length;
    base += shard.terms.length;
  }
  termOffsets[form] = base;
  const of = <K extends keyof FormArrays>(key: K) => ordered.map((shard) => shard[key]);
  return {
    formatVersion: 3,
    reader: head.reader,
    claimKeys: ordered.flatMap((shard) => shard.claimKeys),
    phraseClaim: head.phraseClaim,
    phraseLengths: head.phraseLengths,
    phraseHashes: head.phraseHashes,
    shingleKeys: head.shingleKeys,
    shinglePhrases: head.shinglePhrases,
    similar: {
      formClaim: concat(of('formClaim'), (n) => new Uint32Array(n)),
      formSlot: concat(of('formSlot'), (n) => new Uint16Array(n)),
      formTokens: concat(of('formTokens'), (n) => new Uint16Array(n)),
      formNegations: concat(of('formNegations'), (n) => new Uint8Array(n)),
      formAgents: concat(of('formAgents'), (n) => new Uint32Array(n)),
      termOffsets,
      terms: concat(of('terms'), (n) => new Uint32Array(n)),
      weights: concat(of('weights'), (n) => new Uint8Array(n)),
      flags: concat(of('flags'), (n) => new Uint8Array(n)),
      units: concat(of('units'), (n) => new Uint8Array(n)),
      ...pairs,
    },
  };
}

/**
 * The index restricted to some claims, for a page answered before the whole index is read: the
 * claims of the phrasings the page holds word for word (`found`, their ranks from phrasingsIn),
 * with those phrasings and all of the claims' forms, filed under their pairs as a whole build
 * files them. Every check of a claim looks only at its own forms, and the page holds no other
 * phrasing of these claims, so they are matched as the whole index matches them. A claim whose
 * shard is not given is left out altogether: its phrasing must not be confirmed unchecked.
 */
export function claimsIndex(head: IndexHead, shards: readonly IndexShard[], found: ReadonlySet<number>): ClaimIndexSnapshot {
  const claimKeys: string[] = new Array<string>(head.claimCount);
  const picked: Array<{ shard: IndexShard; form: number }> = [];
  const given = new Set(shards.map((shard) => shard.shard));
  const ranks = [...found].filter((rank) => given.has(shardOf(claimAtRank(head, rank)))).sort((a, b) => a - b);
  const kept = new Set(ranks.map((rank) => claimAtRank(head, rank)));
  for (const shard of [...shards].sort((a, b) => a.shard - b.shard)) {
    shard.claimKeys.forEach((key, i) => (claimKeys[shard.shard * SHARD_CLAIMS + i] = key));
    for (let f = 0; f < shard.formClaim.length; f++) if (kept.has(shard.formClaim[f]!)) picked.push({ shard, form: f });
  }
  const shingleKeys = Uint32Array.from(ranks, (rank) => head.shingleKeys[rank]!);
  const shinglePhrases = Uint32Array.from(ranks, (rank) => head.shinglePhrases[rank]!);
  const n = picked.length;
  const termCount = picked.reduce((sum, { shard, form }) => sum + shard.termOffsets[form + 1]! - shard.termOffsets[form]!, 0);
  const forms: FormArrays = {
    formClaim: new Uint32Array(n),
    formSlot: new Uint16Array(n),
    formTokens: new Uint16Array(n),
    formNegations: new Uint8Array(n),
    formAgents: new Uint32Array(n),
    termOffsets: new Uint32Array(n + 1),
    terms: new Uint32Array(termCount),
    weights: new Uint8Array(termCount),
    flags: new Uint8Array(termCount),
    units: new Uint8Array(termCount),
  };
  let at = 0;
  picked.forEach(({ shard, form }, f) => {
    forms.formClaim[f] = shard.formClaim[form]!;
    forms.formSlot[f] = shard.formSlot[form]!;
    forms.formTokens[f] = shard.formTokens[form]!;
    forms.formNegations[f] = shard.formNegations[form]!;
    forms.formAgents[f] = shard.formAgents[form]!;
    const from = shard.termOffsets[form]!;
    const to = shard.termOffsets[form + 1]!;
    forms.terms.set(shard.terms.subarray(from, to), at);
    forms.weights.set(shard.weights.subarray(from, to), at);
    forms.flags.set(shard.flags.subarray(from, to), at);
    forms.units.set(shard.units.subarray(from, to), at);
    at += to - from;
    forms.termOffsets[f + 1] = at;
  });
  const similar: SimilarityIndex = { ...forms, ...filePairs(forms) };
  return {
    formatVersion: 3,
    reader: head.reader,
    claimKeys,
    phraseClaim: head.phraseClaim,
    phraseLengths: head.phraseLengths,
    phraseHashes: head.phraseHashes,
    shingleKeys,
    shinglePhrases,
    similar,
  };
}
