import { describe, expect, it } from 'vitest';
import { annotationExportFileName } from '../../src/ui/options/annotation-export';
import { passageUrl, textDirective } from '../../src/ui/options/annotation-links';
import { importSummary } from '../../src/ui/options/AnnotationImport';

/** The terms of a link's text directive, decoded. */
const terms = (link: string | null): string[] => {
  if (!link) throw new Error('expected a link');
  const directive = link.split('#')[1]?.split(':~:text=')[1];
  if (directive === undefined) throw new Error(`no text directive in ${link}`);
  return directive.split(',').map(decodeURIComponent);
};

describe('passageUrl', () => {
  it('gives prefix-,exact,-suffix with a few whole words of context', () => {
    const link = passageUrl('https://example.org/story', {
      exact: 'the sea ice is growing',
      prefix: 'ficials said on Monday that ',
      suffix: ' again, despite the warm winter',
    });
    expect(link?.startsWith('https://example.org/story#:~:text=')).toBe(true);
    // "ficials" may be the end of a word cut in two: it is left out.
    expect(terms(link)).toEqual(['on Monday that-', 'the sea ice is growing', '-again, despite the']);
  });

  it('percent-encodes "-", "," and "&" inside terms, so only directive syntax is literal', () => {
    const link = passageUrl('https://example.org/', { exact: 'well-known facts, figures & more', prefix: ' a - b ', suffix: ' x,y ' });
    const directive = link!.split(':~:text=')[1]!;
    const raw = directive.split(',');
    expect(raw).toHaveLength(3);
    expect(raw[0]!.endsWith('-')).toBe(true);
    expect(raw[0]!.slice(0, -1)).not.toMatch(/[-,&]/);
    expect(raw[1]).not.toMatch(/[-,&]/);
    expect(raw[1]).toContain('%2D');
    expect(raw[1]).toContain('%2C');
    expect(raw[1]).toContain('%26');
    expect(raw[2]!.startsWith('-')).toBe(true);
    expect(raw[2]!.slice(1)).not.toMatch(/[-,&]/);
    expect(decodeURIComponent(raw[1]!)).toBe('well-known facts, figures & more');
    expect(decodeURIComponent(raw[0]!.slice(0, -1))).toBe('a - b');
    expect(decodeURIComponent(raw[2]!.slice(1))).toBe('x,y');
  });

  it('gives a long quote as textStart,textEnd: its first and last five words', () => {
    const exact = 'Estimates place their numbers between 10,000 and 12,000, with satellite images suggesting transport.';
    const words = exact.split(' ');
    expect(terms(passageUrl('https://example.org/', { exact }))).toEqual([
      words.slice(0, 5).join(' '),
      words.slice(-5).join(' '),
    ]);
    const ten = 'one two three four five six seven eight nine ten';
    expect(terms(passageUrl('https://example.org/', { exact: ten }))).toEqual([ten]);
  });

  it('gives a quote across lines (blocks) as textStart,textEnd, whitespace collapsed', () => {
    expect(terms(passageUrl('https://example.org/', { exact: 'A heading\n\n   First   words of the paragraph' }))).toEqual([
      'A heading',
      'First words of the paragraph',
    ]);
  });

  it('keeps context to the line next to the quote', () => {
    const link = passageUrl('https://example.org/', {
      exact: 'the passage',
      prefix: 'Other block text\n  Intro to ',
      suffix: ' ends.\nNext block words',
    });
    expect(terms(link)).toEqual(['Intro to-', 'the passage', '-ends.']);
  });

  it('takes context from the line before or after when the quote starts or ends a line', () => {
    const link = passageUrl('https://example.org/', {
      exact: 'Paragraph start',
      prefix: 'and the heading before it\n   ',
      suffix: '\n  After the break here',
    });
    expect(terms(link)).toEqual(['heading before it-', 'Paragraph start', '-After the break']);
  });

  it('leaves context out when it is blank or only part of a word', () => {
    expect(terms(passageUrl('https://example.org/', { exact: 'just this', prefix: '', suffix: '' }))).toEqual(['just this']);
    expect(terms(passageUrl('https://example.org/', { exact: 'just this', prefix: 'xyz', suffix: 'abc' }))).toEqual(['just this']);
    expect(terms(passageUrl('https://example.org/', { exact: 'just this', prefix: '  \n ', suffix: ' \n' }))).toEqual(['just this']);
  });

  it('keeps an existing fragment before the directive and replaces an old directive', () => {
    expect(passageUrl('https://example.org/page#section-2', { exact: 'some quote' })).toBe(
      'https://example.org/page#section-2:~:text=some%20quote',
    );
    expect(passageUrl('https://example.org/page#top:~:text=old', { exact: 'new words' })).toBe(
      'https://example.org/page#top:~:text=new%20words',
    );
  });

  it('makes no link for a non-http(s) URL, and a plain one for a blank quote', () => {
    expect(passageUrl('javascript:alert(1)', { exact: 'a quote' })).toBeNull();
    expect(passageUrl('data:text/html,hi', { exact: 'a quote' })).toBeNull();
    expect(passageUrl('https://example.org/a', { exact: ' \n ' })).toBe('https://example.org/a');
    expect(textDirective({ exact: '   ' })).toBeNull();
  });
});

describe('export and import wording', () => {
  it('names the export file by the local date', () => {
    expect(annotationExportFileName(new Date(2025, 0, 7, 23, 59))).toBe('crosscheck-annotations-2025-01-07.jsonld');
  });

  it('summarises an import', () => {
    expect(importSummary({ added: 3, duplicates: 1 })).toBe('Imported 3 annotations (1 already there).');
    expect(importSummary({ added: 1, duplicates: 0 })).toBe('Imported 1 annotation (0 already there).');
  });
});
