import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANNOTATION_CONTEXT, ANNOTATION_MEDIA_TYPE, CROSSCHECK_NS } from '../../../src/annotations/annotation-context';
import {
  annotationIdOf,
  serializeAnnotationCollection,
  toAnnotationCollection,
  toWebAnnotation,
} from '../../../src/annotations/to-annotation-collection';
import { VERDICT_LABELS, VERDICTS } from '../../../src/verdict/verdict-scale';
import { parseAnnotationCollection } from '../../../src/annotations/parse-annotation-collection';
import { exportedRecords, failedAssertions, okImport, record, recordFromDraft, sampleNames, w3cJson } from './fixtures';

const MUSTS = 'annotations/annotationMusts.test' as const;

describe('toAnnotationCollection: W3C Web Annotation conformance', () => {
  it('checks with a validator that can fail: the suite samples pass except its known schema quirks, a broken annotation fails', () => {
    // The suite's own schemas reject a few of its correct samples: Composite/List/Independents
    // targets are not recognised, and pageTotalValidated checks `partOf` as if it held a total.
    const quirks: Record<string, string[]> = {
      'anno11.json': ['3.2-targetObjectsRecognized.json'],
      'anno12.json': ['3.2-targetObjectsRecognized.json'],
      'anno13.json': ['3.2-targetObjectsRecognized.json'],
    };
    for (const name of sampleNames()) {
      const doc = w3cJson(`samples/correct/${name}`);
      if (doc.type === 'AnnotationPage') continue;
      const test = doc.type === 'AnnotationCollection' ? 'collections/collectionMusts.test' : MUSTS;
      expect(failedAssertions(test, doc), name).toEqual(quirks[name] ?? []);
    }
    const good = toWebAnnotation(exportedRecords()[0]!, { standalone: true });
    expect(failedAssertions(MUSTS, good)).toEqual([]);
    expect(failedAssertions(MUSTS, { ...good, '@context': 'http://example.org/other.jsonld' })).toContain('3.1-annotationContextValidated.json');
    expect(failedAssertions(MUSTS, { ...good, created: '13 June 2025' })).toContain('3.3.1-annotationCreatedValidated.json');
    expect(failedAssertions(MUSTS, { ...good, bodyValue: 'x' })).toContain('3.2.5-notBodyBodyValue.json');
    // A purpose on an external web resource (a source given only by its id) breaks 3.3.5.
    expect(failedAssertions(MUSTS, { ...good, body: [{ id: 'https://example.org/s', purpose: 'linking' }] })).toContain('3.3.5-bodyEWRNoPurpose.json');
  });

  it('exports annotations that pass every MUST assertion of the W3C test suite', () => {
    for (const rec of exportedRecords()) {
      const annotation = toWebAnnotation(rec, { standalone: true });
      expect(failedAssertions(MUSTS, annotation), rec.claim.statement).toEqual([]);
    }
  });

  it('exports a collection that passes the collection and page MUST assertions, and items that pass standing alone', () => {
    const collection = toAnnotationCollection(exportedRecords());
    expect(failedAssertions('collections/collectionMusts.test', collection)).toEqual([]);
    // The suite's page test takes a collection with an embedded page, or the page itself.
    expect(failedAssertions('collections/pages/pageMusts.test', collection)).toEqual([]);
    expect(failedAssertions('collections/pages/pageMusts.test', { '@context': collection['@context'], ...collection.first })).toEqual([]);
    // Embedded items take their context from the collection.
    for (const item of collection.first.items) expect(failedAssertions(MUSTS, { '@context': collection['@context'], ...item })).toEqual([]);
  });

  it('uses the purposes, selectors and typed bodies the optional assertions look for', () => {
    const annotation = toWebAnnotation(exportedRecords()[0]!, { standalone: true });
    const optional = failedAssertions('annotations/annotationOptionals.test', annotation);
    for (const implemented of [
      '3.1-bodyKeyFound.json',
      '3.3.5-annotationMotivationImplemented.json',
      '3.3.1-annotationCreatedImplemented.json',
      '3.3.1-annotationModifiedImplemented.json',
      '3.3.5-bodyPurpose.json',
      '3.2.4-bodyETBTypeTextualBody.json',
      '3.2.1-bodyFormat.json',
      '4-bodySpecificResource.json',
      '4-targSpecificResource.json',
      '4.2.4-textQuoteSelector.json',
      '4.2.4-prefix.json',
      '4.2.4-suffix.json',
      '4.2.5-textPositionSelector.json',
    ])
      expect(optional, implemented).not.toContain(implemented);
  });
});

describe('toAnnotationCollection: shape', () => {
  it('is JSON-LD with the W3C context first and our extension terms in a second entry, served with the annotation profile', () => {
    expect(ANNOTATION_MEDIA_TYPE).toBe('application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"');
    const collection = toAnnotationCollection(exportedRecords());
    expect(collection['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(collection['@context'][1]).toMatchObject({
      crosscheck: CROSSCHECK_NS,
      verdict: 'crosscheck:verdict',
      stance: 'crosscheck:stance',
      pageTitle: 'crosscheck:pageTitle',
    });
    expect(collection).toMatchObject({ type: 'AnnotationCollection', label: 'Crosscheck annotations', total: exportedRecords().length });
    expect(collection.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
    expect(collection.first.items).toHaveLength(collection.total);
    expect(collection.first.items.every((item) => !('@context' in item))).toBe(true);
    expect(JSON.parse(serializeAnnotationCollection(exportedRecords()))).toEqual(collection);
  });

  it('maps a record to an assessing annotation: statement, verdict, summary, tags and sources as bodies', () => {
    const rec = exportedRecords()[0]!;
    const annotation = toWebAnnotation(rec);
    expect(annotation).toMatchObject({
      id: `urn:uuid:${rec.id}`,
      type: 'Annotation',
      motivation: 'assessing',
      created: '2025-06-13T09:00:00.123Z',
      modified: '2025-06-14T10:30:00.456Z',
    });
    expect(annotation.target).toEqual({
      source: rec.pageUrl,
      pageTitle: rec.pageTitle,
      selector: [
        { type: 'TextQuoteSelector', exact: rec.target.quote.exact, prefix: rec.target.quote.prefix, suffix: rec.target.quote.suffix },
        { type: 'TextPositionSelector', start: 1042, end: 1077 },
      ],
    });
    expect(annotation.body).toEqual([
      { type: 'TextualBody', purpose: 'describing', value: rec.claim.statement, format: 'text/plain' },
      { type: 'TextualBody', purpose: 'assessing', value: 'False', format: 'text/plain', verdict: 'false' },
      { type: 'TextualBody', purpose: 'commenting', value: rec.claim.summary, format: 'text/plain' },
      { type: 'TextualBody', purpose: 'tagging', value: 'economy', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'tagging', value: 'uk politics', format: 'text/plain' },
      {
        type: 'SpecificResource',
        purpose: 'linking',
        source: { id: 'https://stats.example.gov/report', type: 'Text', title: 'Labour market overview', publisher: 'ONS', date: '2025-05' },
        selector: { type: 'TextQuoteSelector', exact: 'rose to 4.1%' },
        stance: 'contradicts',
      },
      {
        type: 'SpecificResource',
        purpose: 'linking',
        source: { id: 'https://news.example.org/analysis', type: 'Text', title: 'Analysis: jobs figures' },
        stance: 'supports',
      },
      {
        type: 'SpecificResource',
        purpose: 'linking',
        source: { id: 'http://archive.example.net/2020', type: 'Text', title: '2020 baseline', publisher: 'Archive', date: '2020-01-15' },
        selector: { type: 'TextQuoteSelector', exact: 'was 4.0%' },
        stance: 'context',
      },
    ]);
  });

  it('labels each verdict with its scale label and names it in the verdict term', () => {
    for (const verdict of VERDICTS) {
      const annotation = toWebAnnotation(record({ claim: { statement: 'x', verdict, summary: '' } }));
      expect(annotation.body.find((b) => b.purpose === 'assessing')).toMatchObject({ value: VERDICT_LABELS[verdict], verdict });
    }
  });

  it('leaves out empty parts: no summary body, no tags, no position, no prefix/suffix, no page title', () => {
    const annotation = toWebAnnotation(exportedRecords()[1]!);
    expect(annotation.body.map((b) => b.purpose)).toEqual(['describing', 'assessing']);
    expect(annotation.target).toEqual({ source: 'https://news.example.com/2025/06/02/article', selector: [{ type: 'TextQuoteSelector', exact: 'crime fell' }] });
  });

  it('keeps Unicode as it is and exports positions in code points', () => {
    const rec = exportedRecords()[2]!;
    const annotation = toWebAnnotation(rec);
    const [quote, position] = annotation.target.selector;
    expect(quote).toMatchObject({ exact: rec.target.quote.exact, prefix: rec.target.quote.prefix, suffix: rec.target.quote.suffix });
    // 29 code points, 30 UTF-16 units (🚀 is two): the stored code-point range is exported unchanged.
    expect([...rec.target.quote.exact].length).toBe(29);
    expect(rec.target.quote.exact.length).toBe(30);
    expect(position).toEqual({ type: 'TextPositionSelector', start: 1200, end: 1229 });
    expect(annotation.target.source).toBe('https://exemple.fr/économie?x=1');
  });

  it('leaves out a UTF-16 position when the page text is unknown, rather than export a wrong one', () => {
    const rec = exportedRecords()[3]!;
    const annotation = toWebAnnotation(rec);
    expect(annotation.target.selector).toEqual([expect.objectContaining({ type: 'TextQuoteSelector', exact: '11 November 2016' })]);
    expect(annotation.id).toBe('https://hypothes.is/a/LOCXbsOCEeaQl6f6fQh87Q');
  });

  it('converts a UTF-16 position to code points when given the page text that still holds the quote there', () => {
    const text = `Intro 🚀🚀 — café ☕. The minister said that unemployment has doubled since 2020, a claim.`;
    const start = text.indexOf('unemployment');
    const rec = record({
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'unemployment has doubled since 2020', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start, end: start + 35 },
        positionUnit: 'utf-16',
      },
    });
    const annotation = toWebAnnotation(rec, { pageText: () => text });
    // Two rockets before the quote: two UTF-16 units more than code points.
    expect(annotation.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: start - 2, end: start - 2 + 35 });
    expect([...text].slice(start - 2, start - 2 + 35).join('')).toBe('unemployment has doubled since 2020');
    // A page that changed since (the quote is not at the offsets any more): no position.
    expect(toWebAnnotation(rec, { pageText: () => `New intro. ${text}` }).target.selector).toHaveLength(1);
  });

  it('exports imported annotations under their original IRI and ours under urn:uuid', () => {
    expect(annotationIdOf({ id: 'F47AC10B-58CC-4372-A567-0E02B2C3D479' })).toBe('urn:uuid:f47ac10b-58cc-4372-a567-0e02b2c3d479');
    expect(annotationIdOf({ id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', importedFrom: 'http://example.org/anno26' })).toBe('http://example.org/anno26');
    expect(annotationIdOf({ id: 'not a uuid/1' })).toBe('tag:crosscheck.invalid,2025:annotation/not%20a%20uuid%2F1');
  });

  it('leaves deleted records out and gives the same collection id for the same annotations', () => {
    const records = exportedRecords();
    const deleted = record({ deletedAt: Date.UTC(2025, 6, 1) });
    const collection = toAnnotationCollection([...records, deleted]);
    expect(collection.total).toBe(records.length);
    expect(collection.first.items.map((item) => item.id)).not.toContain(`urn:uuid:${deleted.id}`);
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(toAnnotationCollection([...records].reverse()).id).toBe(collection.id);
    expect(toAnnotationCollection(records.slice(1)).id).not.toBe(collection.id);
    expect(toAnnotationCollection(records, { id: 'https://example.org/exports/1', label: 'Mine' })).toMatchObject({
      id: 'https://example.org/exports/1',
      label: 'Mine',
      first: { id: 'https://example.org/exports/1#page1' },
    });
  });

  it('exports an empty collection that still validates', () => {
    const collection = toAnnotationCollection([]);
    expect(collection.total).toBe(0);
    expect(collection.first.items).toEqual([]);
    expect(failedAssertions('collections/collectionMusts.test', collection)).toEqual([]);
    expect(ANNOTATION_CONTEXT).toHaveLength(2);
  });
});

describe('docs/annotation-format.md', () => {
  it('shows an example that is what the exporter writes, validates, and reads back', () => {
    const docs = readFileSync(new URL('../../../docs/annotation-format.md', import.meta.url), 'utf8');
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(docs)![1]!);
    expect(failedAssertions('collections/collectionMusts.test', example)).toEqual([]);
    const [draft] = okImport(parseAnnotationCollection(JSON.stringify(example))).annotations;
    const rec = { ...recordFromDraft(draft!, 0), id: '6f1c2f4e-5b7a-4b1e-9f3e-2a6d3c1b9e10', importedFrom: undefined };
    expect(toAnnotationCollection([rec])).toEqual(example);
  });
});
