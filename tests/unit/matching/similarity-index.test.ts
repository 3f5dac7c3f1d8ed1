import { describe, expect, it } from 'vitest';
import { buildClaimIndex } from '../../../src/matching/claim-index';
import { matchText } from '../../../src/matching/match-text';
import { buildSimilarityIndex } from '../../../src/matching/similarity-index';
import { demoPack } from '../../../src/packs/demo-pack';

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

describe('buildClaimIndex over an earlier build (a new version of a pack)', () => {
  const pack = demoPack();
  const v1 = [
    ...pack.claims.map((c) => ({ key: c.id, statement: c.statement, phrasings: c.phrasings })),
    // Unchanged, with a phrasing too short to index and one repeated: what it leaves out is still counted.
    { key: 'short', statement: 'Kim Jong Un visited the Kursk front.', phrasings: ['Kim visited', 'Kim Jong Un visited Kursk', 'Kim Jong Un visited Kursk!'] },
  ];
  // Version 2: one claim reworded, one removed, one added, and the order changed.
  const reworded = v1[3]!;
  const v2 = [
    { ...reworded, statement: 'Pyongyang denied sending any troops at all.', phrasings: ['no troops were ever sent'] },
    ...v1.filter((c) => c !== reworded && c !== v1[5]).reverse(),
    { key: 'new', statement: 'Seoul said 1,500 soldiers were flown to Vladivostok in October.', phrasings: [] },
  ];
  const earlierIndex = buildClaimIndex(v1).snapshot;
  const same = new Set(v1.filter((c) => c !== reworded).map((c) => c.key));

  it('reads unchanged claims from the earlier index and builds exactly what a fresh build would', () => {
    let asked = 0;
    const reused = buildClaimIndex(v2, {
      snapshot: earlierIndex,
      unchanged: (key) => {
        asked++;
        return same.has(key);
      },
    });
    expect(asked).toBe(v2.length);
    const fresh = buildClaimIndex(v2);
    expect(reused.snapshot.similar).toEqual(fresh.snapshot.similar);
    expect(reused.snapshot).toEqual(fresh.snapshot);
    expect(reused.skipped).toEqual([{ key: 'short', phrasing: 'Kim visited' }]);
    expect(reused.skipped).toEqual(fresh.skipped);
  });

  it('takes nothing from the earlier index for a claim it is told changed', () => {
    // Told that every claim changed while the earlier index is of other claims altogether.
    const unrelated = buildClaimIndex(
      v1.map((c) => ({ ...c, statement: 'Cats can see in total darkness.', phrasings: c.phrasings.map((_, i) => `cats can see in total darkness ${i + 1} times`) })),
    ).snapshot;
    const built = buildClaimIndex(v2, { snapshot: unrelated, unchanged: () => false }).snapshot;
    expect(built).toEqual(buildClaimIndex(v2).snapshot);
    // Told they are unchanged, it would trust it: the reuse is only as right as the content hashes.
    const trusted = buildClaimIndex(v2, { snapshot: unrelated, unchanged: (key) => key !== 'new' && key !== reworded.key }).snapshot;
    expect(trusted.similar).not.toEqual(buildClaimIndex(v2).snapshot.similar);
    // The phrasings' hashes come from the earlier index too (the demo claims' phrasings are all indexed).
    expect(trusted.phraseHashes).not.toEqual(buildClaimIndex(v2).snapshot.phraseHashes);
  });
});
