/**
 * The half of `npm run eval:anchoring` that runs inside the page: bundled by esbuild with
 * src/anchoring into one IIFE and injected into each news page. It picks sentences of the true
 * article text, describes them from the DOM as the extension would, mutates a fresh copy of the
 * page and re-anchors, reporting where the passage really is now.
 */
import { anchorSelectors } from '../../src/anchoring/anchor-selectors';
import { describeRange } from '../../src/anchoring/describe-range';
import { rangeFromOffsets, rangeToOffsets, readDomText } from '../../src/anchoring/dom-text';
import { normalizeWhitespace, rawRange } from '../../src/anchoring/normalize-whitespace';
import type { AnchorResult, PassageSelectors } from '../../src/anchoring/selectors';
// Deterministic choices from a seed, so runs are comparable: the bench's generator.
import { random } from '../../bench/seeded-random';

export const MUTATIONS = ['unchanged', 'insert-before', 'correct-word', 'rewrap', 'duplicate-after', 'delete'] as const;
export type Mutation = (typeof MUTATIONS)[number];

export type Outcome = 'correct' | 'uncertain-right' | 'uncertain-wrong' | 'orphaned' | 'wrong' | 'skipped';

/** How the quote's context is described (describe-quote.ts `whitespace`). */
export const CONTEXTS = ['raw', 'collapsed'] as const;
export type ContextMode = (typeof CONTEXTS)[number];

export interface Trial {
  mutation: Mutation;
  context: ContextMode;
  sentence: string;
  outcome: Outcome;
  note?: string;
  selectors?: PassageSelectors;
  result?: AnchorResult;
  expected?: { start: number; end: number } | null;
  anchoredText?: string;
  ms?: number;
}

const BLOCKS = new Set([
  'P', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DD', 'DT', 'FIGCAPTION', 'TD', 'TH', 'PRE', 'DIV',
  'SECTION', 'ARTICLE', 'ASIDE',
]);
/** A "paragraph" larger than this is a container, not a paragraph: the sentence is skipped. */
const MAX_PARAGRAPH_CHARS = 6000;

let pristine: HTMLElement | null = null;

/** Remember the loaded body, so that every trial starts from a fresh copy of the page. */
export function init(): number {
  pristine = document.body.cloneNode(true) as HTMLElement;
  return readDomText(document.body).text.length;
}

function reset(): void {
  if (!pristine) throw new Error('init() first');
  document.documentElement.replaceChild(pristine.cloneNode(true), document.body);
}


const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The true article text as paragraphs: from the expected HTML (readability) or plain text. */
function trueParagraphs(trueText: string | null, trueHtml: string | null): string[] {
  if (trueHtml !== null) {
    const doc = new DOMParser().parseFromString(trueHtml, 'text/html');
    return [...doc.querySelectorAll('p, li, blockquote, h1, h2, h3, h4, h5, h6, dd, figcaption, td')]
      .filter((el) => !el.querySelector('p, li, blockquote, td'))
      .map((el) => collapse(el.textContent ?? ''));
  }
  return (trueText ?? '').split(/\n+/).map(collapse);
}

function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function locate(sentence: string): { range: Range; paragraph: Element } | { skip: string } {
  const domText = readDomText(document.body);
  const normalized = normalizeWhitespace(domText.text);
  const at = occurrences(normalized.text, sentence);
  if (at.length !== 1) return { skip: at.length === 0 ? 'not in page text' : 'occurs more than once' };
  const raw = rawRange(normalized, at[0]!, at[0]! + sentence.length);
  const range = rangeFromOffsets(domText, raw.start, raw.end);
  if (!range) return { skip: 'no range' };
  let node: Node | null = range.commonAncestorContainer;
  while (node && !(node instanceof Element && BLOCKS.has(node.tagName))) node = node.parentNode;
  if (!node || node === document.body) return { skip: 'not inside a block' };
  const paragraph = node as Element;
  if ((paragraph.textContent ?? '').length > MAX_PARAGRAPH_CHARS) return { skip: 'block too large to be a paragraph' };
  return { range, paragraph };
}

/**
 * Up to `max` sentences of the true article text that occur exactly once in the page text and
 * inside one paragraph-sized block, spread over the article.
 */
export function pickSentences(trueText: string | null, trueHtml: string | null, max: number, lang: string): string[] {
  reset();
  const segmenter = new Intl.Segmenter(document.documentElement.lang || lang, { granularity: 'sentence' });
  const sentences: string[] = [];
  for (const paragraph of trueParagraphs(trueText, trueHtml))
    for (const { segment } of segmenter.segment(paragraph)) {
      const sentence = segment.trim();
      // six words, or for scripts written without spaces (Japanese, Chinese) 30 characters
      const long = sentence.split(' ').length >= 6 || (!sentence.includes(' ') && sentence.length >= 30);
      if (sentence.length >= 30 && sentence.length <= 400 && long) sentences.push(sentence);
    }
  const usable = sentences.filter((s, i) => sentences.indexOf(s) === i && 'range' in locate(s));
  if (usable.length <= max) return usable;
  return Array.from({ length: max }, (_, i) => usable[Math.floor((i * usable.length) / max)]!);
}

interface WordSpot {
  node: Text;
  offset: number;
  word: string;
}

/** Words of four letters or more inside `range` (not touching its edges), in the order they appear. */
function wordsIn(range: Range, root: Node): WordSpot[] {
  const spots: WordSpot[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : node.length;
    for (const match of node.data.slice(from, to).matchAll(/\p{L}{4,}/gu))
      spots.push({ node, offset: from + match.index, word: match[0] });
  }
  // the first and last words touch the range's edges, where an edit would move them
  return spots.slice(1, -1);
}

const VOCABULARY = [
  'government', 'officials', 'reported', 'yesterday', 'according', 'statement', 'president', 'minister',
  'announced', 'increase', 'decrease', 'thousands', 'hundreds', 'million', 'billion', 'morning', 'evening',
  'several', 'company', 'national', 'regional', 'council', 'police', 'court', 'report', 'study', 'people',
  'country', 'city', 'week', 'month', 'year', 'later', 'earlier', 'former', 'new', 'old', 'major',
];

/** A different word of about the same length, capitalised like the original: a correction. */
function replacementFor(word: string, next: () => number): string {
  const near = VOCABULARY.filter((w) => Math.abs(w.length - word.length) <= 3 && w !== word.toLowerCase());
  const pick = near.length ? near[Math.floor(next() * near.length)]! : `${word}s`;
  return word[0] === word[0]!.toUpperCase() ? pick[0]!.toUpperCase() + pick.slice(1) : pick;
}

function correctWord(range: Range, root: Node, next: () => number): string | null {
  const spots = wordsIn(range, root);
  if (spots.length === 0) return null;
  const spot = spots[Math.floor(spots.length / 2 + (next() - 0.5) * (spots.length / 2))] ?? spots[0]!;
  const replacement = replacementFor(spot.word, next);
  // replaceData keeps live ranges in the node in step with the edit
  spot.node.replaceData(spot.offset, spot.word.length, replacement);
  return `${spot.word} → ${replacement}`;
}

/** Re-wraps a string's whitespace (every third run becomes a newline and indentation), keeping an offset map. */
function rewrap(data: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let run = 0;
  for (let i = 0; i < data.length; ) {
    if (/\s/.test(data[i]!)) {
      let j = i;
      while (j < data.length && /\s/.test(data[j]!)) j++;
      const replacement = run++ % 3 === 2 ? '\n        ' : ' ';
      for (let k = i; k < j; k++) map[k] = text.length + Math.min(k - i, replacement.length);
      text += replacement;
      i = j;
    } else {
      map[i] = text.length;
      text += data[i];
      i++;
    }
  }
  map[data.length] = text.length;
  return { text, map };
}

function rewrapParagraph(paragraph: Element, range: Range): void {
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  let { startContainer, startOffset, endContainer, endOffset } = range;
  for (const node of nodes) {
    const { text, map } = rewrap(node.data);
    if (text === node.data) continue;
    if (node === startContainer) startOffset = map[startOffset]!;
    if (node === endContainer) endOffset = map[endOffset]!;
    node.data = text;
  }
  range.setStart(startContainer, startOffset);
  range.setEnd(endContainer, endOffset);
}

/**
 * A near-identical copy of the paragraph right after it, one word changed: inside the copy of the
 * sentence, or elsewhere in the copy (then the copy holds the exact sentence too).
 */
function duplicateAfter(paragraph: Element, range: Range, next: () => number, inside: boolean): string | null {
  const copy = paragraph.cloneNode(true) as Element;
  const before = document.createRange();
  before.setStart(paragraph, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  // the same span in the copy
  const copyText = readDomText(copy);
  const span = rangeFromOffsets(copyText, start, end)!;
  let changed: string | null;
  if (inside) changed = correctWord(span, copy, next);
  else {
    // a word of the copy outside the sentence, if it has one
    const all = document.createRange();
    all.selectNodeContents(copy);
    const outside = wordsIn(all, copy).filter((spot) => {
      const offset = rangeToOffsets(copyText, rangeAt(spot.node, spot.offset)).start;
      return offset < start || offset >= end;
    });
    if (outside.length) {
      const spot = outside[Math.floor(next() * outside.length)]!;
      const replacement = replacementFor(spot.word, next);
      spot.node.replaceData(spot.offset, spot.word.length, replacement);
      changed = `${spot.word} → ${replacement} (outside the sentence)`;
    } else changed = correctWord(span, copy, next);
  }
  paragraph.after(copy);
  return changed;
}

function rangeAt(node: Text, offset: number): Range {
  const range = document.createRange();
  range.setStart(node, offset);
  range.setEnd(node, offset);
  return range;
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
};

/** A passage counts as found at the right place when it and the truth overlap by this much. */
const RIGHT_PLACE = 0.8;

export function trial(sentence: string, mutation: Mutation, seed: number): Trial[] {
  reset();
  const found = locate(sentence);
  if ('skip' in found) return CONTEXTS.map((context) => ({ mutation, context, sentence, outcome: 'skipped', note: found.skip }));
  const { range, paragraph } = found;
  const before = readDomText(document.body);
  const described = CONTEXTS.map((context) => describeRange(before, range, { whitespace: context }));
  const next = random(seed);
  let note: string | undefined;
  let expected: Range | null = range;

  switch (mutation) {
    case 'unchanged':
      break;
    case 'insert-before': {
      const inserted = document.createElement('p');
      inserted.textContent =
        'Editor’s note: this article was updated after publication to add comments from officials.';
      paragraph.before(inserted);
      break;
    }
    case 'correct-word':
      note = correctWord(range, paragraph, next) ?? undefined;
      if (!note) return CONTEXTS.map((context) => ({ mutation, context, sentence, outcome: 'skipped', note: 'no word to correct' }));
      break;
    case 'rewrap':
      rewrapParagraph(paragraph, range);
      break;
    case 'duplicate-after':
      note = duplicateAfter(paragraph, range, next, seed % 2 === 0) ?? undefined;
      break;
    case 'delete':
      paragraph.remove();
      expected = null;
      break;
  }

  const domText = readDomText(document.body);
  const truth = expected ? rangeToOffsets(domText, expected) : null;
  return CONTEXTS.map((context, i) => {
    const selectors = described[i]!;
    const started = performance.now();
    const result = anchorSelectors(domText.text, selectors, { exclude: domText.inert });
    const ms = performance.now() - started;
    const at = result.start !== undefined ? { start: result.start, end: result.end! } : null;
    const right = truth !== null && at !== null && overlap(truth, at) >= RIGHT_PLACE;
    let outcome: Outcome;
    if (result.state === 'orphaned') outcome = truth === null ? 'correct' : 'orphaned';
    else if (result.state === 'uncertain') outcome = right ? 'uncertain-right' : 'uncertain-wrong';
    else outcome = right ? 'correct' : 'wrong';
    return {
      mutation,
      context,
      sentence,
      outcome,
      note,
      selectors,
      result,
      expected: truth,
      anchoredText: at ? domText.text.slice(at.start, at.end) : undefined,
      ms,
    };
  });
}
