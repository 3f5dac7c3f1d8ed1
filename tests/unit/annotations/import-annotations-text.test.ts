import { describe, expect, it } from 'vitest';
import { MAX_WARNINGS } from '../../../src/annotations/annotation-draft';
import { detectAnnotationFormat, importAnnotationsText } from '../../../src/annotations/import-annotations-text';
import { MAX_ANNOTATION_FILE_BYTES, MAX_JSON_DEPTH } from '../../../src/annotations/read-import-json';
import { toAnnotationCollection } from '../../../src/annotations/to-annotation-collection';
import { errorOf, exportedRecords, hypothesisJson, hypothesisText, okImport, onlyDraft, w3cJson, w3cText } from './fixtures';

const json = (value: unknown) => JSON.stringify(value);
const CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
const annotation = (overrides: Record<string, unknown> = {}) => ({
  '@context': CONTEXT,
  id: 'http://example.org/anno-h',
  type: 'Annotation',
  body: { type: 'TextualBody', value: 'A claim', purpose: 'describing' },
  target: { source: 'https://example.com/page', selector: { type: 'TextQuoteSelector', exact: 'the passage' } },
  ...overrides,
});

describe('importAnnotationsText: format detection', () => {
  it('tells W3C annotation data from Hypothesis data', () => {
    expect(detectAnnotationFormat(toAnnotationCollection(exportedRecords()))).toBe('w3c');
    expect(detectAnnotationFormat(w3cJson('samples/correct/example42.json'))).toBe('w3c');
    expect(detectAnnotationFormat([annotation()])).toBe('w3c');
    expect(detectAnnotationFormat(hypothesisJson('wikipedia-regression-testing.json'))).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisJson('minimal.json'))).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisJson('examples/hypothesis-api-annotation.json'))).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisJson('examples/hypothesis-export-envelope.json'))).toBe('hypothesis');
    expect(detectAnnotationFormat(hypothesisJson('wikipedia-regression-testing.json').rows)).toBe('hypothesis');
    expect(detectAnnotationFormat({ claims: [] })).toBeUndefined();
  });

  it('parses each format with its own reader', () => {
    const w3c = okImport(importAnnotationsText(json(toAnnotationCollection(exportedRecords()))));
    expect(w3c.format).toBe('w3c');
    expect(w3c.annotations).toHaveLength(exportedRecords().length);
    const hypothesis = okImport(importAnnotationsText(hypothesisText('wikipedia-regression-testing.json')));
    expect(hypothesis.format).toBe('hypothesis');
    expect(hypothesis.annotations.every((d) => d.target.positionUnit === 'utf-16')).toBe(true);
    expect(onlyDraft(importAnnotationsText(hypothesisText('minimal.json'), { pageUrl: 'https://example.org/m' })).pageUrl).toBe('https://example.org/m');
    expect(okImport(importAnnotationsText(w3cText('samples/correct/collection1.json'))).annotations).toHaveLength(2);
  });

  it('refuses JSON that is neither, saying what it is', () => {
    const neither = (value: unknown) => errorOf(importAnnotationsText(json(value)));
    expect(neither({ claims: [], nextPageToken: 'x' })).toBe(
      'This is not a W3C annotation collection or Hypothesis export: an object with "claims", "nextPageToken".',
    );
    expect(neither({ format: 'crosscheck-pack', formatVersion: 1 })).toMatch(/: it is a Crosscheck pack; import it as a pack instead\.$/);
    expect(neither({ '@context': 'https://schema.org', '@type': 'ClaimReview' })).toMatch(/its @context is "https:\/\/schema\.org", not the W3C annotation context/);
    expect(neither([])).toMatch(/: it is an empty list\.$/);
    expect(neither([1, 2])).toMatch(/: it is a list of something else\.$/);
    expect(neither('a string')).toMatch(/: it is a string, not an object\.$/);
    expect(neither(null)).toMatch(/: it is null, not an object\.$/);
  });

  it('refuses text that is not JSON, or empty, with a clear error', () => {
    expect(errorOf(importAnnotationsText('<html><body>not json</body></html>'))).toMatch(/^The file is not valid JSON: /);
    expect(errorOf(importAnnotationsText('{"rows": [}'))).toMatch(/^The file is not valid JSON: /);
    expect(errorOf(importAnnotationsText('   \n'))).toBe('The file is empty.');
  });
});

describe('importAnnotationsText: hostile input', () => {
  it('skips an annotation whose page is a javascript: or data: URL, naming it', () => {
    const result = okImport(
      importAnnotationsText(
        json([
          annotation({ id: 'http://example.org/js', target: { source: 'javascript:alert(document.cookie)', selector: { type: 'TextQuoteSelector', exact: 'x' } } }),
          annotation({ id: 'http://example.org/data', target: { source: 'data:text/html,<script>alert(1)</script>', selector: { type: 'TextQuoteSelector', exact: 'x' } } }),
          annotation({ id: 'http://example.org/ok' }),
        ]),
      ),
    );
    expect(result.annotations.map((d) => d.importedFrom)).toEqual(['http://example.org/ok']);
    expect(result.warnings).toEqual([
      'Skipped annotation "http://example.org/js": its page is "javascript:alert(document.cookie)", which is not an http(s) URL.',
      'Skipped annotation "http://example.org/data": its page is "data:text/html,<script>alert(1)</script>", which is not an http(s) URL.',
    ]);
  });

  it('drops a javascript: source but keeps the annotation', () => {
    const result = importAnnotationsText(
      json(
        annotation({
          body: [
            { type: 'SpecificResource', purpose: 'linking', source: { id: 'javascript:alert(1)', title: 'Click me' }, stance: 'supports' },
            { type: 'SpecificResource', purpose: 'linking', source: 'https://ok.example/s', stance: 'supports' },
          ],
        }),
      ),
    );
    expect(onlyDraft(result).sources.map((s) => s.url)).toEqual(['https://ok.example/s']);
    expect(okImport(result).warnings).toEqual(['annotation "http://example.org/anno-h": left out a linked resource, since it is "javascript:alert(1)", which is not an http(s) URL.']);
  });

  it('bounds huge strings: a quote too long to anchor is skipped, long texts are cut, context keeps the side next to the quote', () => {
    const huge = 'x'.repeat(2_000_000);
    const result = okImport(
      importAnnotationsText(
        json([
          annotation({ id: 'http://example.org/long-quote', target: { source: 'https://example.com/p', selector: { type: 'TextQuoteSelector', exact: huge } } }),
          annotation({
            id: 'http://example.org/long-texts',
            body: [
              { type: 'TextualBody', purpose: 'describing', value: `Claim ${huge}` },
              { type: 'TextualBody', purpose: 'commenting', value: huge },
              { type: 'TextualBody', purpose: 'tagging', value: `tag${huge}` },
              ...Array.from({ length: 40 }, (_, i) => ({ type: 'TextualBody', purpose: 'tagging', value: `t${i}` })),
            ],
            target: { source: 'https://example.com/p', pageTitle: huge, selector: { type: 'TextQuoteSelector', exact: 'q', prefix: `${huge}BEFORE`, suffix: `AFTER${huge}` } },
          }),
        ]),
      ),
    );
    expect(result.warnings[0]).toBe('Skipped annotation "http://example.org/long-quote": its target has a quote longer than 10,000 characters.');
    const [draft] = result.annotations;
    expect(result.annotations).toHaveLength(1);
    expect(draft!.claim.statement).toHaveLength(1000);
    expect(draft!.claim.statement.endsWith('…')).toBe(true);
    expect(draft!.claim.summary).toHaveLength(4000);
    expect(draft!.pageTitle).toHaveLength(500);
    expect(draft!.tags).toHaveLength(30);
    expect(draft!.tags[0]).toHaveLength(60);
    expect(draft!.target.quote.prefix).toHaveLength(1000);
    expect(draft!.target.quote.prefix.endsWith('BEFORE')).toBe(true);
    expect(draft!.target.quote.suffix.startsWith('AFTER')).toBe(true);
    expect(result.warnings.slice(1)).toEqual([
      expect.stringContaining('its tag "tagxxxxxxxxxxxxxxxx…" was cut to 60 characters'),
      'annotation "http://example.org/long-texts": kept its first 30 of 41 tags.',
      'annotation "http://example.org/long-texts": its statement was cut to 1,000 characters.',
      'annotation "http://example.org/long-texts": its comment was cut to 4,000 characters.',
    ]);
  });

  it('keeps warnings short when an id is huge, and does not store it', () => {
    const id = `http://example.org/${'a'.repeat(5000)}`;
    const result = importAnnotationsText(json(annotation({ id })));
    expect(onlyDraft(result).importedFrom).toBeUndefined();
    const [warning] = okImport(result).warnings;
    expect(warning).toMatch(/has an id that is not an IRI: importing the file again will add it again\.$/);
    expect(warning!.length).toBeLessThan(200);
  });

  it('cuts a prefix without splitting an emoji', () => {
    const prefix = `a${'😀'.repeat(600)}`; // 1,201 UTF-16 units
    const target = { source: 'https://example.com/p', selector: { type: 'TextQuoteSelector', exact: 'q', prefix } };
    const draft = onlyDraft(importAnnotationsText(json(annotation({ target }))));
    expect(draft.target.quote.prefix).toBe('😀'.repeat(500));
  });

  it('refuses a file over the size limit before parsing it', () => {
    const error = errorOf(importAnnotationsText('{}', { byteLength: MAX_ANNOTATION_FILE_BYTES + 1 }));
    expect(error).toBe(`The file is 64 MB; annotation files are limited to ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB.`);
  });

  it('refuses deeply nested JSON without crashing, and bounds nesting inside an annotation', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(errorOf(importAnnotationsText(deep))).toBe(`The file is nested more than ${MAX_JSON_DEPTH} levels deep; an annotation file never is.`);
    let choice: unknown = { type: 'TextualBody', value: 'deep text', purpose: 'commenting' };
    for (let i = 0; i < 20; i++) choice = { type: 'Choice', items: [choice] };
    let refined: unknown = { type: 'TextQuoteSelector', exact: 'deep quote' };
    for (let i = 0; i < 15; i++) refined = { type: 'FragmentSelector', value: `p${i}`, refinedBy: refined };
    const docs = [annotation({ body: choice }), annotation({ id: 'http://example.org/r', target: { source: 'https://example.com/p', selector: refined } })];
    const result = okImport(importAnnotationsText(json(docs)));
    // Nesting is followed a few levels only: too deep a Choice gives no text, too deep a refinement no quote.
    expect(result.annotations).toHaveLength(1);
    expect(result.annotations[0]!.claim.summary).toBe('');
    expect(result.warnings).toEqual(['Skipped annotation "http://example.org/r": its target has no TextQuoteSelector, so there is no passage to anchor.']);
  });

  it('survives junk in every position, warning instead of throwing', () => {
    const junk = [null, 42, 'text', true, [], {}, [[]], { type: 7 }, { items: 'x' }];
    const docs = [
      ...junk.map((j) => annotation({ target: j })),
      ...junk.map((j) => annotation({ body: j })),
      ...junk.map((j) => annotation({ target: { source: j, selector: { type: 'TextQuoteSelector', exact: 'q' } } })),
      ...junk.map((j) => annotation({ target: { source: 'https://example.com/p', selector: j } })),
      ...junk.map((j) => annotation({ target: { source: 'https://example.com/p', selector: { type: 'TextQuoteSelector', exact: j, prefix: j, suffix: j } } })),
      ...junk.map((j) => annotation({ id: j, created: j, modified: j, motivation: j })),
      { type: 'AnnotationPage', items: junk },
      { type: 'AnnotationCollection', first: junk },
    ];
    const result = okImport(importAnnotationsText(json(docs)));
    expect(result.annotations.length).toBeGreaterThan(0);
    expect(result.warnings.length).toBeGreaterThan(0);
    const hypothesisRows = junk.map((j) => ({ id: 'h1', uri: j, text: j, tags: j, target: [{ source: j, selector: j }], document: j, links: j }));
    expect(okImport(importAnnotationsText(json({ total: 9, rows: [...junk, ...hypothesisRows] }))).annotations).toEqual([]);
  });

  it('lists at most MAX_WARNINGS warnings and counts the rest', () => {
    const rows = Array.from({ length: MAX_WARNINGS + 50 }, (_, i) => annotation({ id: `http://example.org/n${i}`, target: 'http://example.org/page' }));
    const result = okImport(importAnnotationsText(json(rows)));
    expect(result.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(result.warnings.at(-1)).toBe('(and 50 more warnings)');
  });
});
