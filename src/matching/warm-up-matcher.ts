import { buildClaimIndex } from './claim-index';
import { matchText } from './match-text';

/*
 * Two made-up claims and a text that states them in the ways the checks look at: a phrasing word
 * for word, other figures, another wording, reported speech, a negation. Nothing of them is kept.
 */
const CLAIMS = [
  {
    key: 'warm-up/a',
    statement: 'The ministry sent 4,000 engineers to the northern province in 2023.',
    phrasings: ['the ministry sent 4,000 engineers to the northern province'],
  },
  {
    key: 'warm-up/b',
    statement: 'Officials did not confirm that the bridge was closed for repairs.',
    phrasings: ['the bridge was closed for repairs in March'],
  },
];
const TEXT =
  'According to the governor, the ministry sent 4,000 engineers to the northern province last year. ' +
  'Later reports said the ministry had sent 40,000 engineers. \u2029' +
  'Officials confirmed on Monday that the bridge was closed for repairs in March, the agency said.';

let warmed = false;

/**
 * Runs the matcher once over a small made-up text, so that a worker just started has its code
 * parsed and its inline caches filled while it waits for IndexedDB, not while a page waits for
 * its first answer. Once per worker; about as long as matching a short page.
 */
export function warmUpMatcher(): void {
  if (warmed) return;
  warmed = true;
  matchText([buildClaimIndex(CLAIMS).snapshot], TEXT, 'page');
}
