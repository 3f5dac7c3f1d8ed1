/**
 * Finds the ClaimReview nodes in parsed JSON-LD, however they are wrapped: a single node, a list,
 * an `@graph`, a Data Commons `DataFeed` (`dataFeedElement[].item`), or nested inside another node
 * (a WebPage's `mainEntity`, an Article's `review`). MediaReview nodes are reported, not returned:
 * they rate a photo or video, not a claim.
 */

/** Nesting deeper than this is not searched: real markup needs a handful of levels. */
const MAX_DEPTH = 24;

export interface FoundReviews {
  /** ClaimReview nodes in document order, each still unvalidated. */
  reviews: Array<Record<string, unknown>>;
  /** Whether a DataFeed wrapper was seen. */
  dataFeed: boolean;
  /** `@type`s of the document's top-level nodes that are not ClaimReviews, for error messages. */
  otherTypes: string[];
  warnings: string[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** "ClaimReview", "schema:ClaimReview" and "https://schema.org/ClaimReview" all read as "ClaimReview". */
const localName = (type: string): string => type.trim().replace(/^.*[/#:]/, '');

export function typesOf(node: JsonObject): string[] {
  const raw = node['@type'] ?? node.type;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((type): type is string => typeof type === 'string').map(localName);
}

const describeNode = (node: JsonObject): string => {
  const url = typeof node.url === 'string' ? node.url : typeof node['@id'] === 'string' ? node['@id'] : undefined;
  return url ? ` (${url})` : '';
};

export function findClaimReviews(documents: readonly unknown[]): FoundReviews {
  const found: FoundReviews = { reviews: [], dataFeed: false, otherTypes: [], warnings: [] };
  const seen = new Set<unknown>();

  const visit = (value: unknown, depth: number, topLevel: boolean): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1, topLevel);
      return;
    }
    const node = value as JsonObject;
    const types = typesOf(node);
    if (types.includes('ClaimReview')) {
      found.reviews.push(node);
      return;
    }
    if (types.includes('MediaReview')) {
      found.warnings.push(
        `Skipped a MediaReview${describeNode(node)}: it rates a photo or video, not a claim, so it has no claim to import.`,
      );
    } else if (types.includes('DataFeed')) {
      found.dataFeed = true;
    }
    if (topLevel && types.length && !types.includes('DataFeed'))
      for (const type of types) if (!found.otherTypes.includes(type)) found.otherTypes.push(type);

    // Wrappers whose items count as top-level nodes of the document.
    if (Array.isArray(node['@graph']) || isObject(node['@graph'])) visit(node['@graph'], depth + 1, topLevel);
    if (types.includes('DataFeed'))
      for (const element of asArray(node.dataFeedElement)) {
        if (!isObject(element)) continue;
        if (typesOf(element).includes('DataFeedItem') || 'item' in element) visit(element.item, depth + 2, topLevel);
        else visit(element, depth + 1, topLevel);
      }
    // Anything else may hold a ClaimReview deeper down (mainEntity, review, hasPart, …).
    for (const [key, child] of Object.entries(node)) {
      if (key === '@graph' || key === '@context' || (types.includes('DataFeed') && key === 'dataFeedElement')) continue;
      visit(child, depth + 1, false);
    }
  };

  for (const document of documents) visit(document, 0, true);
  return found;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
