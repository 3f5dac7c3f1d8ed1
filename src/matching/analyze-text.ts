import { conceptOf } from './concept-words';
import { hashWord } from './hash-words';
import { VARIANTS_BY_FIRST_WORD } from './name-variants';
import { NEGATION_WORDS } from './negation-words';
import { readNumbers, type Figure } from './read-numbers';
import { stemWord } from './stem-word';
import { STOPWORDS } from './stopwords';
import { BLOCK_BREAK, tokenize, type Tokens } from './tokenize';

/**
 * A text read the way claims are compared: its content words stemmed, its figures read to values,
 * its names read to entities, its negations and sentences marked. Claims and page passages go
 * through the same reading, so whatever is folded here is folded on both sides.
 */
export const TermFlag = {
  figure: 1,
  entity: 2,
  /** a capitalised word that is not the first of its sentence: a name this reading does not know */
  name: 4,
  year: 8,
  month: 16,
} as const;

/** A term that names an actor: a known entity or a capitalised word. */
export const NAME_FLAGS = TermFlag.entity | TermFlag.name;
/** The kinds of figure that are dates; a figure with neither is a count. */
export const DATE_FLAGS = TermFlag.year | TermFlag.month;

export interface Term {
  hash: number;
  flags: number;
  /** token range the term covers */
  first: number;
  last: number;
}

export interface Sentence {
  /** term range [firstTerm, endTerm) and token range [firstToken, lastToken] */
  firstTerm: number;
  endTerm: number;
  firstToken: number;
  lastToken: number;
  /** the sentence ends a block: a claim is not read across it */
  endsBlock: boolean;
}

export interface AnalyzedText {
  text: string;
  tokens: Tokens;
  terms: Term[];
  /** token indexes of negation words */
  negations: number[];
  sentences: Sentence[];
}

/**
 * Verbs that attribute a statement rather than make one: "Ukraine reported that ...", "officials
 * claimed that ...". Like "said" (a stopword), they are left out, so reported speech matches.
 */
const REPORTING = new Set(['report', 'claim', 'state', 'announc', 'assert', 'insist', 'allege']);

/** The word a figure counts: the next word within a few tokens, past any names ("3,000 North Korean soldiers"). */
export function countedWord(terms: readonly Term[], t: number, end: number): number {
  const figure = terms[t]!;
  for (let n = t + 1; n < end; n++) {
    const next = terms[n]!;
    if (next.first - figure.last > 4 || next.flags & TermFlag.figure) return 0;
    if (!(next.flags & (TermFlag.entity | TermFlag.name))) return next.hash;
  }
  return 0;
}

/** Words that set a date as a start or an end. */
const DATE_RELATIONS = new Map([
  ['since', 'since'], ['from', 'since'], ['until', 'until'], ['till', 'until'], ['before', 'until'], ['after', 'after'],
]);

/** Negation words that, followed by these, affirm: "there is no doubt that", "not only". */
const AFFIRMING_AFTER = new Map([
  ['no', new Set(['doubt', 'question', 'fewer', 'less'])],
  ['not', new Set(['only'])],
]);

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'lt', 'col', 'sgt', 'capt', 'maj', 'adm', 'gov', 'sen', 'rep',
  'pres', 'prof', 'jr', 'sr', 'vs', 'etc', 'inc', 'corp', 'co', 'ltd', 'no', 'approx', 'est', 'jan', 'feb',
  'aug', 'sept', 'oct', 'nov', 'dec',
]);

const isUpper = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  if (code < 128) return code >= 65 && code <= 90;
  const c = text[at]!;
  return c !== c.toLowerCase() && c === c.toUpperCase();
};

/** Word hashes by stem: a page repeats its words, and hashing is per character. */
const wordHashes = new Map<string, number>();

const termKey = {
  word: (stem: string) => {
    let hash = wordHashes.get(stem);
    if (hash === undefined) {
      hash = hashWord(`w:${stem}`);
      if (wordHashes.size >= 100_000) wordHashes.clear();
      wordHashes.set(stem, hash);
    }
    return hash;
  },
  figure: (figure: Figure, relation?: string) =>
    hashWord(`${figure.kind === 'month' ? 'm' : 'f'}:${figure.value}${relation ? `:${relation}` : ''}`),
  entity: (entity: string) => hashWord(`e:${entity}`),
};

/**
 * @param options.compoundParts a hyphenated compound also reads as its parts: on for page text, off
 *   for claim wordings, which would otherwise count each compound three times.
 */
export function analyzeText(text: string, tokens: Tokens = tokenize(text), options: { compoundParts?: boolean } = {}): AnalyzedText {
  const { words, starts, ends } = tokens;
  const figures = new Map<number, Figure>();
  for (const figure of readNumbers(tokens, text)) figures.set(figure.first, figure);
  const terms: Term[] = [];
  const negations: number[] = [];
  const sentences: Sentence[] = [];
  let sentenceStart = 0;
  let sentenceFirstTerm = 0;
  let capitals = 0;
  let wordsInSentence = 0;

  const endSentence = (lastToken: number, endsBlock: boolean) => {
    if (lastToken >= sentenceStart) {
      // Headlines in Title Case or capitals: capitals say nothing about names there.
      if (wordsInSentence >= 4 && capitals / wordsInSentence >= 0.6)
        for (let t = sentenceFirstTerm; t < terms.length; t++) terms[t]!.flags &= ~TermFlag.name;
      sentences.push({ firstTerm: sentenceFirstTerm, endTerm: terms.length, firstToken: sentenceStart, lastToken, endsBlock });
    }
    sentenceStart = lastToken + 1;
    sentenceFirstTerm = terms.length;
    capitals = 0;
    wordsInSentence = 0;
  };

  let i = 0;
  while (i < words.length) {
    const word = withoutPossessive(words[i]!, text, ends[i]!);
    if (word === BLOCK_BREAK) {
      if (sentences.length && sentenceStart === i) sentences[sentences.length - 1]!.endsBlock = true;
      else endSentence(i - 1, true);
      sentenceStart = i + 1;
      i++;
      continue;
    }
    // A citation mark ("[2]") is neither a figure nor a word of the sentence.
    if (text[starts[i]! - 1] === '[' && text[ends[i]!] === ']' && /^\d+$/.test(word)) {
      if (sentenceStart === i) sentenceStart = i + 1;
      i++;
      continue;
    }
    wordsInSentence++;
    if (isUpper(text, starts[i]!)) capitals++;
    let last = i;
    const figure = figures.get(i);
    if (figure) {
      const flags = TermFlag.figure | (figure.kind === 'year' ? TermFlag.year : figure.kind === 'month' ? TermFlag.month : 0);
      // A date keeps the word that relates it: "since September" is not "until September".
      const relation = figure.kind === 'count' ? undefined : DATE_RELATIONS.get(words[i - 1] ?? '');
      terms.push({ hash: termKey.figure(figure, relation), flags, first: i, last: figure.last });
      last = figure.last;
    } else {
      const variant = VARIANTS_BY_FIRST_WORD.get(word)?.find(
        (v) =>
          v.words.every((w, k) => (k === 0 ? word : i + k < words.length && withoutPossessive(words[i + k]!, text, ends[i + k]!)) === w) &&
          (!v.upperCaseOnly || v.words.every((_, k) => /^[A-Z]+$/.test(text.slice(starts[i + k]!, ends[i + k]!)))),
      );
      if (variant) {
        last = i + variant.words.length - 1;
        terms.push({ hash: termKey.entity(variant.entity), flags: TermFlag.entity, first: i, last });
      } else if (NEGATION_WORDS.has(word) || (word === 'yet' && words[i + 1] === 'to')) {
        // "no doubt that ...", "not only ... but" assert rather than deny; "neither ... nor" denies once.
        const affirms = AFFIRMING_AFTER.get(word)?.has(words[i + 1] ?? '');
        const pairedNor = word === 'nor' && negations.some((n) => n >= sentenceStart && words[n] === 'neither');
        if (!affirms && !pairedNor) negations.push(i);
      }
      else if (!STOPWORDS.has(word) && (word.length > 1 || isDigit(word.charCodeAt(0)))) {
        const name = i !== sentenceStart && isUpper(text, starts[i]!);
        // "de-mining" = "demining", "front-line" = "frontline": a hyphen between lower-case parts joins them.
        let joined = word;
        while (last + 1 < words.length && joinedByHyphen(text, ends[last]!, starts[last + 1]!) && LOWER_WORD.test(words[last + 1]!) && LOWER_WORD.test(joined)) {
          joined += words[last + 1]!;
          last++;
        }
        const stem = conceptOf(stemWord(joined));
        if (!REPORTING.has(stem)) terms.push({ hash: termKey.word(stem), flags: name ? TermFlag.name : 0, first: i, last });
        // The parts too, for a wording that spells the compound open ("front lines" for "front-lines").
        if (last > i && options.compoundParts)
          for (let k = i; k <= last; k++) terms.push({ hash: termKey.word(conceptOf(stemWord(words[k]!))), flags: 0, first: k, last: k });
      }
    }
    if (last + 1 < words.length && endsSentence(text, tokens, last)) endSentence(last, false);
    i = last + 1;
  }
  endSentence(words.length - 1, true);
  return { text, tokens, terms, negations, sentences };
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const LOWER_WORD = /^[a-z]+$/;
/** One hyphen and nothing else between two words. */
function joinedByHyphen(text: string, end: number, nextStart: number): boolean {
  if (nextStart !== end + 1) return false;
  const c = text.charCodeAt(end);
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/** "Kyiv’s" reads as "Kyiv": tokenize() joins the apostrophe into the word. */
function withoutPossessive(word: string, text: string, end: number): string {
  if (word.length < 3 || !word.endsWith('s')) return word;
  const c = text[end - 2];
  return c === '\u2019' || c === "'" ? word.slice(0, -1) : word;
}

/** Whether the gap after token i ends a sentence: . ! or ? before a capital, a digit or a quote. */
function endsSentence(text: string, tokens: Tokens, i: number): boolean {
  const from = tokens.ends[i]!;
  const to = tokens.starts[i + 1]!;
  let stop = -1;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63) {
      stop = c;
      if (c !== 46) break;
    }
  }
  if (stop < 0) return false;
  const word = tokens.words[i]!;
  if (stop === 46 && (word.length === 1 || ABBREVIATIONS.has(word))) return false;
  const next = text[to]!;
  return isUpper(text, to) || /[\d"“‘'(]/.test(next) || /[“"‘']\s*$/.test(text.slice(from, to));
}
