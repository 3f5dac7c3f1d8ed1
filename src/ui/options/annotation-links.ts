import type { AnnotationRecord } from '../../annotations/annotation-record';
import { safeHttpUrl } from '../safe-link';

/**
 * "Open at passage" links: the page's URL with a Text Fragment (`#:~:text=`) built from the
 * annotation's quote and its context, so the browser scrolls to and highlights the passage.
 *
 * Syntax (WICG Text Fragments): `text=[prefix-,]textStart[,textEnd][,-suffix]`. Each term is
 * percent-encoded, "-", "," and "&" included, since they are directive syntax. src/ui/safe-link.ts
 * builds the quote-only form for claims' source links; annotations also store a prefix and a
 * suffix (32 units of the page's text either side, Hypothesis's form), which tell two occurrences
 * of a passage apart, so the link carries a few whole words of each.
 *
 * Browsers match each term within one block of the page and on word boundaries, hence:
 * - long quotes, and quotes that cross a line break (probably a block boundary), are given as
 *   textStart,textEnd: the first words of the first line and the last words of the last line;
 * - context stops at a line break, and a context word that may have been cut in two where the
 *   stored context begins (or ends) is left out.
 */

/** A quote of up to twice this many words is given whole; a longer one by this many at each end. */
export const EDGE_WORDS = 5;
/** Words of prefix and of suffix a link carries. */
export const CONTEXT_WORDS = 3;

/** Percent-encodes a text directive term; "-", "," and "&" are directive syntax (WICG spec §3.3). */
export const encodeTextDirectiveTerm = (term: string): string =>
  encodeURIComponent(term).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');

const LINE_BREAK = /[\n\r\u2028\u2029]/;
const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const linesOf = (text: string): string[] =>
  text
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter(Boolean);

/** The last few whole words of the prefix on the line the quote starts on (or the line before it). */
function prefixWords(prefix: string): string[] {
  const trimmed = prefix.trimEnd();
  const breakAt = Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r'), trimmed.lastIndexOf('\u2028'), trimmed.lastIndexOf('\u2029'));
  let words = wordsOf(trimmed.slice(breakAt + 1));
  // The stored context may begin inside a word; a term must start at a word boundary.
  if (breakAt < 0 && !/^\s/.test(prefix)) words = words.slice(1);
  return words.slice(-CONTEXT_WORDS);
}

/** The first few whole words of the suffix on the line the quote ends on (or the line after it). */
function suffixWords(suffix: string): string[] {
  const trimmed = suffix.trimStart();
  const match = LINE_BREAK.exec(trimmed);
  const breakAt = match ? match.index : -1;
  let words = wordsOf(breakAt < 0 ? trimmed : trimmed.slice(0, breakAt));
  if (breakAt < 0 && !/\s$/.test(suffix)) words = words.slice(0, -1);
  return words.slice(0, CONTEXT_WORDS);
}

export interface QuoteForLink {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** The value of a `text=` directive for a quote (terms already encoded), or null for a blank quote. */
export function textDirective(quote: QuoteForLink): string | null {
  const lines = linesOf(quote.exact);
  if (lines.length === 0) return null;
  const first = wordsOf(lines[0]!);
  const last = wordsOf(lines[lines.length - 1]!);
  const terms =
    lines.length === 1 && first.length <= EDGE_WORDS * 2
      ? [first.join(' ')]
      : [first.slice(0, EDGE_WORDS).join(' '), last.slice(-EDGE_WORDS).join(' ')];
  const encoded = terms.map(encodeTextDirectiveTerm);
  const prefix = prefixWords(quote.prefix ?? '');
  const suffix = suffixWords(quote.suffix ?? '');
  if (prefix.length) encoded.unshift(`${encodeTextDirectiveTerm(prefix.join(' '))}-`);
  if (suffix.length) encoded.push(`-${encodeTextDirectiveTerm(suffix.join(' '))}`);
  return encoded.join(',');
}

/**
 * A link that opens `url` scrolled to the quoted passage, or null when `url` is not http(s) (it
 * is then shown as text, never made clickable). An existing fragment is kept before the directive;
 * an old directive is replaced.
 */
export function passageUrl(url: string, quote: QuoteForLink): string | null {
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  const directive = textDirective(quote);
  if (!directive) return safe;
  const parsed = new URL(safe);
  const existing = parsed.hash.replace(/^#/, '').split(':~:')[0] ?? '';
  parsed.hash = '';
  return `${parsed.href}#${existing}:~:text=${directive}`;
}

/** An annotation's "Open at passage" link. */
export const annotationPassageUrl = (record: Pick<AnnotationRecord, 'pageUrl' | 'target'>): string | null =>
  passageUrl(record.pageUrl, record.target.quote);
