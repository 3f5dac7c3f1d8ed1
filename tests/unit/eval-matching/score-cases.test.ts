import { describe, expect, it } from 'vitest';
import type { EvalCase } from '../../../scripts/eval-matching/cases-schema';
import { classifyCase, scoreCases, type CaseRun, type MatchLike } from '../../../scripts/eval-matching/score-cases';

const A = 'demo/a';
const B = 'demo/b';
const TEXT = 'North Korea sent troops. Later, North Korea sent 10,000 soldiers to Russia in 2024.';
const PASSAGE = 'North Korea sent 10,000 soldiers to Russia in 2024';
const passageStart = TEXT.indexOf(PASSAGE);

const evalCase = (id: string, kind: EvalCase['kind'], expect: EvalCase['expect'], extra: Partial<EvalCase> = {}): EvalCase => ({
  id,
  kind,
  claim: 'a',
  text: TEXT,
  expect,
  ...extra,
});
const match = (claimKey: string, tier: MatchLike['tier'], start = 0, end = 10): MatchLike => ({ claimKey, tier, start, end });

describe('classifyCase', () => {
  it("takes the strongest tier among the case's claim's matches, ignoring other claims", () => {
    const c = evalCase('c', 'verbatim', 'confirmed');
    expect(classifyCase(c, A, [])).toBe('none');
    expect(classifyCase(c, A, [match(A, 'possible'), match(A, 'numbers-differ')])).toBe('numbers-differ');
    expect(classifyCase(c, A, [match(A, 'possible'), match(A, 'confirmed'), match(A, 'numbers-differ')])).toBe('confirmed');
    expect(classifyCase(c, A, [match(B, 'confirmed'), match(A, 'possible')])).toBe('possible');
  });

  it('for a positive with a passage, counts a confirmed match only where it overlaps the passage', () => {
    const c = evalCase('c', 'numbers', 'confirmed', { passage: PASSAGE });
    // "North Korea sent troops" at 0..23 ends before the passage: not the claim being found
    expect(classifyCase(c, A, [match(A, 'confirmed', 0, 23)])).toBe('none');
    expect(classifyCase(c, A, [match(A, 'confirmed', 0, passageStart), match(A, 'possible', passageStart, passageStart + 5)])).toBe(
      'possible',
    );
    expect(classifyCase(c, A, [match(A, 'confirmed', passageStart - 3, passageStart + 1)])).toBe('confirmed');
    expect(classifyCase(c, A, [match(A, 'confirmed', passageStart + PASSAGE.length - 1, TEXT.length)])).toBe('confirmed');
    expect(classifyCase(c, A, [match(A, 'confirmed', passageStart + PASSAGE.length, TEXT.length)])).toBe('none');
  });

  it('does not excuse a negative: a confirmed match anywhere counts', () => {
    const c = evalCase('c', 'number', 'numbers-differ', { passage: PASSAGE });
    expect(classifyCase(c, A, [match(A, 'confirmed', 0, 23)])).toBe('confirmed');
  });
});

describe('scoreCases', () => {
  const inPassage = match(A, 'confirmed', passageStart, passageStart + PASSAGE.length);
  const runs: CaseRun[] = [
    { evalCase: evalCase('c1', 'verbatim', 'confirmed'), claimKey: A, matches: [inPassage] },
    { evalCase: evalCase('c2', 'loose', 'possible'), claimKey: A, matches: [match(A, 'possible')] },
    { evalCase: evalCase('c3', 'number', 'numbers-differ'), claimKey: A, matches: [match(A, 'confirmed')] },
    { evalCase: evalCase('c4', 'negation', 'none'), claimKey: A, matches: [] },
    { evalCase: evalCase('c5', 'reordered', 'confirmed'), claimKey: A, matches: [match(A, 'possible')] },
    {
      evalCase: evalCase('c6', 'numbers', 'confirmed', { passage: PASSAGE }),
      claimKey: A,
      matches: [match(A, 'confirmed', 0, 23), match(A, 'possible', passageStart, passageStart + 4)],
    },
    // B confirmed twice at the same place: one stray
    { evalCase: evalCase('c7', 'unrelated', 'none'), claimKey: A, matches: [match(B, 'confirmed', 0, 11), match(B, 'confirmed', 0, 11)] },
    { evalCase: evalCase('c8', 'date', 'none'), claimKey: A, matches: [match(A, 'numbers-differ')] },
  ];
  const score = scoreCases(runs);

  it('computes precision and recall per tier', () => {
    const tier = (name: string) => score.tiers.find((t) => t.tier === name);
    // confirmed: predicted c1, c3; expected c1, c5, c6; correct c1
    expect(tier('confirmed')).toEqual({ tier: 'confirmed', predicted: 2, expected: 3, correct: 1, precision: 0.5, recall: 1 / 3 });
    // possible: predicted c2, c5, c6; expected c2
    expect(tier('possible')).toEqual({ tier: 'possible', predicted: 3, expected: 1, correct: 1, precision: 1 / 3, recall: 1 });
    // numbers-differ: predicted c8; expected c3
    expect(tier('numbers-differ')).toEqual({ tier: 'numbers-differ', predicted: 1, expected: 1, correct: 0, precision: 0, recall: 0 });
  });

  it('reports precision and recall as null when nothing was predicted or expected', () => {
    const empty = scoreCases([{ evalCase: evalCase('n', 'unrelated', 'none'), claimKey: A, matches: [] }]);
    expect(empty.tiers.every((t) => t.precision === null && t.recall === null)).toBe(true);
  });

  it('counts per kind what was expected and what came instead', () => {
    const kind = (name: string) => score.kinds.find((k) => k.kind === name);
    expect(kind('verbatim')).toEqual({ kind: 'verbatim', count: 1, asExpected: 1, instead: {} });
    expect(kind('number')).toEqual({ kind: 'number', count: 1, asExpected: 0, instead: { confirmed: 1 } });
    expect(kind('date')).toEqual({ kind: 'date', count: 1, asExpected: 0, instead: { 'numbers-differ': 1 } });
    expect(kind('names')).toEqual({ kind: 'names', count: 0, asExpected: 0, instead: {} });
    expect(score.kinds).toHaveLength(15);
  });

  it('lists near misses, missed positives and stray confirmations', () => {
    expect(score.nearMisses.map((o) => o.id)).toEqual(['c3']);
    expect(score.missedPositives.map(({ id, expected, got }) => ({ id, expected, got }))).toEqual([
      { id: 'c5', expected: 'confirmed', got: 'possible' },
      { id: 'c6', expected: 'confirmed', got: 'possible' },
    ]);
    expect(score.strays).toEqual([{ caseId: 'c7', claimKey: B, start: 0, end: 11, excerpt: 'North Korea', text: TEXT }]);
  });
});
