import search from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../../src/anchoring/match-quote';
import approx from '../../fixtures/anchoring/fuzzy-quote/approx-string-match-cases.json';
import domAnchor from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-cases.json';
import domAnchorHtml from '../../fixtures/anchoring/fuzzy-quote/dom-anchor-text-quote-fixture.html?raw';
import hypothesis from '../../fixtures/anchoring/hypothesis/match-quote-cases.json';

// Hypothesis's fixtures have their whitespace runs collapsed (see the file's "normalization").
const fixtureText = (name: string): string =>
  (hypothesis.fixtures as Record<string, string>)[name]!.replace(/\s+/g, ' ');

type HypothesisCase = (typeof hypothesis.cases)[number] & Record<string, unknown>;
const hypothesisCase = (name: string): HypothesisCase => {
  const found = hypothesis.cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found as HypothesisCase;
};
const textOf = (c: HypothesisCase): string =>
  typeof c.text_literal === 'string' ? c.text_literal : fixtureText(c.text as string);

describe("Hypothesis's match-quote cases", () => {
  it('exact match scores 1', () => {
    const c = hypothesisCase('exact match');
    const text = textOf(c);
    const match = matchQuote(text, c.quote as string)!;
    expect(text.slice(match.start, match.end)).toBe('discover ice');
    expect(match.score).toBe(1);
  });

  it('best approximate match', () => {
    const c = hypothesisCase('best approximate match');
    const text = textOf(c);
    const match = matchQuote(text, c.quote as string)!;
    expect(text.slice(match.start, match.end)).toBe('Many years later');
    expect(match.score).toBeGreaterThan(0);
    expect(match.score).toBeLessThan(1);
  });

  const strictlyDecreasing = (scores: number[]) => {
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThan(scores[i - 1]!);
  };

  it('quote similarity ordering', () => {
    const c = hypothesisCase('quote similarity ordering');
    const text = textOf(c);
    strictlyDecreasing((c.quotes_descending_score as string[]).map((quote) => matchQuote(text, quote)!.score));
  });

  it('prefix similarity ordering', () => {
    const c = hypothesisCase('prefix similarity ordering');
    const text = textOf(c);
    strictlyDecreasing(
      (c.prefixes_descending_score as string[]).map((prefix) => matchQuote(text, c.quote as string, { prefix })!.score),
    );
  });

  it('suffix similarity ordering', () => {
    const c = hypothesisCase('suffix similarity ordering');
    const text = textOf(c);
    strictlyDecreasing(
      (c.suffixes_descending_score as string[]).map((suffix) => matchQuote(text, c.quote as string, { suffix })!.score),
    );
  });

  it('no acceptable match', () => {
    const c = hypothesisCase('no acceptable match');
    expect(matchQuote(textOf(c), fixtureText(c.quote_is_fixture as string))).toBeNull();
  });

  it('empty quote and empty text', () => {
    const emptyQuote = hypothesisCase('empty quote');
    expect(matchQuote(textOf(emptyQuote), emptyQuote.quote as string)).toBeNull();
    const emptyText = hypothesisCase('empty text');
    expect(matchQuote(textOf(emptyText), emptyText.quote as string)).toBeNull();
  });

  const contextCases = hypothesis.cases.filter((c) => c.name.startsWith('context ')) as HypothesisCase[];
  it.each(contextCases)('$name', (c) => {
    const text = textOf(c);
    const match = matchQuote(text, c.quote as string, {
      prefix: c.prefix as string | undefined,
      suffix: c.suffix as string | undefined,
    })!;
    expect(text.slice(match.start, match.end)).toBe(c.quote);
    expect(match.start).toBe(text.indexOf(c.expect_start_at_indexOf as string));
  });

  it('hint tie-breaker', () => {
    const c = hypothesisCase('hint tie-breaker');
    const text = textOf(c);
    const posA = text.indexOf('everything before us') + 'everything '.length;
    const posB = text.indexOf('nothing before us') + 'nothing '.length;
    expect(matchQuote(text, c.quote as string, { hint: posA })!.start).toBe(posA);
    expect(matchQuote(text, c.quote as string, { hint: posB })!.start).toBe(posB);
    expect(matchQuote(text, c.quote as string)!.start).toBe(posA);
    // the two places are reported as neck and neck
    const match = matchQuote(text, c.quote as string, { hint: posB })!;
    expect(match.runnerUp?.start).toBe(posA);
    expect(match.score - match.runnerUpScore).toBeLessThan(0.01);
  });

  it('prefix longer than match start, and a suffix past the end of the text', () => {
    const longPrefix = hypothesisCase('prefix longer than match start');
    const text = textOf(longPrefix);
    const match = matchQuote(text, longPrefix.quote as string, { prefix: longPrefix.prefix as string })!;
    expect(text.slice(match.start, match.end)).toBe('years later');
    const atEnd = hypothesisCase('match at end of text with non-empty suffix');
    const endText = textOf(atEnd);
    const endMatch = matchQuote(endText, atEnd.quote as string, { suffix: atEnd.suffix as string })!;
    expect(endText.slice(endMatch.start, endMatch.end)).toBe('text');
  });
});

interface ApproxMatch {
  start: number;
  end: number;
  errors: number;
}
const approxFixtures = Object.entries(approx.fixtures).flatMap(([group, cases]) =>
  (cases as { text: string; pattern: string; matches: ApproxMatch[] }[]).map((c, i) => ({ name: `${group} ${i}`, ...c })),
);

describe('approx-string-match cases (the Myers search matchQuote is built on)', () => {
  it.each(approxFixtures)('search: $name', ({ text, pattern, matches }) => {
    const found = search(text, pattern, pattern.length);
    const fewest = Math.min(...found.map((m) => m.errors));
    const best = found.filter((m) => m.errors === fewest);
    // The fixture lists every equally good span; the library may report a subset of them.
    expect(best.length).toBeGreaterThan(0);
    for (const m of best) expect(matches).toContainEqual(m);
    if (best.length === matches.length) expect(best).toEqual(matches);
  });

  it.each(approxFixtures)('matchQuote returns one of the expected spans: $name', ({ text, pattern, matches }) => {
    const match = matchQuote(text, pattern, { maxErrors: pattern.length })!;
    expect(matches).toContainEqual({ start: match.start, end: match.end, errors: match.errors });
  });

  const extra = approx.extra_cases as Array<Record<string, unknown> & { name: string; text: string; maxErrors: number }>;
  const patternOf = (c: (typeof extra)[number]): string =>
    typeof c.pattern === 'string' ? c.pattern : c.text.slice(...(c.pattern_slice as [number, number]));

  it.each(extra)('search: $name', (c) => {
    const found = search(c.text, patternOf(c), c.maxErrors);
    if (Array.isArray(c.expect)) expect(found).toEqual(c.expect);
    if (typeof c.expect_count === 'number') expect(found).toHaveLength(c.expect_count);
    if (typeof c.expect === 'string') {
      expect(found.length).toBeGreaterThan(0);
      for (const m of found) expect(c.text.slice(m.start, m.end)).toBe('discovery');
    }
    if (typeof c.expect_match_text === 'string') expect(c.text.slice(found[0]!.start, found[0]!.end)).toBe(c.expect_match_text);
  });

  it.each(extra.filter((c) => c.name !== 'pattern length multiple of block size'))('matchQuote: $name', (c) => {
    const match = matchQuote(c.text, patternOf(c), { maxErrors: c.maxErrors });
    if (Array.isArray(c.expect) && c.expect.length === 0) expect(match).toBeNull();
    else if (Array.isArray(c.expect)) expect(c.expect).toContainEqual({ start: match!.start, end: match!.end, errors: match!.errors });
    else if (typeof c.expect === 'string') expect(c.text.slice(match!.start, match!.end)).toBe('discovery');
    else expect(c.text.slice(match!.start, match!.end)).toBe(patternOf(c));
  });

  it('matchQuote rejects the block-size case: 24 of its 64 characters are missing in one stretch', () => {
    // search() finds " well.\nThe last global ice age trapped " with 25 edits, all of them the
    // "\n \n2. The First Americans" the text does not have: a different passage, not an edited one.
    const c = extra.find((e) => e.name === 'pattern length multiple of block size')!;
    expect(search(c.text, patternOf(c), c.maxErrors)).toHaveLength(1);
    expect(matchQuote(c.text, patternOf(c), { maxErrors: c.maxErrors })).toBeNull();
  });
});

// The fixture page has no entities or comments, so dropping its tags gives the container's textContent.
const pageText = domAnchorHtml.replace(/<[^>]*>/g, '');

describe('dom-anchor-text-quote cases (text of its fixture page)', () => {
  const cases = domAnchor.anchor_cases.filter((c) => c.name !== 'hint prioritizes matches');

  it.each(cases)('$name', (c) => {
    const selector = c.selector as { exact: string; prefix?: string; suffix?: string };
    const match = matchQuote(pageText, selector.exact, { prefix: selector.prefix, suffix: selector.suffix });
    if ('expect' in c && c.expect === null) {
      expect(match).toBeNull();
      return;
    }
    expect(pageText.slice(match!.start, match!.end)).toBe(c.expect_text);
    if ('expect_parent_tag' in c) {
      const anchorText = 'Donec non enim';
      const inAnchor = pageText.indexOf(anchorText);
      expect(match!.start).toBeGreaterThanOrEqual(inAnchor);
      expect(match!.end).toBeLessThanOrEqual(inAnchor + anchorText.length);
    }
  });

  it('hint prioritizes matches', () => {
    const first = pageText.indexOf('Aenean');
    const last = pageText.lastIndexOf('Aenean');
    expect(first).not.toBe(last);
    expect(matchQuote(pageText, 'Aenean', { hint: first })!.start).toBe(first);
    expect(matchQuote(pageText, 'Aenean', { hint: last })!.start).toBe(last);
  });
});

describe('runner-up and modes', () => {
  const text =
    'The council approved the new budget on Monday after a long debate. ' +
    'Residents protested outside the hall. ' +
    'The council approved the new budget on Monday after a long debate. ' +
    'The mayor said nothing.';
  const quote = 'The council approved the new budget on Monday';

  it('reports the best place elsewhere, so callers can see a tie', () => {
    const match = matchQuote(text, quote)!;
    expect(match.runnerUp).not.toBeNull();
    expect(match.runnerUp!.start).toBe(text.lastIndexOf(quote));
    expect(match.runnerUpScore).toBe(match.score);
  });

  it('a runner-up that context rules out scores clearly lower', () => {
    const prefix = 'Residents protested outside the hall. ';
    const match = matchQuote(text, quote, { prefix })!;
    expect(match.start).toBe(text.lastIndexOf(quote));
    expect(match.score - match.runnerUpScore).toBeGreaterThan(0.2);
  });

  it('has no runner-up for a single place', () => {
    const match = matchQuote(text, 'Residents protested')!;
    expect(match.runnerUp).toBeNull();
    expect(match.runnerUpScore).toBe(0);
  });

  it('finds a look-alike one edit further away as the runner-up of a fuzzy match', () => {
    const edited = 'The councel approved the new budget on Munday after a long debate.';
    const page = `${edited} Other words here to separate. The council approved the new budgets on Monday after a long debate.`;
    const match = matchQuote(page, 'The council approved the new budget on Monday after a long debate.', { mode: 'fuzzy' })!;
    expect(match.start).toBeGreaterThan(edited.length);
    expect(match.runnerUp?.start).toBe(0);
  });

  it("'exact' never returns an edited place; 'fuzzy' weighs an edited original against an exact copy", () => {
    const original = 'The minister announced that taxes would rise by two percent next year.';
    const edited = original.replace('two', 'three');
    const page = `Breaking news. ${edited} Critics were quick to respond. Pull quote: "${original}"`;
    expect(matchQuote(page, 'taxes would rise by four percent', { mode: 'exact' })).toBeNull();
    const context = { prefix: 'Breaking news. ', suffix: ' Critics were quick to respond.' };
    const auto = matchQuote(page, original, context)!;
    expect(auto.start).toBe(page.indexOf(original)); // the copy: exact wins when edits are not searched
    const fuzzy = matchQuote(page, original, { ...context, mode: 'fuzzy' })!;
    expect(fuzzy.start).toBe(page.indexOf(edited));
    expect(fuzzy.errors).toBeGreaterThan(0);
    expect(fuzzy.runnerUp?.start).toBe(page.indexOf(original));
  });
});

describe('error density: edits spread out versus a replaced stretch', () => {
  const sentence = 'Quisque sit amet est et sapien ullamcorper pharetra, vestibulum erat wisi.';

  it('accepts a quote with scattered typos', () => {
    const typos = 'Quisqe sit amet est et sapein ullamcorper pharetra, vestibulm erat wisi.';
    const match = matchQuote(sentence, typos);
    expect(match).not.toBeNull();
    expect(match!.errors).toBeGreaterThanOrEqual(3);
  });

  it('rejects a quote with as many edits packed into one stretch', () => {
    const replaced = 'Quisque sit amet est et sapien ullam triceracorn, vestibulum erat wisi.';
    expect(search(sentence, replaced, 30).length).toBeGreaterThan(0);
    expect(matchQuote(sentence, replaced)).toBeNull();
  });
});

describe('excluded text (script and style contents)', () => {
  const visible = 'The council approved the new budget on Monday after a long debate.';
  const json = '{"body":"The council approved the new budget on Monday after a long debate."}';
  const text = `${json} Intro. ${visible.replace('Monday', 'Tuesday')} Outro.`;
  const exclude = [{ start: 0, end: json.length }];

  it('never returns an exact or fuzzy place inside an excluded span', () => {
    expect(matchQuote(text, visible)!.start).toBeLessThan(json.length);
    const match = matchQuote(text, visible, { exclude })!;
    expect(match.start).toBeGreaterThan(json.length);
    expect(match.errors).toBeGreaterThan(0);
    expect(match.runnerUp).toBeNull();
    expect(matchQuote(text, visible, { exclude, mode: 'exact' })).toBeNull();
  });

  it('searches every region between excluded spans', () => {
    const page = `a ${visible} b ${json} c ${visible} d`;
    const first = page.indexOf(visible);
    const last = page.lastIndexOf(visible);
    const at = page.indexOf(json);
    const match = matchQuote(page, visible, { exclude: [{ start: at, end: at + json.length }] })!;
    expect([match.start, match.runnerUp!.start].sort((x, y) => x - y)).toEqual([first, last]);
  });
});
