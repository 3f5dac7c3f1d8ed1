import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import type { AnnotationDraft, AnnotationImport } from '../../../src/annotations/annotation-draft';
import { AnnotationRecordSchema, type AnnotationRecord, type AnnotationRecordInput } from '../../../src/annotations/annotation-record';
import { VERDICTS } from '../../../src/verdict/verdict-scale';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const W3C = `${FIXTURES}w3c-annotation/`;
export const HYPOTHESIS = `${FIXTURES}hypothesis/`;

export const w3cText = (path: string): string => readFileSync(`${W3C}${path}`, 'utf8');
export const hypothesisText = (path: string): string => readFileSync(`${HYPOTHESIS}${path}`, 'utf8');
export const w3cJson = (path: string): any => JSON.parse(w3cText(path));
export const hypothesisJson = (path: string): any => JSON.parse(hypothesisText(path));
export const sampleNames = (): string[] => readdirSync(`${W3C}samples/correct`).filter((f) => f.endsWith('.json')).sort();

/* ------------------------------------------------------------------------------------------------
 * The W3C test suite's JSON Schemas (draft-04), run as the suite's own runner does: every
 * assertion schema a `*.test` file lists must give its expected result.
 */

// RFC 3339 date-time and an absolute URI (a scheme, no spaces, parseable): what ajv-formats checks.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const isUri = (value: string): boolean => {
  if (!/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

const ajv = new Ajv({ strict: false });
ajv.addFormat('uri', isUri);
ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && Number.isFinite(Date.parse(value)));
for (const file of readdirSync(`${W3C}definitions`).filter((f) => f.endsWith('.json'))) {
  const schema = JSON.parse(readFileSync(`${W3C}definitions/${file}`, 'utf8'));
  ajv.addSchema(schema, schema.id ?? file);
}

const compiled = new Map<string, { validate: ValidateFunction; expected: boolean }>();
function assertion(path: string) {
  let entry = compiled.get(path);
  if (!entry) {
    const schema = w3cJson(path);
    delete schema.id;
    entry = { validate: ajv.compile(schema), expected: (schema.expectedResult ?? 'valid') === 'valid' };
    compiled.set(path, entry);
  }
  return entry;
}

export type SuiteTest =
  | 'annotations/annotationMusts.test'
  | 'annotations/annotationOptionals.test'
  | 'collections/collectionMusts.test'
  | 'collections/pages/pageMusts.test';

/** The assertions of a suite test that the document fails (an empty list: it passes them all). */
export function failedAssertions(test: SuiteTest, document: unknown): string[] {
  const { assertions } = w3cJson(test) as { assertions: unknown[] };
  return assertions
    .filter((path): path is string => typeof path === 'string')
    .filter((path) => {
      const { validate, expected } = assertion(path);
      return validate(document) !== expected;
    })
    .map((path) => path.split('/').at(-1)!);
}

/* ------------------------------------------------------------------------------------------------
 * Records and import results.
 */

let counter = 0;
/** A stored annotation record, checked by the record schema. */
export function record(overrides: Partial<AnnotationRecordInput> = {}): AnnotationRecord {
  counter++;
  return AnnotationRecordSchema.parse({
    id: `0f8fad5b-d9cb-469f-a165-70867728${String(950 + counter).padStart(4, '0')}`,
    pageUrl: 'https://news.example.com/2025/06/02/article',
    site: 'news.example.com',
    pageTitle: "Minister's speech",
    target: {
      quote: { type: 'TextQuoteSelector', exact: 'unemployment has doubled since 2020', prefix: 'The minister said that ', suffix: ', a claim disputed by' },
      position: { type: 'TextPositionSelector', start: 1042, end: 1077 },
      positionUnit: 'code-point',
    },
    claimKey: `mine/c${counter}`,
    claim: { statement: 'Unemployment has doubled since 2020', verdict: 'false', summary: 'ONS figures show a rise from 4.0% to 4.1%.' },
    tags: ['economy'],
    sources: [],
    created: Date.UTC(2025, 5, 13, 9, 0, 0, 123),
    modified: Date.UTC(2025, 5, 14, 10, 30, 0, 456),
    ...overrides,
  });
}

/** A record made from an imported draft, as the caller would: a new id, a site and a claim key. */
export function recordFromDraft(draft: AnnotationDraft, i: number): AnnotationRecord {
  return AnnotationRecordSchema.parse({
    ...draft,
    id: `9a1b2c3d-0000-4000-8000-${String(i).padStart(12, '0')}`,
    site: new URL(draft.pageUrl).hostname,
    claimKey: draft.claimKey ?? `mine/imported-${i}`,
    created: draft.created ?? 0,
    modified: draft.modified ?? 0,
  });
}

export function okImport(result: AnnotationImport) {
  if (!result.ok) throw new Error(`expected the import to succeed: ${result.error}`);
  return result;
}

export function errorOf(result: AnnotationImport): string {
  if (result.ok) throw new Error('expected the import to be refused');
  return result.error;
}

/** The one draft of an import, failing if there are more or none. */
export function onlyDraft(result: AnnotationImport): AnnotationDraft {
  const { annotations } = okImport(result);
  expect(annotations).toHaveLength(1);
  return annotations[0]!;
}

/** Records covering what an export must carry: every stance, tags, none, Unicode, UTF-16 positions. */
let built: AnnotationRecord[] | undefined;
export const exportedRecords = (): AnnotationRecord[] => (built ??= buildRecords());

function buildRecords(): AnnotationRecord[] {
  const emojiQuote = 'Le café ☕ coûte 5 € 🚀 de plus';
  return [
    record({
      tags: ['economy', 'uk politics'],
      sources: [
        { url: 'https://stats.example.gov/report', title: 'Labour market overview', publisher: 'ONS', date: '2025-05', stance: 'contradicts', quote: 'rose to 4.1%' },
        { url: 'https://news.example.org/analysis', title: 'Analysis: jobs figures', publisher: '', stance: 'supports', quote: '' },
        { url: 'http://archive.example.net/2020', title: '2020 baseline', publisher: 'Archive', date: '2020-01-15', stance: 'context', quote: 'was 4.0%' },
      ],
    }),
    record({
      pageTitle: '',
      target: { quote: { type: 'TextQuoteSelector', exact: 'crime fell', prefix: '', suffix: '' }, positionUnit: 'code-point' },
      claim: { statement: 'Crime fell last year', verdict: 'true', summary: '' },
      tags: [],
      sources: [],
    }),
    record({
      pageUrl: 'https://exemple.fr/économie?x=1',
      pageTitle: 'Économie 📈',
      target: {
        quote: { type: 'TextQuoteSelector', exact: emojiQuote, prefix: '👍🏽 Selon le ministre, ', suffix: ' 🇫🇷 depuis mars' },
        position: { type: 'TextPositionSelector', start: 1200, end: 1200 + [...emojiQuote].length },
        positionUnit: 'code-point',
      },
      claim: { statement: 'Le café 🚀 coûte plus cher', verdict: 'misleading', summary: 'Prix stables — voir 📊.' },
      tags: ['🇫🇷 politique', 'café'],
    }),
    record({
      importedFrom: 'https://hypothes.is/a/LOCXbsOCEeaQl6f6fQh87Q',
      pageUrl: 'https://en.wikipedia.org/wiki/Regression_testing',
      pageTitle: 'Regression testing - Wikipedia',
      target: {
        quote: { type: 'TextQuoteSelector', exact: '11 November 2016', prefix: ' This page was last modified on ', suffix: ', at 05:56.' },
        position: { type: 'TextPositionSelector', start: 11881, end: 11897 },
        positionUnit: 'utf-16',
      },
      claim: { statement: '11 November 2016', verdict: 'unverified', summary: 'Footer' },
      tags: [],
    }),
    ...VERDICTS.map((verdict) => record({ claim: { statement: `A claim rated ${verdict}`, verdict, summary: '' }, tags: [verdict] })),
  ];
}

