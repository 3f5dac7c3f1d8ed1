import { describe, expect, it } from 'vitest';
import { BLOCK_BREAK, phraseWords, tokenize } from '../../src/matching/tokenize';

describe('tokenize', () => {
  it('folds case, curly apostrophes, diacritics and punctuation', () => {
    expect(phraseWords('Russia’s “Conflicting information” — Café!')).toEqual([
      'russias',
      'conflicting',
      'information',
      'cafe',
    ]);
    expect(phraseWords("Russia's conflicting information")).toEqual(phraseWords('RUSSIA’S conflicting   information'));
  });

  it('keeps every digit: thousands separators fold, different numbers stay different', () => {
    expect(phraseWords('10,000 and 12,000')).toEqual(['10000', 'and', '12000']);
    expect(phraseWords('3,000 deaths')).not.toEqual(phraseWords('300 deaths'));
    expect(phraseWords('3.5 million')).toEqual(['3.5', 'million']);
    expect(phraseWords('1,2,3 go')).toEqual(['1', '2', '3', 'go']);
  });

  it('treats non-breaking spaces, soft hyphens and zero-width characters as the page shows them', () => {
    expect(phraseWords('3,000\u00a0deaths')).toEqual(['3000', 'deaths']);
    expect(phraseWords('sol\u00addiers re\u200bport')).toEqual(['soldiers', 'report']);
  });

  it('records where each word is in the original text', () => {
    const text = '  Moscow’s “denial”';
    const tokens = tokenize(text);
    expect(tokens.words).toEqual(['moscows', 'denial']);
    expect(text.slice(tokens.starts[0], tokens.ends[0])).toBe('Moscow’s');
    expect(text.slice(tokens.starts[1], tokens.ends[1])).toBe('denial');
  });

  it('marks block boundaries so phrases cannot span paragraphs', () => {
    expect(tokenize(`end${BLOCK_BREAK}Start`).words).toEqual(['end', BLOCK_BREAK, 'start']);
  });
});
