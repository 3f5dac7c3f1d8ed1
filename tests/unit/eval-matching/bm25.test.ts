import { describe, expect, it } from 'vitest';
import { bm25Idf, bm25Tokenize, buildBm25Index, searchBm25 } from '../../../scripts/eval-matching/bm25';

// Three documents, lengths 2, 3 and 4 (average 3); k1 = 0.9, b = 0.4 (the defaults).
const docs = [
  { id: 'd1', text: 'apple banana' },
  { id: 'd2', text: 'apple cherry cherry' },
  { id: 'd3', text: 'apple banana cherry durian' },
];
const index = buildBm25Index(docs);

describe('bm25Tokenize', () => {
  it('lower-cases, splits on anything but letters and digits, and drops stopwords', () => {
    expect(bm25Tokenize('The U.S. Army is NOT at 10,000 in Kyiv—or Kursk!')).toEqual(['u', 's', 'army', '10', '000', 'kyiv', 'kursk']);
    expect(bm25Tokenize('Ukraine’s café')).toEqual(['ukraine', 's', 'café']);
  });
});

describe('BM25', () => {
  it('uses Lucene idf: ln(1 + (N − df + 0.5) / (df + 0.5)), positive even for a term in every document', () => {
    expect(bm25Idf(3, 1)).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12); // ln(8/3) ≈ 0.980829
    expect(bm25Idf(3, 3)).toBeCloseTo(0.133531, 6); // ln(1 + 0.5/3.5) = ln(8/7)
    expect(bm25Idf(3, 3)).toBeGreaterThan(0);
  });

  it('ranks the only document with a rare query term first', () => {
    const hits = searchBm25(index, 'apple durian', 3);
    expect(hits.map((h) => h.id)).toEqual(['d3', 'd1', 'd2']);
  });

  it('scores one term by idf · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl))', () => {
    // durian in d3: idf ln(8/3) = 0.980829; norm 0.9·(0.6 + 0.4·4/3) = 1.02; 1.9 / 2.02 = 0.940594
    const [hit] = searchBm25(index, 'durian', 5);
    expect(hit?.id).toBe('d3');
    expect(hit?.score).toBeCloseTo(0.922562, 5);
  });

  it('normalises by length: the same single occurrence scores higher in the shorter document', () => {
    // banana: idf ln(1 + 1.5/2.5) = 0.470004
    // d1 (length 2): norm 0.9·(0.6 + 0.4·2/3) = 0.78, 1.9/1.78 → 0.501689
    // d3 (length 4): norm 1.02, 1.9/2.02 → 0.442083
    const hits = searchBm25(index, 'banana', 5);
    expect(hits.map((h) => h.id)).toEqual(['d1', 'd3']);
    expect(hits[0]!.score).toBeCloseTo(0.501689, 5);
    expect(hits[1]!.score).toBeCloseTo(0.442083, 5);
  });

  it('saturates term frequency: twice the term is worth less than twice the score', () => {
    // cherry ×2 in d2 (length 3, norm 0.9): 0.470004 · 2·1.9 / (2 + 0.9) = 0.615867
    const [hit] = searchBm25(index, 'cherry', 1);
    expect(hit).toEqual({ id: 'd2', score: expect.closeTo(0.615867, 5) });
  });

  it('counts a repeated query term once per occurrence', () => {
    const once = searchBm25(index, 'banana', 1)[0]!.score;
    expect(searchBm25(index, 'banana banana', 1)[0]!.score).toBeCloseTo(2 * once, 10);
  });

  it('returns nothing for stopwords or unknown words, and honours the limit', () => {
    expect(searchBm25(index, 'the and of', 5)).toEqual([]);
    expect(searchBm25(index, 'zebra', 5)).toEqual([]);
    expect(searchBm25(index, 'apple', 2)).toHaveLength(2);
  });

  it('breaks ties by document order', () => {
    const tied = buildBm25Index([
      { id: 'x', text: 'kursk front' },
      { id: 'y', text: 'kursk region' },
    ]);
    expect(searchBm25(tied, 'kursk', 2).map((h) => h.id)).toEqual(['x', 'y']);
  });
});
