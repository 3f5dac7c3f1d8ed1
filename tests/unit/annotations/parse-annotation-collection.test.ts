import { describe, expect, it } from 'vitest';
import { CROSSCHECK_NS } from '../../../src/annotations/annotation-context';
import { deduplicateImports } from '../../../src/annotations/deduplicate-imports';
import { parseAnnotationCollection } from '../../../src/annotations/parse-annotation-collection';
import { annotationIdOf, toAnnotationCollection, toWebAnnotation } from '../../../src/annotations/to-annotation-collection';
import { errorOf, exportedRecords, okImport, onlyDraft, recordFromDraft, sampleNames, w3cJson, w3cText } from './fixtures';

const json = (value: unknown) => JSON.stringify(value);
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A foreign annotation on an http(s) page with a quote, overridable. */
const foreign = (overrides: Record<string, unknown> = {}) => ({
  '@context': CONTEXT,
  id: 'http://example.org/anno-x',
  type: 'Annotation',
  target: { source: 'https://example.com/page', selector: { type: 'TextQuoteSelector', exact: 'the passage', prefix: 'before ', suffix: ' after' } },
  ...overrides,
});

describe('parseAnnotationCollection: our own export', () => {
  it('reads back every field of what it exported: export → import → export gives the same JSON', () => {
    const records = exportedRecords();
    const exported = toAnnotationCollection(records);
    const result = okImport(parseAnnotationCollection(json(exported)));
    expect(result.format).toBe('w3c');
    expect(result.warnings).toEqual([]);
    expect(result.annotations).toHaveLength(records.length);

    const again = toAnnotationCollection(result.annotations.map(recordFromDraft));
    expect(again).toEqual(exported);
    expect(json(again)).toBe(json(exported));
  });

  it('gives drafts equal to the records for everything but what the caller decides', () => {
    const records = exportedRecords();
    const { annotations } = okImport(parseAnnotationCollection(json(toAnnotationCollection(records))));
    annotations.forEach((draft, i) => {
      const rec = records[i]!;
      const expected = {
        pageUrl: rec.pageUrl,
        pageTitle: rec.pageTitle,
        target: rec.target,
        claim: rec.claim,
        tags: rec.tags,
        sources: rec.sources,
        created: rec.created,
        modified: rec.modified,
        importedFrom: annotationIdOf(rec),
        // the claim it carries travels as crosscheck:claim
        claimKey: rec.claimKey,
      };
      if (rec.target.positionUnit === 'utf-16') {
        // Exported without its UTF-16 position (the page text was not given): the quote remains.
        const { position: _, ...target } = rec.target;
        expected.target = { ...target, positionUnit: 'code-point' };
      }
      expect(draft, rec.claim.statement).toEqual(expected);
    });
  });

  it('imports its own export once: the second import of the same file adds nothing', () => {
    const records = exportedRecords();
    const text = json(toAnnotationCollection(records));
    // Into the browser the records came from: our urn:uuid ids (and the Hypothesis IRI) match.
    const same = deduplicateImports(records, okImport(parseAnnotationCollection(text)).annotations);
    expect(same.fresh).toEqual([]);
    expect(same.duplicates).toHaveLength(records.length);
    // Into another browser: the first import adds all, the second none.
    const first = deduplicateImports([], okImport(parseAnnotationCollection(text)).annotations);
    expect(first.fresh).toHaveLength(records.length);
    const stored = first.fresh.map(recordFromDraft);
    const second = deduplicateImports(stored, okImport(parseAnnotationCollection(text)).annotations);
    expect(second.fresh).toEqual([]);
    expect(second.duplicates).toHaveLength(records.length);
  });

  it('reads a single annotation, a page, and a list of annotations', () => {
    const [a, b] = exportedRecords();
    const single = onlyDraft(parseAnnotationCollection(json(toWebAnnotation(a!, { standalone: true }))));
    expect(single.importedFrom).toBe(`urn:uuid:${a!.id}`);
    const collection = toAnnotationCollection([a!, b!]);
    const page = { '@context': collection['@context'], ...collection.first };
    expect(okImport(parseAnnotationCollection(json(page))).annotations.map((d) => d.importedFrom)).toEqual([`urn:uuid:${a!.id}`, `urn:uuid:${b!.id}`]);
    const list = [toWebAnnotation(a!, { standalone: true }), toWebAnnotation(b!, { standalone: true })];
    expect(okImport(parseAnnotationCollection(json(list))).annotations).toHaveLength(2);
  });
});

describe('parseAnnotationCollection: the W3C test suite samples', () => {
  // The samples whose annotation has a TextQuoteSelector on an http(s) page; anno32's refines a FragmentSelector.
  const IMPORTABLE = ['anno26.json', 'anno32.json'];

  it('imports the samples with a quote on an http(s) page', () => {
    const anno26 = onlyDraft(parseAnnotationCollection(w3cText('samples/correct/anno26.json')));
    expect(anno26).toEqual({
      importedFrom: 'http://example.org/anno26',
      pageUrl: 'http://example.org/page1',
      pageTitle: '',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' },
        positionUnit: 'code-point',
      },
      // No describing text: the quoted passage is the claim. The body is a comment's URL.
      claim: { statement: 'anotation', verdict: 'unverified', summary: '' },
      tags: [],
      sources: [{ url: 'http://example.org/comment1', title: 'http://example.org/comment1', publisher: '', stance: 'context', quote: '' }],
    });
    const anno32 = parseAnnotationCollection(w3cText('samples/correct/anno32.json'));
    expect(onlyDraft(anno32).target.quote).toEqual({ type: 'TextQuoteSelector', exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' });
    expect(okImport(anno32).warnings).toEqual([expect.stringMatching(/anno32.*refines a FragmentSelector/)]);
  });

  it('skips every other sample with a warning naming the annotation, and never throws', () => {
    for (const name of sampleNames()) {
      const doc = w3cJson(`samples/correct/${name}`);
      if (doc.type !== 'Annotation' || IMPORTABLE.includes(name)) continue;
      const result = okImport(parseAnnotationCollection(w3cText(`samples/correct/${name}`)));
      expect(result.annotations, name).toEqual([]);
      expect(result.warnings, name).toEqual([expect.stringContaining(`Skipped annotation "${doc.id}": `)]);
    }
  });

  it('says why a sample is skipped', () => {
    const why = (name: string) => okImport(parseAnnotationCollection(w3cText(`samples/correct/${name}`))).warnings[0];
    expect(why('anno1.json')).toMatch(/no TextQuoteSelector/); // a target given as a URL
    expect(why('anno27.json')).toMatch(/no TextQuoteSelector/); // a TextPositionSelector alone
    expect(why('anno11.json')).toMatch(/several resources \(Composite\)/);
    expect(why('anno41-example44.json')).toMatch(/no TextQuoteSelector/); // a position inside a FragmentSelector
  });

  it('reads the embedded page of collection1: its two quoted annotations, and a warning for each of the 39 others', () => {
    const collection = w3cJson('samples/correct/collection1.json');
    const result = okImport(parseAnnotationCollection(w3cText('samples/correct/collection1.json')));
    expect(result.annotations.map((d) => d.importedFrom)).toEqual(['http://example.org/anno26', 'http://example.org/anno32']);
    const skipped = result.warnings.filter((w) => w.startsWith('Skipped annotation'));
    expect(skipped).toHaveLength(collection.first.items.length - 2);
  });

  it('warns that a collection or page whose annotations are elsewhere was not followed', () => {
    const example41 = okImport(parseAnnotationCollection(w3cText('samples/correct/example41.json')));
    expect(example41.annotations).toEqual([]);
    expect(example41.warnings[0]).toMatch(/first page is at http:\/\/example\.org\/page1/);
    const example42 = okImport(parseAnnotationCollection(w3cText('samples/correct/example42.json')));
    expect(example42.warnings).toContain(
      'The annotation page continues on a page the file does not contain (http://example.org/page2): only the annotations in the file were read.',
    );
  });
});

describe('parseAnnotationCollection: annotations from other tools', () => {
  it('imports the project example: a fact-check as a source, the tag as a tag, the verdict left unverified', () => {
    const draft = onlyDraft(parseAnnotationCollection(w3cText('examples/web-annotation.jsonld')));
    expect(draft).toMatchObject({
      importedFrom: 'urn:uuid:6f1c2f4e-5b7a-4b1e-9f3e-2a6d3c1b9e10',
      pageUrl: 'https://news.example.com/2025/06/02/article',
      target: { position: { start: 1042, end: 1077 }, positionUnit: 'code-point' },
      claim: { statement: 'unemployment has doubled since 2020', verdict: 'unverified', summary: '' },
      tags: ['false'],
      sources: [{ url: 'https://factcheck.example.org/2025/06/unemployment-doubled', stance: 'context' }],
      created: Date.parse('2025-06-13T09:00:00Z'),
    });
  });

  it('imports a pack written as an AnnotationCollection: its SpecificResource target and the quoted source passage', () => {
    const draft = onlyDraft(parseAnnotationCollection(w3cText('examples/pack-as-annotation-collection.jsonld')));
    expect(draft.pageUrl).toBe('https://news.example.com/2025/06/02/article');
    expect(draft.target.quote.exact).toBe('unemployment has doubled since 2020');
    // `fc:stance` is another vocabulary's term: only ours is read.
    expect(draft.sources).toEqual([{ url: 'https://stats.example.gov/report', title: 'https://stats.example.gov/report', publisher: '', stance: 'context', quote: 'rose to 4.1%' }]);
  });

  it('maps purposes: describing → statement, commenting → summary, tagging → tag, an assessing verdict label → verdict', () => {
    const draft = onlyDraft(
      parseAnnotationCollection(
        json(
          foreign({
            motivation: 'commenting',
            body: [
              { type: 'TextualBody', value: 'A good description', purpose: 'describing' },
              { type: 'TextualBody', value: 'I disagree' },
              { type: 'TextualBody', value: 'readme', purpose: 'tagging' },
              { type: 'TextualBody', value: 'Mostly false', purpose: 'assessing' },
              { type: 'Choice', items: [{ type: 'TextualBody', value: 'first choice', purpose: 'commenting' }, { type: 'TextualBody', value: 'second choice' }] },
            ],
          }),
        ),
      ),
    );
    expect(draft.claim).toEqual({ statement: 'A good description', verdict: 'mostly-false', summary: 'I disagree\n\nfirst choice' });
    expect(draft.tags).toEqual(['readme']);
  });

  it('reads our terms whichever way they are written, and defaults the verdict and stance when absent or unknown', () => {
    const body = [
      { type: 'TextualBody', purpose: 'assessing', value: 'Wrong label', [`${CROSSCHECK_NS}verdict`]: 'misleading' },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://a.example/1', 'crosscheck:stance': 'supports' },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://a.example/2', stance: 'refutes' },
      { type: 'SpecificResource', purpose: 'linking', source: { id: 'https://a.example/3', 'dcterms:title': 'Three', date: '2025-06-10T08:00:00Z' } },
      { type: 'SpecificResource', purpose: 'linking', source: { id: 'https://a.example/4', name: 'Four', date: 'June 2025' } },
    ];
    const draft = onlyDraft(parseAnnotationCollection(json(foreign({ body }))));
    expect(draft.claim.verdict).toBe('misleading');
    expect(draft.sources.map((s) => s.stance)).toEqual(['supports', 'context', 'context', 'context']);
    // A date-time keeps its day; a date that is not YYYY[-MM[-DD]] is left out.
    expect(draft.sources.slice(2)).toEqual([
      { url: 'https://a.example/3', title: 'Three', publisher: '', date: '2025-06-10', stance: 'context', quote: '' },
      { url: 'https://a.example/4', title: 'Four', publisher: '', stance: 'context', quote: '' },
    ]);
    const unknown = parseAnnotationCollection(json(foreign({ body: { type: 'TextualBody', purpose: 'assessing', value: 'Dubious', verdict: 'dubious' } })));
    expect(onlyDraft(unknown).claim).toMatchObject({ verdict: 'unverified', summary: 'Dubious' });
    expect(okImport(unknown).warnings).toEqual([expect.stringContaining('unknown verdict "dubious"')]);
  });

  it('accepts targets as a list, selectors as one object, a SpecificResource target with an object source, and drops the page fragment', () => {
    const draft = onlyDraft(
      parseAnnotationCollection(
        json(
          foreign({
            target: [
              'http://example.org/image1',
              {
                type: 'SpecificResource',
                source: { id: 'https://example.com/doc#section-2', title: 'The doc' },
                selector: [
                  { type: 'CssSelector', value: 'p' },
                  { type: 'TextQuoteSelector', exact: 'words' },
                  { type: 'TextPositionSelector', start: 5, end: 10 },
                ],
              },
            ],
          }),
        ),
      ),
    );
    expect(draft).toMatchObject({
      pageUrl: 'https://example.com/doc',
      pageTitle: 'The doc',
      target: { quote: { exact: 'words', prefix: '', suffix: '' }, position: { start: 5, end: 10 }, positionUnit: 'code-point' },
    });
  });

  it('keeps text as it is, HTML included, and never interprets it', () => {
    const html = `<p onclick="alert(1)">j'adore !</p><script>x()</script>`;
    const draft = onlyDraft(parseAnnotationCollection(json(foreign({ body: { type: 'TextualBody', value: html, format: 'text/html' } }))));
    expect(draft.claim.summary).toBe(html);
  });

  it('drops a position that is not a range and keeps the quote', () => {
    const draft = onlyDraft(
      parseAnnotationCollection(
        json(
          foreign({
            target: {
              source: 'https://example.com/p',
              selector: [{ type: 'TextQuoteSelector', exact: 'q' }, { type: 'TextPositionSelector', start: 9, end: 3 }],
            },
          }),
        ),
      ),
    );
    expect(draft.target).toEqual({ quote: { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' }, positionUnit: 'code-point' });
  });

  it('warns that an annotation without an id will be added again on the next import', () => {
    const result = parseAnnotationCollection(json(foreign({ id: undefined })));
    expect(onlyDraft(result).importedFrom).toBeUndefined();
    expect(okImport(result).warnings).toEqual(['annotation 1 (no id) has no id: importing the file again will add it again.']);
  });

  it('names the most telling reason an annotation is skipped', () => {
    const why = (target: unknown) => okImport(parseAnnotationCollection(json(foreign({ target })))).warnings;
    const quote = { type: 'TextQuoteSelector', exact: 'q' };
    expect(why([{ source: 'ftp://example.com/f', selector: quote }, 'https://example.com/p'])).toEqual([
      'Skipped annotation "http://example.org/anno-x": its page is "ftp://example.com/f", which is not an http(s) URL.',
    ]);
    expect(why({ selector: quote })).toEqual(['Skipped annotation "http://example.org/anno-x": its target names no page (it has no source).']);
    expect(why({ source: 'https://example.com/p', selector: { type: 'TextQuoteSelector', exact: '' } })).toEqual([
      'Skipped annotation "http://example.org/anno-x": its target has a TextQuoteSelector without an exact quote.',
    ]);
    expect(why([])).toEqual(['Skipped annotation "http://example.org/anno-x": it has no target.']);
  });

  it('refuses JSON that is not W3C annotation data, naming what it lacks', () => {
    expect(errorOf(parseAnnotationCollection(json({ rows: [] })))).toMatch(/^This is not W3C annotation data: it has no "@context"/);
  });
});
