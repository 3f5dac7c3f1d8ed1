import { hash64 } from '../packs/claimreview/values';
import type { Stance, Verdict } from '../schema/verdict';
import { VERDICT_LABELS } from '../verdict/verdict-scale';
import { ANNOTATION_CONTEXT } from './annotation-context';
import type { AnnotationRecord } from './annotation-record';
import { utf16RangeToCodePoints } from '../anchoring/text-positions';

/**
 * Annotation records as W3C Web Annotations (https://www.w3.org/TR/annotation-model/), in an
 * AnnotationCollection whose one page embeds them all. docs/annotation-format.md shows the shape.
 */

export type TextualBody = {
  type: 'TextualBody';
  purpose: 'describing' | 'assessing' | 'commenting' | 'tagging';
  value: string;
  format: 'text/plain';
  /** on the assessing body: our verdict name */
  verdict?: Verdict;
};

export type SourceBody = {
  type: 'SpecificResource';
  purpose: 'linking';
  source: { id: string; type: 'Text'; title: string; publisher?: string; date?: string };
  /** the passage of the source the annotator quoted */
  selector?: { type: 'TextQuoteSelector'; exact: string };
  stance: Stance;
};

export type WebAnnotationSelector =
  | { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }
  | { type: 'TextPositionSelector'; start: number; end: number };

export interface WebAnnotation {
  '@context'?: typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'assessing';
  /** crosscheck:claim, the claim's key */
  claim?: string;
  created?: string;
  modified?: string;
  body: Array<TextualBody | SourceBody>;
  target: { source: string; pageTitle?: string; selector: WebAnnotationSelector[] };
}

export interface AnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: 0;
  items: WebAnnotation[];
}

export interface AnnotationCollection {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: AnnotationPage;
}

export interface ExportOptions {
  /**
   * The page text a record's UTF-16 position counts in (document.body's text, as anchoring reads
   * it), when known. Without it, a position counted in UTF-16 units (imported from Hypothesis) is
   * left out: the model's positions count code points, and converting needs the text.
   */
  pageText?: (record: AnnotationRecord) => string | undefined;
}

export interface CollectionOptions extends ExportOptions {
  /** the collection's IRI; by default a urn:uuid derived from the annotations' ids */
  id?: string;
  /** the collection's label; "Crosscheck annotations" by default */
  label?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The IRI a record is exported under: where it was imported from, else `urn:uuid:<id>`. An id
 * that is not a UUID cannot be a urn:uuid; it gets a `tag:` IRI (RFC 4151) instead.
 */
export function annotationIdOf(record: Pick<AnnotationRecord, 'id' | 'importedFrom'>): string {
  if (record.importedFrom) return record.importedFrom;
  if (UUID.test(record.id)) return `urn:uuid:${record.id.toLowerCase()}`;
  return `tag:crosscheck.invalid,2025:annotation/${encodeURIComponent(record.id)}`;
}

const isoOf = (ms: number): string | undefined => (Number.isFinite(ms) ? new Date(ms).toISOString() : undefined);

/**
 * A record's position in code points. Code-point positions are kept; a UTF-16 position is
 * converted when the page text is known and still holds the quote there, and dropped otherwise.
 */
function positionOf(record: AnnotationRecord, options: ExportOptions): WebAnnotationSelector | undefined {
  const { position, positionUnit, quote } = record.target;
  if (!position) return undefined;
  if (positionUnit !== 'utf-16') return { type: 'TextPositionSelector', start: position.start, end: position.end };
  const text = options.pageText?.(record);
  if (text === undefined || text.slice(position.start, position.end) !== quote.exact) return undefined;
  const points = utf16RangeToCodePoints(text, position.start, position.end);
  return { type: 'TextPositionSelector', start: points.start, end: points.end };
}

/** One record as a Web Annotation; `standalone` adds the `@context` a file of its own needs. */
export function toWebAnnotation(record: AnnotationRecord, options: ExportOptions & { standalone?: boolean } = {}): WebAnnotation {
  const { quote } = record.target;
  const quoteSelector: WebAnnotationSelector = {
    type: 'TextQuoteSelector',
    exact: quote.exact,
    ...(quote.prefix ? { prefix: quote.prefix } : {}),
    ...(quote.suffix ? { suffix: quote.suffix } : {}),
  };
  const position = positionOf(record, options);
  const text = (purpose: TextualBody['purpose'], value: string): TextualBody => ({
    type: 'TextualBody',
    purpose,
    value,
    format: 'text/plain',
  });
  const body: WebAnnotation['body'] = [
    text('describing', record.claim.statement),
    { ...text('assessing', VERDICT_LABELS[record.claim.verdict]), verdict: record.claim.verdict },
  ];
  if (record.claim.summary) body.push(text('commenting', record.claim.summary));
  for (const tag of record.tags) body.push(text('tagging', tag));
  for (const source of record.sources)
    body.push({
      type: 'SpecificResource',
      purpose: 'linking',
      source: {
        id: source.url,
        type: 'Text',
        title: source.title,
        ...(source.publisher ? { publisher: source.publisher } : {}),
        ...(source.date ? { date: source.date } : {}),
      },
      ...(source.quote ? { selector: { type: 'TextQuoteSelector' as const, exact: source.quote } } : {}),
      stance: source.stance,
    });
  const created = isoOf(record.created);
  const modified = isoOf(record.modified);
  return {
    ...(options.standalone ? { '@context': ANNOTATION_CONTEXT } : {}),
    id: annotationIdOf(record),
    type: 'Annotation',
    motivation: 'assessing',
    claim: record.claimKey,
    ...(created ? { created } : {}),
    ...(modified ? { modified } : {}),
    body,
    target: {
      source: record.pageUrl,
      ...(record.pageTitle ? { pageTitle: record.pageTitle } : {}),
      selector: position ? [quoteSelector, position] : [quoteSelector],
    },
  };
}

/** A urn:uuid (version 8, name-based on our own hash) that is the same for the same annotation ids. */
function derivedCollectionId(annotationIds: readonly string[]): string {
  const names = [...annotationIds].sort().join('\n');
  const hex = hash64(`crosscheck-collection\n${names}`) + hash64(`${names}\ncrosscheck-collection`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Records as a W3C AnnotationCollection with every annotation embedded in its first (and only)
 * AnnotationPage; serve or save it as ANNOTATION_MEDIA_TYPE. Deleted records (in the trash) are
 * left out. The same records give the same JSON.
 */
export function toAnnotationCollection(records: readonly AnnotationRecord[], options: CollectionOptions = {}): AnnotationCollection {
  const items = records.filter((record) => record.deletedAt === undefined).map((record) => toWebAnnotation(record, options));
  const id = options.id ?? derivedCollectionId(items.map((item) => item.id));
  return {
    '@context': ANNOTATION_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: options.label ?? 'Crosscheck annotations',
    total: items.length,
    first: { id: `${id.split('#')[0]}#page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** The collection as the text of a file (pretty-printed JSON-LD). */
export function serializeAnnotationCollection(records: readonly AnnotationRecord[], options: CollectionOptions = {}): string {
  return `${JSON.stringify(toAnnotationCollection(records, options), null, 2)}\n`;
}
