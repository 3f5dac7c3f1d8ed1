/**
 * Words that carry no claim of their own: they are left out when a passage is compared with a
 * claim, so "X said that ..." and "according to X, ..." cost nothing. Not here: negations, which
 * change what a sentence claims (negation-words.ts), and comparisons and time words ("more",
 * "fewer", "since", "before", "against"), which change what a figure or a date claims.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then than so as at by for from in into of off on onto out to up ' +
    'with within about again all also am any are around be because been ' +
    'being between both can could did do does doing down during each even ever few further had ' +
    'has have having he her here hers herself him himself his how i its it itself just me might ' +
    'most much must my myself now once only other our ours ourselves own same shall she should some ' +
    'such that their theirs them themselves there these they this those through too very ' +
    'was we were what when where which while who whom whose why will would you your yours yourself ' +
    'yourselves is s t whether via upon per among amid yet still already later earlier ' +
    'say says said saying according reportedly allegedly may'
  ).split(' '),
);
