import { PACK_FORMAT } from '../schema/pack';
import type { AnnotationFormat, AnnotationImport } from './annotation-draft';
import { isObject, shown } from './import-values';
import { annotationsFromW3CDocument, isW3CAnnotationDocument } from './parse-annotation-collection';
import { annotationsFromHypothesisDocument, isHypothesisDocument } from './parse-hypothesis-export';
import { readImportJson } from './read-import-json';

export interface AnnotationImportOptions {
  /** bytes of the file, when known (checked before parsing) */
  byteLength?: number;
  /** Hypothesis only: the page annotations belong to when they do not say */
  pageUrl?: string;
}

/** Which annotation format a parsed JSON document is in, or undefined when neither. */
export function detectAnnotationFormat(json: unknown): AnnotationFormat | undefined {
  if (isW3CAnnotationDocument(json)) return 'w3c';
  if (isHypothesisDocument(json)) return 'hypothesis';
  return undefined;
}

/** What a JSON document that is neither format looks like, for the error message. */
function describeOther(json: unknown): string {
  if (Array.isArray(json)) return json.length ? 'it is a list of something else' : 'it is an empty list';
  if (!isObject(json)) return `it is ${json === null ? 'null' : `a ${typeof json}`}, not an object`;
  if (json.format === PACK_FORMAT) return 'it is a Crosscheck pack; import it as a pack instead';
  const keys = Object.keys(json);
  if (!keys.length) return 'it is an empty object';
  const context = json['@context'];
  if (context !== undefined && !isObject(context))
    return `its @context is ${shown(JSON.stringify(context) ?? '', 80)}, not the W3C annotation context`;
  return `an object with ${keys.slice(0, 6).map((key) => `"${shown(key, 30)}"`).join(', ')}${keys.length > 6 ? ' and more' : ''}`;
}

/**
 * One entry point for annotation files: W3C Web Annotations (our own exports, a single
 * Annotation, an AnnotationPage or AnnotationCollection, a list) or Hypothesis annotations (API
 * search responses, user exports, one annotation, a list). The format is detected from the JSON.
 */
export function importAnnotationsText(text: string, options: AnnotationImportOptions = {}): AnnotationImport {
  const read = readImportJson(text, options.byteLength);
  if (!read.ok) return read;
  switch (detectAnnotationFormat(read.json)) {
    case 'w3c':
      return annotationsFromW3CDocument(read.json);
    case 'hypothesis':
      return annotationsFromHypothesisDocument(read.json, options.pageUrl === undefined ? {} : { pageUrl: options.pageUrl });
    default:
      return { ok: false, error: `This is not a W3C annotation collection or Hypothesis export: ${describeOther(read.json)}.` };
  }
}
