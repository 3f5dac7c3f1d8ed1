/**
 * The share of edits in the worst stretch of a fuzzy match. A global edit budget cannot tell a
 * sentence with a few typos spread over it from one where a whole clause was replaced: both can
 * have the same number of edits. The second is a different passage, so matchQuote rejects a
 * candidate when any ERROR_WINDOW consecutive characters of the quote are mostly edits (the same
 * idea as diff-match-patch's per-32-character threshold, which dom-anchor-text-quote relied on).
 */
export const ERROR_WINDOW = 16;
export const MAX_WINDOW_ERROR_RATE = 0.5;

/** Above this many DP cells, fall back to the global error rate (a very long quote and many edits). */
const MAX_CELLS = 4_000_000;

/**
 * Largest error count over `window` consecutive quote characters, divided by the window, for an
 * optimal alignment of `quote` with `matched` whose edit distance is at most `errors`.
 */
export function worstWindowErrorRate(quote: string, matched: string, errors: number, window = ERROR_WINDOW): number {
  const m = quote.length;
  const n = matched.length;
  if (m === 0) return n === 0 ? 0 : 1;
  if (errors <= 0) return 0;
  const band = Math.max(errors, Math.abs(n - m));
  const width = 2 * band + 1;
  if ((m + 1) * width > MAX_CELLS) return Math.min(1, errors / m);
  // An alignment with `band` edits never leaves the diagonal band |i - j| <= band.
  const INF = 1 << 29;
  const cells = new Int32Array((m + 1) * width).fill(INF);
  const at = (i: number, j: number): number => {
    const k = j - i + band;
    return k < 0 || k >= width || j < 0 || j > n ? INF : cells[i * width + k]!;
  };
  for (let i = 0; i <= m; i++) {
    const lo = Math.max(0, i - band);
    const hi = Math.min(n, i + band);
    for (let j = lo; j <= hi; j++) {
      let value: number;
      if (i === 0) value = j;
      else if (j === 0) value = i;
      else
        value = Math.min(
          at(i - 1, j - 1) + (quote.charCodeAt(i - 1) === matched.charCodeAt(j - 1) ? 0 : 1),
          at(i - 1, j) + 1,
          at(i, j - 1) + 1,
        );
      cells[i * width + (j - i + band)] = value;
    }
  }
  // Walk one optimal path back and charge each edit to the quote character it touches.
  const charged = new Float64Array(m);
  const charge = (index: number): void => {
    const k = Math.max(0, Math.min(m - 1, index));
    charged[k] = charged[k]! + 1;
  };
  let i = m;
  let j = n;
  while (i > 0 || j > 0) {
    const here = at(i, j);
    if (i > 0 && j > 0 && quote.charCodeAt(i - 1) === matched.charCodeAt(j - 1) && at(i - 1, j - 1) === here) {
      i--;
      j--;
    } else if (i > 0 && j > 0 && at(i - 1, j - 1) + 1 === here) {
      charge(--i);
      j--;
    } else if (i > 0 && at(i - 1, j) + 1 === here) {
      charge(--i);
    } else {
      charge(i - 1);
      j--;
    }
  }
  const size = Math.min(window, m);
  let sum = 0;
  for (let k = 0; k < size; k++) sum += charged[k]!;
  let worst = sum;
  for (let k = size; k < m; k++) {
    sum += charged[k]! - charged[k - size]!;
    worst = Math.max(worst, sum);
  }
  return worst / size;
}
