import { PartialDateSchema } from '../schema/common';
import { StanceSchema, VerdictSchema, type Verdict } from '../schema/verdict';
import { VERDICT_LABELS, VERDICTS } from '../verdict/verdict-scale';
import { termValue, W3C_ANNOTATION_CONTEXT } from './annotation-context';
import {
  checkDraft,
  MAX_IMPORTED_ANNOTATIONS,
  WarningList,
  type AnnotationDraft,
  type AnnotationDraftInput,
  type AnnotationImport,
} from './annotation-draft';
import type { AnnotationSource } from './annotation-record';
import {
  boundText,
  hasType,
  isIri,
  isObject,
  labelOf,
  listOf,
  readHttpUrl,
  readTime,
  shown,
  stringOf,
  type JsonObject,
} from './import-values';
import { readImportJson } from './read-import-json';
import { readSelectors, type SelectorRead } from './read-selectors';

/**
 * Reads W3C Web Annotations (https://www.w3.org/TR/annotation-model/) into annotation drafts:
 * our own exports (losslessly), and annotations from other tools as far as they carry a
 * TextQuoteSelector on an http(s) page. docs/annotation-format.md lists the mapping.
 */

export interface W3CParseOptions {
  /** bytes of the file, when known (checked before parsing) */
  byteLength?: number;
}

const CONTAINER_TYPES = ['Annotation', 'AnnotationCollection', 'AnnotationPage'];
/** The W3C context, and its https form that some tools write. */
const W3C_CONTEXTS: readonly string[] = [W3C_ANNOTATION_CONTEXT, W3C_ANNOTATION_CONTEXT.replace('http:', 'https:')];
/** Pages followed through embedded `next` pages. */
const MAX_PAGES = 10_000;
const MAX_BODIES = 300;
const MAX_TARGETS = 50;
/** Nested Choice / Composite bodies followed. */
const MAX_BODY_NESTING = 4;

const LIMITS = { statement: 1000, summary: 4000, tag: 60, tags: 30, sources: 100, title: 500, publisher: 200, quote: 2000 };

/** Whether a parsed JSON value is W3C annotation data: a context or a type says so. */
/** The crosscheck:claim term: a `<packId>/<claimId>` key, or nothing usable. */
function claimKeyOf(annotation: JsonObject): string | undefined {
  const key = stringOf(termValue(annotation, 'claim'));
  return key && key.length <= 400 && /^[A-Za-z0-9._:-]+\/[A-Za-z0-9._:-]+$/.test(key) ? key : undefined;
}

export function isW3CAnnotationDocument(json: unknown): boolean {
  const nodes = Array.isArray(json) ? json.slice(0, 20) : [json];
  return nodes.some(
    (node) =>
      isObject(node) &&
      (listOf(node['@context'], 20).some((context) => W3C_CONTEXTS.includes(context as string)) || hasType(node, ...CONTAINER_TYPES)),
  );
}

/** The annotations a document holds, however it packs them; what it holds that cannot be read is warned about. */
function collectAnnotations(json: unknown, warnings: WarningList): { nodes: JsonObject[]; more: number } {
  const nodes: JsonObject[] = [];
  let more = 0;
  let pages = 0;
  const add = (node: JsonObject) => {
    if (nodes.length < MAX_IMPORTED_ANNOTATIONS) nodes.push(node);
    else more++;
  };
  const visitPage = (page: JsonObject, where: string) => {
    for (let current: unknown = page; isObject(current) && pages < MAX_PAGES; current = current.next) {
      pages++;
      const items = Array.isArray(current.items) ? current.items : [];
      items.forEach((item, i) => {
        if (isObject(item) && hasType(item, 'Annotation')) add(item);
        else if (typeof item === 'string')
          warnings.add(`Skipped item ${i + 1} of ${where}: it only links to an annotation (${shown(item)}) that the file does not contain.`);
        else warnings.add(`Skipped item ${i + 1} of ${where}: it is not an Annotation.`);
      });
      if (typeof current.next === 'string')
        warnings.add(`${where[0]!.toUpperCase()}${where.slice(1)} continues on a page the file does not contain (${shown(current.next)}): only the annotations in the file were read.`);
    }
  };
  const visit = (value: unknown, where: string, depth: number) => {
    if (Array.isArray(value)) {
      if (depth > 2) return warnings.add(`Skipped a list inside a list inside ${where}.`);
      value.forEach((item, i) => visit(item, `item ${i + 1} of the list`, depth + 1));
    } else if (hasType(value, 'Annotation')) add(value as JsonObject);
    else if (hasType(value, 'AnnotationPage')) visitPage(value as JsonObject, 'the annotation page');
    else if (hasType(value, 'AnnotationCollection')) {
      const collection = value as JsonObject;
      const first = Array.isArray(collection.first) ? collection.first[0] : collection.first;
      if (isObject(first)) visitPage(first, 'the collection');
      else if (typeof first === 'string')
        warnings.add(`The collection's annotations are not in the file: its first page is at ${shown(first)}. Save that page and import it.`);
      else if (typeof collection.total === 'number' && collection.total > 0)
        warnings.add('The collection says it has annotations but embeds no page of them.');
    } else {
      const type = isObject(value) ? stringOf(value.type) : undefined;
      warnings.add(`Skipped ${where}: it is ${type ? `a "${shown(type, 40)}"` : 'not an object with a type'}, not an Annotation, AnnotationPage or AnnotationCollection.`);
    }
  };
  visit(json, 'the file', 0);
  return { nodes, more };
}

type TargetRead = { ok: true; pageUrl: string; pageTitle: string; selectors: SelectorRead } | { ok: false; why: string };

/** The first target that is a passage of an http(s) page; else why none is. */
function readTarget(annotation: JsonObject): TargetRead {
  const targets = listOf(annotation.target, MAX_TARGETS);
  if (!targets.length) return { ok: false, why: 'it has no target' };
  // Why none is usable, the most telling reason first: a quote on a page that is not http(s),
  // a quote that is not usable, a target that is not one page, no quote at all.
  let pageProblem: string | undefined;
  let quoteProblem: string | undefined;
  let why = 'its target has no TextQuoteSelector, so there is no passage to anchor';
  for (const target of targets) {
    if (!isObject(target) || target.source === undefined) {
      if (isObject(target) && Array.isArray(target.items))
        why = `it targets several resources (${shown(stringOf(target.type) ?? 'a set', 30)}), not a passage of a page`;
      else if (isObject(target) && target.selector !== undefined) why = 'its target names no page (it has no source)';
      continue;
    }
    const selectors = readSelectors(target.selector);
    if (!selectors.quote) {
      quoteProblem ??= selectors.problems[0];
      continue;
    }
    const sourceNode = isObject(target.source) ? target.source : undefined;
    const page = readHttpUrl(sourceNode ? sourceNode.id : stringOf(target.source), true);
    if (!page.ok) {
      pageProblem ??= `its page is ${page.problem}`;
      continue;
    }
    const title = stringOf(termValue(target, 'pageTitle')) ?? (sourceNode ? stringOf(termValue(sourceNode, 'title')) : undefined);
    return { ok: true, pageUrl: page.url, pageTitle: boundText(title ?? '', LIMITS.title).text, selectors };
  }
  return { ok: false, why: pageProblem ?? (quoteProblem ? `its target has ${quoteProblem}` : why) };
}

interface BodyRead {
  statements: string[];
  comments: string[];
  tags: string[];
  verdict?: Verdict;
  sources: AnnotationSource[];
}

const VERDICT_BY_TEXT = new Map<string, Verdict>(
  VERDICTS.flatMap((verdict) => [
    [verdict, verdict],
    [VERDICT_LABELS[verdict].toLowerCase(), verdict],
  ]),
);

/** A verdict from our extension term, else from an assessing text that names one ("Mostly false"). */
function verdictOf(body: JsonObject, value: string, label: string, warnings: WarningList): Verdict | undefined {
  const term = termValue(body, 'verdict');
  if (term !== undefined) {
    const parsed = VerdictSchema.safeParse(term);
    if (parsed.success) return parsed.data;
    warnings.add(`${label} has an unknown verdict ${shown(JSON.stringify(term) ?? '', 40)}; it was read from the text instead.`);
  }
  return VERDICT_BY_TEXT.get(value.trim().toLowerCase());
}

/** The URL a body resource stands for: itself (a string), its `source` (a SpecificResource), or its `id`. */
function resourceUrlOf(body: unknown): unknown {
  if (!isObject(body)) return body;
  if (isObject(body.source)) return body.source.id;
  return body.source !== undefined ? stringOf(body.source) : stringOf(body.id);
}

/** A linked resource (a source) from a body that is a URL, a SpecificResource or an external resource. */
function readSource(body: unknown, label: string, warnings: WarningList): AnnotationSource | undefined {
  const node = isObject(body) ? body : undefined;
  const sourceNode = node && isObject(node.source) ? node.source : undefined;
  const rawUrl = resourceUrlOf(body);
  const url = readHttpUrl(rawUrl);
  if (!url.ok) {
    if (rawUrl !== undefined) warnings.add(`${label}: left out a linked resource, since it is ${url.problem}.`);
    return undefined;
  }
  const described = sourceNode ?? node ?? {};
  const title = stringOf(termValue(described, 'title')) ?? stringOf(described.name) ?? stringOf(described.label);
  const publisher = stringOf(termValue(described, 'publisher'));
  // A date-time keeps its day: the record holds dates as precise as YYYY-MM-DD.
  const date = stringOf(termValue(described, 'date'))?.replace(/^(\d{4}-\d{2}-\d{2})T.*$/, '$1');
  const stance = StanceSchema.safeParse(node ? termValue(node, 'stance') : undefined);
  const quote = node ? readSelectors(node.selector).quote?.exact : undefined;
  return {
    url: url.url,
    title: boundText(title?.trim() ? title : url.url, LIMITS.title).text,
    publisher: boundText(publisher ?? '', LIMITS.publisher).text,
    ...(date && PartialDateSchema.safeParse(date).success ? { date } : {}),
    stance: stance.success ? stance.data : 'context',
    quote: boundText(quote ?? '', LIMITS.quote).text,
  };
}

function readBody(body: unknown, motivation: string | undefined, read: BodyRead, label: string, warnings: WarningList, depth = 0): void {
  if (isObject(body) && Array.isArray(body.items) && hasType(body, 'Choice', 'Composite', 'List', 'Independents')) {
    if (depth >= MAX_BODY_NESTING) return;
    const items = body.items.slice(0, MAX_BODIES);
    // A Choice offers alternatives: the first text, or else the first web page, stands for it.
    const isText = (item: unknown) => isObject(item) && typeof item.value === 'string';
    const isWebResource = (item: unknown) => readHttpUrl(resourceUrlOf(item)).ok;
    const choice = hasType(body, 'Choice') ? [items.find(isText) ?? items.find(isWebResource)] : items;
    for (const item of choice) if (item !== undefined) readBody(item, motivation, read, label, warnings, depth + 1);
    return;
  }
  if (isObject(body) && typeof body.value === 'string' && body.source === undefined) {
    const value = body.value.trim();
    if (!value) return;
    switch (stringOf(body.purpose) ?? motivation) {
      case 'describing':
        read.statements.push(value);
        break;
      case 'tagging':
      case 'classifying':
        read.tags.push(value);
        break;
      case 'assessing': {
        const verdict = verdictOf(body, value, label, warnings);
        if (verdict && !read.verdict) read.verdict = verdict;
        else read.comments.push(value);
        break;
      }
      default:
        read.comments.push(value);
    }
    return;
  }
  // A tag given as a resource (a semantic tag, anno21) names a concept, not a source: left out.
  if (isObject(body) && ['tagging', 'classifying', 'identifying'].includes(stringOf(body.purpose) ?? '')) return;
  if (typeof body === 'string' || isObject(body)) {
    const source = readSource(body, label, warnings);
    if (source) read.sources.push(source);
  }
}

function bounded(value: string, max: number, what: string, label: string, warnings: WarningList): string {
  const { text, cut } = boundText(value, max);
  if (cut) warnings.add(`${label}: its ${what} was cut to ${max.toLocaleString('en')} characters.`);
  return text;
}

/** One annotation as a draft, or undefined with a warning saying why it was skipped. */
function draftOf(annotation: JsonObject, index: number, warnings: WarningList): AnnotationDraft | undefined {
  const id = stringOf(annotation.id);
  const label = labelOf('annotation', id, index);
  const target = readTarget(annotation);
  if (!target.ok) {
    warnings.add(`Skipped ${label}: ${target.why}.`);
    return undefined;
  }
  let importedFrom: string | undefined;
  if (id && isIri(id)) importedFrom = id;
  else
    warnings.add(
      `${label} ${id ? 'has an id that is not an IRI' : 'has no id'}: importing the file again will add it again.`,
    );
  if (target.selectors.refined)
    warnings.add(`${label}: its quote refines a ${shown(target.selectors.refined, 40)}; the quote is looked for in the whole page.`);

  const motivation = stringOf(annotation.motivation);
  const read: BodyRead = { statements: [], comments: [], tags: [], sources: [] };
  for (const body of listOf(annotation.body, MAX_BODIES)) readBody(body, motivation, read, label, warnings);
  const bodyValue = stringOf(annotation.bodyValue)?.trim();
  if (bodyValue) read.comments.push(bodyValue);

  const quote = target.selectors.quote!;
  const [statement, ...moreStatements] = read.statements;
  const tags = [...new Set(read.tags.map((tag) => bounded(tag, LIMITS.tag, `tag "${shown(tag, 20)}"`, label, warnings)))];
  if (tags.length > LIMITS.tags) warnings.add(`${label}: kept its first ${LIMITS.tags} of ${tags.length} tags.`);
  if (read.sources.length > LIMITS.sources)
    warnings.add(`${label}: kept its first ${LIMITS.sources} of ${read.sources.length} linked sources.`);

  const draft: AnnotationDraftInput = {
    pageUrl: target.pageUrl,
    pageTitle: target.pageTitle,
    target: {
      quote,
      ...(target.selectors.position ? { position: target.selectors.position } : {}),
      positionUnit: 'code-point',
    },
    claim: {
      // Without a describing text, the quoted passage is the claim.
      statement: statement
        ? bounded(statement, LIMITS.statement, 'statement', label, warnings)
        : boundText(quote.exact, LIMITS.statement).text,
      verdict: read.verdict ?? 'unverified',
      summary: bounded([...moreStatements, ...read.comments].join('\n\n'), LIMITS.summary, 'comment', label, warnings),
    },
    tags: tags.slice(0, LIMITS.tags),
    sources: read.sources.slice(0, LIMITS.sources),
    ...(importedFrom ? { importedFrom } : {}),
    ...(claimKeyOf(annotation) ? { claimKey: claimKeyOf(annotation)! } : {}),
  };
  const created = readTime(annotation.created);
  const modified = readTime(annotation.modified);
  if (created !== undefined) draft.created = created;
  if (modified !== undefined) draft.modified = modified;
  return checkDraft(draft, label, warnings);
}

/**
 * Drafts from an already parsed W3C document: one Annotation, an AnnotationPage, an
 * AnnotationCollection with its page(s) embedded, or a list of any of these.
 */
export function annotationsFromW3CDocument(json: unknown): AnnotationImport {
  if (!isW3CAnnotationDocument(json))
    return {
      ok: false,
      error: `This is not W3C annotation data: it has no "@context": "${W3C_ANNOTATION_CONTEXT}" and no "type" of Annotation, AnnotationPage or AnnotationCollection.`,
    };
  const warnings = new WarningList();
  const { nodes, more } = collectAnnotations(json, warnings);
  if (more) warnings.add(`Read the first ${MAX_IMPORTED_ANNOTATIONS.toLocaleString('en')} annotations; ${more.toLocaleString('en')} more were left out.`);
  const annotations: AnnotationDraft[] = [];
  nodes.forEach((node, index) => {
    const draft = draftOf(node, index, warnings);
    if (draft) annotations.push(draft);
  });
  if (!nodes.length) warnings.add('The file holds no annotations.');
  return { ok: true, format: 'w3c', annotations, warnings: warnings.list() };
}

/**
 * Reads a W3C Web Annotation file (JSON-LD) into annotation drafts. Annotations without a
 * TextQuoteSelector on an http(s) page are skipped, each with a warning naming it and why.
 * Text is kept as it is (never interpreted as HTML) within the record's length limits.
 */
export function parseAnnotationCollection(text: string, options: W3CParseOptions = {}): AnnotationImport {
  const read = readImportJson(text, options.byteLength);
  return read.ok ? annotationsFromW3CDocument(read.json) : read;
}
