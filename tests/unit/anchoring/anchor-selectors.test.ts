import { describe, expect, it } from 'vitest';
import {
  AMBIGUITY_MARGIN,
  ANCHORED_SCORE,
  anchorSelectors,
  CONTEXT_SUPPORT,
  DEMOTED_SCORE,
  isShortQuote,
  UNCERTAIN_SCORE,
} from '../../../src/anchoring/anchor-selectors';
import { describeTextQuote } from '../../../src/anchoring/describe-quote';
import { matchQuote } from '../../../src/anchoring/match-quote';
import type { AnchorResult, PassageSelectors } from '../../../src/anchoring/selectors';
import { utf16RangeToCodePoints } from '../../../src/anchoring/text-positions';
import minimal from '../../fixtures/anchoring/hypothesis/minimal.json';

const P1 =
  'The city council met on Tuesday evening to discuss the proposed budget for next year. ' +
  'Several residents spoke against the plan to close two public libraries.';
const P2 =
  'According to the finance director, the deficit has grown to 4.2 million euros since the last election. ' +
  'She warned that further cuts would be unavoidable without new revenue.';
const P3 =
  'Opposition members called the figures misleading and asked for an independent audit of the accounts. ' +
  'The mayor promised to publish all documents before the vote in March.';
const P4 = 'Local businesses have mostly welcomed the proposal, citing lower property taxes as a benefit.';
const page = (...paragraphs: string[]): string => paragraphs.join('\n\n');
const ARTICLE = page(P1, P2, P3, P4);
const SENTENCE = 'According to the finance director, the deficit has grown to 4.2 million euros since the last election.';

/** What describeRange stores for the nth occurrence of `passage` in `text`. */
function describe_(text: string, passage: string, occurrence = 0): PassageSelectors {
  let start = text.indexOf(passage);
  for (let i = 0; i < occurrence; i++) start = text.indexOf(passage, start + 1);
  if (start < 0) throw new Error(`"${passage}" not in text`);
  const end = start + passage.length;
  const points = utf16RangeToCodePoints(text, start, end);
  return {
    quote: describeTextQuote(text, start, end),
    position: { type: 'TextPositionSelector', ...points },
    positionUnit: 'code-point',
  };
}

const anchoredText = (text: string, result: AnchorResult): string | undefined =>
  result.start === undefined ? undefined : text.slice(result.start, result.end);

/** State follows score everywhere: the invariant the UI relies on. */
function expectConsistent(result: AnchorResult) {
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  if (result.state === 'anchored') expect(result.score).toBeGreaterThanOrEqual(ANCHORED_SCORE);
  if (result.state === 'uncertain') {
    expect(result.score).toBeGreaterThanOrEqual(UNCERTAIN_SCORE);
    expect(result.score).toBeLessThan(ANCHORED_SCORE);
  }
  if (result.state === 'orphaned') {
    expect(result.start).toBeUndefined();
    expect(result.end).toBeUndefined();
    expect(result.method).toBe('none');
  } else {
    expect(result.start).toBeTypeOf('number');
    expect(result.end).toBeTypeOf('number');
  }
}

describe('thresholds', () => {
  it('are ordered and leave room for a demoted result', () => {
    expect(UNCERTAIN_SCORE).toBeLessThan(DEMOTED_SCORE);
    expect(DEMOTED_SCORE).toBeLessThan(ANCHORED_SCORE);
    expect(ANCHORED_SCORE).toBeLessThanOrEqual(1);
    expect(AMBIGUITY_MARGIN).toBeGreaterThan(0);
    // random English context agrees at about 0.2-0.4 (context-similarity.ts): support must be far above
    expect(CONTEXT_SUPPORT).toBeGreaterThanOrEqual(0.7);
  });
});

describe('(a) position first', () => {
  it('anchors at the stored position when the text there is the quote and the context agrees', () => {
    const result = anchorSelectors(ARTICLE, describe_(ARTICLE, SENTENCE));
    expect(result).toMatchObject({ state: 'anchored', method: 'position', score: 1 });
    expect(anchoredText(ARTICLE, result)).toBe(SENTENCE);
    expectConsistent(result);
  });

  it('counts the stored position in code points, and Hypothesis positions in UTF-16 units', () => {
    const text = `😃😃😃 ${ARTICLE}`;
    const selectors = describe_(text, SENTENCE);
    expect(selectors.position!.start).toBe(text.indexOf(SENTENCE) - 3);
    expect(anchorSelectors(text, selectors)).toMatchObject({ method: 'position', start: text.indexOf(SENTENCE) });
    const utf16: PassageSelectors = {
      ...selectors,
      position: { type: 'TextPositionSelector', start: text.indexOf(SENTENCE), end: text.indexOf(SENTENCE) + SENTENCE.length },
      positionUnit: 'utf-16',
    };
    expect(anchorSelectors(text, utf16)).toMatchObject({ method: 'position', start: text.indexOf(SENTENCE) });
    // read as code points, the same numbers are 3 characters off: the quote no longer fits there
    expect(anchorSelectors(text, { ...utf16, positionUnit: 'code-point' })).toMatchObject({ method: 'quote', start: text.indexOf(SENTENCE) });
  });

  it("anchors Hypothesis's minimal.json annotation (UTF-16 position) on its page text", () => {
    const selectors = minimal.rows[0]!.target[0]!.selector;
    const quote = selectors.find((s) => s.type === 'TextQuoteSelector')!;
    const position = selectors.find((s) => s.type === 'TextPositionSelector')!;
    const text = 'One Two Three\n'; // minimal.html's body text, with the newline after </body>
    const result = anchorSelectors(text, {
      quote: { type: 'TextQuoteSelector', exact: quote.exact!, prefix: quote.prefix!, suffix: quote.suffix! },
      position: { type: 'TextPositionSelector', start: position.start!, end: position.end! },
      positionUnit: 'utf-16',
    });
    expect(result).toMatchObject({ state: 'anchored', method: 'position', start: 4, end: 7 });
  });

  it('falls back to the quote when the position is stale (a paragraph inserted before)', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const changed = page('An editor’s note was added at the top of this article.', P1, P2, P3, P4);
    const result = anchorSelectors(changed, selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote' });
    expect(result.start).toBe(changed.indexOf(SENTENCE));
    expectConsistent(result);
  });

  it('falls back to the quote when the position is past the end of the text', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const result = anchorSelectors(page(P2), selectors);
    expect(result.method).toBe('quote');
    expect(result.start).toBe(0);
  });

  it('prefers another occurrence when the context at the position disagrees and matches there', () => {
    // "the proposal" occurs twice. The paragraphs were swapped, and the stored position now lands
    // exactly on the other occurrence, whose context is different.
    const critics = 'Critics, however, rejected the proposal outright.';
    const selectors = describe_(page(P4, critics), 'the proposal', 1);
    const swapped = page(critics, P4);
    const other = swapped.lastIndexOf('the proposal');
    selectors.position = { type: 'TextPositionSelector', start: other, end: other + 'the proposal'.length };
    expect(swapped.slice(other, other + 12)).toBe('the proposal');
    const result = anchorSelectors(swapped, selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote' });
    expect(result.start).toBe(swapped.indexOf('the proposal'));
  });
});

describe('(b) exact quote, disambiguated by context and position', () => {
  const repeated = page(
    'In 2019 the river flooded the lower town twice.',
    'Officials said the damage was limited.',
    'In 2021 the river flooded the lower town again, destroying the bridge.',
  );
  const quote = 'the river flooded the lower town';

  it('picks the occurrence whose context matches, without a position', () => {
    for (const occurrence of [0, 1]) {
      const { quote: q } = describe_(repeated, quote, occurrence);
      const result = anchorSelectors(repeated, { quote: q });
      expect(result).toMatchObject({ state: 'anchored', method: 'quote' });
      const expected = occurrence === 0 ? repeated.indexOf(quote) : repeated.lastIndexOf(quote);
      expect(result.start).toBe(expected);
      expectConsistent(result);
    }
  });

  it('does not anchor between identical occurrences that nothing tells apart', () => {
    const boilerplate = 'Subscribe to our newsletter for the latest updates.';
    const text = page(boilerplate, P1, boilerplate);
    const result = anchorSelectors(text, { quote: { type: 'TextQuoteSelector', exact: boilerplate, prefix: '', suffix: '' } });
    expect(result.state).toBe('uncertain');
    expect(result.reason).toBe('ambiguous');
    expectConsistent(result);
  });

  it('anchors the only verbatim occurrence of prefix + exact + suffix against a one-character look-alike', () => {
    // text-fragments-polyfill's ambiguous-match page: the contexts differ in one character only
    const text =
      '\n  prefix1 target suffix1 prefix2\n  target suffix2 prefix1 target suffix2\n  prefix2 target suffix1\n  start start end suffix\n';
    const selectors = describe_(text, 'target');
    const result = anchorSelectors(text, { quote: selectors.quote });
    expect(result).toMatchObject({ state: 'anchored', start: text.indexOf('target') });
    // without the verbatim exception this would be ambiguous: the runner-up is within the margin
    const normalize = (value: string) => value.replace(/\s+/g, ' ');
    const match = matchQuote(normalize(text), 'target', {
      prefix: normalize(selectors.quote.prefix),
      suffix: normalize(selectors.quote.suffix),
    })!;
    expect(match.score).toBe(1);
    expect(match.runnerUpScore).toBeGreaterThan(1 - AMBIGUITY_MARGIN);
  });

  it('uses a verified position to pick between identical occurrences', () => {
    const boilerplate = 'Subscribe to our newsletter for the latest updates.';
    const text = page(P1, boilerplate, P2, boilerplate, P3);
    const second = text.lastIndexOf(boilerplate);
    const selectors: PassageSelectors = {
      quote: { type: 'TextQuoteSelector', exact: boilerplate, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: second, end: second + boilerplate.length },
    };
    expect(anchorSelectors(text, selectors)).toMatchObject({ state: 'anchored', method: 'position', start: second });
  });

  it('finds the quote after the paragraph was re-wrapped (whitespace only)', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const rewrapped = ARTICLE.replace(P2, P2.replace(/ /g, (_, i: number) => (i % 3 === 0 ? '\n      ' : ' ')));
    expect(rewrapped).not.toContain(SENTENCE);
    const result = anchorSelectors(rewrapped, selectors);
    expect(result.state).toBe('anchored');
    expect(anchoredText(rewrapped, result)!.replace(/\s+/g, ' ')).toBe(SENTENCE);
    expectConsistent(result);
  });
});

describe('(c) fuzzy: edited passages', () => {
  it('anchors (or is uncertain) at the right place when a word of the quote was corrected', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const corrected = SENTENCE.replace('4.2 million', '4.7 million');
    const text = ARTICLE.replace(SENTENCE, corrected);
    const result = anchorSelectors(text, selectors);
    expect(['anchored', 'uncertain']).toContain(result.state);
    expect(result.method).toBe('fuzzy');
    expect(result.start).toBe(text.indexOf(corrected));
    expect(result.end).toBe(text.indexOf(corrected) + corrected.length);
    expectConsistent(result);
  });

  it('keeps a heavily edited quote uncertain even with its context intact', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    // a quarter of the characters changed, spread over the sentence
    const rewritten = 'According to our finance minister, the debt has risen to 4.7 billion euros after the last referendum.';
    const text = ARTICLE.replace(SENTENCE, rewritten);
    const result = anchorSelectors(text, selectors);
    expect(result).toMatchObject({ state: 'uncertain', method: 'fuzzy', start: text.indexOf(rewritten), reason: 'low-score' });
    expectConsistent(result);
  });

  it('anchors a sentence with one replaced word when both sides of its context are intact', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const corrected = SENTENCE.replace('finance director', 'budget director');
    const result = anchorSelectors(ARTICLE.replace(SENTENCE, corrected), selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'fuzzy' });
  });

  it('prefers the edited original (context agrees) over an exact copy elsewhere (context does not)', () => {
    const pullQuote = `Pull quote: “${SENTENCE}” Share this article.`;
    const text = page(P1, P2, P3, pullQuote);
    const selectors = describe_(text, SENTENCE);
    const corrected = SENTENCE.replace('4.2 million', '4.7 million');
    const edited = text.replace(SENTENCE, corrected); // replaces the first (the original) only
    const result = anchorSelectors(edited, selectors);
    expect(result.start).toBe(edited.indexOf(corrected));
    expect(result.method).toBe('fuzzy');
  });

  it('never anchors an edited quote whose context is gone: paragraph deleted, look-alike elsewhere', () => {
    // The reader annotated P2's first sentence. Then P2 was deleted; a "corrections" box elsewhere
    // has a sentence that differs from it by one word, with other text around it.
    const lookAlike = SENTENCE.replace('4.2 million', '4.7 million');
    const original = page(P1, P2, P3, P4, `Correction box. ${lookAlike} We regret the error.`);
    const selectors = describe_(original, SENTENCE);
    const afterDelete = page(P1, P3, P4, `Correction box. ${lookAlike} We regret the error.`);
    const result = anchorSelectors(afterDelete, selectors);
    expect(result.state).not.toBe('anchored');
    // no side of its context agrees: not even shown as a maybe
    expect(result).toMatchObject({ state: 'orphaned', reason: 'weak-context' });
    expectConsistent(result);
  });

  it('keeps an edited quote with only one side of its context left at most uncertain', () => {
    // The prefix still agrees, the suffix does not: the sentence was edited and what follows was
    // rewritten, or this is a look-alike that happens to follow the same words. Rule 1 decides.
    const selectors = describe_(ARTICLE, SENTENCE);
    const corrected = SENTENCE.replace('4.2 million', '4.7 million');
    const text = ARTICLE.replace(SENTENCE, corrected).replace('She warned that further cuts', 'Nobody on the council disputed');
    const result = anchorSelectors(text, selectors);
    expect(result.start).toBe(text.indexOf(corrected));
    expect(result.state).toBe('uncertain');
    expect(result.reason).toBe('weak-context');
    expect(result.score).toBe(DEMOTED_SCORE);
  });

  it('does not anchor a near-copy inserted right after the original, which inherits its suffix', () => {
    // Indented markup: the stored prefix is nothing but whitespace, only the suffix says anything.
    const indent = `\n${' '.repeat(40)}`;
    const text = `<h2>Budget</h2>${indent}${SENTENCE}\n  Next paragraph: the council will vote in March.`;
    const selectors = describe_(text, SENTENCE);
    expect(selectors.quote.prefix.trim()).toBe('');
    expect(selectors.quote.suffix.trim()).not.toBe('');
    const copy = SENTENCE.replace('finance director', 'budget director');
    const changed = text.replace(`${SENTENCE}\n  `, `${SENTENCE}\n  ${copy}\n  `);
    // The copy now has the original's suffix; the original has the copy after it.
    const quoteOnly = anchorSelectors(changed, { quote: selectors.quote });
    expect(quoteOnly.state === 'anchored' && quoteOnly.start !== changed.indexOf(SENTENCE)).toBe(false);
    expect(quoteOnly.state).not.toBe('anchored');
    // with the stored position, which still holds the quote, the original is anchored
    const withPosition = anchorSelectors(changed, selectors);
    expect(withPosition).toMatchObject({ state: 'anchored', method: 'position', start: changed.indexOf(SENTENCE) });
  });

  it('trusts a long quote still standing at its stored position when its only informative context changed', () => {
    const indent = `\n${' '.repeat(40)}`;
    const text = `<h2>Budget</h2>${indent}${SENTENCE}\n  Next paragraph: the council will vote in March.`;
    const selectors = describe_(text, SENTENCE);
    const start = text.indexOf(SENTENCE);
    const changed = `${text.slice(0, start + SENTENCE.length)}\n  A different paragraph follows now, rewritten.`;
    expect(anchorSelectors(changed, selectors)).toMatchObject({ state: 'anchored', method: 'position', start });
  });

  it('keeps a long quote at its stored position uncertain when everything around it changed', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const start = ARTICLE.indexOf(SENTENCE);
    // same lengths before and after, other letters: no context agrees
    const before = ARTICLE.slice(0, start).replace(/[a-z]/g, 'x');
    const after = ARTICLE.slice(start + SENTENCE.length).replace(/[a-z]/g, 'y');
    const result = anchorSelectors(before + SENTENCE + after, selectors);
    expect(result).toMatchObject({ state: 'uncertain', method: 'position', start });
    // a short quote in the same situation is not even kept at its position
    const short = describe_(ARTICLE, '4.2 million');
    const at = ARTICLE.indexOf('4.2 million');
    const shortText =
      ARTICLE.slice(0, at).replace(/[a-z]/g, 'x') + '4.2 million' + ARTICLE.slice(at + 11).replace(/[a-z]/g, 'y');
    expect(anchorSelectors(shortText, short).state).toBe('orphaned');
  });

  it('orphans a deleted paragraph when nothing like it remains', () => {
    const selectors = describe_(ARTICLE, SENTENCE);
    const result = anchorSelectors(page(P1, P3, P4), selectors);
    expect(result).toMatchObject({ state: 'orphaned', method: 'none' });
    expectConsistent(result);
  });

  it('never anchors when two edited candidates score within the margin of each other', () => {
    const a = 'Residents of the northern district reported power cuts lasting up to six hours on Friday.';
    const b = 'Residents of the northern district reported power cuts lasting up to ten hours on Friday.';
    const quote = 'Residents of the northern district reported power cuts lasting up to five hours on Friday.';
    const context = 'Updates follow below.';
    const text = `${context} ${a} ${context} ${b} ${context}`;
    const result = anchorSelectors(text, {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: `${context} `, suffix: ` ${context}` },
    });
    expect(result.method).toBe('fuzzy');
    expect(result.state).not.toBe('anchored');
    expect(result.reason).toBe('ambiguous');
    expectConsistent(result);
  });

  it('with a position hint, still refuses to choose between equally good edited candidates', () => {
    const a = 'Residents of the northern district reported power cuts lasting up to six hours on Friday.';
    const text = `Updates follow below. ${a} Updates follow below. ${a} Updates follow below.`;
    const quote = a.replace('six', 'five');
    const result = anchorSelectors(text, {
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: 'Updates follow below. ', suffix: ' Updates follow below.' },
      position: { type: 'TextPositionSelector', start: 22, end: 22 + quote.length },
    });
    expect(result.start).toBe(22);
    expect(result.state).toBe('uncertain');
  });
});

describe('context support for exact quotes', () => {
  it('does not anchor an exact quote whose only stored context disagrees', () => {
    // Stored at the very end of a page: a short prefix and no suffix. The same sentence now
    // stands after other words: a quote alone would score high, rule 1 keeps it uncertain.
    const original = `Summary: ${SENTENCE}`;
    const selectors = describe_(original, SENTENCE);
    expect(selectors.quote.prefix).toBe('Summary: ');
    expect(selectors.quote.suffix).toBe('');
    const text = page(P1, `Earlier reports: ${SENTENCE}`);
    const result = anchorSelectors(text, { quote: selectors.quote });
    expect(result).toMatchObject({ state: 'uncertain', reason: 'weak-context', start: text.indexOf(SENTENCE) });
    // with its context found, the same quote anchors
    expect(anchorSelectors(page(P1, original), { quote: selectors.quote }).state).toBe('anchored');
  });
});

describe('text no passage can be in (script and style contents)', () => {
  it('orphans a deleted paragraph whose only copy is in a JSON script, and finds it when visible', () => {
    const json = `{"articleBody":"${P1} ${P2} ${P3}"}`;
    const original = page(P1, P2, P3, P4) + json;
    const selectors = describe_(original, SENTENCE);
    const afterDelete = page(P1, P3, P4) + json;
    const exclude = [{ start: afterDelete.length - json.length, end: afterDelete.length }];
    expect(anchorSelectors(afterDelete, selectors, { exclude })).toMatchObject({ state: 'orphaned', reason: 'not-found' });
    // the same page with the paragraph in place anchors it
    const excludeOriginal = [{ start: original.length - json.length, end: original.length }];
    expect(anchorSelectors(original, selectors, { exclude: excludeOriginal })).toMatchObject({
      state: 'anchored',
      start: original.indexOf(SENTENCE),
    });
  });

  it('does not trust a stored position that now points into excluded text', () => {
    const text = page(P1, P2, P3);
    const selectors = describe_(text, SENTENCE);
    const start = text.indexOf(SENTENCE);
    const result = anchorSelectors(text, selectors, { exclude: [{ start: start - 5, end: start + SENTENCE.length + 5 }] });
    expect(result.state).toBe('orphaned');
  });
});

describe('short quotes: exact occurrences only', () => {
  it('classifies names and numbers as short, sentences as not', () => {
    expect(isShortQuote('Joe Biden')).toBe(true);
    expect(isShortQuote('4.2 million')).toBe(true);
    expect(isShortQuote('counterintelligence')).toBe(true);
    expect(isShortQuote('  the   deficit  ')).toBe(true);
    expect(isShortQuote('the deficit has grown')).toBe(false);
    expect(isShortQuote('a'.repeat(40))).toBe(false);
  });

  it('never matches a short quote with edits, even with its context intact', () => {
    const selectors = describe_(ARTICLE, '4.2 million euros');
    expect(isShortQuote('4.2 million euros')).toBe(false);
    const short = describe_(ARTICLE, '4.2 million');
    const edited = ARTICLE.replace('4.2 million', '4.3 million');
    expect(anchorSelectors(edited, short)).toMatchObject({ state: 'orphaned', reason: 'not-found' });
    // a longer quote with the same edit is found
    expect(anchorSelectors(edited, selectors).state).not.toBe('orphaned');
  });

  it('finds the exact occurrence whose context matches', () => {
    const text = page('Mr Smith voted against.', P1, 'Later, Mr Smith voted in favour of the amendment.', P3);
    const selectors = describe_(text, 'Mr Smith', 1);
    const moved = page(P4, text);
    const result = anchorSelectors(moved, selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote', start: moved.lastIndexOf('Mr Smith') });
  });

  it('does not anchor a short quote found only without its context', () => {
    const text = page(P1, 'Mr Smith voted in favour of the amendment.', P3);
    const selectors = describe_(text, 'Mr Smith');
    const result = anchorSelectors(page(P1, P3, 'Photo: Mr Smith at the council, archive image.'), selectors);
    expect(result.state).not.toBe('anchored');
    expectConsistent(result);
  });
});

describe('edge cases', () => {
  it('orphans an empty or whitespace-only quote', () => {
    expect(anchorSelectors(ARTICLE, { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } })).toMatchObject({
      state: 'orphaned',
      reason: 'empty-quote',
    });
    expect(anchorSelectors(ARTICLE, { quote: { type: 'TextQuoteSelector', exact: ' \n ', prefix: '', suffix: '' } }).state).toBe(
      'orphaned',
    );
  });

  it('orphans against an empty page', () => {
    expect(anchorSelectors('', describe_(ARTICLE, SENTENCE)).state).toBe('orphaned');
  });

  it('keeps the whitespace a quote ends with, and no more of the page\'s whitespace run', () => {
    const text = 'Header Level 2\n\n\n  Mauris lacinia ipsum nulla, id iaculis quam egestas quis.\n\n\n\n  Fusce fermentum sit amet.';
    const exact = 'Header Level 2\n\n\n  Mauris lacinia ipsum nulla, id iaculis quam egestas quis.\n\n\n';
    const result = anchorSelectors(text, { quote: describeTextQuote(text, 0, exact.length) });
    expect(anchoredText(text, result)).toBe(exact);
  });

  it('anchors a quote that ends in a newline split from the indentation in the suffix', () => {
    const text = 'First line of the poem goes here\n    second line of the poem is here';
    const selectors: PassageSelectors = {
      quote: { type: 'TextQuoteSelector', exact: 'First line of the poem goes here\n', prefix: '', suffix: '    second line of the' },
    };
    const result = anchorSelectors(text.replace('\n    ', '\n  '), selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote', start: 0 });
  });
});

describe('lists of look-alikes: a deleted item is not replaced by its neighbour', () => {
  /** The selectors the extension stores for `quote` in `text` (collapsed context, code points). */
  const stored = (text: string, quote: string): PassageSelectors => {
    const start = text.indexOf(quote);
    const points = utf16RangeToCodePoints(text, start, start + quote.length);
    return {
      quote: describeTextQuote(text, start, start + quote.length, { whitespace: 'collapsed' }),
      position: { type: 'TextPositionSelector', start: points.start, end: points.end },
      positionUnit: 'code-point',
    };
  };
  const lines = (...items: string[]) => `Monthly figures\n${items.join('\n')}\nSource: statistics office`;
  const notOn = (result: AnchorResult, text: string, wrong: string) => {
    if (result.state === 'anchored') expect(text.slice(result.start, result.end)).not.toContain(wrong);
    expect(result.state === 'anchored' && text.slice(result.start, result.end).includes(wrong)).toBe(false);
  };

  it('orphans a deleted price line rather than anchoring on the next month', () => {
    const before = lines('Price of milk rose 5% in March.', 'Price of milk rose 6% in April.', 'Price of milk rose 7% in May.');
    const selectors = stored(before, 'Price of milk rose 5% in March.');
    const after = lines('Price of milk rose 6% in April.', 'Price of milk rose 7% in May.');
    const result = anchorSelectors(after, selectors);
    // not even shown as a maybe on April's line
    expect(result).toMatchObject({ state: 'orphaned', reason: 'neighbour' });
    notOn(result, after, '6% in April');
  });

  it('orphans a deleted vote row rather than anchoring on another member’s row', () => {
    const rows = ['Smith voted for the bill on 3 May 2021', 'Jones voted for the bill on 4 May 2021', 'Brown voted for the bill on 5 May 2021', 'Green voted for the bill on 6 May 2021'];
    const before = lines(...rows);
    for (const deleted of [0, 2]) {
      const selectors = stored(before, rows[deleted]!);
      const after = lines(...rows.filter((_, i) => i !== deleted));
      const result = anchorSelectors(after, selectors);
      expect(result.state, rows[deleted]).toBe('orphaned');
    }
  });

  it('orphans a deleted row even when the rows differ only by a name', () => {
    const rows = ['Senator Smith voted in favour of the water bill.', 'Senator Jones voted in favour of the water bill.', 'Senator Brown voted in favour of the water bill.'];
    const selectors = stored(lines(...rows), rows[0]!);
    const after = lines(rows[1]!, rows[2]!);
    const result = anchorSelectors(after, selectors);
    expect(result.state).toBe('orphaned');
    notOn(result, after, 'Jones');
  });

  it('still anchors (or is uncertain) on the same line when only its figure was corrected', () => {
    const before = lines('Price of milk rose 5% in March.', 'Bread prices fell sharply after the harvest.', 'Petrol cost more than a year ago.');
    const selectors = stored(before, 'Price of milk rose 5% in March.');
    const after = lines('Price of milk rose 5.5% in March.', 'Bread prices fell sharply after the harvest.', 'Petrol cost more than a year ago.');
    const result = anchorSelectors(after, selectors);
    expect(result.state).not.toBe('orphaned');
    expect(after.slice(result.start, result.end)).toContain('5.5% in March');
    // a changed figure is never taken for sure
    expect(result.state).toBe('uncertain');
  });
});
