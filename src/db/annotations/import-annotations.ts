import type { AnnotationDraft } from '../../annotations/annotation-draft';
import { AnnotationRecordSchema, OWN_PACK_ID, type AnnotationRecord } from '../../annotations/annotation-record';
import { deduplicateImports } from '../../annotations/deduplicate-imports';
import { getClaims } from '../claim-chunks';
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
    const ownKeysInUse = new Set<string>();
    await db.annotations.each((row) => {
      ownKeysInUse.add(row.claimKey);
      if (row.deletedAt === undefined) existing.push({ id: row.id, ...(row.importedFrom ? { importedFrom: row.importedFrom } : {}) });
    });
    const { fresh, duplicates } = deduplicateImports(existing, drafts);
    // The claim each annotation carries: an installed pack's claim it names stays that claim; an
    // own claim keeps its key (annotations that shared one still share it) unless that key is
    // already the user's here, whose wording a file must not change; anything else becomes a new
    // own claim, one per key the file named.
    const named = [...new Set(fresh.flatMap((d) => (d.claimKey && !d.claimKey.startsWith(`${OWN_PACK_ID}/`) ? [d.claimKey] : [])))];
    const installed = new Set((await getClaims(db, named)).map((row) => row.key));
    const renamed = new Map<string, string>();
    const claimKeyFor = (draft: AnnotationDraft): string => {
      const key = draft.claimKey;
      const own = key?.startsWith(`${OWN_PACK_ID}/`) ?? false;
      if (key && (own ? !ownKeysInUse.has(key) : installed.has(key))) return key;
      const fresh = `${OWN_PACK_ID}/c-${crypto.randomUUID()}`;
      if (!key) return fresh;
      if (!renamed.has(key)) renamed.set(key, fresh);
      return renamed.get(key)!;
    };
    const added = fresh.map(({ claimKey: _named, ...draft }, i) =>
      AnnotationRecordSchema.parse({
        ...draft,
        id: crypto.randomUUID(),
        pageUrl: pageKey(draft.pageUrl),
        site: new URL(draft.pageUrl).hostname,
        claimKey: claimKeyFor(fresh[i]!),
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
