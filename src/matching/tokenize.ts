/**
 * Turns text into comparable words while remembering where each word sits in the original string,
 * so a match in word space maps straight back to character offsets on the page.
 *
 * What is folded (the variation real pages have): case, diacritics, curly and straight apostrophes
 * inside words ("isn’t" = "isnt"), soft hyphens and zero-width characters, thousands separators
 * ("10,000" = "10000"), and all punctuation and whitespace between words. What is kept: every digit
 * and decimal point, so "300" never equals "3,000".
 */
export interface Tokens {
  words: string[];
  starts: number[];
  ends: number[];
}

/** Block boundary in page text (U+2029): a phrase never matches across it. */
export const BLOCK_BREAK = '\u2029';

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const DIGIT = /[0-9]/;
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2018']);
const INVISIBLE = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
const THOUSANDS = new Set([',', '\u202f', '\u2009']);

const isWordChar = (ch: string | undefined): boolean =>
  ch !== undefined && (ch.charCodeAt(0) < 128 ? /[A-Za-z0-9]/.test(ch) : WORD_CHAR.test(ch));
const isDigit = (ch: string | undefined): boolean => ch !== undefined && DIGIT.test(ch);

function foldWord(raw: string): string {
  // ASCII fast path: most words on English pages need only lower-casing.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(raw)) return raw.toLowerCase();
  return raw.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (ch === BLOCK_BREAK) {
      words.push(BLOCK_BREAK);
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    if (!isWordChar(ch)) {
      i++;
      continue;
    }
    const start = i;
    let raw = '';
    while (i < n) {
      const c = text[i]!;
      if (isWordChar(c)) {
        raw += c;
        i++;
      } else if (INVISIBLE.has(c) && isWordChar(text[i + 1])) {
        i++;
      } else if (APOSTROPHES.has(c) && isWordChar(text[i + 1]) && !isDigit(text[i + 1])) {
        i++;
      } else if (
        THOUSANDS.has(c) &&
        isDigit(text[i - 1]) &&
        isDigit(text[i + 1]) &&
        isDigit(text[i + 2]) &&
        isDigit(text[i + 3]) &&
        !isDigit(text[i + 4])
      ) {
        i++;
      } else if (c === '.' && isDigit(text[i - 1]) && isDigit(text[i + 1])) {
        raw += c;
        i++;
      } else break;
    }
    words.push(foldWord(raw));
    starts.push(start);
    ends.push(i);
  }
  return { words, starts, ends };
}

/** The words of a phrasing: like page text, but a phrasing has no block boundaries. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase.replaceAll(BLOCK_BREAK, ' ')).words;
}
