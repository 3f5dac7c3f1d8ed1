import { afterEach, describe, expect, it } from 'vitest';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import { BLOCK_BREAK } from '../../src/matching/tokenize';
import { rangeForOffsets, readPageText, type PageText } from '../../src/page/read-page-text';

// Reading the page as a reader sees it, in a real Chromium: what is hidden stays out, what is
// rendered as one word reads as one word, and offsets in the text map back to the right DOM text.

const read = (html: string, options?: Parameters<typeof readPageText>[1]): PageText => {
  document.body.innerHTML = html;
  return readPageText(document.body, options);
};

/** The text split into blocks, with whitespace collapsed and empty blocks dropped. */
const blocks = (text: string): string[] =>
  text
    .split(BLOCK_BREAK)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

const phraseHits = (phrasing: string, text: string) =>
  matchText([buildClaimIndex([{ key: 'claim', phrasings: [phrasing] }]).snapshot], text).filter((m) => m.tier === 'confirmed');

afterEach(() => {
  document.body.innerHTML = '';
});

describe('readPageText: what is skipped', () => {
  const hiddenCases: Array<[string, string]> = [
    ['script', '<script type="text/plain">SECRET words here</script>'],
    ['style', '<style>/* SECRET words here */</style>'],
    ['noscript', '<noscript>SECRET words here</noscript>'],
    ['template', '<template><p>SECRET words here</p></template>'],
    ['textarea', '<textarea>SECRET words here</textarea>'],
    ['input', '<input value="SECRET words here">'],
    ['select', '<select><option>SECRET words here</option></select>'],
    ['button', '<button type="button">SECRET words here</button>'],
    ['hidden attribute', '<div hidden>SECRET words here</div>'],
    ['hidden attribute on an inline element', '<p>visible <span hidden>SECRET words here</span></p>'],
    ['display:none', '<div style="display:none">SECRET words here</div>'],
    ['display:none from a stylesheet', '<style>.gone{display:none}</style><p class="gone">SECRET words here</p>'],
    ['visibility:hidden', '<div style="visibility:hidden">SECRET words here</div>'],
    ['contenteditable', '<div contenteditable="true">SECRET words here</div>'],
    ['inside contenteditable', '<div contenteditable><p><b>SECRET words here</b></p></div>'],
    // the walk goes on past the skipped element from three levels down
    ['the last of nested elements', '<div><section><p>kept <span hidden>SECRET words here</span></p></section></div>'],
  ];

  it.each(hiddenCases)('skips %s', (_, html) => {
    const page = read(`<p>Before the element.</p>${html}<p>After the element.</p>`);
    expect(page.text).not.toContain('SECRET');
    expect(page.text).toContain('Before the element.');
    expect(page.text).toContain('After the element.');
    // nothing of the skipped element is a mapped text node either
    expect(page.nodes.some((node) => node.data.includes('SECRET'))).toBe(false);
  });

  it('skips an element the caller excludes (our own UI), with everything inside it', () => {
    const page = read('<p>Article text.</p><crosscheck-ui><div><p>SECRET card text</p></div></crosscheck-ui>', {
      excludeTag: 'CROSSCHECK-UI',
    });
    expect(page.text).not.toContain('SECRET');
    expect(page.text).toContain('Article text.');
  });

  it('reads nothing of a block added inside an editable region, nor of a page in design mode', () => {
    // (Editable regions are looked for once per read: a root inside one is not inside the query's scope.)
    document.body.innerHTML = '<div contenteditable><p id="added">SECRET words here</p></div>';
    expect(readPageText(document.getElementById('added')!).text).toBe('');
    document.body.innerHTML = '<p>SECRET words here</p>';
    document.designMode = 'on';
    try {
      expect(readPageText(document.body).text).not.toContain('SECRET');
      // (From the document, only the design mode tells: the root is not an element.)
      expect(readPageText(document).text).not.toContain('SECRET');
    } finally {
      document.designMode = 'off';
    }
    expect(readPageText(document.body).text).toContain('SECRET');
  });

  it('keeps reading what a contenteditable="false" region holds, and what follows a hidden attribute set later', () => {
    document.body.innerHTML = '<div contenteditable="false"><p>Kept words here</p></div><p id="later">Later words</p>';
    expect(readPageText(document.body).text).toContain('Kept words here');
    document.getElementById('later')!.hidden = true;
    expect(readPageText(document.body).text).not.toContain('Later words');
  });

  it('reads nothing when the root itself is hidden', () => {
    document.body.innerHTML = '<div id="root" hidden><p>SECRET words here</p></div>';
    const page = readPageText(document.getElementById('root')!);
    expect(page.text).toBe('');
    expect(page.nodes).toEqual([]);
  });

  it('reads the children of a display:contents element', () => {
    const page = read('<div style="display:contents"><p>Shown through contents.</p><span>Inline child too</span></div>');
    expect(blocks(page.text)).toEqual(['Shown through contents.', 'Inline child too']);
  });
});

describe('readPageText: words and blocks', () => {
  it('reads a word split across inline elements as one word', () => {
    const page = read('<p>Troops in Ukr<em>aine</em> and <b>Ru</b><i>ss</i>ia today.</p>');
    expect(blocks(page.text)).toEqual(['Troops in Ukraine and Russia today.']);
    expect(phraseHits('troops in ukraine and russia', page.text)).toHaveLength(1);
  });

  it.each([
    ['plain', 'foo<br>bar'],
    ['br before an inline element', 'foo<br><em>bar</em>'],
    ['br at the end of an inline element', '<em>foo<br></em>bar'],
    ['br followed by a comment', 'foo<br><!-- note -->bar'],
    ['br followed by a script', 'foo<br><script type="text/plain">x</script>bar'],
    ['br followed by a hidden element', 'foo<br><span hidden>x</span>bar'],
  ])('never reads words on both sides of a <br> as one word (%s)', (_, html) => {
    const page = read(`<p>${html}</p>`);
    expect(page.text).toContain('foo');
    expect(page.text).toContain('bar');
    expect(page.text).not.toContain('foobar');
  });

  it('reads text around a <br> that is not displayed as one line', () => {
    const page = read('<p>foo<br style="display:none">bar</p>');
    expect(page.text).toBe('foobar');
  });

  it('counts a <br> as whitespace for matching, without it becoming a block boundary', () => {
    const page = read('<p>Kim Jong Un later<br>hailed the soldiers.</p>');
    const hits = phraseHits('Kim Jong Un later hailed the soldiers', page.text);
    expect(hits).toHaveLength(1);
    const range = rangeForOffsets(page, hits[0]!.start, hits[0]!.end)!;
    expect(range.startContainer.textContent).toBe('Kim Jong Un later');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.textContent).toBe('hailed the soldiers.');
  });

  it('separates different block elements with BLOCK_BREAK', () => {
    const page = read(
      '<h2>Heading words</h2><p>Paragraph words</p><ul><li>First item</li><li>Second item</li></ul>' +
        '<table><tr><td>Cell one</td><td>Cell two</td></tr></table><div>Division words</div>',
    );
    expect(blocks(page.text)).toEqual([
      'Heading words', 'Paragraph words', 'First item', 'Second item', 'Cell one', 'Cell two', 'Division words',
    ]);
  });

  it.each([
    ['p', '<p>alpha beta</p><p>gamma delta</p>'],
    ['li', '<ul><li>alpha beta</li><li>gamma delta</li></ul>'],
    ['h2', '<h2>alpha beta</h2><p>gamma delta</p>'],
    ['td', '<table><tr><td>alpha beta</td><td>gamma delta</td></tr></table>'],
    ['div', '<div>alpha beta<div>gamma delta</div></div>'],
  ])('never matches a phrase across two blocks (%s)', (_, html) => {
    const page = read(html);
    expect(phraseHits('alpha beta gamma delta', page.text)).toEqual([]);
    // the same words inside one block do match
    document.body.innerHTML = '<p>alpha beta gamma delta</p>';
    expect(phraseHits('alpha beta gamma delta', readPageText(document.body).text)).toHaveLength(1);
  });

  it('keeps non-breaking spaces, curly quotes and dashes as they are', () => {
    const page = read('<p>at least 3,000&nbsp;deaths — “groundless rumors,” it’s ill–prepared</p>');
    expect(page.text).toContain('3,000\u00a0deaths');
    expect(page.text).toContain('\u2014');
    expect(page.text).toContain('\u201cgroundless rumors,\u201d');
    expect(page.text).toContain('it\u2019s');
    expect(page.text).toContain('ill\u2013prepared');
  });
});

describe('rangeForOffsets', () => {
  const ARTICLE =
    '<article><h2>North <em>Korean</em> troops</h2>' +
    '<p>The <em>quick brown</em> fox <strong>jumps <a href="#">over</a></strong> the lazy&nbsp;dog.</p>' +
    '<ul><li>Ukr<em>aine</em> reported<br>losses</li><li>Second item</li></ul>' +
    '<p>Last <span></span>paragraph “quoted” — done.</p></article>';

  it('maps every text node’s span back to exactly that node’s text', () => {
    const page = read(ARTICLE);
    page.nodes.at(-1)!.after(document.createTextNode('')); // empty nodes must not confuse the lookup
    expect(page.nodes.length).toBeGreaterThan(10);
    page.nodes.forEach((node, i) => {
      const range = rangeForOffsets(page, page.starts[i]!, page.starts[i]! + node.length);
      expect(range?.toString(), `node ${i}: ${JSON.stringify(node.data)}`).toBe(node.data);
      expect(page.text.slice(page.starts[i]!, page.starts[i]! + node.length)).toBe(node.data);
    });
  });

  it.each([
    'quick brown fox jumps over',
    'brown fox jumps',
    'own fox jum',
    'North Korean troops',
    'Ukraine reported',
    'lazy\u00a0dog.',
    'paragraph “quoted” — done',
    'T',
  ])('round-trips a phrase found in the text: %s', (phrase) => {
    const page = read(ARTICLE);
    const start = page.text.indexOf(phrase);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(rangeForOffsets(page, start, start + phrase.length)?.toString()).toBe(phrase);
  });

  it('starts and ends a range inside different inline elements', () => {
    const page = read(ARTICLE);
    const phrase = 'brown fox jumps ov';
    const start = page.text.indexOf(phrase);
    const range = rangeForOffsets(page, start, start + phrase.length)!;
    expect(range.toString()).toBe(phrase);
    expect(range.startContainer.parentElement!.tagName).toBe('EM');
    expect(range.endContainer.parentElement!.tagName).toBe('A');
  });

  it('snaps an offset that falls on a BLOCK_BREAK to the next node', () => {
    const page = read('<p>First paragraph</p><p>Second paragraph</p>');
    const breakAt = page.text.indexOf(BLOCK_BREAK);
    expect(breakAt).toBe('First paragraph'.length);
    const end = page.text.indexOf('Second') + 'Second'.length;
    const range = rangeForOffsets(page, breakAt, end)!;
    expect(range.toString()).toBe('Second');
    expect(range.startContainer.textContent).toBe('Second paragraph');
    expect(range.startOffset).toBe(0);
  });

  it('returns null once the text has left the page', () => {
    const page = read('<p id="gone">Removed paragraph text</p><p>Staying paragraph text</p>');
    const start = page.text.indexOf('Removed');
    document.getElementById('gone')!.remove();
    expect(rangeForOffsets(page, start, start + 'Removed paragraph'.length)).toBeNull();
    const kept = page.text.indexOf('Staying');
    expect(rangeForOffsets(page, kept, kept + 7)?.toString()).toBe('Staying');
  });

  it('returns null for an empty span and for an empty page', () => {
    const page = read('<p>Some text</p>');
    expect(rangeForOffsets(page, 3, 3)).toBeNull();
    expect(rangeForOffsets(read('<p hidden>nothing</p>'), 0, 4)).toBeNull();
  });
});
