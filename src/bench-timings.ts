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
