declare const __CROSSCHECK_BENCH__: boolean | undefined;

/**
 * The performance timeline, in builds made for the benchmark only (`npm run bench` sets
 * CROSSCHECK_BENCH=1; wxt.config.ts defines the flag). A content script shares its timeline with
 * the page, so in a normal build there are no marks: a page must not be able to tell that
 * Crosscheck runs on it.
 */
export const benchTimeline: Performance | undefined =
  typeof __CROSSCHECK_BENCH__ !== 'undefined' && __CROSSCHECK_BENCH__ && typeof performance !== 'undefined'
    ? performance
    : undefined;

/** Entries kept per name: a worker kept alive by a busy tab must not grow its timeline without bound. */
const MAX_ENTRIES = 100;

/** A `start` for recordBenchTime: 0 in a normal build, where nothing is recorded. */
export const benchNow = (): number => benchTimeline?.now() ?? 0;

/**
 * Puts a measure from `start` to now on the timeline, in bench builds. Each name is cleared past
 * MAX_ENTRIES, counted on the timeline itself, which the bench clears between runs.
 */
export function recordBenchTime(name: string, start: number): void {
  if (!benchTimeline) return;
  if (benchTimeline.getEntriesByName(name).length >= MAX_ENTRIES) benchTimeline.clearMeasures(name);
  benchTimeline.measure(name, { start, end: benchTimeline.now() });
}
