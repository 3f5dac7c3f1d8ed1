import { describe, expect, it } from 'vitest';
import { buildClaimIndex, searchClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import { BLOCK_BREAK, tokenize } from '../../src/matching/tokenize';

const claims = [
  { key: 'demo/deaths', phrasings: ['Ukraine reporting at least 3,000 deaths'] },
  { key: 'demo/numbers', phrasings: ['Estimates place their numbers between 10,000 and 12,000'] },
  {
    key: 'demo/denial',
    phrasings: [
      'Russia claims “conflicting information” prevents it from confirming or denying',
      'conflicting information prevents it from confirming',
    ],
  },
  { key: 'demo/short', phrasings: ['North Korea'] },
];
const { snapshot, skipped } = buildClaimIndex(claims);
/** What is highlighted: the confirmed matches. */
const find = (text: string) =>
  matchText([snapshot], text)
    .filter((hit) => hit.tier === 'confirmed')
    .map(({ claimKey, start, end }) => ({ claimKey, start, end, text: text.slice(start, end) }));

describe('claim index', () => {
  it('finds a phrasing despite case, quotes, whitespace and punctuation differences', () => {
    const page = 'Casualties are heavy, with UKRAINE  reporting at least 3,000\u00a0deaths. [5]';
    const passage = 'UKRAINE  reporting at least 3,000\u00a0deaths';
    const start = page.indexOf(passage);
    expect(find(page)).toEqual([{ claimKey: 'demo/deaths', start, end: start + passage.length, text: passage }]);
    expect(find("Russia claims 'conflicting information' prevents it from confirming or denying it")).toHaveLength(1);
  });

  it('never matches a passage whose numbers differ', () => {
    expect(find('with Ukraine reporting at least 300 deaths')).toEqual([]);
    // It is told apart instead, with the page's figure.
    expect(matchText([snapshot], 'with Ukraine reporting at least 300 deaths')).toMatchObject([
      { claimKey: 'demo/deaths', tier: 'numbers-differ', why: { pageFigures: ['300'] } },
    ]);
    expect(find('with Ukraine reporting at least 30,000 deaths')).toEqual([]);
    expect(find('Estimates place their numbers between 10,000 and 13,000')).toEqual([]);
  });

  it('does not match across a block boundary', () => {
    expect(find(`Ukraine reporting at least${BLOCK_BREAK}3,000 deaths`)).toEqual([]);
  });

  it('reports overlapping wordings of one claim as one passage', () => {
    const hits = find('Russia claims “conflicting information” prevents it from confirming or denying the presence');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.text).toBe('Russia claims “conflicting information” prevents it from confirming or denying');
  });

  it('finds every occurrence, in text order', () => {
    const page = 'Ukraine reporting at least 3,000 deaths. Later: Ukraine reporting at least 3,000 deaths.';
    expect(find(page).map((hit) => hit.start)).toEqual([0, 48]);
  });

  it('leaves out phrasings too short to be specific', () => {
    expect(skipped).toEqual([{ key: 'demo/short', phrasing: 'North Korea' }]);
    expect(find('North Korea said nothing')).toEqual([]);
  });

  it('survives a structured-clone round trip (how IndexedDB persists it)', () => {
    const copy = structuredClone(snapshot);
    const tokens = tokenize('they say Ukraine reporting at least 3,000 deaths');
    expect(searchClaimIndex(copy, tokens)).toEqual(searchClaimIndex(snapshot, tokens));
    expect(searchClaimIndex(copy, tokens)).toHaveLength(1);
  });

  it('tells a phrasing from a passage with the same first words and length but other words after them', () => {
    // The exact search alone (the matcher's other checks would catch some of these as well).
    const search = (text: string) => searchClaimIndex(snapshot, tokenize(text)).map((hit) => hit.claimKey);
    expect(search('officials said Ukraine reporting at least 3,000 deaths today')).toEqual(['demo/deaths']);
    for (const text of [
      'officials said Ukraine reporting at least 3,000 wounded today',
      'officials said Ukraine reporting at least deaths 3,000 today',
      'officials said Ukraine reporting at least 3,000 today',
    ])
      expect(search(text), text).toEqual([]);
  });

  it('an empty index matches nothing', () => {
    expect(matchText([buildClaimIndex([]).snapshot], 'Ukraine reporting at least 3,000 deaths')).toEqual([]);
  });
});
