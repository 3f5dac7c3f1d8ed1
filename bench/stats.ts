/** Summaries of repeated measurements: the bench reports medians with min and max. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Least-squares slope and intercept of y on x. */
export function linearFit(xs: readonly number[], ys: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  const slope = sxx ? sxy / sxx : NaN;
  return { slope, intercept: my - slope * mx, r2: sxx && syy ? (sxy * sxy) / (sxx * syy) : NaN };
}

/** The exponent k of y ≈ c·x^k (slope of log y on log x): 1 is linear, 0 is flat. */
export function powerExponent(xs: readonly number[], ys: readonly number[]): number {
  const keep = xs.map((x, i) => [x, ys[i]!] as const).filter(([x, y]) => x > 0 && y > 0);
  return linearFit(
    keep.map(([x]) => Math.log(x)),
    keep.map(([, y]) => Math.log(y)),
  ).slope;
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : 'n/a');

/** "12.3 ms (11.9–13.0)" */
export function fmt(summary: Summary | undefined, digits = 1, unit = 'ms'): string {
  if (!summary || !summary.runs) return 'n/a';
  const f = (v: number) => v.toFixed(digits);
  return summary.runs > 1
    ? `${f(summary.median)} ${unit} (${f(summary.min)}–${f(summary.max)})`
    : `${f(summary.median)} ${unit}`;
}
