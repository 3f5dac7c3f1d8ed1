import type { AnnotationRecord } from './annotation-record';
import { annotationIdOf } from './to-annotation-collection';

/** urn:uuid IRIs compare without case (RFC 4122); other IRIs as written. */
const keyOf = (iri: string): string => (/^urn:uuid:/i.test(iri) ? iri.toLowerCase() : iri);

/**
 * Splits imported drafts into those not yet stored and those that are: a draft is a duplicate
 * when its `importedFrom` is the `importedFrom` of a stored annotation, or the IRI one of ours is
 * exported under (`urn:uuid:<id>`), or the same as an earlier draft's. Importing the same file
 * twice adds nothing; drafts without `importedFrom` are always fresh.
 */
export function deduplicateImports<Draft extends { importedFrom?: string | undefined }>(
  existing: ReadonlyArray<Pick<AnnotationRecord, 'id' | 'importedFrom'>>,
  drafts: readonly Draft[],
): { fresh: Draft[]; duplicates: Draft[] } {
  const known = new Set<string>();
  for (const record of existing) {
    known.add(keyOf(annotationIdOf(record)));
    known.add(keyOf(annotationIdOf({ id: record.id })));
  }
  const fresh: Draft[] = [];
  const duplicates: Draft[] = [];
  for (const draft of drafts) {
    const key = draft.importedFrom === undefined ? undefined : keyOf(draft.importedFrom);
    if (key !== undefined && known.has(key)) duplicates.push(draft);
    else {
      fresh.push(draft);
      if (key !== undefined) known.add(key);
    }
  }
  return { fresh, duplicates };
}
