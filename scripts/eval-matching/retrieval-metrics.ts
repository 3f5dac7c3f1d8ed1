/**
 * Ranking metrics as CLEF CheckThat! 2020 task 2 reports them, at cut-off k (5 there).
 *
 * AP@k = Σ_{i ≤ k} P@i · rel(i) / min(#relevant, k). The official scorer (trectools) divides by
 * #relevant instead; the two differ only for queries with more than k relevant claims, which the
 * dev set does not have. A claim listed twice in a ranking counts once, as in trec_eval.
 */
export interface RankedQuery {
  /** retrieved ids, best first */
  ranked: readonly string[];
  relevant: ReadonlySet<string>;
}

/** Undefined without relevant items: callers leave such queries out (see meanAveragePrecision). */
export function averagePrecisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k = 5): number {
  if (relevant.size === 0) throw new RangeError('average precision is undefined for a query with no relevant item');
  const seen = new Set<string>();
  let found = 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) {
    const id = ranked[i]!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!relevant.has(id)) continue;
    found++;
    sum += found / (i + 1);
  }
  return sum / Math.min(relevant.size, k);
}

const judged = (queries: readonly RankedQuery[]) => queries.filter((q) => q.relevant.size > 0);

/** Mean of AP@k over the queries that have at least one relevant item; 0 if none does. */
export function meanAveragePrecision(queries: readonly RankedQuery[], k = 5): number {
  const scored = judged(queries);
  if (scored.length === 0) return 0;
  return scored.reduce((sum, q) => sum + averagePrecisionAt(q.ranked, q.relevant, k), 0) / scored.length;
}

/** Share of the queries with a relevant item whose first result is relevant (an empty ranking is a miss). */
export function precisionAt1(queries: readonly RankedQuery[]): number {
  const scored = judged(queries);
  if (scored.length === 0) return 0;
  return scored.filter((q) => q.ranked.length > 0 && q.relevant.has(q.ranked[0]!)).length / scored.length;
}
