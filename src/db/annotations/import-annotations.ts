import type { AnnotationDraft } from '../../annotations/annotation-draft';
import { AnnotationRecordSchema, OWN_PACK_ID, type AnnotationRecord } from '../../annotations/annotation-record';
import { deduplicateImports } from '../../annotations/deduplicate-imports';
import type { CrosscheckDatabase } from '../crosscheck-database';
import { annotationTables, rebuildOwnPack } from './own-pack';
import { pageKey } from './save-annotation';

export interface ImportedAnnotations {
  added: AnnotationRecord[];
  duplicates: number;
}

/**
 * Adds imported annotations that are not already stored (same IRI, or one of ours exported
 * earlier), each with a claim of the user's own made from what the file said. One transaction
 * with the own pack's rebuild: a file that fails halfway adds nothing. Existing annotations are
 * never changed by an import.
 */
export async function importAnnotations(
  db: CrosscheckDatabase,
  drafts: readonly AnnotationDraft[],
  now = Date.now(),
): Promise<ImportedAnnotations> {
  return db.transaction('rw', annotationTables(db), async () => {
    const existing: Array<Pick<AnnotationRecord, 'id' | 'importedFrom'>> = [];
    await db.annotations.each((row) => {
      if (row.deletedAt === undefined) existing.push({ id: row.id, ...(row.importedFrom ? { importedFrom: row.importedFrom } : {}) });
    });
    const { fresh, duplicates } = deduplicateImports(existing, drafts);
    const added = fresh.map((draft) =>
      AnnotationRecordSchema.parse({
        ...draft,
        id: crypto.randomUUID(),
        pageUrl: pageKey(draft.pageUrl),
        site: new URL(draft.pageUrl).hostname,
        claimKey: `${OWN_PACK_ID}/c-${crypto.randomUUID()}`,
        created: draft.created ?? now,
        modified: draft.modified ?? draft.created ?? now,
      }),
    );
    if (added.length) {
      await db.annotations.bulkAdd(added);
      await rebuildOwnPack(db);
    }
    return { added, duplicates: duplicates.length };
  });
}
