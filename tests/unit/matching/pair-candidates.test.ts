import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeText } from '../../../src/matching/analyze-text';
import { buildClaimIndex } from '../../../src/matching/claim-index';
import { candidatesOf, crossCandidates, filedWords } from '../../../src/matching/pair-candidates';
import { windowOf } from '../../../src/matching/passage-window';
import { pairKey, prefixTerms, type SimilarityIndex } from '../../../src/matching/similarity-index';
import { demoPack } from '../../../src/packs/demo-pack';

const pack = demoPack();
const { similar } = buildClaimIndex(pack.claims.map((c) => ({ key: c.id, statement: c.statement, phrasings: c.phrasings }))).snapshot;

/** Every form filed under a pair of the words, by a scan of all the filed pairs. */
function scanned(index: SimilarityIndex, words: readonly number[]): Set<number> {
  const keys = new Set<number>();
  for (let a = 0; a < words.length; a++) for (let b = a + 1; b < words.length; b++) keys.add(pairKey(words[a]!, words[b]!));
  const forms = new Set<number>();
  index.pairKeys.forEach((key, at) => {
    if (keys.has(key)) forms.add(index.pairForms[at]!);
  });
  return forms;
}

describe('candidatesOf', () => {
  it('finds exactly the forms a scan of every filed pair finds, sentence by sentence of a demo page', () => {
    const html = readFileSync(new URL('../../../demo/pages/articles/wire-roundup.html', import.meta.url), 'utf8');
    const doc = analyzeText(html.replace(/<[^>]+>/g, '\u2029'), undefined, { compoundParts: true });
    let found = 0;
    for (const sentence of doc.sentences) {
      const words = filedWords(similar, doc, windowOf(doc, sentence, sentence));
      const candidates = candidatesOf(words, similar);
      expect(new Set(candidates)).toEqual(scanned(similar, words));
      expect(new Set(candidates).size).toBe(candidates.length);
      found += candidates.length;
    }
    expect(found).toBeGreaterThan(10);
  });

  it('finds a pair filed at either end of the key range, and nothing in an index without pairs', () => {
    const [low, high] = [0, 0xffffffff];
    const index = { ...similar, pairKeys: Uint32Array.of(low, 7, high), pairForms: Uint32Array.of(0, 1, 2) };
    const words = [...Array(400).keys()].map((n) => (n * 2654435761) >>> 0);
    expect(new Set(candidatesOf(words, index))).toEqual(scanned(index, words));
    const empty = { ...similar, pairKeys: new Uint32Array(0), pairForms: new Uint32Array(0) };
    expect(candidatesOf(words, empty)).toEqual([]);
  });
});

describe('crossCandidates', () => {
  it('finds each form of two neighbouring sentences that neither finds alone, once: those filed under a word of each', () => {
    const html = readFileSync(new URL('../../../demo/pages/articles/wire-roundup.html', import.meta.url), 'utf8');
    const doc = analyzeText(html.replace(/<[^>]+>/g, '\u2029'), undefined, { compoundParts: true });
    let across = 0;
    for (let s = 0; s + 1 < doc.sentences.length; s++) {
      const [first, second] = [s, s + 1].map((k) => filedWords(similar, doc, windowOf(doc, doc.sentences[k]!, doc.sentences[k]!)));
      const own = [candidatesOf(first!, similar), candidatesOf(second!, similar)];
      const cross = crossCandidates(similar, first!, second!, own);
      const ownForms = new Set([...own[0]!, ...own[1]!]);
      // With the sentences' own, every pair of their words together, by a scan: the same forms, and no form twice.
      expect(new Set([...ownForms, ...cross])).toEqual(scanned(similar, [...new Set([...first!, ...second!])]));
      expect(new Set(cross).size).toBe(cross.length);
      for (const form of cross) expect(ownForms.has(form)).toBe(false);
      across += cross.length;
    }
    expect(across).toBeGreaterThan(0);
  });
});

describe('prefixTerms', () => {
  it('ranks a stored form of more terms than any build makes, without losing a term', () => {
    const size = 300;
    const terms = Uint32Array.from({ length: size }, (_, t) => 1000 + t);
    // One rare term, past the 256th, among common ones: it must come first, and the prefix is made of real terms.
    const weights = Uint8Array.from({ length: size }, (_, t) => (t === 280 ? 200 : 10));
    const index = { termOffsets: Uint32Array.of(0, size), terms, weights, flags: new Uint8Array(size) };
    const prefix = prefixTerms(index, 0);
    expect(prefix[0]).toBe(1280);
    expect(prefix.length).toBeGreaterThan(2);
    for (const hash of prefix) expect(terms).toContain(hash);
  });
});
