/**
 * How well stored context (a quote's prefix or suffix) agrees with the text beside a candidate.
 *
 * The alignment is pinned to the candidate's edge and free at the far end: the characters next to
 * the quote matter most, and an insertion or deletion in the context must not count as every later
 * character differing (as a plain character comparison would). Scores are 1 − edits / length.
 * Two unrelated English strings of 32 characters still score about 0.3, which is why the anchoring
 * rules compare scores with thresholds well above that (see anchor-selectors.ts).
 */

/** Extra text read beyond the context's length, so insertions near the far end still align. */
const slackFor = (length: number): number => Math.ceil(length / 4) + 2;

/**
 * Edit distance between `expected` and the best-aligned stretch of `text` that starts at `from`
 * and runs in `direction`, with `expected` read in the same direction from its near end.
 */
function pinnedDistance(expected: string, text: string, from: number, direction: 1 | -1): number {
  const m = expected.length;
  const available = direction === 1 ? text.length - from : from;
  const n = Math.max(0, Math.min(m + slackFor(m), available));
  const charOf = (i: number): number => (direction === 1 ? expected.charCodeAt(i) : expected.charCodeAt(m - 1 - i));
  const textAt = (j: number): number => (direction === 1 ? text.charCodeAt(from + j) : text.charCodeAt(from - 1 - j));
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    const unit = charOf(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitution = previous[j - 1]! + (unit === textAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, previous[j]!);
  return best;
}

const toScore = (distance: number, length: number): number => Math.max(0, 1 - distance / length);

/** Agreement of `prefix` with the text ending at `start`; 1 when there is no prefix to check. */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return 1;
  if (text.endsWith(prefix, start)) return 1;
  return toScore(pinnedDistance(prefix, text, start, -1), prefix.length);
}

/** Agreement of `suffix` with the text starting at `end`; 1 when there is no suffix to check. */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0) return 1;
  if (text.startsWith(suffix, end)) return 1;
  return toScore(pinnedDistance(suffix, text, end, 1), suffix.length);
}
