import { describe, expect, it } from 'vitest';
import { anchorInDocument } from '../../../src/anchoring/anchor-in-document';
import { describeRange } from '../../../src/anchoring/describe-range';
import { readDomText } from '../../../src/anchoring/dom-text';
import type { PassageSelectors } from '../../../src/anchoring/selectors';
import minimalHtml from '../../fixtures/anchoring/hypothesis/minimal.html?raw';
import minimalJson from '../../fixtures/anchoring/hypothesis/minimal.json';
import wikipediaHtml from '../../fixtures/anchoring/hypothesis/wikipedia-regression-testing.html?raw';
import wikipediaJson from '../../fixtures/anchoring/hypothesis/wikipedia-regression-testing.json';
import { parsePage } from './fixture-dom';

// Hypothesis's saved pages and the annotations stored on them: each must anchor on the quote it
// was made from, and describing the anchored range again must give back what Hypothesis stored.
// Hypothesis positions count UTF-16 units.

interface StoredSelector {
  type: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
}

function selectorsOf(row: { target: { selector: StoredSelector[] }[] }): PassageSelectors {
  const list = row.target[0]!.selector;
  const quote = list.find((s) => s.type === 'TextQuoteSelector')!;
  const position = list.find((s) => s.type === 'TextPositionSelector')!;
  return {
    quote: { type: 'TextQuoteSelector', exact: quote.exact!, prefix: quote.prefix!, suffix: quote.suffix! },
    position: { type: 'TextPositionSelector', start: position.start!, end: position.end! },
    positionUnit: 'utf-16',
  };
}

const PAGES = [
  { name: 'minimal', html: minimalHtml, rows: minimalJson.rows },
  { name: 'wikipedia-regression-testing', html: wikipediaHtml, rows: wikipediaJson.rows },
];

describe.each(PAGES)("Hypothesis's saved page $name", ({ html, rows }) => {
  const body = parsePage(html).body;
  const domText = readDomText(body);

  it('has the annotations the fixture promises', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(domText.text).toBe(body.textContent);
  });

  it.each(rows.map((row) => ({ id: row.id, row })))('anchors annotation $id on its quote', ({ row }) => {
    const stored = selectorsOf(row as never);
    const { result, range } = anchorInDocument(domText, stored);
    expect(result.state).toBe('anchored');
    expect(range!.toString()).toBe(stored.quote.exact);

    const described = describeRange(domText, range!);
    expect(described.quote.exact).toBe(stored.quote.exact);
    // Same text model, same 32-unit context: what we describe is exactly what Hypothesis stored.
    expect(described.quote.prefix).toBe(stored.quote.prefix);
    expect(described.quote.suffix).toBe(stored.quote.suffix);
  });
});

describe('a stale TextPositionSelector falls back to the quote', () => {
  const body = parsePage(wikipediaHtml).body;
  const domText = readDomText(body);
  const annotations = wikipediaJson.rows.map((row) => selectorsOf(row as never));
  const stale = annotations.filter((s) => domText.text.slice(s.position!.start, s.position!.end) !== s.quote.exact);
  const fresh = annotations.filter((s) => !stale.includes(s));

  it('the saved Wikipedia page has stale positions (the footer, after <noscript>) and valid ones', () => {
    expect(stale.map((s) => s.quote.exact)).toContain('11 November 2016');
    expect(fresh.length).toBeGreaterThan(0);
  });

  it.each(stale.map((s) => ({ exact: s.quote.exact.slice(0, 40), s })))('stale: "$exact"', ({ s }) => {
    const { result, range } = anchorInDocument(domText, s);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote' });
    expect(range!.toString()).toBe(s.quote.exact);
  });

  it.each(fresh.map((s) => ({ exact: s.quote.exact.slice(0, 40), s })))('valid: "$exact" anchors by position', ({ s }) => {
    const { result } = anchorInDocument(domText, s);
    expect(result).toMatchObject({ state: 'anchored', method: 'position', start: s.position!.start, end: s.position!.end });
  });
});
