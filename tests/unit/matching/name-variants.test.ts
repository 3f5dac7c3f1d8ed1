import { describe, expect, it } from 'vitest';
import { analyzeText, TermFlag } from '../../../src/matching/analyze-text';

/** The terms of a text that read as a known actor, with the words each covers. */
const entities = (text: string) => {
  const { terms, tokens } = analyzeText(text);
  return terms
    .filter((term) => term.flags & TermFlag.entity)
    .map((term) => ({ hash: term.hash, written: text.slice(tokens.starts[term.first], tokens.ends[term.last]) }));
};
/** The one actor a short text names. */
const actor = (text: string) => {
  const found = entities(text);
  expect(found, `one actor in "${text}"`).toHaveLength(1);
  return found[0]!.hash;
};

describe('name variants', () => {
  it.each(['N. Korea', 'DPRK', 'Pyongyang', 'North Korean', 'North Koreans', 'the DPRK’s'])(
    'reads "%s" as North Korea',
    (name) => {
      expect(actor(name)).toBe(actor('North Korea'));
    },
  );

  it.each(['Kyiv’s', "Kyiv's", 'Kyiv', 'Ukrainian', 'Ukraine’s'])('reads "%s" as Ukraine', (name) => {
    expect(actor(name)).toBe(actor('Ukraine'));
  });

  it('keeps different actors apart, even when they share a word', () => {
    expect(actor('South Korea')).not.toBe(actor('North Korea'));
    expect(actor('Seoul')).not.toBe(actor('Pyongyang'));
    expect(actor('Russia')).not.toBe(actor('North Korea'));
    expect(actor('Moscow')).toBe(actor('Russia'));
  });

  it('reads "North Korean" as one name, not "North Korea" followed by a stray word', () => {
    expect(entities('North Korean soldiers')).toEqual([{ hash: actor('North Korea'), written: 'North Korean' }]);
  });

  it('reads "US" in capitals as the United States, but not the pronoun "us"', () => {
    expect(entities('the US sent weapons')).toEqual([{ hash: actor('the United States'), written: 'US' }]);
    expect(entities('the U.S. sent weapons')).toEqual([{ hash: actor('the United States'), written: 'U.S' }]);
    expect(entities('they sent weapons to us')).toEqual([]);
  });
});
