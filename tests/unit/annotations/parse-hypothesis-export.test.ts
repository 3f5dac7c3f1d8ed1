import { describe, expect, it } from 'vitest';
import { deduplicateImports } from '../../../src/annotations/deduplicate-imports';
import { parseHypothesisExport } from '../../../src/annotations/parse-hypothesis-export';
import { toWebAnnotation } from '../../../src/annotations/to-annotation-collection';
import { errorOf, failedAssertions, hypothesisJson, hypothesisText, okImport, onlyDraft, recordFromDraft } from './fixtures';

const json = (value: unknown) => JSON.stringify(value);
const selectorOf = (row: any, type: string) => row.target[0].selector.find((s: any) => s.type === type);

describe('parseHypothesisExport: the Hypothesis client fixtures', () => {
  it('imports wikipedia-regression-testing.json: quotes and UTF-16 positions as stored, the RangeSelector ignored', () => {
    const input = hypothesisJson('wikipedia-regression-testing.json');
    const result = okImport(parseHypothesisExport(hypothesisText('wikipedia-regression-testing.json')));
    expect(result.format).toBe('hypothesis');
    expect(result.warnings).toEqual([]);
    expect(result.annotations).toHaveLength(input.rows.length);
    result.annotations.forEach((draft, i) => {
      const row = input.rows[i];
      const quote = selectorOf(row, 'TextQuoteSelector');
      const position = selectorOf(row, 'TextPositionSelector');
      expect(draft).toEqual({
        importedFrom: row.links.html,
        pageUrl: 'https://en.wikipedia.org/wiki/Regression_testing',
        pageTitle: 'Regression testing - Wikipedia',
        // Exactly these keys: nothing of the XPath RangeSelector is kept.
        target: {
          quote: { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
          position: { type: 'TextPositionSelector', start: position.start, end: position.end },
          positionUnit: 'utf-16',
        },
        // The note ("Footer", "Heading"…) is the summary; the quoted passage is the claim.
        claim: { statement: quote.exact, verdict: 'unverified', summary: row.text },
        tags: [],
        sources: [],
        created: Date.parse(row.created),
        modified: Date.parse(row.updated),
      });
    });
    expect(result.annotations[0]!.target.quote.suffix).toBe(', at 05:56.\n\t\t\t\t\t\t\t\t\t\t\tText is a');
  });

  it('skips minimal.json, which names no page, unless the page is given; its id becomes a hypothes.is link', () => {
    const alone = okImport(parseHypothesisExport(hypothesisText('minimal.json')));
    expect(alone.annotations).toEqual([]);
    expect(alone.warnings).toEqual(['Skipped Hypothesis annotation "test": it does not say which page it annotates (no uri, no target source).']);

    const draft = onlyDraft(parseHypothesisExport(hypothesisText('minimal.json'), { pageUrl: 'https://example.org/minimal.html#top' }));
    expect(draft).toMatchObject({
      importedFrom: 'https://hypothes.is/a/test',
      pageUrl: 'https://example.org/minimal.html',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'Two', prefix: 'One ', suffix: ' Three\n' },
        position: { type: 'TextPositionSelector', start: 4, end: 7 },
        positionUnit: 'utf-16',
      },
      claim: { statement: 'Two', verdict: 'unverified', summary: '' },
    });
    expect(errorOf(parseHypothesisExport(hypothesisText('minimal.json'), { pageUrl: 'javascript:alert(1)' }))).toMatch(/not an http\(s\) URL/);
  });
});

describe('parseHypothesisExport: the API annotation and export envelope examples', () => {
  it('imports a single API annotation: comment as summary, tags as tags (a "false" tag is not a verdict)', () => {
    const input = hypothesisJson('examples/hypothesis-api-annotation.json');
    const result = parseHypothesisExport(hypothesisText('examples/hypothesis-api-annotation.json'));
    expect(onlyDraft(result)).toEqual({
      pageUrl: input.uri,
      pageTitle: "Minister's speech",
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'unemployment has doubled since 2020', prefix: 'The minister said that ', suffix: ', a claim disputed by' },
        position: { type: 'TextPositionSelector', start: 1042, end: 1077 },
        positionUnit: 'utf-16',
      },
      claim: { statement: 'unemployment has doubled since 2020', verdict: 'unverified', summary: 'Contradicted by ONS series X (see link)' },
      tags: ['claim', 'false'],
      sources: [],
    });
    // The example has no id: nothing to deduplicate on.
    expect(okImport(result).warnings).toEqual(['Hypothesis annotation 1 (no id) has no usable id: importing the file again will add it again.']);
  });

  it('reads the export envelope: empty as given, and with annotations in it', () => {
    const empty = okImport(parseHypothesisExport(hypothesisText('examples/hypothesis-export-envelope.json')));
    expect(empty.annotations).toEqual([]);
    expect(empty.warnings).toEqual(['The file holds no annotations.']);

    const envelope = hypothesisJson('examples/hypothesis-export-envelope.json');
    const rows = hypothesisJson('wikipedia-regression-testing.json').rows;
    envelope.annotations = [hypothesisJson('examples/hypothesis-api-annotation.json'), ...rows];
    const full = okImport(parseHypothesisExport(json(envelope)));
    expect(full.annotations).toHaveLength(1 + rows.length);
    expect(full.annotations.every((d) => d.target.positionUnit === 'utf-16')).toBe(true);
    // A plain list of annotations reads the same.
    expect(okImport(parseHypothesisExport(json(envelope.annotations))).annotations).toEqual(full.annotations);
  });

  it('deduplicates a second import of the same export on the annotation links', () => {
    const text = hypothesisText('wikipedia-regression-testing.json');
    const stored = okImport(parseHypothesisExport(text)).annotations.map(recordFromDraft);
    const again = deduplicateImports(stored, okImport(parseHypothesisExport(text)).annotations);
    expect(again.fresh).toEqual([]);
    expect(again.duplicates).toHaveLength(stored.length);
  });
});

describe('parseHypothesisExport: what is skipped', () => {
  const base = hypothesisJson('examples/hypothesis-api-annotation.json');

  it('skips page notes, replies and annotations with only a RangeSelector, each with a warning naming it', () => {
    const rows = [
      { ...base, id: 'pagenote1', target: [{ source: base.uri }] },
      { ...base, id: 'reply1', references: ['pagenote1'], target: [{ source: base.uri }] },
      { ...base, id: 'range1', target: [{ source: base.uri, selector: [selectorOf(base, 'RangeSelector'), selectorOf(base, 'TextPositionSelector')] }] },
      { ...base, id: 'ok1' },
    ];
    const result = okImport(parseHypothesisExport(json({ total: 4, rows })));
    expect(result.annotations.map((d) => d.importedFrom)).toEqual(['https://hypothes.is/a/ok1']);
    expect(result.warnings).toEqual([
      'Skipped Hypothesis annotation "pagenote1": it is a page note (no TextQuoteSelector: it annotates the whole page, not a passage).',
      'Skipped Hypothesis annotation "reply1": it is a reply to another annotation, not a tagged passage.',
      'Skipped Hypothesis annotation "range1": its target has no TextQuoteSelector, so there is no passage to anchor.',
    ]);
  });

  it('skips an annotation of a page that is not http(s): a PDF fingerprint, a javascript: URL', () => {
    const rows = [
      { ...base, id: 'pdf1', uri: 'urn:x-pdf:1234', target: [{ ...base.target[0], source: 'urn:x-pdf:1234' }] },
      { ...base, id: 'js1', uri: 'javascript:alert(1)', target: [{ ...base.target[0], source: 'javascript:alert(1)' }] },
    ];
    const result = okImport(parseHypothesisExport(json({ total: 2, rows })));
    expect(result.annotations).toEqual([]);
    expect(result.warnings).toEqual([
      'Skipped Hypothesis annotation "pdf1": its page is "urn:x-pdf:1234", which is not an http(s) URL.',
      'Skipped Hypothesis annotation "js1": its page is "javascript:alert(1)", which is not an http(s) URL.',
    ]);
  });

  it('notes that a search response holds one page of results', () => {
    const result = okImport(parseHypothesisExport(json({ total: 120, rows: [{ ...base, id: 'a1' }] })));
    expect(result.warnings).toEqual(['The response holds 1 of 120 annotations (one page of the search): only those were read.']);
  });

  it('refuses JSON that is not a Hypothesis document', () => {
    expect(errorOf(parseHypothesisExport(json({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'Annotation' })))).toMatch(
      /^This is not a Hypothesis export/,
    );
  });
});

describe('Hypothesis annotations exported as W3C annotations', () => {
  it('validate, and leave their UTF-16 positions out unless the page text converts them', () => {
    const drafts = okImport(parseHypothesisExport(hypothesisText('wikipedia-regression-testing.json'))).annotations;
    for (const [i, draft] of drafts.entries()) {
      const annotation = toWebAnnotation(recordFromDraft(draft, i), { standalone: true });
      expect(failedAssertions('annotations/annotationMusts.test', annotation)).toEqual([]);
      expect(annotation.id).toBe(draft.importedFrom);
      expect(annotation.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector']);
    }
  });
});
