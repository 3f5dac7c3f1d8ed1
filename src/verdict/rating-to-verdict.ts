import type { VerdictName } from './verdict-scale';

/**
 * Maps a publisher's rating text ("Pants on Fire!", "Half True", "Decontextualized") onto our scale.
 * Only the text is read: numeric ratings disagree with their own text in real ClaimReview data
 * (schema.org example eg-0324), so a number alone never yields a verdict. Unknown text is
 * `unverified`; callers keep the original text next to the verdict.
 */
const RULES: ReadonlyArray<readonly [RegExp, VerdictName]> = [
  // Negated praise first: "Not correct" must not reach the `true` rule below.
  [
    /\bnot (entirely|quite|completely|wholly|fully) (true|correct|accurate|false|wrong|incorrect)\b|\bnot the whole story\b/,
    'mixed',
  ],
  // A negated "false" says what the claim is not, not what it is: never read it as true.
  [/\b(not|isnt|is not|wasnt|was not|never) (really )?(false|wrong|incorrect|fake|a hoax)\b/, 'unverified'],
  [/\b(not|isnt|is not|wasnt|was not|arent|are not|never) (really )?(true|correct|accurate|real|right|the case)\b/, 'false'],
  [/\b(outdated|out of date|no longer (true|accurate|correct|the case))\b/, 'unverified'],
  [/\b(mostly|largely|mainly) (false|inaccurate|incorrect|wrong)\b|\bthree pinocchios\b/, 'mostly-false'],
  [/\b(mostly|largely|mainly) (true|accurate|correct)\b|\bone pinocchio\b/, 'mostly-true'],
  [/\b(pants on fire|four pinocchios|bottomless pinocchio|fabricated|hoax|scam|incorrect|inaccurate|wrong|untrue|misattributed|debunked|baseless|groundless|bogus)\b/, 'false'],
  [
    /\b(misleading|missing context|lacks context|needs context|decontextuali[sz]ed|out of context|cherry[- ]?pick|distort|spin|exaggerat|overstat|manipulated|altered|satire|miscaptioned)/,
    'misleading',
  ],
  [/\b(half[- ]true|mixture|mixed|partly|partially|two pinocchios|half[- ]truth)\b/, 'mixed'],
  [
    /\b(unproven|unverified|unsupported|no evidence|unsubstantiated|research in progress|not enough|insufficient|unclear|undetermined|disputed)\b/,
    'unverified',
  ],
  [/\b(false|falso|faux|falsch|fake)\b/, 'false'],
  [/\b(true|correct|accurate|verified|geppetto checkmark|confirmed|real)\b/, 'true'],
];

export function ratingToVerdict(rating: string): VerdictName {
  const text = rating
    .normalize('NFKC')
    .toLowerCase()
    // Hyphens as spaces: "Mostly-false" and "Half-True" read like their spaced forms.
    .replace(/[-\u2010-\u2015]/g, ' ')
    .replace(/[!.?"'\u2018\u2019\u201c\u201d]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [pattern, verdict] of RULES) if (pattern.test(text)) return verdict;
  return 'unverified';
}
