import { describe, expect, it } from 'vitest';
import { buildClaimIndex } from '../../../src/matching/claim-index';
import { rankClaims } from '../../../src/matching/rank-claims';
import { DEMO_CLAIMS } from './demo-claims';

const { snapshot } = buildClaimIndex(DEMO_CLAIMS);
const rank = (text: string, limit?: number) => rankClaims([snapshot], text, limit);

describe('rankClaims', () => {
  it.each([
    ['Two soldiers from North Korea were taken alive by Ukraine’s army in January 2025.', 'captured'],
    ['Kyiv says thousands of North Korean soldiers have died, at least 3,000 of them.', 'deaths'],
    ['Pyongyang’s soldiers believed the enemy they would face was American.', 'told'],
    ['Over 13,000 North Korean labourers and workers went to Russia in 2024.', 'workers'],
  ])('ranks the claim a text paraphrases first: "%s"', (text, key) => {
    expect(rank(text)[0]?.claimKey).toBe(key);
  });

  it('ranks best first', () => {
    const ranking = rank('North Korean troops in Russia: workers, soldiers, and Americans killed in 2024');
    expect(ranking.length).toBeGreaterThan(1);
    const scores = ranking.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns nothing for an unrelated text', () => {
    expect(rank('The weather in Paris was sunny and warm on Tuesday.')).toEqual([]);
    expect(rank('')).toEqual([]);
  });

  it('scores a text that shares one name with a claim far below a paraphrase of it', () => {
    const paraphrase = rank('Kyiv says thousands of North Korean soldiers have died, at least 3,000 of them.')[0]!;
    const name = rank('Ukraine').find((entry) => entry.claimKey === 'deaths');
    expect(paraphrase.claimKey).toBe('deaths');
    expect(name?.score ?? 0).toBeLessThan(paraphrase.score / 2);
  });

  it('returns at most `limit` claims, the best of the full ranking', () => {
    const text = 'North Korean troops in Russia: workers, soldiers, and Americans killed in 2024';
    const all = rank(text, 10);
    expect(all.length).toBeGreaterThan(2);
    expect(rank(text, 2)).toEqual(all.slice(0, 2));
    expect(rank(text, 1)).toEqual(all.slice(0, 1));
    expect(rank(text, 0)).toEqual([]);
  });

  it('ranks over several packs, each claim once with its best score', () => {
    const other = buildClaimIndex([
      { key: 'other/captured', statement: 'Ukrainian forces captured two North Korean soldiers alive in January 2025.', phrasings: [] },
    ]).snapshot;
    const text = 'Two soldiers from North Korea were taken alive by Ukraine’s army in January 2025.';
    const ranking = rankClaims([snapshot, other], text);
    expect(ranking.map((entry) => entry.claimKey)).toContain('other/captured');
    expect(ranking.map((entry) => entry.claimKey)).toContain('captured');
    expect(new Set(ranking.map((entry) => entry.claimKey)).size).toBe(ranking.length);
  });
});
