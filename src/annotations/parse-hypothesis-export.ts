import {
  checkDraft,
  MAX_IMPORTED_ANNOTATIONS,
  WarningList,
  type AnnotationDraft,
  type AnnotationDraftInput,
  type AnnotationImport,
} from './annotation-draft';
import { boundText, isObject, labelOf, listOf, readHttpUrl, readTime, stringOf, type JsonObject } from './import-values';
import { readImportJson } from './read-import-json';
import { readSelectors } from './read-selectors';

/**
 * Reads Hypothesis annotations (https://h.readthedocs.io/en/latest/api-reference/) into
 * annotation drafts: an API search response (`{ total, rows }`), a user export
 * (`{ export_date, annotations }`), one annotation, or a list of them.
 *
 * Hypothesis specifics: its TextPositionSelector counts UTF-16 code units (positionUnit
 * 'utf-16'); its RangeSelector holds XPaths into the page's DOM (startContainer/endOffset), not
 * the W3C RangeSelector, and is ignored. The annotation's `text` is the annotator's note on the
 * passage: it becomes the claim's summary, and the quoted passage its statement.
 */

export interface HypothesisParseOptions {
  /** bytes of the file, when known (checked before parsing) */
  byteLength?: number;
  /** the page annotations belong to when they do not say (no `uri`, no target `source`) */
  pageUrl?: string;
}

const LIMITS = { statement: 1000, summary: 4000, tag: 60, tags: 30, title: 500 };
const HYPOTHESIS_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Whether one parsed object looks like a Hypothesis annotation rather than W3C JSON-LD. */
const looksLikeAnnotation = (node: unknown): node is JsonObject =>
  isObject(node) &&
  node['@context'] === undefined &&
  node.type === undefined &&
  (typeof node.uri === 'string' || Array.isArray(node.target));

/** The annotations of a Hypothesis document, or undefined when it is not one. */
function rowsOf(json: unknown): unknown[] | undefined {
  if (Array.isArray(json)) return json.length && json.some(looksLikeAnnotation) ? json : undefined;
  if (!isObject(json)) return undefined;
  if (Array.isArray(json.rows)) return json.rows;
  if (Array.isArray(json.annotations) && ('export_date' in json || 'export_userid' in json || 'client_version' in json))
    return json.annotations;
  return looksLikeAnnotation(json) ? [json] : undefined;
}

/** Whether a parsed JSON value is a Hypothesis search response, export, annotation or list of annotations. */
export const isHypothesisDocument = (json: unknown): boolean => rowsOf(json) !== undefined;

/** The IRI an annotation is imported from: its `links.html` page, else hypothes.is/a/<id>. */
function importedFromOf(row: JsonObject): string | undefined {
  const html = isObject(row.links) ? readHttpUrl(row.links.html) : undefined;
  if (html?.ok) return html.url;
  const id = stringOf(row.id);
  return id && HYPOTHESIS_ID.test(id) ? `https://hypothes.is/a/${id}` : undefined;
}

function draftOf(row: unknown, index: number, fallbackPage: string | undefined, warnings: WarningList): AnnotationDraft | undefined {
  if (!isObject(row)) {
    warnings.add(`Skipped Hypothesis annotation ${index + 1}: it is not an object.`);
    return undefined;
  }
  const id = stringOf(row.id);
  const label = labelOf('Hypothesis annotation', id, index);
  const skip = (why: string) => {
    warnings.add(`Skipped ${label}: ${why}.`);
    return undefined;
  };
  if (listOf(row.references).length) return skip('it is a reply to another annotation, not a tagged passage');
  const targets = listOf(row.target, 50).filter(isObject);
  const target = targets.find((t) => readSelectors(t.selector).quote) ?? targets[0];
  const selectors = readSelectors(target?.selector);
  if (!selectors.quote) {
    if (selectors.problems.length) return skip(`its target has ${selectors.problems[0]}`);
    return skip(
      target?.selector === undefined
        ? 'it is a page note (no TextQuoteSelector: it annotates the whole page, not a passage)'
        : 'its target has no TextQuoteSelector, so there is no passage to anchor',
    );
  }
  const rawPage = stringOf(target?.source) ?? stringOf(row.uri) ?? fallbackPage;
  if (rawPage === undefined) return skip('it does not say which page it annotates (no uri, no target source)');
  const page = readHttpUrl(rawPage, true);
  if (!page.ok) return skip(`its page is ${page.problem}`);

  const importedFrom = importedFromOf(row);
  if (!importedFrom) warnings.add(`${label} has no usable id: importing the file again will add it again.`);
  const summary = boundText(stringOf(row.text) ?? '', LIMITS.summary);
  if (summary.cut) warnings.add(`${label}: its text was cut to ${LIMITS.summary.toLocaleString('en')} characters.`);
  const tags = [
    ...new Set(
      listOf(row.tags, 200)
        .filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '')
        .map((tag) => boundText(tag, LIMITS.tag).text),
    ),
  ];
  if (tags.length > LIMITS.tags) warnings.add(`${label}: kept its first ${LIMITS.tags} of ${tags.length} tags.`);
  const title = isObject(row.document) ? stringOf(row.document.title) : undefined;

  const draft: AnnotationDraftInput = {
    pageUrl: page.url,
    pageTitle: boundText(title ?? '', LIMITS.title).text,
    target: {
      quote: selectors.quote,
      ...(selectors.position ? { position: selectors.position } : {}),
      positionUnit: 'utf-16',
    },
    claim: { statement: boundText(selectors.quote.exact, LIMITS.statement).text, verdict: 'unverified', summary: summary.text },
    tags: tags.slice(0, LIMITS.tags),
    sources: [],
    ...(importedFrom ? { importedFrom } : {}),
  };
  const created = readTime(row.created);
  const modified = readTime(row.updated);
  if (created !== undefined) draft.created = created;
  if (modified !== undefined) draft.modified = modified;
  return checkDraft(draft, label, warnings);
}

/** Drafts from an already parsed Hypothesis document. */
export function annotationsFromHypothesisDocument(
  json: unknown,
  options: Omit<HypothesisParseOptions, 'byteLength'> = {},
): AnnotationImport {
  const rows = rowsOf(json);
  if (!rows)
    return {
      ok: false,
      error: 'This is not a Hypothesis export: it has no "rows" (an API search response), no "annotations" with "export_date" (a user export), and is not an annotation with a "uri" or "target".',
    };
  let fallbackPage: string | undefined;
  if (options.pageUrl !== undefined) {
    const page = readHttpUrl(options.pageUrl, true);
    if (!page.ok) return { ok: false, error: `The page given for the annotations is ${page.problem}.` };
    fallbackPage = page.url;
  }
  const warnings = new WarningList();
  const read = rows.slice(0, MAX_IMPORTED_ANNOTATIONS);
  if (rows.length > read.length)
    warnings.add(`Read the first ${read.length.toLocaleString('en')} annotations; ${(rows.length - read.length).toLocaleString('en')} more were left out.`);
  if (isObject(json) && typeof json.total === 'number' && json.total > rows.length)
    warnings.add(`The response holds ${rows.length} of ${json.total} annotations (one page of the search): only those were read.`);
  const annotations: AnnotationDraft[] = [];
  read.forEach((row, index) => {
    const draft = draftOf(row, index, fallbackPage, warnings);
    if (draft) annotations.push(draft);
  });
  if (!rows.length) warnings.add('The file holds no annotations.');
  return { ok: true, format: 'hypothesis', annotations, warnings: warnings.list() };
}

/**
 * Reads a Hypothesis file into annotation drafts. Page notes, replies and annotations without a
 * TextQuoteSelector on an http(s) page are skipped, each with a warning naming it and why.
 */
export function parseHypothesisExport(text: string, options: HypothesisParseOptions = {}): AnnotationImport {
  const read = readImportJson(text, options.byteLength);
  return read.ok ? annotationsFromHypothesisDocument(read.json, options) : read;
}
