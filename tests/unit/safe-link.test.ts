import { describe, expect, it } from 'vitest';
import { safeHttpUrl, textFragmentUrl } from '../../src/ui/safe-link';

/** The text directive of a link, split into its (still encoded) terms. */
const directiveTerms = (link: string | null): string[] => {
  if (!link) throw new Error('expected a link');
  const directive = link.split(':~:text=')[1];
  if (directive === undefined) throw new Error(`no text directive in ${link}`);
  return directive.split(',');
};

describe('safeHttpUrl', () => {
  it.each(['https://example.org/a?b=c#d', 'http://127.0.0.1:4317/articles/x.html', 'HTTPS://Example.org'])(
    'allows %s',
    (url) => {
      expect(safeHttpUrl(url)).toBe(new URL(url).href);
    },
  );

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'ftp://example.org/file',
    '/relative/path',
    '//example.org/protocol-relative',
    'not a url at all',
    '',
  ])('refuses %j', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
  });
});

describe('textFragmentUrl', () => {
  it('links to a short quote, encoding "-", "," and "&" that are directive syntax', () => {
    const quote = 'well-known facts, figures & more';
    const link = textFragmentUrl('https://example.org/page', quote);
    expect(link?.startsWith('https://example.org/page#:~:text=')).toBe(true);
    const terms = directiveTerms(link);
    expect(terms).toHaveLength(1);
    expect(terms[0]).not.toMatch(/[-,&]/);
    expect(terms[0]).toContain('%2D');
    expect(terms[0]).toContain('%2C');
    expect(terms[0]).toContain('%26');
    expect(decodeURIComponent(terms[0]!)).toBe(quote);
  });

  it('gives a quote of ten words whole, and a longer one as its first and last five words', () => {
    const ten = 'one two three four five six seven eight nine ten';
    expect(directiveTerms(textFragmentUrl('https://example.org/', ten)).map(decodeURIComponent)).toEqual([ten]);

    const quote = 'Estimates place their numbers between 10,000 and 12,000, with satellite images suggesting transport.';
    const words = quote.split(' ');
    const terms = directiveTerms(textFragmentUrl('https://example.org/', `  ${quote.replaceAll(' ', ' \n ')} `));
    expect(terms.map(decodeURIComponent)).toEqual([words.slice(0, 5).join(' '), words.slice(-5).join(' ')]);
  });

  it('keeps an existing fragment before the directive and replaces an old directive', () => {
    expect(textFragmentUrl('https://example.org/page#section-2', 'some quote')).toBe(
      'https://example.org/page#section-2:~:text=some%20quote',
    );
    expect(textFragmentUrl('https://example.org/page#top:~:text=old', 'new words')).toBe(
      'https://example.org/page#top:~:text=new%20words',
    );
  });

  it('makes no link for a non-http(s) URL', () => {
    expect(textFragmentUrl('javascript:alert(1)', 'a quote')).toBeNull();
    expect(textFragmentUrl('data:text/html,hi', 'a quote')).toBeNull();
    expect(textFragmentUrl('/relative', 'a quote')).toBeNull();
  });
});
