import { describe, expect, it } from 'vitest';
import { mergeTabState, MAX_NOTICES } from '../../src/background/merge-tab-state';
import { sentenceAround } from '../../src/background/page-notices';
import type { PageNotice } from '../../src/messaging/protocol';

const notice = (claim: string, tier: PageNotice['tier'], passage: string): PageNotice => ({
  claim, tier, passage, score: 0.7, shared: [], pageFigures: [], claimFigures: [], claimWording: '', notes: [],
});

describe('the sentence a popup notice quotes', () => {
  const around = (text: string, words: string) => sentenceAround(text, text.indexOf(words), text.indexOf(words) + words.length);

  it('is the whole sentence holding the matched words, not its neighbours', () => {
    const text = 'Fighting went on. Ukraine reported that at least 300 soldiers had been killed. Talks stalled.';
    expect(around(text, 'at least 300 soldiers')).toBe('Ukraine reported that at least 300 soldiers had been killed.');
  });

  it('does not stop at a decimal point, an abbreviation or an initial', () => {
    expect(around('By Sept. 2024, N. Korea had sent 2.5 times more troops to Russia. Next.', 'N. Korea had sent')).toBe(
      'By Sept. 2024, N. Korea had sent 2.5 times more troops to Russia.',
    );
    expect(around('Gen. Gerasimov credited the units. Later, more.', 'credited the units')).toBe('Gen. Gerasimov credited the units.');
  });

  it('stops at a block boundary', () => {
    expect(around('Headline without a stop\u2029The claim sits here. After.', 'claim sits')).toBe('The claim sits here.');
  });
});

describe("a tab's recorded claims and notices", () => {
  it('drops a possible match once the claim is highlighted elsewhere on the page, but keeps differing figures', () => {
    const first = mergeTabState(null, 'https://a.example/', [], [notice('p/c1', 'possible', 'A.'), notice('p/c2', 'numbers-differ', 'B.')], 'replace');
    const next = mergeTabState(first, 'https://a.example/', ['p/c1', 'p/c2'], [], 'append');
    expect(next.claims).toEqual(['p/c1', 'p/c2']);
    expect(next.notices.map((n) => n.claim)).toEqual(['p/c2']);
  });

  it('keeps a notice found again (a re-rendered block) once, and at most MAX_NOTICES', () => {
    let state = mergeTabState(null, 'https://a.example/', [], [notice('p/c1', 'possible', 'A.')], 'replace');
    state = mergeTabState(state, 'https://a.example/', [], [notice('p/c1', 'possible', 'A.')], 'append');
    expect(state.notices).toHaveLength(1);
    const many = Array.from({ length: MAX_NOTICES + 10 }, (_, i) => notice(`p/c${i}`, 'possible', `S${i}.`));
    expect(mergeTabState(null, 'https://a.example/', [], many, 'replace').notices).toHaveLength(MAX_NOTICES);
  });

  it('starts afresh on replace and on another URL', () => {
    const first = mergeTabState(null, 'https://a.example/', ['p/c1'], [notice('p/c2', 'possible', 'A.')], 'replace');
    expect(mergeTabState(first, 'https://a.example/', ['p/c3'], [], 'replace')).toEqual({ url: 'https://a.example/', claims: ['p/c3'], notices: [] });
    expect(mergeTabState(first, 'https://b.example/', ['p/c3'], [], 'append').claims).toEqual(['p/c3']);
  });
});
