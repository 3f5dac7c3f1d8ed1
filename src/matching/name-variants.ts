/**
 * The names one actor goes by in news copy: a country, its people, its capital and its common
 * abbreviations ("North Korea", "North Korean", "N. Korea", "DPRK", "Pyongyang"). Each reads as
 * one entity, so a claim about North Korea matches a passage about Pyongyang, and a passage about
 * Russia is known to name a different actor. Short, widely used names only: a name missing here
 * still matches as a word, it just has no variants.
 */
export interface NameVariant {
  /** folded words, as tokenize() gives them */
  words: readonly string[];
  entity: string;
  /** matches only when written in capitals ("US", not "us") */
  upperCaseOnly?: boolean;
}

const TABLE: Record<string, string[]> = {
  'north-korea': [
    'north korea', 'north koreas', 'north korean', 'north koreans', 'n korea', 'n korean', 'n koreans', 'dprk',
    'pyongyang', 'democratic peoples republic of korea',
  ],
  'south-korea': ['south korea', 'south koreas', 'south korean', 'south koreans', 's korea', 'seoul', 'republic of korea'],
  russia: ['russia', 'russias', 'russian', 'russians', 'moscow', 'kremlin', 'the kremlin', 'russian federation'],
  ukraine: ['ukraine', 'ukraines', 'ukrainian', 'ukrainians', 'kyiv', 'kiev'],
  'united-states': ['united states', 'usa', 'america', 'americas', 'american', 'americans', 'washington'],
  china: ['china', 'chinas', 'chinese', 'beijing'],
  belarus: ['belarus', 'belarusian', 'belarusians', 'minsk'],
  iran: ['iran', 'irans', 'iranian', 'iranians', 'tehran'],
  'kim-jong-un': ['kim jong un', 'kim jongun'],
  'european-union': ['european union', 'eu', 'brussels'],
  'united-kingdom': ['united kingdom', 'uk', 'britain', 'british', 'london'],
  nato: ['nato', 'north atlantic treaty organization'],
};
const UPPER_ONLY: Array<[string, string]> = [
  ['us', 'united-states'],
  ['u s', 'united-states'],
  ['rok', 'south-korea'],
];

const NAME_VARIANTS: readonly NameVariant[] = [
  ...Object.entries(TABLE).flatMap(([entity, names]) => names.map((name) => ({ words: name.split(' '), entity }))),
  ...UPPER_ONLY.map(([name, entity]) => ({ words: name.split(' '), entity, upperCaseOnly: true })),
];

/** Variants by their first word, longest first, so "north korean" wins over a shorter reading. */
export const VARIANTS_BY_FIRST_WORD: ReadonlyMap<string, readonly NameVariant[]> = (() => {
  const map = new Map<string, NameVariant[]>();
  for (const variant of NAME_VARIANTS) {
    const list = map.get(variant.words[0]!) ?? [];
    list.push(variant);
    map.set(variant.words[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();
