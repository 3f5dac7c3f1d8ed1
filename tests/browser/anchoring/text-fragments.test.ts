import { afterEach, describe, expect, it } from 'vitest';
import { anchorInDocument } from '../../../src/anchoring/anchor-in-document';
import { describeRange } from '../../../src/anchoring/describe-range';
import { rangeFromOffsets, readDomText, type DomText } from '../../../src/anchoring/dom-text';
import { normalizeWhitespace, rawRange } from '../../../src/anchoring/normalize-whitespace';
import basicTestJson from '../../fixtures/anchoring/text-fragments-polyfill/data-driven/basic_test.json';
import basicTestHtml from '../../fixtures/anchoring/text-fragments-polyfill/data-driven/basic_test.html?raw';
import fragments from '../../fixtures/anchoring/text-fragments-polyfill/cases.json';
import { loadIntoContainer } from './fixture-dom';

// The text-fragments-polyfill pages, used where they fit our quote model: each case's expected
// text on its page becomes a passage; we describe it and anchor it again (with and without the
// stored position). Text directives themselves (#:~:text=prefix-,start,end,-suffix) are not our
// format; the cases that only test their syntax or their rules are skipped, each with its reason.

const pages = import.meta.glob('../../fixtures/anchoring/text-fragments-polyfill/unit/*.html', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const pageHtml = (fixture: string): string => {
  const html = pages[`../../fixtures/anchoring/text-fragments-polyfill/${fixture}`];
  if (html === undefined) throw new Error(`fixture ${fixture} not copied`);
  return html;
};

afterEach(() => document.body.replaceChildren());

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/**
 * Ranges over the occurrences of `expected` (compared with whitespace collapsed, as the
 * polyfill's marked text is) in the page text: whole-word ones when there are any. A <br> adds
 * no text to textContent, so on br-tags.html "elle" follows "é" directly and only the
 * non-word-bounded occurrence exists.
 */
function occurrences(domText: DomText, expected: string): Range[] {
  const normalized = normalizeWhitespace(domText.text);
  const needle = expected.replace(/\s+/g, ' ');
  const all: { at: number; bounded: boolean }[] = [];
  for (let at = normalized.text.indexOf(needle); at >= 0; at = normalized.text.indexOf(needle, at + 1))
    all.push({ at, bounded: !isWordChar(normalized.text[at - 1]) && !isWordChar(normalized.text[at + needle.length]) });
  const chosen = all.some((o) => o.bounded) ? all.filter((o) => o.bounded) : all;
  return chosen.map(({ at }) => {
    const raw = rawRange(normalized, at, at + needle.length);
    return rangeFromOffsets(domText, raw.start, raw.end)!;
  });
}

const parentId = (node: Node): string | undefined => (node.nodeType === Node.TEXT_NODE ? node.parentElement?.id : (node as Element).id);

function roundTrip(root: HTMLElement, range: Range) {
  const domText = readDomText(root);
  const text = range.toString();
  const selectors = describeRange(domText, range);
  const full = anchorInDocument(domText, selectors);
  expect(full.result).toMatchObject({ state: 'anchored', method: 'position' });
  expect(full.range!.toString()).toBe(text);
  const quoteOnly = anchorInDocument(domText, { quote: selectors.quote });
  expect(quoteOnly.result.state).toBe('anchored');
  expect(quoteOnly.range!.toString()).toBe(text);
  expect(quoteOnly.range!.compareBoundaryPoints(Range.START_TO_START, range)).toBe(0);
}

type Case = (typeof fragments.cases)[number] & Record<string, unknown>;
const markedCases = fragments.cases.filter((c): c is Case & { expect_marked_text: string } => 'expect_marked_text' in c);

describe('text-fragments-polyfill: expected passages as quotes', () => {
  it.each(markedCases.map((c) => ({ label: `${c.fixture} ${decodeURIComponent(c.fragment ?? '')}`, c })))('$label', ({ c }) => {
    const root = loadIntoContainer(pageHtml(c.fixture), 'div');
    const candidates = occurrences(readDomText(root), c.expect_marked_text).filter(
      (range) =>
        (c.expect_first_mark_parent_id === undefined || parentId(range.startContainer) === c.expect_first_mark_parent_id) &&
        (c.expect_last_mark_parent_id === undefined || parentId(range.endContainer) === c.expect_last_mark_parent_id),
    );
    expect(candidates.length).toBeGreaterThan(0);
    roundTrip(root, candidates[0]!);
  });

  it('table.html: a passage across table cells ("First named" … "2014")', () => {
    const root = loadIntoContainer(pageHtml('unit/table.html'), 'div');
    const domText = readDomText(root);
    const start = domText.text.indexOf('First named');
    const end = domText.text.indexOf('2014', start) + 4;
    roundTrip(root, rangeFromOffsets(domText, start, end)!);
  });

  it('table.html: "12" anchors to its own cell, not inside "2012"', () => {
    const root = loadIntoContainer(pageHtml('unit/table.html'), 'div');
    const cell = root.querySelectorAll('td')[1]!;
    expect(cell.textContent).toBe('12');
    const range = document.createRange();
    range.selectNodeContents(cell);
    const domText = readDomText(root);
    expect(domText.text.split('12').length - 1).toBeGreaterThan(1);
    const { quote } = describeRange(domText, range);
    const anchored = anchorInDocument(domText, { quote });
    expect(anchored.result.state).toBe('anchored');
    expect(anchored.range!.startContainer.parentElement).toBe(cell);
  });

  it('ambiguous-match.html: each "target" anchors to its own element from its context', () => {
    const root = loadIntoContainer(pageHtml('unit/ambiguous-match.html'), 'div');
    for (const id of ['target1', 'target2', 'target3', 'target4']) {
      const range = document.createRange();
      range.selectNodeContents(root.querySelector(`#${id}`)!);
      const domText = readDomText(root);
      const { quote } = describeRange(domText, range);
      const anchored = anchorInDocument(domText, { quote });
      expect(anchored.result.state, id).toBe('anchored');
      expect(parentId(anchored.range!.startContainer)).toBe(id);
    }
  });

  it('ambiguous-match.html: "target" with no context is never anchored (it occurs four times)', () => {
    const root = loadIntoContainer(pageHtml('unit/ambiguous-match.html'), 'div');
    const { result } = anchorInDocument(root, { quote: { type: 'TextQuoteSelector', exact: 'target', prefix: '', suffix: '' } });
    expect(result.state).not.toBe('anchored');
  });

  it('data-driven basic_test: the selected text round-trips', () => {
    const root = loadIntoContainer(basicTestHtml.replace(/<!DOCTYPE html>/i, ''), 'div');
    const node = root.querySelector(`#${basicTestJson.startParentId}`)!.childNodes[basicTestJson.startOffsetInParent]!;
    const range = document.createRange();
    range.setStart(node, basicTestJson.startTextOffset);
    range.setEnd(node, basicTestJson.endTextOffset);
    expect(range.toString()).toBe(basicTestJson.selectedText);
    roundTrip(root, range);
  });
});

describe('text-fragments-polyfill cases outside our model', () => {
  const skipped = fragments.cases.filter((c) => !('expect_marked_text' in c));
  const reason = (c: Case): string => {
    if (c.fixture === 'unit/hidden-overflow.html')
      return 'visibility rules: our text model counts hidden text (positions must not move when styles change)';
    if ('all_matches_directive' in c) return 'counts matches of a text directive (start,end range syntax), not a quote';
    return 'prefix/suffix as hard constraints of a directive; ours are evidence, scored';
  };
  it('are all accounted for', () => {
    expect(markedCases.length + skipped.length).toBe(fragments.cases.length);
  });
  for (const c of skipped as Case[])
    it.skip(`${c.fixture} ${decodeURIComponent(String(c.fragment ?? c.all_matches_directive))}: ${reason(c)}`, () => {});
});
