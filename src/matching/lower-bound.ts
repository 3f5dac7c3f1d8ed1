/** The first position in ascending `sorted` whose value is not below `key` (its length if none). */
export function lowerBound(sorted: ArrayLike<number>, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
