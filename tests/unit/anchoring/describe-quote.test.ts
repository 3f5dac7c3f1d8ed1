import { describe, expect, it } from 'vitest';
import { describeTextQuote, type DescribeQuoteOptions } from '../../../src/anchoring/describe-quote';
import apache from '../../fixtures/anchoring/apache-annotator/text-quote_describe-cases.json';
import domAnchor from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-cases.json';
import domAnchorHtml from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-fixture.html?raw';

interface ApacheCase {
  html: string;
  range: { startContainerXPath: string; startOffset: number; endContainerXPath: string; endOffset: number };
  options: DescribeQuoteOptions;
  expected: { exact: string; prefix: string; suffix: string };
}

// Cases whose page is one text node (`<b>text</b>`) are plain text problems; the others need a DOM
// and run in tests/browser/anchoring.
const groups = apache.exports as unknown as Record<string, Record<string, ApacheCase>>;
const textCases = Object.entries(groups).flatMap(([group, cases]) =>
  Object.entries(cases)
    .filter(([, c]) => /^<b>[^<]*<\/b>$/.test(c.html) && c.range.startContainerXPath === '//b/text()' && c.range.endContainerXPath === '//b/text()')
    .map(([name, c]) => ({ name: `${group}: ${name}`, ...c, text: c.html.slice(3, -4) })),
);

describe("Apache Annotator's describe cases (unique context mode)", () => {
  it('covers the single-text-node cases of every group', () => {
    expect(new Set(textCases.map((c) => c.name.split(':')[0]))).toEqual(new Set(Object.keys(groups)));
    expect(textCases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(textCases)('$name', ({ text, range, options, expected }) => {
    const selector = describeTextQuote(text, range.startOffset, range.endOffset, { ...options, context: 'unique' });
    expect(selector).toEqual({ type: 'TextQuoteSelector', ...expected });
  });

  it('makes the quote unique: prefix + exact + suffix occurs once, at the target', () => {
    const text = 'the cat sat on the mat; the cat sat on the hat; the cat sat on the mat.';
    for (const [start, end] of [[0, 3], [24, 31], [48, 55], [63, 66]] as const) {
      for (const minimalContext of [false, true]) {
        const { prefix, exact, suffix } = describeTextQuote(text, start, end, { context: 'unique', minimalContext });
        const pattern = prefix + exact + suffix;
        const at = text.indexOf(pattern);
        expect(at + prefix.length).toBe(start);
        expect(text.indexOf(pattern, at + 1)).toBe(-1);
      }
    }
  });
});

describe('fixed context (what we store, Hypothesis style)', () => {
  const text = 'Lorem ipsum dolor sit amet, a long preamble, consectetur adipiscing elit, sed do eiusmod tempor incididunt.';

  it('takes 32 UTF-16 units of prefix and of suffix', () => {
    const start = text.indexOf('consectetur');
    const selector = describeTextQuote(text, start, start + 'consectetur adipiscing'.length);
    expect(selector.exact).toBe('consectetur adipiscing');
    expect(selector.prefix).toBe(text.slice(start - 32, start));
    expect(selector.suffix).toBe(text.slice(start + 22, start + 22 + 32));
    expect(selector.prefix).toHaveLength(32);
    expect(selector.suffix).toHaveLength(32);
  });

  it('takes what there is at the edges of the text', () => {
    expect(describeTextQuote(text, 0, 5)).toMatchObject({ exact: 'Lorem', prefix: '' });
    expect(describeTextQuote(text, text.length - 11, text.length)).toMatchObject({ exact: 'incididunt.', suffix: '' });
  });

  it('takes another length on request', () => {
    expect(describeTextQuote(text, 6, 11, { contextLength: 4 })).toEqual({
      type: 'TextQuoteSelector',
      exact: 'ipsum',
      prefix: 'rem ',
      suffix: ' dol',
    });
  });

  it('never stores half of a surrogate pair', () => {
    const emoji = '😃';
    const padded = `${emoji}${'a'.repeat(31)}QUOTE${'b'.repeat(31)}${emoji}`;
    const start = padded.indexOf('QUOTE');
    const selector = describeTextQuote(padded, start, start + 5);
    // 32 units back would cut the emoji in half: the half is dropped, not stored.
    expect(selector.prefix).toBe('a'.repeat(31));
    expect(selector.suffix).toBe('b'.repeat(31));
    const whole = describeTextQuote(padded, start, start + 5, { contextLength: 33 });
    expect(whole.prefix).toBe(emoji + 'a'.repeat(31));
  });

  it("matches dom-anchor-text-quote's describe case on its fixture page", () => {
    const pageText = domAnchorHtml.replace(/<[^>]*>/g, '');
    const [describeCase] = domAnchor.describe_cases;
    const start = pageText.indexOf(describeCase!.expect_selector.exact);
    const selector = describeTextQuote(pageText, start, start + describeCase!.expect_selector.exact.length);
    expect(selector).toEqual({ type: 'TextQuoteSelector', ...describeCase!.expect_selector });
  });

  it('refuses a range outside the text', () => {
    expect(() => describeTextQuote('abc', 2, 5)).toThrow(RangeError);
    expect(() => describeTextQuote('abc', 2, 1)).toThrow(RangeError);
  });
});

describe("fixed context with whitespace: 'collapsed'", () => {
  const indented = `<p>\n                                Intro sentence here.\n                                </p>`;
  const text = `${indented}${indented.replace('Intro sentence here.', 'The quoted sentence.')}${indented.replace('Intro', 'Outro')}`;
  const start = text.indexOf('The quoted sentence.');
  const end = start + 'The quoted sentence.'.length;

  it('raw context can be nothing but indentation', () => {
    const raw = describeTextQuote(text, start, end);
    expect(raw.prefix.trim()).toBe('');
    expect(raw.suffix.trim()).toBe('');
  });

  it('counts each whitespace run once, so the context reaches the words around', () => {
    const selector = describeTextQuote(text, start, end, { whitespace: 'collapsed' });
    const collapse = (value: string) => value.replace(/\s+/g, ' ');
    expect(collapse(selector.prefix)).toHaveLength(32);
    expect(collapse(selector.suffix)).toHaveLength(32);
    expect(selector.prefix).toContain('sentence here.');
    expect(selector.suffix).toContain('Outro sentence');
    // it contains the raw context: anything that matched Hypothesis's still matches
    const raw = describeTextQuote(text, start, end);
    expect(selector.prefix.endsWith(raw.prefix)).toBe(true);
    expect(selector.suffix.startsWith(raw.suffix)).toBe(true);
  });

  it('is the raw context where there are no whitespace runs', () => {
    const plain = 'word '.repeat(40);
    expect(describeTextQuote(plain, 100, 110, { whitespace: 'collapsed' })).toEqual(describeTextQuote(plain, 100, 110));
  });

  it('stores at most a few units of a long run at its far end, and never more than 1024 units', () => {
    const spaced = `start${' '.repeat(2000)}${'x'.repeat(10)}QUOTE`;
    const at = spaced.indexOf('QUOTE');
    const selector = describeTextQuote(spaced, at, at + 5, { whitespace: 'collapsed' });
    expect(selector.prefix.length).toBeLessThanOrEqual(1024);
    const short = `start${' '.repeat(500)}${'x'.repeat(31)}QUOTE`;
    const at2 = short.indexOf('QUOTE');
    expect(describeTextQuote(short, at2, at2 + 5, { whitespace: 'collapsed' }).prefix).toBe(`${' '.repeat(8)}${'x'.repeat(31)}`);
  });
});
