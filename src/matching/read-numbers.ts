import type { Tokens } from './tokenize';

/**
 * Figures as publishers write them, read to one value: "10,000", "10 000", "10000", "ten
 * thousand", "10k" and "10 thousand" are all 10000. Months are read too, so that "January 2025"
 * and "February 2025" differ as dates rather than as words. Works on tokenize()'s words, which
 * have already joined "10,000" into "10000".
 */
export type FigureKind = 'count' | 'year' | 'month';

export interface Figure {
  /** first and last token of the figure */
  first: number;
  last: number;
  value: number;
  kind: FigureKind;
}

const mapOf = (entries: Record<string, number>) => new Map(Object.entries(entries));

const UNITS = mapOf({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
});
const SCALES = mapOf({ hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, dozen: 12, pair: 2 });
const SUFFIXES = mapOf({ k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9 });
const MONTHS = mapOf({
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12, jan: 1, feb: 2, apr: 4, aug: 8, sept: 9, sep: 9, oct: 10,
  nov: 11, dec: 12,
});
/** Month names that are also common words count only next to a figure ("May 2025", "5 March"). */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'dec', 'jan', 'oct', 'sep', 'nov', 'aug', 'apr', 'feb']);

const DIGITS = /^\d+(?:\.\d+)?$/;
const DIGITS_WITH_SUFFIX = /^(\d+(?:\.\d+)?)(k|m|mn|bn|b)$/;

/** Rounds away the float noise of "1.2 million" so equal figures hash equally. */
const clean = (value: number) => Number(value.toPrecision(12));

export function readNumbers(tokens: Tokens, text: string): Figure[] {
  const { words } = tokens;
  const figures: Figure[] = [];
  const gapIsSpace = (i: number) => /^[ \u00a0]$/.test(text.slice(tokens.ends[i]!, tokens.starts[i + 1]!));
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    let value: number | null = null;
    let last = i;
    let spelled = false;
    const c = word.charCodeAt(0);
    if (c >= 48 && c <= 57 ? !DIGITS.test(word) && !DIGITS_WITH_SUFFIX.test(word) : !UNITS.has(word) && !SCALES.has(word) && !MONTHS.has(word)) {
      i++;
      continue;
    }
    if (DIGITS.test(word)) {
      value = Number(word);
      // "10 000": a space as the thousands separator, as in French and in SI style.
      while (last + 1 < words.length && /^\d{3}$/.test(words[last + 1]!) && /^\d{1,3}$/.test(words[i]!) && gapIsSpace(last)) {
        value = value * 1000 + Number(words[last + 1]);
        last++;
      }
    } else {
      const suffixed = DIGITS_WITH_SUFFIX.exec(word);
      if (suffixed) value = Number(suffixed[1]) * SUFFIXES.get(suffixed[2]!)!;
      else if (UNITS.has(word) && (word !== 'one' || SCALES.has(words[i + 1] ?? ''))) {
        // "one" alone is mostly a pronoun ("one of the ..."); "one thousand" is a figure.
        spelled = true;
        value = UNITS.get(word)!;
      } else if (SCALES.has(word) && words[i - 1] === 'a') {
        // "a thousand engineers"
        spelled = true;
        value = SCALES.get(word)!;
      }
    }
    if (value !== null) {
      // Scale words and spelled compounds that follow: "10 thousand", "ten thousand", "twenty five".
      let current = value;
      let total = 0;
      for (let j = last + 1; j < words.length; j++) {
        const next = words[j]!;
        const scale = SCALES.get(next);
        if (scale !== undefined) {
          if (scale === 100) current = (current || 1) * 100;
          else {
            total += (current || 1) * scale;
            current = 0;
          }
          last = j;
        } else if (spelled && UNITS.has(next) && canAdd(current, UNITS.get(next)!)) {
          current += UNITS.get(next)!;
          last = j;
        } else if (!(spelled && next === 'and' && words[j - 1] === 'hundred' && UNITS.has(words[j + 1] ?? ''))) break;
      }
      const whole = clean(total + current);
      const raw = text.slice(tokens.starts[i]!, tokens.ends[last]!);
      // A day of the month ("9 January", "January 9") is part of a date, not a count.
      if (last === i && /^\d{1,2}$/.test(raw) && (MONTHS.has(words[i - 1] ?? '') || MONTHS.has(words[i + 1] ?? ''))) {
        i = last + 1;
        continue;
      }
      const year = last === i && /^\d{4}$/.test(raw) && whole >= 1800 && whole <= 2100;
      figures.push({ first: i, last, value: whole, kind: year ? 'year' : 'count' });
      i = last + 1;
      continue;
    }
    const month = MONTHS.get(word);
    if (month !== undefined) {
      // "May 2025", "May 5", "5 May": a year or a day of the month beside it. "5,000 may follow" is a verb.
      const day = (j: number) => /^\d{1,2}$/.test(words[j] ?? '') && Number(words[j]) >= 1 && Number(words[j]) <= 31;
      const year = (j: number) => /^\d{4}$/.test(words[j] ?? '') && Number(words[j]) >= 1800 && Number(words[j]) <= 2100;
      if (!AMBIGUOUS_MONTHS.has(word) || year(i + 1) || day(i + 1) || day(i - 1) || isCapitalisedMonth(text, tokens, i, word)) {
        figures.push({ first: i, last: i, value: month, kind: 'month' });
      }
    }
    i++;
  }
  return figures;
}

/** Whether a spelled unit continues the figure: "twenty" + "five", "hundred" + "ten", "thousand" + "two". */
function canAdd(current: number, unit: number): boolean {
  if (current % 1000 === 0) return true;
  if (current % 100 === 0) return unit < 100;
  return current % 10 === 0 && current % 100 >= 20 && unit < 10;
}

/** "March" written with a capital, and long enough not to be "mar" or "dec": a month. */
function isCapitalisedMonth(text: string, tokens: Tokens, i: number, word: string): boolean {
  if (word === 'may' || word.length < 5) return false;
  const c = text.charCodeAt(tokens.starts[i]!);
  return c >= 65 && c <= 90;
}
