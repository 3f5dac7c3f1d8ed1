import { describe, expect, it } from 'vitest';
import { buildClaimIndex } from '../../../src/matching/claim-index';
import { matchText } from '../../../src/matching/match-text';
import { buildSimilarityIndex } from '../../../src/matching/similarity-index';

const claims = [
  {
    statement: 'North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.',
    phrasings: ['Estimates place their numbers between 10,000 and 12,000'],
  },
  // No statement: its wordings are phrasings 1 and 2.
  { phrasings: ['Ukraine reported at least 3,000 deaths', 'They had been told they were killing Americans'] },
  {
    statement: 'North Korea sent more than 13,000 workers to Russia in 2024.',
    phrasings: ['Over 13,000 North Korean labourers were sent to Russia in 2024', 'Kim sent 13,000 workers to Moscow in 2024'],
  },
];

/** The forms of a built index, as (claim, wording) pairs in stored order. */
const forms = (index: ReturnType<typeof buildSimilarityIndex>) =>
  [...index.formClaim].map((claim, f) => ({ claim, slot: index.formSlot[f] }));

/** The forms filed in the index, where a page's words look them up. */
const filed = (index: ReturnType<typeof buildSimilarityIndex>) => new Set(index.pairForms);

describe('buildSimilarityIndex', () => {
  it('stores every wording of every claim, each claim’s next to each other, in claim order', () => {
    const index = buildSimilarityIndex(claims);
    expect(forms(index)).toEqual([
      { claim: 0, slot: 0 },
      { claim: 0, slot: 1 },
      { claim: 1, slot: 1 },
      { claim: 1, slot: 2 },
      { claim: 2, slot: 0 },
      { claim: 2, slot: 1 },
      { claim: 2, slot: 2 },
    ]);
    expect(index.termOffsets).toHaveLength(forms(index).length + 1);
  });

  it('keeps claims in order when one has nothing to store', () => {
    const index = buildSimilarityIndex([claims[0]!, { statement: '  ', phrasings: [''] }, claims[2]!]);
    const order = [...index.formClaim];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order)).toEqual(new Set([0, 2]));
  });

  it('stores wordings that read alike once', () => {
    const index = buildSimilarityIndex([
      { statement: 'North Korea sent troops to Russia.', phrasings: ['N. Korea sent troops to Russia', 'North Korea did not send troops to Russia'] },
    ]);
    // The abbreviation reads as the same words; the negated wording is another statement.
    expect(forms(index)).toEqual([
      { claim: 0, slot: 0 },
      { claim: 0, slot: 2 },
    ]);
  });

  it('files every form under at least one term, even one made only of words every claim has', () => {
    const common = [
      { statement: 'North Korea sent soldiers to Russia.', phrasings: [] },
      { statement: 'North Korea sent soldiers to Russia in 2024 to fight Ukraine.', phrasings: [] },
      { statement: 'North Korea sent soldiers to Russia who were told they would fight Americans.', phrasings: [] },
    ];
    const index = buildSimilarityIndex(common);
    expect(forms(index)).toHaveLength(3);
    expect(filed(index)).toEqual(new Set([0, 1, 2]));
    // So a page stating the first claim in other words finds it.
    const { snapshot } = buildClaimIndex(common.map((claim, k) => ({ key: `claim-${k}`, ...claim })));
    const found = matchText([snapshot], 'Pyongyang sent troops to Moscow.');
    expect(found.filter((m) => m.tier === 'confirmed').map((m) => m.claimKey)).toEqual(['claim-0']);
  });

  it('builds an empty index from no claims, which matches nothing', () => {
    const index = buildSimilarityIndex([]);
    expect(index.formClaim).toHaveLength(0);
    expect(index.pairKeys).toHaveLength(0);
    expect(index.termOffsets).toEqual(new Uint32Array([0]));
    const { snapshot } = buildClaimIndex([]);
    expect(matchText([snapshot], 'North Korea sent between 10,000 and 12,000 soldiers to fight for Russia in 2024.')).toEqual([]);
  });

  it('builds an index that survives a structured-clone round trip', () => {
    const { snapshot } = buildClaimIndex(claims.map((claim, k) => ({ key: `claim-${k}`, ...claim })));
    const text = 'Pyongyang sent between ten thousand and twelve thousand troops to fight for Moscow in 2024.';
    const copy = structuredClone(snapshot);
    expect(matchText([copy], text)).toEqual(matchText([snapshot], text));
    expect(matchText([copy], text).map((m) => m.tier)).toContain('confirmed');
  });
});
