import { afterEach, describe, expect, it } from 'vitest';
import { anchorInDocument, rangeForAnchor } from '../../../src/anchoring/anchor-in-document';
import { describeRange } from '../../../src/anchoring/describe-range';
import { rangeFromOffsets, rangeToOffsets, readDomText, textOffsetOf } from '../../../src/anchoring/dom-text';
import { loadIntoContainer } from './fixture-dom';

// The DOM edge of anchoring: reading a root's text nodes, DOM boundary points ↔ offsets, and
// offsets → Range, with the boundaries real selections have.

afterEach(() => document.body.replaceChildren());

describe('readDomText', () => {
  it('is the root\'s textContent: every text node, hidden or not, scripts and styles included', () => {
    const root = loadIntoContainer(
      '<p>One <b>two</b></p><div hidden>three</div><script>var four;</script><style>.five{}</style><!-- six --><p>seven</p>',
      'div',
    );
    const domText = readDomText(root);
    expect(domText.text).toBe(root.textContent);
    expect(domText.nodes.map((n) => n.data)).toEqual(['One ', 'two', 'three', 'var four;', '.five{}', 'seven']);
    expect(domText.starts).toEqual([0, 4, 7, 12, 21, 28]);
    // script and style text counts for positions but is marked: no passage can be there
    expect(domText.inert).toEqual([{ start: 12, end: 28 }]);
  });

  it('never anchors into a script, where pages keep JSON copies of their article', () => {
    const sentence = 'The council approved the new budget on Monday after a long debate.';
    const root = loadIntoContainer(
      `<p>Intro paragraph.</p><p id="s">${sentence}</p><p>Next paragraph.</p>` +
        `<script type="application/json">{"body":"Intro paragraph. ${sentence} Next paragraph."}</script>`,
      'div',
    );
    const range = document.createRange();
    range.selectNodeContents(root.querySelector('#s')!);
    const selectors = describeRange(root, range);
    root.querySelector('#s')!.remove();
    const { result, range: found } = anchorInDocument(root, selectors);
    expect(found).toBeNull();
    expect(result.state).toBe('orphaned');
  });

  it('leaves out our own UI in a shadow root', () => {
    const root = loadIntoContainer('<p>Page text.</p>', 'div');
    const host = document.createElement('crosscheck-ui');
    host.attachShadow({ mode: 'open' }).innerHTML = '<div>Card: mostly false</div>';
    root.append(host);
    expect(readDomText(root).text).toBe('Page text.');
  });

  it('reads a text node given as the root', () => {
    const root = loadIntoContainer('<p>alone</p>', 'div');
    expect(readDomText(root.querySelector('p')!.firstChild!).text).toBe('alone');
  });
});

describe('boundary points → offsets', () => {
  const html = '<p id="a">Alpha <em>beta</em></p><!--c--><p id="b"><span></span>gamma</p>';

  it('maps points in text nodes directly and element points to the next text', () => {
    const root = loadIntoContainer(html, 'div');
    const domText = readDomText(root);
    expect(domText.text).toBe('Alpha betagamma');
    const a = root.querySelector('#a')!;
    const b = root.querySelector('#b')!;
    expect(textOffsetOf(domText, a.firstChild!, 2)).toBe(2);
    expect(textOffsetOf(domText, a, 0)).toBe(0);
    expect(textOffsetOf(domText, a, 1)).toBe(6); // before <em>
    expect(textOffsetOf(domText, a, 2)).toBe(10); // after <em>: where gamma begins
    expect(textOffsetOf(domText, root, 1)).toBe(10); // before the comment
    expect(textOffsetOf(domText, root.childNodes[1]!, 0)).toBe(10); // inside the comment
    expect(textOffsetOf(domText, b, 1)).toBe(10); // after the empty span
    expect(textOffsetOf(domText, root, root.childNodes.length)).toBe(15);
  });

  it('maps points outside the root to its start or end', () => {
    const root = loadIntoContainer(html, 'div');
    const before = document.createElement('p');
    const after = document.createElement('p');
    root.before(before);
    root.after(after);
    const domText = readDomText(root);
    expect(textOffsetOf(domText, before, 0)).toBe(0);
    expect(textOffsetOf(domText, after, 0)).toBe(15);
  });

  it('describes a triple-click style selection (element boundaries) as the paragraph text', () => {
    const root = loadIntoContainer('<p id="a">First paragraph.</p><p id="b">Second paragraph.</p>', 'div');
    const range = document.createRange();
    range.setStart(root.querySelector('#b')!, 0);
    range.setEnd(root, 2);
    const selectors = describeRange(root, range);
    expect(selectors.quote).toMatchObject({ exact: 'Second paragraph.', prefix: 'First paragraph.', suffix: '' });
    expect(selectors.position).toEqual({ type: 'TextPositionSelector', start: 16, end: 33 });
  });
});

describe('offsets → Range', () => {
  it('starts in the next node and ends in the previous one at a node boundary', () => {
    const root = loadIntoContainer('<p>ab<b>cd</b><i></i>ef</p>', 'div');
    const domText = readDomText(root);
    const range = rangeFromOffsets(domText, 2, 4)!;
    expect(range.startContainer.textContent).toBe('cd');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.textContent).toBe('cd');
    expect(range.endOffset).toBe(2);
    expect(rangeToOffsets(domText, range)).toEqual({ start: 2, end: 4 });
  });

  it('gives a collapsed range for an empty span and null outside the text', () => {
    const root = loadIntoContainer('<p>abc</p>', 'div');
    const domText = readDomText(root);
    expect(rangeFromOffsets(domText, 1, 1)!.collapsed).toBe(true);
    expect(rangeFromOffsets(domText, 2, 9)).toBeNull();
    expect(rangeFromOffsets(readDomText(loadIntoContainer('<p></p>', 'div')), 0, 0)).toBeNull();
  });

  it('returns null once the anchored nodes have left the page', () => {
    const root = loadIntoContainer('<p id="p">The passage that will be removed by the page.</p><p>Other.</p>', 'div');
    const domText = readDomText(root);
    const range = document.createRange();
    range.selectNodeContents(root.querySelector('#p')!);
    const { result } = anchorInDocument(domText, describeRange(domText, range));
    expect(result.state).toBe('anchored');
    root.querySelector('#p')!.remove();
    expect(rangeForAnchor(domText, result)).toBeNull();
  });

  it('returns no range for an orphan', () => {
    const root = loadIntoContainer('<p>Nothing to see.</p>', 'div');
    const { result, range } = anchorInDocument(root, {
      quote: { type: 'TextQuoteSelector', exact: 'A sentence that is not on this page at all.', prefix: '', suffix: '' },
    });
    expect(result.state).toBe('orphaned');
    expect(range).toBeNull();
  });
});

describe('round trip through a changed DOM', () => {
  it('re-anchors a passage split across inline elements after a paragraph is inserted before it', () => {
    const root = loadIntoContainer(
      '<p>Intro paragraph with some words.</p><p id="t">North Korea sent <em>between ten and twelve thousand</em> soldiers to fight.</p>',
      'div',
    );
    const range = document.createRange();
    const target = root.querySelector('#t')!;
    range.setStart(target.firstChild!, 6);
    range.setEnd(target.querySelector('em')!.firstChild!, 11);
    expect(range.toString()).toBe('Korea sent between ten');
    const selectors = describeRange(root, range);
    const inserted = document.createElement('p');
    inserted.textContent = 'An update was added at the top of the article.';
    root.prepend(inserted);
    const { result, range: again } = anchorInDocument(root, selectors);
    expect(result).toMatchObject({ state: 'anchored', method: 'quote' });
    expect(again!.toString()).toBe('Korea sent between ten');
    expect(again!.endContainer.parentElement!.tagName).toBe('EM');
  });
});
