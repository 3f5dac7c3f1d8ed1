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
const APOSTROPHES = new Set(["'", '\u2019', '\u02bc', '\u2018']);
const INVISIBLE = new Set(['\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']);
const THOUSANDS = new Set([',', '\u202f', '\u2009']);

// Character classes by code, ASCII first: a regex test per character costs several times more,
// and page text is mostly ASCII.
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigitCode(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (Number.isNaN(c)) return false;
  return WORD_CHAR.test(text[i]!);
}
const isDigitAt = (text: string, i: number): boolean => isDigitCode(text.charCodeAt(i));

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
    if (!isWordCode(text, i)) {
      if (text.charCodeAt(i) === 0x2029) {
        words.push(BLOCK_BREAK);
        starts.push(i);
        ends.push(i + 1);
      }
      i++;
      continue;
    }
    const start = i;
    // Most words are one unbroken run: slice it instead of building it character by character.
    let raw = '';
    let runStart = i;
    while (i < n) {
      if (isWordCode(text, i)) {
        i++;
        continue;
      }
      const c = text[i]!;
      const joinsWord =
        ((INVISIBLE.has(c) || (APOSTROPHES.has(c) && !isDigitAt(text, i + 1))) && isWordCode(text, i + 1)) ||
        (THOUSANDS.has(c) &&
          isDigitAt(text, i - 1) &&
          isDigitAt(text, i + 1) &&
          isDigitAt(text, i + 2) &&
          isDigitAt(text, i + 3) &&
          !isDigitAt(text, i + 4));
      if (joinsWord) {
        raw += text.slice(runStart, i);
        i++;
        runStart = i;
      } else if (c === '.' && isDigitAt(text, i - 1) && isDigitAt(text, i + 1)) {
        i++;
      } else break;
    }
    raw += text.slice(runStart, i);
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
