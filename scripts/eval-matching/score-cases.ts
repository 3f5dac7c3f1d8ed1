import { CaseKindSchema, isPositiveKind, type CaseKind, type EvalCase, type Expect } from './cases-schema';

/**
 * Scores the matcher on eval/matching/cases.json from (case, matches) pairs. Pure and free of any
 * matcher import, so it is unit-tested on hand-made matches while src/matching changes.
 */

/** What scoring needs of a matcher result (src/matching/match-text.ts ClaimMatch fits it). */
export interface MatchLike {
  claimKey: string;
  tier: Exclude<Expect, 'none'>;
  start: number;
  end: number;
}

export interface CaseRun {
  evalCase: EvalCase;
  /** the key of the case's claim, `<pack id>/<claim id>` */
  claimKey: string;
  matches: readonly MatchLike[];
}

export const TIERS = ['confirmed', 'numbers-differ', 'possible'] as const;
const STRENGTH: Record<Expect, number> = { confirmed: 3, 'numbers-differ': 2, possible: 1, none: 0 };

/** [start, end) of the case's passage in its text, or undefined when no passage constrains it. */
function passageSpan(evalCase: EvalCase): { start: number; end: number } | undefined {
  if (evalCase.passage === undefined || !isPositiveKind(evalCase.kind)) return undefined;
  const start = evalCase.text.indexOf(evalCase.passage);
  // cases-schema rejects a passage missing from its text; a missing one here constrains nothing
  return start < 0 ? undefined : { start, end: start + evalCase.passage.length };
}

/**
 * The tier of the strongest match for the case's claim. For a positive case with a passage, a
 * confirmed match elsewhere in the text is not the claim being found (the case's text may mention
 * the topic twice): it is ignored, and the next strongest match decides.
 */
export function classifyCase(evalCase: EvalCase, claimKey: string, matches: readonly MatchLike[]): Expect {
  const span = passageSpan(evalCase);
  let best: Expect = 'none';
  for (const m of matches) {
    if (m.claimKey !== claimKey) continue;
    if (m.tier === 'confirmed' && span && !(m.start < span.end && span.start < m.end)) continue;
    if (STRENGTH[m.tier] > STRENGTH[best]) best = m.tier;
  }
  return best;
}

export interface CaseOutcome {
  id: string;
  kind: CaseKind;
  claimKey: string;
  text: string;
  expected: Expect;
  got: Expect;
}

export interface TierMetrics {
  tier: (typeof TIERS)[number];
  /** cases predicted this tier, expected this tier, and both */
  predicted: number;
  expected: number;
  correct: number;
  /** null when nothing was predicted (precision) or expected (recall) at this tier */
  precision: number | null;
  recall: number | null;
}

export interface KindMetrics {
  kind: CaseKind;
  count: number;
  asExpected: number;
  /** tier got -> number of this kind's cases that got it instead of the expected one */
  instead: Partial<Record<Expect, number>>;
}

/** A confirmed match of a claim other than the case's own: right only if the text states that claim too. */
export interface StrayConfirmation {
  caseId: string;
  claimKey: string;
  start: number;
  end: number;
  /** the matched text */
  excerpt: string;
  text: string;
}

export interface CasesScore {
  outcomes: CaseOutcome[];
  tiers: TierMetrics[];
  kinds: KindMetrics[];
  /** negative-kind cases that came out confirmed */
  nearMisses: CaseOutcome[];
  /** positive-kind cases that did not get their expected tier */
  missedPositives: CaseOutcome[];
  strays: StrayConfirmation[];
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

export function scoreCases(runs: readonly CaseRun[]): CasesScore {
  const outcomes: CaseOutcome[] = runs.map(({ evalCase, claimKey, matches }) => ({
    id: evalCase.id,
    kind: evalCase.kind,
    claimKey,
    text: evalCase.text,
    expected: evalCase.expect,
    got: classifyCase(evalCase, claimKey, matches),
  }));

  const tiers = TIERS.map((tier): TierMetrics => {
    const predicted = outcomes.filter((o) => o.got === tier).length;
    const expected = outcomes.filter((o) => o.expected === tier).length;
    const correct = outcomes.filter((o) => o.got === tier && o.expected === tier).length;
    return { tier, predicted, expected, correct, precision: ratio(correct, predicted), recall: ratio(correct, expected) };
  });

  const kinds = CaseKindSchema.options.map((kind): KindMetrics => {
    const ofKind = outcomes.filter((o) => o.kind === kind);
    const instead: KindMetrics['instead'] = {};
    for (const o of ofKind) if (o.got !== o.expected) instead[o.got] = (instead[o.got] ?? 0) + 1;
    return { kind, count: ofKind.length, asExpected: ofKind.filter((o) => o.got === o.expected).length, instead };
  });

  const strays: StrayConfirmation[] = [];
  for (const { evalCase, claimKey, matches } of runs) {
    const seen = new Set<string>();
    for (const m of matches) {
      if (m.tier !== 'confirmed' || m.claimKey === claimKey) continue;
      const id = `${m.claimKey} ${m.start} ${m.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      strays.push({
        caseId: evalCase.id,
        claimKey: m.claimKey,
        start: m.start,
        end: m.end,
        excerpt: evalCase.text.slice(m.start, m.end),
        text: evalCase.text,
      });
    }
  }

  return {
    outcomes,
    tiers,
    kinds,
    nearMisses: outcomes.filter((o) => !isPositiveKind(o.kind) && o.got === 'confirmed'),
    missedPositives: outcomes.filter((o) => isPositiveKind(o.kind) && o.got !== o.expected),
    strays,
  };
}
