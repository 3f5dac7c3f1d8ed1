/**
 * Words that turn a statement into its denial ("has yet to" is one too, read in analyze-text). A passage and a claim must agree on whether they
 * are negated ("did not confirm" against "confirmed"): the parity of these words is compared, so
 * "cannot confirm or deny" in both counts as agreement.
 */
export const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nor', 'neither', 'cannot', 'without', 'false', 'untrue', 'denied', 'deny',
  'denies', 'denying', 'refuted', 'refute', 'refutes', 'dont', 'doesnt', 'didnt', 'isnt', 'arent',
  'wasnt', 'werent', 'hasnt', 'havent', 'hadnt', 'wont', 'wouldnt', 'cant', 'couldnt', 'shouldnt',
  'mustnt', 'neednt', 'nobody', 'none', 'nothing', 'nowhere',
  // Verbs that deny or withhold what follows: "failed to send", "disputed reports that".
  'fail', 'fails', 'failed', 'failing', 'refuse', 'refuses', 'refused', 'refusing', 'dispute', 'disputes',
  'disputed', 'disputing', 'reject', 'rejects', 'rejected', 'rejecting', 'unlikely',
  // "to fight against Russia" turns "to fight for Russia" around as surely as a "not".
  'against',
]);
