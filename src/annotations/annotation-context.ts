/**
 * The JSON-LD vocabulary of exported annotations: the W3C Web Annotation context plus Crosscheck's
 * few extension terms. docs/annotation-format.md documents each term.
 */

/** The W3C Web Annotation Data Model's JSON-LD context. */
export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * The media type exported collections are served and saved as (Web Annotation Protocol §4):
 * JSON-LD with the annotation profile.
 */
export const ANNOTATION_MEDIA_TYPE = 'application/ld+json;profile="http://www.w3.org/ns/anno.jsonld"';

/** The file name extension that goes with the media type. */
export const ANNOTATION_FILE_EXTENSION = '.jsonld';

/**
 * Crosscheck's namespace for the terms the W3C model lacks. `.invalid` is reserved (RFC 2606): the
 * IRI names terms and is never fetched. Importers also accept the full IRIs and `crosscheck:` names.
 */
export const CROSSCHECK_NS = 'https://crosscheck.invalid/ns#';

const DCTERMS = 'http://purl.org/dc/terms/';

/** The extension terms as they appear in exported JSON (short names), with their full IRIs. */
export const CROSSCHECK_TERMS = {
  /** on a verdict body: the verdict's name on Crosscheck's scale ("mostly-false") */
  verdict: `${CROSSCHECK_NS}verdict`,
  /** on a source body: "supports", "contradicts" or "context": the source's stance on the claim */
  stance: `${CROSSCHECK_NS}stance`,
  /** on the target: the page's title when the passage was tagged */
  pageTitle: `${CROSSCHECK_NS}pageTitle`,
  /**
   * on the annotation: the claim it carries, as `<packId>/<claimId>`. Annotations that share a
   * claim keep sharing it when imported, and one that points to an installed pack's claim is
   * attached to that claim again where the pack is installed.
   */
  claim: `${CROSSCHECK_NS}claim`,
  /** on a source body's `source`: Dublin Core title, publisher (a name) and date (YYYY[-MM[-DD]]) */
  title: `${DCTERMS}title`,
  publisher: `${DCTERMS}publisher`,
  date: `${DCTERMS}date`,
} as const;

export type CrosscheckTerm = keyof typeof CROSSCHECK_TERMS;

/** The second `@context` entry: the `crosscheck` prefix and the short names of the extension terms. */
export const CROSSCHECK_CONTEXT = {
  crosscheck: CROSSCHECK_NS,
  verdict: 'crosscheck:verdict',
  stance: 'crosscheck:stance',
  pageTitle: 'crosscheck:pageTitle',
  claim: 'crosscheck:claim',
  title: CROSSCHECK_TERMS.title,
  publisher: CROSSCHECK_TERMS.publisher,
  date: CROSSCHECK_TERMS.date,
} as const;

/** `@context` of every exported document: the W3C context first, as the model requires. */
export const ANNOTATION_CONTEXT = [W3C_ANNOTATION_CONTEXT, CROSSCHECK_CONTEXT] as const;

/**
 * An extension term's value on a node, whichever way it is written: the short name (our context),
 * `crosscheck:name`, or the full IRI. Importers do not expand arbitrary JSON-LD contexts.
 */
export function termValue(node: Record<string, unknown>, term: CrosscheckTerm): unknown {
  const iri = CROSSCHECK_TERMS[term];
  if (Object.hasOwn(node, term)) return node[term];
  if (Object.hasOwn(node, iri)) return node[iri];
  if (iri.startsWith(CROSSCHECK_NS) && Object.hasOwn(node, `crosscheck:${term}`)) return node[`crosscheck:${term}`];
  if (iri.startsWith(DCTERMS) && Object.hasOwn(node, `dcterms:${term}`)) return node[`dcterms:${term}`];
  return undefined;
}
