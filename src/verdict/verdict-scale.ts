/**
 * The fixed verdict scale every claim is placed on. Plain constants with no Zod, so the content
 * script can colour highlights without pulling in the schema code. docs/verdict-scale.md explains
 * each step and how publishers' ratings map onto it (see rating-to-verdict.ts).
 */
export const VERDICTS = [
  'false',
  'mostly-false',
  'misleading',
  'mixed',
  'unverified',
  'mostly-true',
  'true',
] as const;

export type VerdictName = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<VerdictName, string> = {
  false: 'False',
  'mostly-false': 'Mostly false',
  misleading: 'Misleading',
  mixed: 'Mixed',
  unverified: 'Unverified',
  'mostly-true': 'Mostly true',
  true: 'True',
};

/** Background colours for highlights and badges; text on them is always #111. */
export const VERDICT_COLOURS: Record<VerdictName, string> = {
  false: '#ff8a80',
  'mostly-false': '#ffab91',
  misleading: '#ffcc80',
  mixed: '#fff176',
  unverified: '#b0bec5',
  'mostly-true': '#c5e1a5',
  true: '#a5d6a7',
};

/** The CSS Custom Highlight name of a verdict: one highlight per verdict. */
export const highlightName = (verdict: VerdictName): string => `crosscheck-${verdict}`;
