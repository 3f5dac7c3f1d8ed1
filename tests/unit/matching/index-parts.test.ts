import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEvalCases } from '../../../scripts/eval-matching/cases-schema';
import { recordKey } from '../../../src/db/records';
import { buildClaimIndex, claimAtRank, hashTokens, phrasingsIn, type ClaimPhrasings } from '../../../src/matching/claim-index';
import { claimsIndex, joinIndex, shardOf, SHARD_CLAIMS, splitIndex } from '../../../src/matching/index-parts';
import { matchText } from '../../../src/matching/match-text';
import { tokenize } from '../../../src/matching/tokenize';
import { demoPack } from '../../../src/packs/demo-pack';

const pack = demoPack();
const demoClaims: ClaimPhrasings[] = pack.claims.map((c) => ({ key: recordKey(pack.id, c.id), phrasings: c.phrasings, statement: c.statement }));
/** The demo claims spread over several shards among claims about other things (one with no wording at all). */
const filler = (i: number): ClaimPhrasings => ({
  key: `filler/${i}`,
  statement: i === 7 ? '' : `Harbour ${i} of the northern coast handled ${i * 37} container ships last winter`,
  phrasings: i % 3 ? [] : [`the harbour handled ${i * 37} container ships`],
});
const claims = Array.from({ length: SHARD_CLAIMS * 3 + 40 }, (_, i) => filler(i));
demoClaims.forEach((claim, i) => (claims[(i * 97 + 5) % claims.length] = claim));
const { snapshot } = buildClaimIndex(claims);

const file = new URL('../../../eval/matching/cases.json', import.meta.url);
const cases = parseEvalCases(readFileSync(file, 'utf8'), file.pathname);

describe('splitIndex and joinIndex', () => {
  it('give back the index they split, with the claims in shards of SHARD_CLAIMS', () => {
    const { head, shards, pairs } = splitIndex(snapshot);
    expect(shards.map((shard) => shard.claimKeys.length)).toEqual([SHARD_CLAIMS, SHARD_CLAIMS, SHARD_CLAIMS, 40]);
    expect(head).not.toHaveProperty('similar');
    expect(joinIndex(head, [...shards].reverse(), pairs)).toEqual(snapshot);
    const empty = buildClaimIndex([]).snapshot;
    expect(joinIndex(splitIndex(empty).head, splitIndex(empty).shards, splitIndex(empty).pairs)).toEqual(empty);
  });

  it('refuse parts that do not fit together, naming what is wrong', () => {
    const { head, shards, pairs } = splitIndex(snapshot);
    expect(() => joinIndex(head, shards.slice(1), pairs)).toThrow('3 of 4 shards');
    const cut = { ...shards[2]!, terms: shards[2]!.terms.subarray(1) };
    expect(() => joinIndex(head, [shards[0]!, shards[1]!, cut, shards[3]!], pairs)).toThrow('shard 2 has arrays of different lengths');
    expect(() => joinIndex({ ...head, formCount: head.formCount + 1 }, shards, pairs)).toThrow(`${head.formCount} forms of ${head.formCount + 1}`);
  });
});

describe('claimsIndex: the claims a text’s known phrasings hit, from their shards alone', () => {
  const { head, shards } = splitIndex(snapshot);
  const answers = cases.map((evalCase) => {
    const hit = phrasingsIn(head, hashTokens(tokenize(evalCase.text)));
    const claims = [...hit].map((rank) => claimAtRank(head, rank));
    const needed = shards.filter((shard) => claims.some((claim) => shardOf(claim) === shard.shard));
    const keys = new Set(claims.map((claim) => snapshot.claimKeys[claim]!));
    return {
      text: evalCase.text,
      keys,
      partial: matchText([claimsIndex(head, needed, hit)], evalCase.text, 'page'),
      whole: matchText([snapshot], evalCase.text, 'page'),
    };
  });

  it('matches those claims exactly as the whole index does, on every case of the evaluation set', () => {
    // Not vacuous: many cases have a known phrasing, and the whole index finds more in others.
    expect(answers.filter((a) => a.keys.size > 0).length).toBeGreaterThan(40);
    expect(answers.filter((a) => a.whole.some((m) => !a.keys.has(m.claimKey))).length).toBeGreaterThan(50);
    for (const { text, keys, partial, whole } of answers)
      expect({ text, matches: partial }).toEqual({ text, matches: whole.filter((m) => keys.has(m.claimKey)) });
  });

  it('leaves out a claim whose shard is not given, rather than confirm its phrasing unchecked', () => {
    const shardOfKey = (key: string) => shardOf(snapshot.claimKeys.indexOf(key));
    const withHits = answers.filter((a) => a.partial.some((m) => m.tier === 'confirmed'));
    const first = withHits[0]!;
    const second = withHits.find((a) => [...a.keys].every((key) => ![...first.keys].some((k) => shardOfKey(k) === shardOfKey(key))))!;
    const text = `${first.text}\n\n${second.text}`;
    const hit = phrasingsIn(head, hashTokens(tokenize(text)));
    const missing = shardOfKey([...first.keys][0]!);
    const fewer = shards.filter((shard) => shard.shard !== missing);
    const all = matchText([claimsIndex(head, shards, hit)], text, 'page').map((m) => m.claimKey);
    const found = matchText([claimsIndex(head, fewer, hit)], text, 'page').map((m) => m.claimKey);
    expect(all.some((key) => shardOfKey(key) === missing)).toBe(true);
    expect(found).toEqual(all.filter((key) => shardOfKey(key) !== missing));
    expect(found.length).toBeGreaterThan(0);
  });
});
