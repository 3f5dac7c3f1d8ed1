/**
 * Stems that news copy uses for one another in claims about the same event: "troops" for
 * "soldiers", "deployed" for "sent", "killed" for "deaths". Kept short on purpose: each entry
 * trades a near miss for a variant, so only words that name the same thing in a claim are here.
 */
const CONCEPTS = new Map(Object.entries({
  troop: 'soldier',
  servicemen: 'soldier',
  serviceman: 'soldier',
  deploy: 'send',
  dispatch: 'send',
  kill: 'death',
  die: 'death',
  dead: 'death',
  fatal: 'death',
  // "over 13,000" and "more than 13,000" claim the same; "fewer than" does not.
  over: 'more',
  abov: 'more',
  fewer: 'less',
  under: 'less',
  below: 'less',
}));

export const conceptOf = (stem: string): string => CONCEPTS.get(stem) ?? stem;
