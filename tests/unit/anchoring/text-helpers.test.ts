import { describe, expect, it } from 'vitest';
import { prefixSimilarity, suffixSimilarity } from '../../../src/anchoring/context-similarity';
import { worstWindowErrorRate } from '../../../src/anchoring/error-density';
import {
  normalizeString,
  normalizedOffset,
  normalizedRange,
  normalizeWhitespace,
  rawRange,
} from '../../../src/anchoring/normalize-whitespace';

describe('normalizeWhitespace', () => {
  const raw = 'One\n    two\t three\u00a0four soft\u00adhyphen zero\u200bwidth  ';

  it('collapses whitespace runs to one space and drops soft hyphens and zero-width spaces', () => {
    expect(normalizeString(raw)).toBe('One two three four softhyphen zerowidth ');
  });

  it('maps every normalized character back to the raw text it came from', () => {
    const normalized = normalizeWhitespace(raw);
    for (let i = 0; i < normalized.text.length; i++) {
      const piece = raw.slice(normalized.rawStart[i], normalized.rawEnd[i]);
      if (normalized.text[i] === ' ') expect(piece).toMatch(/^\s+$/);
      else expect(piece).toBe(normalized.text[i]);
    }
  });

  it('maps ranges both ways', () => {
    const normalized = normalizeWhitespace(raw);
    const at = normalized.text.indexOf('two three');
    const back = rawRange(normalized, at, at + 'two three'.length);
    expect(raw.slice(back.start, back.end)).toBe('two\t three');
    expect(normalizedRange(normalized, back.start, back.end)).toEqual({ start: at, end: at + 9 });
    // a raw offset inside a whitespace run maps to that run's space
    expect(normalizedOffset(normalized, raw.indexOf('\n') + 2)).toBe(3);
    // the soft hyphen disappears inside a word
    const soft = normalized.text.indexOf('softhyphen');
    const softRaw = rawRange(normalized, soft, soft + 10);
    expect(raw.slice(softRaw.start, softRaw.end)).toBe('soft\u00adhyphen');
    expect(rawRange(normalized, normalized.text.length, normalized.text.length)).toEqual({ start: raw.length, end: raw.length });
  });

  it('handles an empty string and a long page', () => {
    expect(normalizeWhitespace('').text).toBe('');
    const long = 'word \n '.repeat(100_000);
    expect(normalizeWhitespace(long).text).toBe('word '.repeat(100_000));
  });
});

describe('context similarity (pinned at the quote, free at the far end)', () => {
  const text = 'the quick brown fox jumps over [QUOTE] the lazy dog and runs away';
  const start = text.indexOf('[QUOTE]');
  const end = start + 7;

  it('is 1 for context found verbatim and for no context', () => {
    expect(prefixSimilarity(text, start, 'brown fox jumps over ')).toBe(1);
    expect(suffixSimilarity(text, end, ' the lazy dog')).toBe(1);
    expect(prefixSimilarity(text, start, '')).toBe(1);
  });

  it('costs an insertion once instead of shifting every later character', () => {
    // one word inserted near the far end of the prefix: a character-by-character comparison would
    // disagree on most of it
    const score = prefixSimilarity(text, start, 'brown fox, who jumps over ');
    expect(score).toBeGreaterThan(0.75);
    expect(score).toBeLessThan(1);
  });

  it('counts context only where it aligns from the quote outwards, not found further away', () => {
    // "lazy dog and" is in the text, but five characters away from the quote
    expect(suffixSimilarity(text, end, ' the lazy dog and')).toBe(1);
    expect(suffixSimilarity(text, end, 'lazy dog and runs')).toBeLessThan(0.75);
    // context the page no longer has in full counts its missing characters
    expect(suffixSimilarity(text, end, ' the lazy dog and runs away, then sleeps')).toBeCloseTo(1 - 13 / 40);
  });

  it('is low for unrelated text and for context cut off by the edge of the page', () => {
    expect(suffixSimilarity(text, end, ' completely different words')).toBeLessThan(0.5);
    expect(prefixSimilarity(text, 3, 'some long prefix that is not there ')).toBeLessThan(0.2);
    expect(suffixSimilarity(text, text.length, ' more')).toBe(0);
  });
});

describe('worstWindowErrorRate', () => {
  it('is 0 for an exact match and the global rate for a short quote', () => {
    expect(worstWindowErrorRate('abcdef', 'abcdef', 0)).toBe(0);
    expect(worstWindowErrorRate('abcdef', 'abXdef', 1)).toBeCloseTo(1 / 6);
  });

  it('tells edits spread over the quote from the same number packed together', () => {
    const quote = 'the council approved the budget for the new library on monday';
    // seven substitutions each: spread over the sentence, or one word replaced
    const spread = 'tha council approvxd the budgat for thx new lixrary on mxndax';
    const packed = 'the council approved the budget for the new XXXXXXX on monday';
    expect(spread).toHaveLength(quote.length);
    expect(packed).toHaveLength(quote.length);
    const diff = (a: string, b: string) => [...a].filter((c, i) => c !== b[i]).length;
    expect(diff(quote, spread)).toBe(7);
    expect(diff(quote, packed)).toBe(7);
    expect(worstWindowErrorRate(quote, spread, 7)).toBeLessThanOrEqual(0.25);
    expect(worstWindowErrorRate(quote, packed, 7)).toBeGreaterThan(0.4);
    expect(worstWindowErrorRate(quote, packed, 7, 8)).toBeGreaterThan(0.5);
  });
});
