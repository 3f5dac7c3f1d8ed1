import { describe, expect, it } from 'vitest';
import { analyzeText, TermFlag } from '../../../src/matching/analyze-text';

/** The sentences of a text, as written. */
const sentences = (text: string) => {
  const { sentences: list, tokens } = analyzeText(text);
  return list.map((s) => text.slice(tokens.starts[s.firstToken], tokens.ends[s.lastToken]));
};
/** The terms of a text as compared with a claim: equal texts compare equal. */
const reading = (text: string) => analyzeText(text).terms.map((term) => ({ hash: term.hash, flags: term.flags }));
/** The words of a text read as names nobody listed. */
const names = (text: string) => {
  const { terms, tokens } = analyzeText(text);
  return terms
    .filter((term) => term.flags & TermFlag.name)
    .map((term) => text.slice(tokens.starts[term.first], tokens.ends[term.last]));
};

describe('analyzeText', () => {
  it('splits sentences at a full stop before a capital', () => {
    expect(sentences('Russia sent troops. North Korea did too.')).toEqual(['Russia sent troops', 'North Korea did too']);
    expect(sentences('Russia sent troops! Did North Korea?')).toEqual(['Russia sent troops', 'Did North Korea']);
    expect(sentences('Russia sent 3,000 troops. 2,000 more followed.')).toEqual(['Russia sent 3,000 troops', '2,000 more followed']);
  });

  it('does not split after an initial or a title', () => {
    expect(sentences('It was N. Korea that sent them.')).toEqual(['It was N. Korea that sent them']);
    expect(sentences('Mr. Kim spoke. He left.')).toEqual(['Mr. Kim spoke', 'He left']);
  });

  it('does not split at a full stop followed by a lower-case word', () => {
    expect(sentences('troops arrived at approx. noon on Monday')).toEqual(['troops arrived at approx. noon on Monday']);
    expect(sentences('Russia sent troops. north korea did too')).toHaveLength(1);
  });

  it('reads a citation mark as neither a figure nor a word', () => {
    const cited = analyzeText('Troops were sent [2] to Russia.');
    expect(cited.terms.some((term) => term.flags & TermFlag.figure)).toBe(false);
    expect(reading('Troops were sent [2] to Russia.')).toEqual(reading('Troops were sent to Russia.'));
    // A citation between two sentences does not glue them or join the next one.
    expect(sentences('Troops were sent.[12] Workers followed.')).toEqual(['Troops were sent', 'Workers followed']);
  });

  it('reads a figure in square brackets that is not a citation mark as a figure', () => {
    // Only a bare number in brackets is a citation: "[2,000 troops]" is an editor's insertion.
    expect(analyzeText('they sent [2,000 troops] to Russia').terms.some((term) => term.flags & TermFlag.figure)).toBe(true);
  });

  it('reads hyphenated and closed spellings of a word alike', () => {
    expect(reading('de-mining')).toEqual(reading('demining'));
    expect(reading('front-line units')).toEqual(reading('frontline units'));
    expect(reading('de-mining')).not.toEqual(reading('mining'));
  });

  it('reads British and American spellings alike', () => {
    expect(reading('groundless rumours')).toEqual(reading('groundless rumors'));
    expect(reading('organised brigades')).toEqual(reading('organized brigades'));
  });

  it('reads a possessive like the bare name', () => {
    expect(reading('Kyiv’s forces')).toEqual(reading('Kyiv forces'));
    expect(reading("Kyiv's forces")).toEqual(reading('Kyiv forces'));
  });

  it('marks a capitalised word inside a sentence as a name, but not the words of a Title Case headline', () => {
    expect(names('Ukrainian officials said they had met Gerasimov near the border.')).toEqual(['Gerasimov']);
    expect(names('North Korea Sends Thousands Of Troops To Fight For Gerasimov')).toEqual([]);
    expect(names('NORTH KOREA SENDS THOUSANDS OF TROOPS TO FIGHT FOR RUSSIA')).toEqual([]);
  });

  it('marks negation words, which a claim and a passage must agree on', () => {
    expect(analyzeText('Ukraine did not confirm the deaths').negations).toHaveLength(1);
    expect(analyzeText('Ukraine confirmed the deaths').negations).toHaveLength(0);
    expect(analyzeText('Russia cannot confirm or deny it').negations).toHaveLength(2);
  });

  it('leaves reporting verbs and "said" out, so reported speech reads like the statement', () => {
    expect(reading('Officials said that Ukraine reported 3,000 deaths')).toEqual(reading('Officials: Ukraine 3,000 deaths'));
    expect(reading('according to Ukraine, 3,000 deaths')).toEqual(reading('Ukraine 3,000 deaths'));
  });
});
