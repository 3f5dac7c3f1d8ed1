import { describe, expect, it } from 'vitest';
import { parseEvalCases } from '../../../scripts/eval-matching/cases-schema';

const good = { id: 'v1', kind: 'verbatim', claim: 'c1', text: 'Some page text here.', expect: 'confirmed', passage: 'page text' };

describe('parseEvalCases', () => {
  it('accepts an array of cases or { cases: [...] }', () => {
    expect(parseEvalCases(JSON.stringify([good]), 'cases.json')).toEqual([good]);
    expect(parseEvalCases(JSON.stringify({ cases: [good] }), 'cases.json')).toEqual([good]);
  });

  it('names the file and the path of each problem', () => {
    const bad = [good, { ...good, id: 'v2', kind: 'paraphrase' }, { ...good, id: 'v3', passage: 'not there' }];
    expect(() => parseEvalCases(JSON.stringify(bad), 'cases.json')).toThrow(
      /^cases\.json: [^]*case 1 \(v2\), kind: [^]*case 2 \(v3\), passage: passage does not occur in text/,
    );
  });

  it('refuses duplicate ids and broken JSON', () => {
    expect(() => parseEvalCases(JSON.stringify([good, good]), 'cases.json')).toThrow(/duplicate case id "v1"/);
    expect(() => parseEvalCases('[{', 'cases.json')).toThrow(/cases\.json: not valid JSON/);
  });
});
