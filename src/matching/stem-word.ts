import { stemmer } from 'stemmer';

/**
 * A word's comparable stem: Porter's, with the past forms news verbs take irregularly folded onto
 * their base ("sent" = "send", "told" = "tell") and Porter's final y/i spelled one way, so that
 * "deployed" and "deploy" meet. Memoised: page text repeats its words, and stemming is the most
 * expensive step of reading a sentence.
 */
const IRREGULAR = new Map(Object.entries({
  sent: 'send', told: 'tell', took: 'take', taken: 'take', fought: 'fight', said: 'say', led: 'lead',
  held: 'hold', gave: 'give', given: 'give', made: 'make', won: 'win', lost: 'lose', brought: 'bring',
  caught: 'catch', thought: 'think', began: 'begin', begun: 'begin', met: 'meet', went: 'go', gone: 'go',
  saw: 'see', seen: 'see', knew: 'know', known: 'know', wrote: 'write', written: 'write', paid: 'pay',
  built: 'build', rebuilt: 'rebuild', left: 'leave', kept: 'keep', found: 'find', struck: 'strike',
  shot: 'shoot', spent: 'spend', sold: 'sell', bought: 'buy', rose: 'rise', risen: 'rise', fell: 'fall',
  fallen: 'fall', grew: 'grow', grown: 'grow', chose: 'choose', chosen: 'choose', spoke: 'speak',
  spoken: 'speak', stood: 'stand', swore: 'swear', sworn: 'swear', hid: 'hide', hidden: 'hide',
  dealt: 'deal', meant: 'mean', drew: 'draw', drawn: 'draw', flew: 'fly', flown: 'fly', ran: 'run',
  died: 'die', dying: 'die', men: 'man', women: 'woman', children: 'child',
}));

/** "rumours" = "rumors", "organised" = "organized": both sides are spelled one way before stemming. */
function britishToAmerican(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/our(s|ed|ing)?$/, 'or$1').replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1');
}

const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

export function stemWord(word: string): string {
  const known = memo.get(word);
  if (known !== undefined) return known;
  const base = IRREGULAR.get(word) ?? britishToAmerican(word);
  let stem = base.length <= 3 ? base : stemmer(base);
  if (stem.endsWith('i')) stem = `${stem.slice(0, -1)}y`;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, stem);
  return stem;
}
